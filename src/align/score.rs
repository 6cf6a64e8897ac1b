//! The sentence-pair score: do two sentences carry the same fact? One scorer serves the aligner
//! and `parallax match`, so what `match` measures on public data is what `compare` uses.

use super::features::Features;

/// The parts of a score, each in 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Parts {
    /// Weighted Dice overlap of content terms: how much of both sentences is shared.
    pub dice: f32,
    /// Shared weight over the lighter sentence: how much of the shorter one the other carries
    /// (high when one outlet splits into two sentences what another says in one).
    pub contain: f32,
    /// Shared word bigrams over the fewer: near-verbatim wording.
    pub verbatim: f32,
    /// Cosine of the sentences' static embeddings, when both have one (English).
    pub semantic: Option<f32>,
}

/// Share of the score that the embedding cosine carries when both sentences have one.
const SEMANTIC_WEIGHT: f32 = 0.3;
/// Cosine at or below which the embedding adds nothing: sentences of one news story sit well
/// above 0 whatever they say.
const SEMANTIC_FLOOR: f32 = 0.5;

impl Parts {
    /// The combined score in 0..=1.
    pub fn value(&self) -> f32 {
        let lexical = 0.6 * self.dice + 0.2 * self.contain + 0.2 * self.verbatim;
        let v = match self.semantic {
            Some(c) => {
                let s = ((c - SEMANTIC_FLOOR) / (1.0 - SEMANTIC_FLOOR)).clamp(0.0, 1.0);
                (1.0 - SEMANTIC_WEIGHT) * lexical + SEMANTIC_WEIGHT * s
            }
            None => lexical,
        };
        v.clamp(0.0, 1.0)
    }
}

/// Below this weight, containment is measured against this weight instead: a three-word
/// sentence is not "contained" in every sentence that shares its one name.
const MIN_CONTAIN_WEIGHT: f32 = 4.0;

/// Scores a pair of sentences.
pub fn parts(a: &Features, b: &Features) -> Parts {
    let shared = shared_weight(a, b);
    if shared <= 0.0 {
        return Parts::default();
    }
    let dice = 2.0 * shared / (a.total + b.total);
    let contain = shared / a.total.min(b.total).max(MIN_CONTAIN_WEIGHT);
    let common = count_common(&a.bigrams, &b.bigrams);
    let fewer = a.bigrams.len().min(b.bigrams.len()).max(1);
    Parts {
        dice: dice.min(1.0),
        contain: contain.min(1.0),
        verbatim: common as f32 / fewer as f32,
        semantic: match (&a.embedding, &b.embedding) {
            (Some(x), Some(y)) => Some(x.cosine(y)),
            _ => None,
        },
    }
}

/// Calls `f(id, weight)` for every term both sentences have, with the smaller of the weights.
fn for_each_shared(a: &Features, b: &Features, mut f: impl FnMut(u32, f32)) {
    let (mut i, mut j) = (0, 0);
    while i < a.terms.len() && j < b.terms.len() {
        let (x, y) = (&a.terms[i], &b.terms[j]);
        match x.id.cmp(&y.id) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(x.id, x.weight.min(y.weight));
                i += 1;
                j += 1;
            }
        }
    }
}

/// Sum over shared terms of the smaller of the two weights.
pub fn shared_weight(a: &Features, b: &Features) -> f32 {
    let mut s = 0.0;
    for_each_shared(a, b, |_, w| s += w);
    s
}

/// Ids of the shared terms, heaviest first (the "why" of a score).
pub fn shared_terms(a: &Features, b: &Features, max: usize) -> Vec<u32> {
    let mut out: Vec<(f32, u32)> = Vec::new();
    for_each_shared(a, b, |id, w| out.push((w, id)));
    out.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
    out.into_iter().take(max).map(|(_, id)| id).collect()
}

/// How many elements two sorted slices have in common (a merge join).
pub(crate) fn count_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
