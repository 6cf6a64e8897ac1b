//! The learned pair scorer: gradient-boosted trees over the evidence of
//! [`super::evidence`], trained on the BASIL training gold by `scripts/train_aligner.py` and
//! compiled into the binary (`model.json`; no Python and no download at run time).
//!
//! Two models share the evidence: `link` gives the probability that a careful reader accepts
//! the pair as carrying one fact (same or partial), `same` the probability that a linked pair
//! is `same` rather than `partial`.

use super::evidence;
use serde::Deserialize;
use std::sync::OnceLock;

static MODEL_JSON: &str = include_str!("model.json");

/// A tree node as the file stores it: `[feature, threshold, left, right, value]`.
type Node = (i32, f64, u32, u32, f64);

/// One boosted-trees model as the file stores it: log-odds = `init` + the leaf values reached
/// in every tree.
#[derive(Debug, Deserialize)]
struct Trees {
    kind: String,
    init: f64,
    /// Each tree as its nodes; a leaf has feature -1; an inner node sends `x` left when
    /// `x[feature] <= threshold`.
    trees: Vec<Vec<Node>>,
}

impl Trees {
    fn valid(&self) -> bool {
        self.kind == "gbdt"
            && self.trees.iter().all(|t| {
                // (Depth is checked after the structure: children after parents bound it.)
                !t.is_empty()
                    && t.iter().enumerate().all(|(i, &(f, _, l, r, _))| {
                        // Children come after their parent, so a walk always ends.
                        f < 0
                            || ((f as usize) < evidence::N
                                && (l as usize) < t.len()
                                && (r as usize) < t.len()
                                && l as usize > i
                                && r as usize > i)
                    })
            })
            && self.trees.iter().all(|t| tree_depth(t, 0) <= MAX_DEPTH)
    }
}

/// All trees of one model laid out as complete binary trees of one depth, in one array: a
/// tree's internal nodes in breadth-first order, then its leaves. A leaf the file places
/// higher up is pushed down through nodes that always go left (threshold +∞), so a walk is
/// `depth` steps of compare-and-index with no data-dependent branch.
#[derive(Debug)]
struct Forest {
    init: f64,
    depth: u32,
    /// Per tree: `2^depth - 1` (feature, threshold) pairs.
    splits: Vec<(u32, f32)>,
    /// Per tree: `2^depth` leaf values.
    leaves: Vec<f32>,
}

/// The deepest the complete layout goes (a file with deeper trees is refused by `valid`).
const MAX_DEPTH: u32 = 8;

impl Forest {
    fn new(t: &Trees) -> Forest {
        let depth = t
            .trees
            .iter()
            .map(|tree| tree_depth(tree, 0))
            .max()
            .unwrap_or(0);
        let inner = (1usize << depth) - 1;
        let mut splits = vec![(0u32, f32::INFINITY); inner * t.trees.len()];
        let mut leaves = vec![0f32; (inner + 1) * t.trees.len()];
        for (k, tree) in t.trees.iter().enumerate() {
            let s = &mut splits[k * inner..(k + 1) * inner];
            let l = &mut leaves[k * (inner + 1)..(k + 1) * (inner + 1)];
            place(tree, 0, 0, 0, depth, s, l);
        }
        Forest {
            init: t.init,
            depth,
            splits,
            leaves,
        }
    }

    fn probability(&self, x: &[f32; evidence::N]) -> f32 {
        let inner = (1usize << self.depth) - 1;
        let mut raw = self.init;
        for (s, l) in self
            .splits
            .chunks_exact(inner.max(1))
            .zip(self.leaves.chunks_exact(inner + 1))
        {
            let mut at = 0usize;
            for _ in 0..self.depth {
                let (f, t) = s[at];
                at = 2 * at + 1 + usize::from(x[f as usize] > t);
            }
            raw += f64::from(l[at - inner]);
        }
        (1.0 / (1.0 + (-raw).exp())) as f32
    }
}

/// The largest `f32` below `x` (`f32::next_down`, which needs Rust 1.86), for finite `x`.
fn next_down(x: f32) -> f32 {
    if x == 0.0 {
        -f32::from_bits(1)
    } else if x > 0.0 {
        f32::from_bits(x.to_bits() - 1)
    } else {
        f32::from_bits(x.to_bits() + 1)
    }
}

/// Depth of the subtree at `node` (a leaf is 0).
fn tree_depth(tree: &[Node], node: usize) -> u32 {
    let (f, _, left, right, _) = tree[node];
    if f < 0 {
        0
    } else {
        1 + tree_depth(tree, left as usize).max(tree_depth(tree, right as usize))
    }
}

