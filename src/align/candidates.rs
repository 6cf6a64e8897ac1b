//! Candidate sentence pairs and their evidence: every cross-report pair that shares a term in
//! a short comparison, the most promising ones an inverted index finds in a long one; then the
//! features that need every candidate of a sentence (ranks, margins, aligned neighbours).

use super::features::Features;
use super::{evidence, score, SentenceRef, MIN_KEPT_SCORE, PARALLEL_MIN_SENTENCES};
use rustc_hash::FxHashMap as HashMap;

/// Terms lighter than this do not open candidate pairs (they still count in scores).
const INDEX_MIN_WEIGHT: f32 = 0.4;
/// A candidate pair must share at least this much weight through indexed terms to be scored.
const CANDIDATE_MIN_SHARED: f32 = 0.5;
/// At most this many candidates per sentence (those sharing the most weight) are scored.
const MAX_CANDIDATES: usize = 48;
/// Comparisons of at most this many body sentences score every cross-report pair (about
/// 100,000 pairs at most); longer ones score the candidates an inverted index finds.
const ALL_PAIRS_MAX_SENTENCES: usize = 450;

/// A candidate pair of sentences from different reports, `a < b`, with the hand-set score
/// that ranks candidates (`base`) and the evidence the learned scorer reads.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index into the comparison's sentences.
    pub a: u32,
    /// Index into the comparison's sentences, above `a`.
    pub b: u32,
    /// The hand-set score ([`score::Parts::value`]).
    pub base: f32,
    /// The evidence ([`evidence::NAMES`]).
    pub x: [f32; evidence::N],
}

/// Candidate pairs from different documents, with their evidence, sorted by `(a, b)`.
pub(super) fn candidates(sentences: &[SentenceRef], feats: &[Features]) -> Vec<Candidate> {
    let n = sentences.len();
    let event = evidence::Event::new(feats);
    let positions = positions(sentences);
    let mut postings: HashMap<u32, Vec<(u32, f32)>> = HashMap::default();
    for (i, f) in feats.iter().enumerate() {
        for t in &f.terms {
            if t.weight >= INDEX_MIN_WEIGHT {
                postings.entry(t.id).or_default().push((i as u32, t.weight));
            }
        }
    }
    // A term found in many more sentences than there are reports is the story's topic, not one
    // of its facts: it opens too many pairs to be worth indexing, and the pairs it would find
    // share other terms too when they carry one fact. The cap grows with the number of reports
    // (a fact every outlet carries), not with their length, so a long report costs linear time.
    let docs = sentences.last().map_or(0, |s| s.doc + 1);
    let cap = (2 * docs).max(256);
    // Each sentence's candidates are found and scored on their own: long inputs share the
    // sentences among all cores, and the pairs are gathered in sentence order either way.
    let all_pairs = n <= ALL_PAIRS_MAX_SENTENCES;
    let scored = |i: usize, acc: &mut Vec<f32>, touched: &mut Vec<u32>| -> Vec<Candidate> {
        let f = &feats[i];
        for t in f.terms.iter().filter(|_| !all_pairs) {
            if t.weight < INDEX_MIN_WEIGHT {
                continue;
            }
            let list = &postings[&t.id];
            if list.len() > cap {
                continue;
            }
            for &(j, w) in list {
                let j = j as usize;
                if j <= i || sentences[j].doc == sentences[i].doc {
                    continue;
                }
                if acc[j] == 0.0 {
                    touched.push(j as u32);
                }
                acc[j] += w.min(t.weight);
            }
        }
        // A short comparison scores every pair of sentences from different reports that
        // share a term: a paraphrase may share no rare word at all. Pairs that share nothing
        // are never linked (a link shows its evidence; 14 of basil-train's 2,390 gold pairs
        // would be found without a shared term, at the cost of scoring 59% more pairs).
        if all_pairs {
            let cands = (i + 1..n).filter(|&j| {
                sentences[j].doc != sentences[i].doc && score::shared_weight(f, &feats[j]) > 0.0
            });
            return cands
                .map(|j| {
                    let g = &feats[j];
                    let parts = score::parts(f, g);
                    Candidate {
                        a: i as u32,
                        b: j as u32,
                        base: parts.value(),
                        x: evidence::pair(
                            &event,
                            &parts,
                            (i, f, positions[i]),
                            (j, g, positions[j]),
                        ),
                    }
                })
                .collect();
        }
        // Only the most promising candidates of each sentence are scored in full: with
        // hundreds of reports on one story, a sentence shares a name with thousands of others.
        let mut cands: Vec<(f32, u32)> = touched
            .iter()
            .map(|&j| (acc[j as usize], j))
            .filter(|&(a, _)| a >= CANDIDATE_MIN_SHARED)
            .collect();
        for &j in touched.iter() {
            acc[j as usize] = 0.0;
        }
        touched.clear();
        if cands.len() > MAX_CANDIDATES {
            cands.select_nth_unstable_by(MAX_CANDIDATES, |a, b| {
                b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
            });
            cands.truncate(MAX_CANDIDATES);
        }
        cands.sort_unstable_by_key(|c| c.1);
        cands
            .into_iter()
            .filter_map(|(_, j)| {
                let g = &feats[j as usize];
                let parts = score::parts(f, g);
                let base = parts.value();
                (base >= MIN_KEPT_SCORE).then(|| Candidate {
                    a: i as u32,
                    b: j,
                    base,
                    x: evidence::pair(
                        &event,
                        &parts,
                        (i, f, positions[i]),
                        (j as usize, g, positions[j as usize]),
                    ),
                })
            })
            .collect()
    };
    let per_sentence: Vec<Vec<Candidate>> = if n >= PARALLEL_MIN_SENTENCES {
        use rayon::prelude::*;
        (0..n)
            .into_par_iter()
            .with_min_len(64)
            .map_init(
                || (vec![0f32; n], Vec::new()),
                |(acc, touched), i| scored(i, acc, touched),
            )
            .collect()
    } else {
        let (mut acc, mut touched) = (vec![0f32; n], Vec::new());
        (0..n).map(|i| scored(i, &mut acc, &mut touched)).collect()
    };
    let mut all: Vec<Candidate> = per_sentence.into_iter().flatten().collect();
    add_context(sentences, &mut all);
    all
}

