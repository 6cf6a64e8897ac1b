//! The evidence that two sentences of different reports carry one fact: the features the
//! learned pair scorer ([`super::model`]) reads. Every feature is symmetric in the two
//! sentences, so a link never depends on which report came first.
//!
//! What each one captures (`docs/quality.md` has their contributions):
//! - overlap of content terms weighted by rarity in the language (`dice`, `contain`), and by
//!   rarity in this event (`e_*`: a word every report of the story uses says little);
//! - near-verbatim wording (`verbatim`: shared bigrams; `run`: the longest run of shared words,
//!   which is what a shared quote looks like);
//! - the best-matching clauses (`clause_*`): two long sentences share a fact when one clause of
//!   each does;
//! - specific details: shared numbers, numbers on both sides that differ, shared names;
//! - the static sentence embedding's cosine;
//! - the structure of news reports: position in the report (the lead);
//! - context: how the pair ranks among each sentence's candidates in the other report, and
//!   whether the neighbouring sentences are aligned too (reports often follow one another for
//!   a few sentences).

use super::features::Features;
use super::score;

/// The features' names, in the order of a feature vector (and of the model file).
pub const NAMES: [&str; 27] = [
    "dice",
    "contain",
    "verbatim",
    "semantic",
    "has_semantic",
    "e_cos",
    "e_contain",
    "e_shared",
    "ez_dice",
    "numbers_shared",
    "numbers_disjoint",
    "names_shared",
    "run",
    "clause_dice",
    "clause_contain",
    "pos_min",
    "pos_diff",
    "lead",
    "rare_shared",
    "max_idf",
    "top2_shared",
    "semantic_centred",
    "rank_min",
    "rank_max",
    "margin_min",
    "margin_max",
    "context",
];

/// Number of features.
pub const N: usize = NAMES.len();

/// The first feature that needs every candidate of the sentence to be known (rank, margin,
/// context): the ones before it are the pair's own.
pub const FIRST_CONTEXT: usize = 22;

/// What the event as a whole says about its words: how rare each term is among the event's
/// body sentences.
#[derive(Debug, Clone, Default)]
pub struct Event {
    /// Inverse document frequency by term id (sentences as documents).
    idf: Vec<f32>,
    /// Per sentence: the sum and the Euclidean norm of its terms' idf.
    mass: Vec<(f32, f32)>,
    /// The idf of a term found in one sentence only.
    max_idf: f32,
    /// Terms with at least this idf are rare in the event (in at most 2% of its sentences, or
    /// 3 of them).
    rare_idf: f32,
    /// The sentences' embeddings centred on the event's mean (see [`Centre`]).
    centre: Centre,
}

/// What centring a sentence's embedding needs: the event's mean embedding and each sentence's
/// norm after taking it away. A centred embedding (unit length, what the sentence says beyond
/// what the whole story is about) is worked out pair by pair from these rather than stored:
/// stored, they took 1 KB a sentence (100 MB for a 100,000-paragraph page).
#[derive(Debug, Clone, Default)]
struct Centre {
    /// The mean, or empty when there are too few sentences to centre (`parallax match`): the
    /// embeddings are then used as they are.
    mean: Vec<f32>,
    /// Per sentence: the norm of its embedding minus the mean, `None` when it has no embedding
    /// or the difference is (nearly) zero.
    norms: Vec<Option<f32>>,
}

impl Event {
    /// Counts the terms of `feats`, the body sentences of one comparison.
    pub fn new(feats: &[Features]) -> Event {
        let max_id = feats
            .iter()
            .flat_map(|f| f.terms.iter().map(|t| t.id))
            .max()
            .map_or(0, |m| m as usize + 1);
        let mut df = vec![0u32; max_id];
        for f in feats {
            for t in &f.terms {
                df[t.id as usize] += 1;
            }
        }
        // With a handful of sentences (`parallax match`), every shared word would look common:
        // count as if the event had at least 40 sentences.
        let n = feats.len().max(40) as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0)
            .collect();
        let mass = feats
            .iter()
            .map(|f| {
                let (mut s, mut q) = (0.0, 0.0);
                for t in &f.terms {
                    let w = idf[t.id as usize];
                    s += w;
                    q += w * w;
                }
                (s, q.sqrt())
            })
            .collect();
        let max_idf = ((n + 1.0) / 2.0).ln() + 1.0;
        let rare_df = (0.02 * n).max(3.0);
        let rare_idf = ((n + 1.0) / (rare_df + 1.0)).ln() + 1.0;
        Event {
            idf,
            mass,
            max_idf,
            rare_idf,
            centre: centre(feats),
        }
    }

    fn idf(&self, id: u32) -> f32 {
        self.idf.get(id as usize).copied().unwrap_or(1.0)
    }
}

/// Where a sentence stands in its report: 0 for the first body sentence, 1 for the last.
#[derive(Debug, Clone, Copy, Default)]
pub struct Position {
    /// Body-sentence index in its report.
    pub index: u32,
    /// Body sentences of its report.
    pub of: u32,
}