/// Writes the subtree at file node `node` into complete-layout position `at` of level `level`.
fn place(
    tree: &[Node],
    node: usize,
    at: usize,
    level: u32,
    depth: u32,
    splits: &mut [(u32, f32)],
    leaves: &mut [f32],
) {
    let (f, threshold, left, right, value) = tree[node];
    if level == depth {
        leaves[at - splits.len()] = value as f32;
        return;
    }
    if f < 0 {
        // A leaf above the bottom: always left, down to the bottom.
        splits[at] = (0, f32::INFINITY);
        place(tree, node, 2 * at + 1, level + 1, depth, splits, leaves);
        place(tree, node, 2 * at + 2, level + 1, depth, splits, leaves);
        return;
    }
    // The largest f32 not above the file's f64 threshold: `x <= t32` in f32 is exactly
    // `f64::from(x) <= threshold`, the comparison scikit-learn makes.
    let mut t32 = threshold as f32;
    if f64::from(t32) > threshold {
        t32 = next_down(t32);
    }
    splits[at] = (f as u32, t32);
    place(
        tree,
        left as usize,
        2 * at + 1,
        level + 1,
        depth,
        splits,
        leaves,
    );
    place(
        tree,
        right as usize,
        2 * at + 2,
        level + 1,
        depth,
        splits,
        leaves,
    );
}

/// The model file: feature names (checked against [`evidence::NAMES`]), thresholds, models.
#[derive(Debug, Deserialize)]
struct File {
    features: Vec<String>,
    link: f32,
    same: f32,
    link_model: Trees,
    same_model: Trees,
}

/// The compiled-in pair scorer.
#[derive(Debug)]
pub struct Model {
    link: Forest,
    same: Forest,
    link_threshold: f32,
    same_threshold: f32,
}

impl Model {
    /// The model compiled into the binary.
    pub fn get() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            let file: File = serde_json::from_str(MODEL_JSON)
                .expect("invariant: the compiled-in model.json parses (a unit test checks it)");
            assert!(
                file.features == evidence::NAMES
                    && file.link_model.valid()
                    && file.same_model.valid(),
                "invariant: model.json was trained on this evidence (a unit test checks it)"
            );
            Model {
                link: Forest::new(&file.link_model),
                same: Forest::new(&file.same_model),
                link_threshold: file.link,
                same_threshold: file.same,
            }
        })
    }

    /// Probability that the pair carries one fact.
    pub fn link(&self, x: &[f32; evidence::N]) -> f32 {
        self.link.probability(x)
    }

    /// Probability that a linked pair reports the same facts (neither adds one).
    pub fn same(&self, x: &[f32; evidence::N]) -> f32 {
        self.same.probability(x)
    }

    /// Pairs at least this probable are linked (chosen by cross-validation on basil-train).
    pub fn link_threshold(&self) -> f32 {
        self.link_threshold
    }

    /// Linked pairs at least this probably `same` are `same`.
    pub fn same_threshold(&self) -> f32 {
        self.same_threshold
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_model_parses_and_fits_the_evidence() {
        let m = Model::get();
        assert!(m.link_threshold() > 0.0 && m.link_threshold() < 1.0);
        assert!(!m.link.leaves.is_empty() && !m.same.leaves.is_empty());
        assert!(m.link.depth >= 1 && m.link.depth <= MAX_DEPTH);
    }

    #[test]
    fn thresholds_round_down_exactly() {
        for t in [0.1f64, 0.3, -0.7, 1e-9, 3.0, 0.0] {
            let mut t32 = t as f32;
            if f64::from(t32) > t {
                t32 = next_down(t32);
            }
            assert!(f64::from(t32) <= t, "{t}");
            assert!(f64::from(next_up(t32)) > t, "{t}");
        }
        fn next_up(x: f32) -> f32 {
            if x >= 0.0 {
                f32::from_bits(x.to_bits() + 1)
            } else if x == -f32::from_bits(1) {
                0.0
            } else {
                f32::from_bits(x.to_bits() - 1)
            }
        }
    }

    #[test]
    fn more_shared_evidence_is_more_probable() {
        let m = Model::get();
        let nothing = [0f32; evidence::N];
        let mut strong = nothing;
        for (i, name) in evidence::NAMES.iter().enumerate() {
            strong[i] = match *name {
                "dice" | "contain" | "verbatim" | "semantic" | "e_cos" | "e_contain"
                | "ez_dice" | "clause_dice" | "clause_contain" | "max_idf" => 0.9,
                "has_semantic" => 1.0,
                "e_shared" | "top2_shared" => 4.0,
                "run" => 2.5,
                "margin_min" | "margin_max" => 0.5,
                _ => 0.0,
            };
        }
        assert!(m.link(&strong) > 0.8, "{}", m.link(&strong));
        // nothing shared: no link
        assert!(
            m.link(&nothing) < m.link_threshold(),
            "{} vs {}",
            m.link(&nothing),
            m.link_threshold()
        );
    }
}