/// Each sentence's place in its report's body.
fn positions(sentences: &[SentenceRef]) -> Vec<evidence::Position> {
    let mut out = vec![evidence::Position::default(); sentences.len()];
    let mut start = 0;
    while start < sentences.len() {
        let doc = sentences[start].doc;
        let end = start
            + sentences[start..]
                .iter()
                .take_while(|s| s.doc == doc)
                .count();
        for (k, p) in out[start..end].iter_mut().enumerate() {
            *p = evidence::Position {
                index: k as u32,
                of: (end - start) as u32,
            };
        }
        start = end;
    }
    out
}

/// Fills in the features that need every candidate: ranks, margins and aligned neighbours.
fn add_context(sentences: &[SentenceRef], cands: &mut [Candidate]) {
    let n = sentences.len();
    // Each sentence's candidates (partner, candidate index), by partner; `cands` is sorted by
    // (a, b), so pushing in order keeps every list sorted.
    let mut adj: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n];
    for (k, c) in cands.iter().enumerate() {
        adj[c.b as usize].push((c.a, k as u32));
    }
    for (k, c) in cands.iter().enumerate() {
        adj[c.a as usize].push((c.b, k as u32));
    }
    for list in adj.iter_mut() {
        list.sort_unstable();
    }
    let mut rank = vec![(0u32, 0u32); cands.len()];
    let mut margin = vec![(0f32, 0f32); cands.len()];
    for (i, list) in adj.iter().enumerate() {
        let mut s = 0;
        while s < list.len() {
            let doc = sentences[list[s].0 as usize].doc;
            let e = s + list[s..]
                .iter()
                .take_while(|p| sentences[p.0 as usize].doc == doc)
                .count();
            let run = &list[s..e];
            let base = |p: &(u32, u32)| cands[p.1 as usize].base;
            let (mut best, mut second) = (f32::MIN, f32::MIN);
            for p in run {
                let v = base(p);
                if v > best {
                    second = best;
                    best = v;
                } else if v > second {
                    second = v;
                }
            }
            for p in run {
                let v = base(p);
                let r = 1 + run
                    .iter()
                    .filter(|q| base(q) > v || (base(q) == v && q.0 < p.0))
                    .count() as u32;
                let other = if r == 1 { second } else { best };
                let m = if other == f32::MIN { v } else { v - other };
                let k = p.1 as usize;
                if cands[k].a as usize == i {
                    rank[k].0 = r;
                    margin[k].0 = m;
                } else {
                    rank[k].1 = r;
                    margin[k].1 = m;
                }
            }
            s = e;
        }
    }
    let base_of = |x: usize, y: usize| -> f32 {
        adj[x]
            .binary_search_by_key(&(y as u32), |p| p.0)
            .map_or(0.0, |at| cands[adj[x][at].1 as usize].base)
    };
    let neighbours: Vec<f32> = cands
        .iter()
        .map(|c| {
            let (a, b) = (c.a as usize, c.b as usize);
            let mut best = 0f32;
            if a > 0 && b > 0 {
                let (pa, pb) = (a - 1, b - 1);
                if sentences[pa].doc == sentences[a].doc && sentences[pb].doc == sentences[b].doc {
                    best = best.max(base_of(pa, pb));
                }
            }
            if a + 1 < n && b + 1 < n {
                let (na, nb) = (a + 1, b + 1);
                if sentences[na].doc == sentences[a].doc && sentences[nb].doc == sentences[b].doc {
                    best = best.max(base_of(na, nb));
                }
            }
            best
        })
        .collect();
    for (k, c) in cands.iter_mut().enumerate() {
        evidence::context(&mut c.x, rank[k], margin[k], neighbours[k]);
    }
}