impl Position {
    fn relative(self) -> f32 {
        if self.of <= 1 {
            0.0
        } else {
            self.index as f32 / (self.of - 1) as f32
        }
    }
}

/// The pair's own features (everything before [`FIRST_CONTEXT`]; the rest are left 0); `p`
/// is [`score::parts`] of the pair, which the caller has already worked out.
pub fn pair(
    ev: &Event,
    p: &score::Parts,
    (i, a, pa): (usize, &Features, Position),
    (j, b, pb): (usize, &Features, Position),
) -> [f32; N] {
    let mut x = [0f32; N];
    x[0] = p.dice;
    x[1] = p.contain;
    x[2] = p.verbatim;
    if let Some(c) = p.semantic {
        x[3] = c;
        x[4] = 1.0;
    }
    // Event-relative overlap, and the two rarities together.
    let (mut e_shared, mut e_sq, mut ez_shared) = (0f32, 0f32, 0f32);
    let (mut nums_a, mut nums_b, mut nums_shared) = (0u32, 0u32, 0u32);
    let mut names = 0f32;
    let (mut rare, mut max_idf) = (0u32, 0f32);
    let mut top = [0f32; 2];
    let (mut ia, mut ib) = (0, 0);
    while ia < a.terms.len() || ib < b.terms.len() {
        let ta = a.terms.get(ia);
        let tb = b.terms.get(ib);
        match (ta, tb) {
            (Some(x), Some(y)) if x.id == y.id => {
                let w = ev.idf(x.id);
                e_shared += w;
                e_sq += w * w;
                let ez = w * x.weight.min(y.weight);
                ez_shared += ez;
                rare += u32::from(w >= ev.rare_idf);
                max_idf = max_idf.max(w);
                if ez > top[1] {
                    top[1] = ez;
                    if top[1] > top[0] {
                        top.swap(0, 1);
                    }
                }
                if x.number {
                    nums_shared += 1;
                    nums_a += 1;
                    nums_b += 1;
                }
                if x.name && y.name {
                    names += x.weight.min(y.weight);
                }
                ia += 1;
                ib += 1;
            }
            (Some(x), Some(y)) if x.id < y.id => {
                nums_a += u32::from(x.number);
                ia += 1;
            }
            (Some(_), Some(y)) => {
                nums_b += u32::from(y.number);
                ib += 1;
            }
            (Some(x), None) => {
                nums_a += u32::from(x.number);
                ia += 1;
            }
            (None, Some(y)) => {
                nums_b += u32::from(y.number);
                ib += 1;
            }
            (None, None) => unreachable!("the loop runs while one side has terms"),
        }
    }
    let (ma, mb) = (mass(ev, i), mass(ev, j));
    if ma.1 > 0.0 && mb.1 > 0.0 {
        x[5] = e_sq / (ma.1 * mb.1);
    }
    x[6] = e_shared / ma.0.min(mb.0).max(4.0);
    x[7] = e_shared.ln_1p();
    let ez_total: f32 = a
        .terms
        .iter()
        .chain(&b.terms)
        .map(|t| ev.idf(t.id) * t.weight)
        .sum();
    if ez_total > 0.0 {
        x[8] = 2.0 * ez_shared / ez_total;
    }
    x[9] = nums_shared.min(3) as f32;
    x[10] = f32::from(nums_a > 0 && nums_b > 0 && nums_shared == 0);
    x[11] = names.ln_1p();
    // With no word pair in common, the longest shared run is one word or none: the
    // quadratic walk is only needed when the sentences share a bigram.
    let run = if p.verbatim > 0.0 {
        longest_common_run(&a.seq, &b.seq)
    } else {
        usize::from(score::count_common(&a.seq_set, &b.seq_set) > 0)
    };
    x[12] = (run as f32).ln_1p();
    let (cd, cc) = best_clauses(ev, a, b);
    x[13] = cd;
    x[14] = cc;
    let (ra, rb) = (pa.relative(), pb.relative());
    x[15] = ra.min(rb);
    x[16] = (ra - rb).abs();
    x[17] = f32::from(pa.index < 2) + f32::from(pb.index < 2);
    x[18] = rare.min(5) as f32;
    x[19] = max_idf / ev.max_idf;
    x[20] = (top[0] + top[1]).ln_1p();
    if let Some(c) = centred_cosine(&ev.centre, (i, a), (j, b)) {
        x[21] = c;
    }
    x
}

