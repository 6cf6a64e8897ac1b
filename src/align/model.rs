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
    }
}

/// A node of the flattened forest. Leaves have `feature == LEAF`.
#[derive(Debug, Clone, Copy)]
struct Flat {
    feature: u32,
    /// The largest `f32` not above the file's `f64` threshold: `x <= threshold` in `f32` is
    /// exactly `f64::from(x) <= t` in the file's terms.
    threshold: f32,
    /// Absolute indices into the forest.
    left: u32,
    right: u32,
    value: f32,
}

const LEAF: u32 = u32::MAX;

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

/// All trees of one model in one array (cache-friendly; no per-tree allocation).
#[derive(Debug)]
struct Forest {
    init: f64,
    nodes: Vec<Flat>,
    roots: Vec<u32>,
}

impl Forest {
    fn new(t: &Trees) -> Forest {
        let mut nodes = Vec::new();
        let mut roots = Vec::with_capacity(t.trees.len());
        for tree in &t.trees {
            let base = nodes.len() as u32;
            roots.push(base);
            for &(f, threshold, left, right, value) in tree {
                let mut t32 = threshold as f32;
                if f64::from(t32) > threshold {
                    t32 = next_down(t32);
                }
                nodes.push(Flat {
                    feature: if f < 0 { LEAF } else { f as u32 },
                    threshold: t32,
                    left: base + left,
                    right: base + right,
                    value: value as f32,
                });
            }
        }
        Forest {
            init: t.init,
            nodes,
            roots,
        }
    }

    fn probability(&self, x: &[f32; evidence::N]) -> f32 {
        let mut raw = self.init;
        for &root in &self.roots {
            let mut n = self.nodes[root as usize];
            while n.feature != LEAF {
                let next = if x[n.feature as usize] <= n.threshold {
                    n.left
                } else {
                    n.right
                };
                n = self.nodes[next as usize];
            }
            raw += f64::from(n.value);
        }
        (1.0 / (1.0 + (-raw).exp())) as f32
    }
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
        assert!(!m.link.roots.is_empty() && !m.same.roots.is_empty());
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
        assert!(m.link(&nothing) < 0.1, "{}", m.link(&nothing));
    }
}