/// The mean of the sentences' embeddings and each one's norm once it is taken away.
fn centre(feats: &[Features]) -> Centre {
    let mut mean: Vec<f32> = Vec::new();
    let mut n = 0usize;
    for e in feats.iter().filter_map(|f| f.embedding.as_ref()) {
        if mean.is_empty() {
            mean = vec![0.0; super::embed::DIMS];
        }
        for (m, x) in mean.iter_mut().zip(e.values()) {
            *m += x;
        }
        n += 1;
    }
    // Two sentences alone (`parallax match`) have no story to take away.
    if n < 8 {
        return Centre::default();
    }
    for m in mean.iter_mut() {
        *m /= n as f32;
    }
    let norms = feats
        .iter()
        .map(|f| {
            let e = f.embedding.as_ref()?;
            let norm = e
                .values()
                .zip(&mean)
                .map(|(x, m)| (x - m) * (x - m))
                .sum::<f32>()
                .sqrt();
            (norm > 1e-6).then_some(norm)
        })
        .collect();
    Centre { mean, norms }
}

/// The cosine of sentences `i` and `j`'s centred embeddings, each element centred and scaled
/// as it is used (the same operations, in the same order, as centring the vectors first).
fn centred_cosine(
    c: &Centre,
    (i, a): (usize, &Features),
    (j, b): (usize, &Features),
) -> Option<f32> {
    use super::embed::Embedding;
    let (ea, eb) = (a.embedding.as_ref()?, b.embedding.as_ref()?);
    if c.mean.is_empty() {
        return Some(ea.cosine(eb));
    }
    let (na, nb) = ((*c.norms.get(i)?)?, (*c.norms.get(j)?)?);
    let (Embedding::Full(ea), Embedding::Full(eb)) = (ea, eb) else {
        let sum = ea
            .values()
            .zip(eb.values())
            .zip(&c.mean)
            .map(|((x, y), m)| ((x - m) / na) * ((y - m) / nb))
            .sum();
        return Some(sum);
    };
    let mut acc = [0f32; 8];
    for ((x, y), m) in ea
        .chunks_exact(8)
        .zip(eb.chunks_exact(8))
        .zip(c.mean.chunks_exact(8))
    {
        for k in 0..8 {
            acc[k] += ((x[k] - m[k]) / na) * ((y[k] - m[k]) / nb);
        }
    }
    Some(acc.iter().sum())
}

fn mass(ev: &Event, i: usize) -> (f32, f32) {
    ev.mass.get(i).copied().unwrap_or((0.0, 0.0))
}

/// The context features of a pair: its rank among `a`'s candidates in `b`'s report by
/// `base` score (1 = best) and the other way round, the margin to the best other candidate
/// on each side, and the best base score of the diagonal neighbours (`a-1, b-1` and `a+1,
/// b+1`), 0 when unscored.
pub fn context(x: &mut [f32; N], ranks: (u32, u32), margins: (f32, f32), neighbours: f32) {
    let (r1, r2) = (ranks.0.min(ranks.1), ranks.0.max(ranks.1));
    x[22] = (r1.min(10) as f32).ln();
    x[23] = (r2.min(10) as f32).ln();
    x[24] = margins.0.min(margins.1);
    x[25] = margins.0.max(margins.1);
    x[26] = neighbours;
}

/// Length of the longest run of tokens both sequences hold in the same order, contiguous.
fn longest_common_run(a: &[u32], b: &[u32]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut prev = vec![0u16; b.len() + 1];
    let mut cur = vec![0u16; b.len() + 1];
    let mut best = 0u16;
    for &x in a {
        for (k, &y) in b.iter().enumerate() {
            cur[k + 1] = if x == y { prev[k] + 1 } else { 0 };
            best = best.max(cur[k + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(best)
}

/// The best clause pair: (idf-weighted Dice, shared idf over the lighter clause).
fn best_clauses(ev: &Event, a: &Features, b: &Features) -> (f32, f32) {
    let (mut dice, mut contain) = (0f32, 0f32);
    for ca in &a.clauses {
        let wa: f32 = ca.iter().map(|&t| ev.idf(t)).sum();
        for cb in &b.clauses {
            let wb: f32 = cb.iter().map(|&t| ev.idf(t)).sum();
            let mut shared = 0.0;
            let (mut i, mut j) = (0, 0);
            while i < ca.len() && j < cb.len() {
                match ca[i].cmp(&cb[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        shared += ev.idf(ca[i]);
                        i += 1;
                        j += 1;
                    }
                }
            }
            if wa + wb > 0.0 {
                dice = dice.max(2.0 * shared / (wa + wb));
            }
            contain = contain.max(shared / wa.min(wb).max(8.0));
        }
    }
    (dice, contain.min(1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_run_is_contiguous() {
        assert_eq!(longest_common_run(&[1, 2, 3, 4], &[9, 2, 3, 4, 1]), 3);
        assert_eq!(longest_common_run(&[1, 2, 3], &[3, 2, 1]), 1);
        assert_eq!(longest_common_run(&[], &[1]), 0);
    }

    #[test]
    fn names_are_unique() {
        let mut n = NAMES.to_vec();
        n.sort_unstable();
        n.dedup();
        assert_eq!(n.len(), N);
        assert_eq!(NAMES[FIRST_CONTEXT], "rank_min");
    }
}
