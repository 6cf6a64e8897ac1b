//! Alignment: which body sentences of two or more reports carry the same fact.
//!
//! 1. Every body sentence gets [`features::Features`]: weighted content terms in its report's
//!    language, numbers, word bigrams.
//! 2. Candidates come from an inverted index over informative terms, so sentences that share
//!    nothing are never compared (no all-pairs pass as the number of reports grows).
//! 3. Candidate pairs are scored ([`score::parts`]); pairs above the link threshold are merged
//!    into groups strongest first, and two groups merge only when their sentences are linked on
//!    average, not just through one chain: transitive gluing of unrelated sentences is refused.
//! 4. Paragraph alignment follows from the sentence groups.

mod embed;
pub mod evidence;
pub mod features;
pub mod lang;
pub mod model;
pub mod score;
#[rustfmt::skip]
mod wordfreq;

use crate::document::{BlockKind, Document};
use features::{Features, Vocab};
use lang::Language;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

/// How closely the members of a group match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same fact, in the same or other words.
    Same,
    /// Overlapping: one carries part of what the other says, or they share a specific detail.
    Partial,
}

impl Relation {
    /// `same` or `partial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Same => "same",
            Relation::Partial => "partial",
        }
    }
}

/// Thresholds of the aligner (defaults from the learned model, chosen by cross-validation on
/// basil-train; see `docs/quality.md`).
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// A pair at least this probable (the learned scorer's calibrated score) is linked.
    pub link: f32,
    /// A linked pair at least this probably `same` is `same`, else `partial`; a group is
    /// `same` when all its links are.
    pub same: f32,
    /// At most this many sentences of one report in a group (one outlet's split of a fact).
    pub max_per_doc: usize,
}

impl Default for Options {
    fn default() -> Self {
        let m = model::Model::get();
        Options {
            link: m.link_threshold(),
            same: m.same_threshold(),
            max_per_doc: 2,
        }
    }
}

/// Thresholds of `parallax match`: those of `compare` (the learned model's).
#[derive(Debug, Clone, Copy)]
pub struct MatchOptions {
    /// A linked pair at least this probably `same` is `same`.
    pub same: f32,
    /// At least this probable: linked (`same` or `partial`).
    pub partial: f32,
}

impl Default for MatchOptions {
    fn default() -> Self {
        let m = model::Model::get();
        MatchOptions {
            same: m.same_threshold(),
            partial: m.link_threshold(),
        }
    }
}

/// Scores one pair of free-standing sentences with the aligner's learned scorer, as if they
/// were two one-sentence reports: the link probability, and the relation when it reaches a
/// threshold.
pub fn match_pair(a: &str, b: &str, opts: &MatchOptions) -> (f32, Option<Relation>) {
    let lang = Language::detect(&format!("{a}\n{b}"));
    let mut vocab = Vocab::default();
    let feats = vec![
        features::text_features(a, &lang, &mut vocab),
        features::text_features(b, &lang, &mut vocab),
    ];
    let sentences: Vec<SentenceRef> = (0..2)
        .map(|doc| SentenceRef {
            doc,
            paragraph: 0,
            index: 0,
            ordinal: 0,
        })
        .collect();
    let Some(c) = candidates(&sentences, &feats).into_iter().next() else {
        return (0.0, None);
    };
    let m = model::Model::get();
    if identical(&feats[0], &feats[1]) {
        return (IDENTICAL_SCORE, Some(Relation::Same));
    }
    let v = m.link(&c.x);
    let relation = if v < opts.partial {
        None
    } else if m.same(&c.x) >= opts.same {
        Some(Relation::Same)
    } else {
        Some(Relation::Partial)
    };
    (v, relation)
}

/// Where a body sentence sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceRef {
    /// Index of its document.
    pub doc: usize,
    /// Index of its paragraph in the document.
    pub paragraph: usize,
    /// Index of the sentence in its paragraph.
    pub index: usize,
    /// 0-based number of the sentence through the whole document (report ids are this + 1).
    pub ordinal: usize,
}

/// One fact carried by two or more reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Indices into [`Alignment::sentences`], sorted (so by document, then reading order).
    pub members: Vec<usize>,
    /// `same` or `partial`.
    pub relation: Relation,
    /// Mean score of the links that built the group.
    pub score: f32,
    /// The heaviest terms its members share.
    pub shared: Vec<String>,
}

/// Paragraphs of two reports that carry the same facts.
#[derive(Debug, Clone, PartialEq)]
pub struct ParagraphLink {
    /// (document, paragraph indices) for each side, the lower document first.
    pub members: Vec<(usize, Vec<usize>)>,
    /// Share of the smaller side's sentences that are grouped with the other side.
    pub score: f32,
}

/// Two body sentences of different reports that carry one fact: the alignment itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Index into [`Alignment::sentences`] of the earlier sentence (lower report).
    pub a: usize,
    /// Index of the later sentence, in a later report than `a`'s.
    pub b: usize,
    /// `same` or `partial`.
    pub relation: Relation,
    /// The learned scorer's probability that a careful reader accepts the link.
    pub score: f32,
    /// The evidence: the heaviest shared terms (stems, `#27` for numbers).
    pub why: Vec<String>,
}

/// How much two reports share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// The lower report.
    pub a: usize,
    /// The higher report.
    pub b: usize,
    /// Links between them.
    pub links: usize,
    /// Share of `a`'s body sentences linked to `b`, and of `b`'s linked to `a`.
    pub shares: (f32, f32),
    /// Whether they look like reports of one event (they share more than a stray sentence).
    pub same_event: bool,
}

/// The result of aligning a set of documents.
#[derive(Debug, Clone, Default)]
pub struct Alignment {
    /// Every body sentence of every document, in document then reading order.
    pub sentences: Vec<SentenceRef>,
    /// Every linked pair of sentences, by `(a, b)`.
    pub links: Vec<Link>,
    /// For every pair of reports (beyond [`OVERLAP_ALL_PAIRS_MAX_DOCS`] reports, every pair
    /// with a link), how much they share, by `(a, b)`.
    pub overlap: Vec<Overlap>,
    /// Groups, ordered by their first member.
    pub groups: Vec<Group>,
    /// For each sentence, the group it belongs to.
    pub group_of: Vec<Option<usize>>,
    /// Paragraph alignment derived from the groups.
    pub paragraphs: Vec<ParagraphLink>,
    /// The language detected for each document (ISO 639-1, "und" when unknown).
    pub languages: Vec<&'static str>,
}

/// Terms lighter than this do not open candidate pairs (they still count in scores).
const INDEX_MIN_WEIGHT: f32 = 0.4;
/// A candidate pair must share at least this much weight through indexed terms to be scored.
const CANDIDATE_MIN_SHARED: f32 = 0.5;
/// At most this many candidates per sentence (those sharing the most weight) are scored.
const MAX_CANDIDATES: usize = 48;
/// Comparisons of at least this many sentences find and score candidates on all cores.
const PARALLEL_MIN_SENTENCES: usize = 2000;
/// Comparisons of at most this many body sentences score every cross-report pair (about
/// 100,000 pairs at most); longer ones score the candidates an inverted index finds.
const ALL_PAIRS_MAX_SENTENCES: usize = 450;
/// Scores below this are treated as 0 (pairs never scored).
const MIN_KEPT_SCORE: f32 = 0.05;

/// Aligns the body sentences of `docs`.
pub fn align(docs: &[Document], opts: &Options) -> Alignment {
    let (sentences, feats, vocab, languages) = sentence_features(docs);
    let cands = candidates(&sentences, &feats);
    let m = model::Model::get();
    let score_one = |c: &Candidate| -> (f32, bool) {
        if identical(&feats[c.a as usize], &feats[c.b as usize]) {
            return (IDENTICAL_SCORE, true);
        }
        let p = m.link(&c.x);
        (p, p >= opts.link && m.same(&c.x) >= opts.same)
    };
    // Long comparisons walk the forest for their pairs on all cores (gathered in order).
    let scored: Vec<(f32, bool)> = if sentences.len() >= PARALLEL_MIN_SENTENCES {
        use rayon::prelude::*;
        cands.par_iter().with_min_len(1024).map(score_one).collect()
    } else {
        cands.iter().map(score_one).collect()
    };
    let mut later: Vec<Vec<(u32, f32)>> = vec![Vec::new(); sentences.len()];
    let mut links = Vec::new();
    for (c, &(p, same)) in cands.iter().zip(&scored) {
        if p >= MIN_KEPT_SCORE {
            later[c.a as usize].push((c.b, p));
        }
        if p >= opts.link {
            let (fa, fb) = (&feats[c.a as usize], &feats[c.b as usize]);
            links.push(Link {
                a: c.a as usize,
                b: c.b as usize,
                relation: if same {
                    Relation::Same
                } else {
                    Relation::Partial
                },
                score: (p * 1000.0).round() / 1000.0,
                why: score::shared_terms(fa, fb, 6)
                    .into_iter()
                    .map(|id| vocab.term(id).to_string())
                    .collect(),
            });
        }
    }
    let scores = Pairs::new(sentences.len(), later);
    let groups = cluster(&sentences, &feats, &scores, &links, &vocab, opts);
    let mut group_of = vec![None; sentences.len()];
    for (g, group) in groups.iter().enumerate() {
        for &m in &group.members {
            group_of[m] = Some(g);
        }
    }
    let paragraphs = paragraph_links(docs, &sentences, &groups);
    let overlap = overlap(docs.len(), &sentences, &links);
    Alignment {
        sentences,
        links,
        overlap,
        groups,
        group_of,
        paragraphs,
        languages,
    }
}

/// The score of a link between two sentences with the same words: a reader accepts it.
const IDENTICAL_SCORE: f32 = 0.99;

/// Whether two sentences have the same words in the same order (matching forms).
fn identical(a: &Features, b: &Features) -> bool {
    a.tokens > 0 && a.tokens == b.tokens && a.seq == b.seq && a.bigrams == b.bigrams
}

/// Two reports look like reports of one event when at least this share of the shorter one's
/// body sentences links to the other …
const SAME_EVENT_MIN_SHARE: f32 = 0.1;
/// … or at least this many sentences do.
const SAME_EVENT_MIN_LINKED: usize = 3;

/// Up to this many reports, every pair of them is listed in the overlap; beyond, only the pairs
/// with a link.
pub const OVERLAP_ALL_PAIRS_MAX_DOCS: usize = 20;

/// How much each pair of reports shares.
fn overlap(docs: usize, sentences: &[SentenceRef], links: &[Link]) -> Vec<Overlap> {
    let mut body = vec![0usize; docs];
    for s in sentences {
        body[s.doc] += 1;
    }
    // Per report pair: the sentences of each side with a link to the other.
    type Sides = (Vec<usize>, Vec<usize>, usize);
    let mut linked: std::collections::BTreeMap<(usize, usize), Sides> = Default::default();
    for l in links {
        let (da, db) = (sentences[l.a].doc, sentences[l.b].doc);
        let e = linked.entry((da, db)).or_default();
        e.0.push(l.a);
        e.1.push(l.b);
        e.2 += 1;
    }
    let mut out = Vec::with_capacity(docs * docs.saturating_sub(1) / 2);
    for a in 0..docs {
        for b in a + 1..docs {
            let (mut xa, mut xb, n) = linked.remove(&(a, b)).unwrap_or_default();
            xa.sort_unstable();
            xa.dedup();
            xb.sort_unstable();
            xb.dedup();
            let share = |k: usize, of: usize| if of == 0 { 0.0 } else { k as f32 / of as f32 };
            let shares = (share(xa.len(), body[a]), share(xb.len(), body[b]));
            let smaller = if body[a] <= body[b] {
                shares.0
            } else {
                shares.1
            };
            let fewest = xa.len().min(xb.len());
            let same_event = body[a].min(body[b]) == 0
                || smaller >= SAME_EVENT_MIN_SHARE
                || fewest >= SAME_EVENT_MIN_LINKED;
            // Many reports: only the pairs that share something (the list would grow with
            // the square of the reports).
            if docs > OVERLAP_ALL_PAIRS_MAX_DOCS && n == 0 {
                continue;
            }
            out.push(Overlap {
                a,
                b,
                links: n,
                shares: (round3(shares.0), round3(shares.1)),
                same_event,
            });
        }
    }
    out
}

fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// Terms found across many sentences of the comparison (the story's protagonist, its subject)
/// tell facts apart less than their rarity in the language suggests: "Santorum" in half of
/// all sentences links any two of them. Their weights shrink with the share of sentences
/// carrying them. Numbers keep their weight: a shared figure stays a specific detail.
fn damp_topic_terms(feats: &mut [Features], sentences: &[SentenceRef], docs: usize) {
    if docs < 2 || sentences.len() < 8 {
        return;
    }
    let mut df: HashMap<u32, u32> = HashMap::default();
    for f in feats.iter() {
        for t in &f.terms {
            *df.entry(t.id).or_default() += 1;
        }
    }
    let n = sentences.len() as f32;
    for f in feats.iter_mut() {
        for t in f.terms.iter_mut() {
            let share = df[&t.id] as f32 / n;
            t.weight /= 1.0 + TOPIC_DAMPING * share;
        }
        f.total = f.terms.iter().map(|t| t.weight).sum();
    }
}

/// How strongly topic-wide terms are damped (a term in half the sentences keeps 1/(1+K/2)).
const TOPIC_DAMPING: f32 = 6.0;

/// About the first 1 KB of a document's body, for language detection.
fn body_sample(doc: &Document) -> String {
    let mut out = String::new();
    for p in doc.body() {
        out.push_str(doc.slice(p.span));
        out.push('\n');
        if out.len() > 1024 {
            break;
        }
    }
    out
}

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
fn candidates(sentences: &[SentenceRef], feats: &[Features]) -> Vec<Candidate> {
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

/// The body sentences of `docs` with their features, as [`align`] sees them.
fn sentence_features(
    docs: &[Document],
) -> (Vec<SentenceRef>, Vec<Features>, Vocab, Vec<&'static str>) {
    let mut vocab = Vocab::default();
    let mut sentences = Vec::new();
    let mut feats: Vec<Features> = Vec::new();
    let mut languages = Vec::with_capacity(docs.len());
    let mut caches: HashMap<&'static str, features::WordCache> = HashMap::default();
    for (d, doc) in docs.iter().enumerate() {
        let lang = Language::detect(&body_sample(doc));
        languages.push(lang.code);
        let mut ordinal = 0;
        for (p, para) in doc.paragraphs.iter().enumerate() {
            for (i, s) in para.sentences.iter().enumerate() {
                if para.kind == BlockKind::Body {
                    sentences.push(SentenceRef {
                        doc: d,
                        paragraph: p,
                        index: i,
                        ordinal,
                    });
                    let cache = caches.entry(lang.code).or_default();
                    feats.push(features::sentence_features(
                        s, &doc.text, &lang, &mut vocab, cache,
                    ));
                }
                ordinal += 1;
            }
        }
    }
    damp_topic_terms(&mut feats, &sentences, docs.len());
    (sentences, feats, vocab, languages)
}

/// Every candidate pair of body sentences of `docs` with its evidence: what the learned scorer
/// is trained on (`scripts/train_aligner.py` reads it through `examples/pair_evidence.rs`).
pub fn evidence_of(docs: &[Document]) -> (Vec<SentenceRef>, Vec<Candidate>) {
    let (sentences, feats, _, _) = sentence_features(docs);
    let cands = candidates(&sentences, &feats);
    (sentences, cands)
}

/// Scored pairs of sentences as a symmetric adjacency list: each sentence's scored partners in
/// ascending order, all in one buffer (no per-pair hashing when clusters are built).
struct Pairs {
    start: Vec<u32>,
    to: Vec<(u32, f32)>,
}

impl Pairs {
    /// From `later[i]`: the pairs `(j, score)` of sentence `i` with `j > i`, in any order.
    fn new(n: usize, mut later: Vec<Vec<(u32, f32)>>) -> Pairs {
        let mut degree = vec![0u32; n];
        for (i, list) in later.iter_mut().enumerate() {
            list.sort_unstable_by_key(|x| x.0);
            degree[i] += list.len() as u32;
            for &(j, _) in list.iter() {
                degree[j as usize] += 1;
            }
        }
        let mut start = Vec::with_capacity(n + 1);
        let mut total = 0u32;
        for d in &degree {
            start.push(total);
            total += d;
        }
        start.push(total);
        let mut fill: Vec<u32> = start[..n].to_vec();
        let mut to = vec![(0u32, 0f32); total as usize];
        // Walking i upwards, each list receives its earlier partners in order, then its later
        // ones (already sorted): every list ends up sorted.
        for (i, list) in later.iter().enumerate() {
            for &(j, v) in list {
                to[fill[j as usize] as usize] = (i as u32, v);
                fill[j as usize] += 1;
            }
            let at = fill[i] as usize;
            to[at..at + list.len()].copy_from_slice(list);
            fill[i] += list.len() as u32;
        }
        Pairs { start, to }
    }

    /// The scored partners of sentence `i`, ascending.
    fn of(&self, i: usize) -> &[(u32, f32)] {
        &self.to[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// Groups for display, built from the links: greedy average-linkage clustering of the scored
/// pairs, strongest first; then every linked sentence the clustering left alone joins the group
/// of its strongest partner (or forms one with it), so a sentence is in a group exactly when it
/// has a link.
fn cluster(
    sentences: &[SentenceRef],
    feats: &[Features],
    scores: &Pairs,
    links: &[Link],
    vocab: &Vocab,
    opts: &Options,
) -> Vec<Group> {
    let (owner, members, pair_scores) = merge_by_gain(sentences, scores, opts);
    let mut sets: Vec<(Vec<usize>, f32, usize)> = Vec::new(); // members, score sum, count
    let mut group_of: Vec<Option<usize>> = vec![None; sentences.len()];
    for (c, m) in members.iter().enumerate() {
        if m.len() < 2 || owner[m[0]] != c {
            continue;
        }
        let ls = &pair_scores[c];
        for &x in m {
            group_of[x] = Some(sets.len());
        }
        sets.push((m.clone(), ls.iter().sum(), ls.len()));
    }
    // Linked sentences left alone, strongest link first.
    let mut best: Vec<Option<(f32, usize)>> = vec![None; sentences.len()];
    for l in links {
        for (x, y) in [(l.a, l.b), (l.b, l.a)] {
            let better = match best[x] {
                None => true,
                Some((s, other)) => l.score > s || (l.score == s && y < other),
            };
            if better {
                best[x] = Some((l.score, y));
            }
        }
    }
    let mut alone: Vec<(f32, usize, usize)> = (0..sentences.len())
        .filter(|&x| group_of[x].is_none())
        .filter_map(|x| best[x].map(|(s, y)| (s, x, y)))
        .collect();
    alone.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)));
    for (s, x, y) in alone {
        if group_of[x].is_some() {
            continue; // joined as another sentence's partner
        }
        match group_of[y] {
            Some(g) => {
                sets[g].0.push(x);
                sets[g].1 += s;
                sets[g].2 += 1;
                group_of[x] = Some(g);
            }
            None => {
                group_of[x] = Some(sets.len());
                group_of[y] = Some(sets.len());
                sets.push((vec![x, y], s, 1));
            }
        }
    }
    let relation_of: HashMap<(usize, usize), Relation> =
        links.iter().map(|l| ((l.a, l.b), l.relation)).collect();
    let mut groups = Vec::new();
    for (mut m, sum, count) in sets {
        m.sort_unstable();
        let score = sum / count.max(1) as f32;
        // `same` when every cross-report pair of members is a `same` link.
        let mut relation = Relation::Same;
        // The heaviest terms shared across reports, pair by pair in member order.
        let mut shared: Vec<String> = Vec::new();
        for (k, &x) in m.iter().enumerate() {
            for &y in &m[k + 1..] {
                if sentences[x].doc == sentences[y].doc {
                    continue;
                }
                if relation_of.get(&(x, y)) != Some(&Relation::Same) {
                    relation = Relation::Partial;
                }
                for id in score::shared_terms(&feats[x], &feats[y], 6) {
                    let t = vocab.term(id).to_string();
                    if !shared.contains(&t) {
                        shared.push(t);
                    }
                }
            }
        }
        shared.truncate(8);
        groups.push(Group {
            members: m,
            relation,
            score: (score * 1000.0).round() / 1000.0,
            shared,
        });
    }
    groups.sort_by_key(|g| g.members[0]);
    groups
}

/// Paragraphs of two documents linked by sentence groups: for each document pair, each
/// paragraph is linked to the paragraphs of the other document that share the most groups.
fn paragraph_links(
    docs: &[Document],
    sentences: &[SentenceRef],
    groups: &[Group],
) -> Vec<ParagraphLink> {
    // (doc a, para a, doc b, para b) -> shared groups, with a < b
    let mut weight: HashMap<(usize, usize, usize, usize), usize> = HashMap::default();
    for g in groups {
        let mut seen = std::collections::BTreeSet::new();
        for &x in &g.members {
            for &y in &g.members {
                let (sx, sy) = (sentences[x], sentences[y]);
                if sx.doc < sy.doc {
                    seen.insert((sx.doc, sx.paragraph, sy.doc, sy.paragraph));
                }
            }
        }
        for k in seen {
            *weight.entry(k).or_default() += 1;
        }
    }
    let mut keys: Vec<_> = weight.keys().copied().collect();
    keys.sort_unstable();
    // Best partner of each paragraph on each side.
    let mut best_b: HashMap<(usize, usize, usize), (usize, usize)> = HashMap::default();
    let mut best_a: HashMap<(usize, usize, usize), (usize, usize)> = HashMap::default();
    for &(da, pa, db, pb) in &keys {
        let w = weight[&(da, pa, db, pb)];
        let e = best_b.entry((da, pa, db)).or_insert((w, pb));
        if w > e.0 {
            *e = (w, pb);
        }
        let e = best_a.entry((db, pb, da)).or_insert((w, pa));
        if w > e.0 {
            *e = (w, pa);
        }
    }
    // Link each A paragraph with the B paragraphs whose best partner it is (n:1 and 1:n).
    let mut grouped: std::collections::BTreeMap<(usize, usize, usize), Vec<usize>> =
        Default::default();
    for &(da, pa, db, pb) in &keys {
        let mutual = best_a[&(db, pb, da)].1 == pa || best_b[&(da, pa, db)].1 == pb;
        if mutual {
            grouped.entry((da, pa, db)).or_default().push(pb);
        }
    }
    let body_sentences = |d: usize, p: usize| docs[d].paragraphs[p].sentences.len().max(1);
    grouped
        .into_iter()
        .map(|((da, pa, db), pbs)| {
            let w: usize = pbs.iter().map(|&pb| weight[&(da, pa, db, pb)]).sum();
            let smaller =
                body_sentences(da, pa).min(pbs.iter().map(|&pb| body_sentences(db, pb)).sum());
            ParagraphLink {
                members: vec![(da, vec![pa]), (db, pbs)],
                score: ((w as f32 / smaller as f32).min(1.0) * 1000.0).round() / 1000.0,
            }
        })
        .collect()
}

/// Merges sentences into groups by greedy correlation clustering. Every pair of sentences from
/// different reports in a would-be group counts: a scored pair adds its score minus the link
/// threshold, a pair never scored (nothing in common) adds minus the threshold. Two clusters merge
/// when that balance across them is positive, the best merge first, so a group grows only while
/// its members relate to one another on the whole: a bridge sentence that shares a name with two
/// unrelated facts cannot chain them together. No group takes more than `max_per_doc` sentences
/// of one report (a split of one fact, not a topic).
#[allow(clippy::type_complexity)]
fn merge_by_gain(
    sentences: &[SentenceRef],
    pairs: &Pairs,
    opts: &Options,
) -> (Vec<usize>, Vec<Vec<usize>>, Vec<Vec<f32>>) {
    use std::collections::BinaryHeap;
    let theta = opts.link;
    let n = sentences.len();
    let mut owner: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    // (document, how many of its sentences) per cluster
    let mut docs: Vec<Vec<(usize, usize)>> = sentences.iter().map(|s| vec![(s.doc, 1)]).collect();
    let mut links: Vec<Vec<f32>> = vec![Vec::new(); n];
    // Both lists are sorted by document.
    let cross_pairs = |a: &[(usize, usize)], b: &[(usize, usize)]| -> f32 {
        let (na, nb): (usize, usize) = (a.iter().map(|x| x.1).sum(), b.iter().map(|x| x.1).sum());
        let mut same = 0;
        for_each_common_doc(a, b, |ca, cb| same += ca * cb);
        (na * nb - same) as f32
    };
    // 1:n and n:1 (one outlet splits what another says in one sentence), never n:m: two
    // reports each with several sentences in one group is two facts glued together.
    let fits = |a: &[(usize, usize)], b: &[(usize, usize)]| -> bool {
        let mut split = a.iter().chain(b).filter(|x| x.1 > 1).count();
        let mut ok = a.iter().chain(b).all(|&(_, c)| c <= opts.max_per_doc);
        for_each_common_doc(a, b, |ca, cb| {
            ok &= ca + cb <= opts.max_per_doc;
            // counted twice above when both were split, once when one was, never when neither
            split = split + 1 - usize::from(ca > 1) - usize::from(cb > 1);
        });
        ok && split <= 1
    };
    // The merge after which each cluster last changed: an entry pushed after both its sides
    // last changed still holds their exact gain.
    let mut changed = vec![0u32; n];
    let mut step = 0u32;
    let mut heap: BinaryHeap<u128> = (0..n)
        .flat_map(|i| {
            let later = pairs.of(i).iter().filter(move |&&(j, _)| j as usize > i);
            later
                .filter(|&&(_, v)| v > theta)
                .map(move |&(j, v)| merge_key(v - theta, false, i, j as usize, 0))
        })
        .collect::<Vec<_>>()
        .into();
    // Scratch, indexed by cluster: the score summed towards the merged cluster, and whether
    // it was reached (bit 1) and reached from the absorbed side (bit 2).
    let mut toward = vec![0f32; n];
    let mut reach = vec![0u8; n];
    let mut reached: Vec<usize> = Vec::new();
    while let Some(key) = heap.pop() {
        let (gain, split, a, b, stamp) = unpack_merge(key);
        if owner[a] != a || owner[b] != b {
            continue; // one side has merged into another cluster since
        }
        if changed[a].max(changed[b]) > stamp {
            // A side has grown since: the scores across the two clusters, read from the
            // smaller one's pairs, give the gain now.
            let small_first = members[b].len() < members[a].len();
            let (small, other) = if small_first { (b, a) } else { (a, b) };
            let mut sum = 0.0;
            let mut any = false;
            for &x in &members[small] {
                for &(y, v) in pairs.of(x) {
                    if owner[y as usize] == other {
                        sum += v;
                        any = true;
                    }
                }
            }
            let now = sum - theta * cross_pairs(&docs[a], &docs[b]);
            if !any || now <= 0.0 {
                continue;
            }
            let split_now = shares_doc(&docs[a], &docs[b]);
            if (now - gain).abs() > 1e-6 || split_now != split {
                heap.push(merge_key(now, split_now, a, b, step));
                continue;
            }
        }
        if !fits(&docs[a], &docs[b]) {
            continue;
        }
        let (keep, gone) = if a < b { (a, b) } else { (b, a) };
        for &x in &members[gone] {
            for &(y, v) in pairs.of(x) {
                if owner[y as usize] == keep {
                    links[keep].push(v);
                }
            }
        }
        let kept = members[keep].len();
        step += 1;
        changed[keep] = step;
        let moved = std::mem::take(&mut members[gone]);
        for &m in &moved {
            owner[m] = keep;
        }
        members[keep].extend(moved);
        for (d, c) in std::mem::take(&mut docs[gone]) {
            match docs[keep].binary_search_by_key(&d, |x| x.0) {
                Ok(i) => docs[keep][i].1 += c,
                Err(i) => docs[keep].insert(i, (d, c)),
            }
        }
        let moved_links = std::mem::take(&mut links[gone]);
        links[keep].extend(moved_links);
        // The old neighbours of `keep` only lose gain (more pairs, same scores): their heap
        // entries are now overestimates, recomputed when popped. Neighbours of `gone` gain
        // scored pairs, so they get fresh entries.
        for (k, &x) in members[keep].iter().enumerate() {
            for &(y, v) in pairs.of(x) {
                let c = owner[y as usize];
                if c == keep {
                    continue;
                }
                if reach[c] == 0 {
                    reached.push(c);
                }
                toward[c] += v;
                reach[c] |= if k >= kept { 3 } else { 1 };
            }
        }
        reached.sort_unstable();
        for &c in &reached {
            if reach[c] & 2 != 0 {
                let gain = toward[c] - theta * cross_pairs(&docs[keep], &docs[c]);
                if gain > 0.0 {
                    let split = shares_doc(&docs[keep], &docs[c]);
                    heap.push(merge_key(gain, split, keep.min(c), keep.max(c), step));
                }
            }
            toward[c] = 0.0;
            reach[c] = 0;
        }
        reached.clear();
    }
    (owner, members, links)
}

/// Calls `f(count in a, count in b)` for each document both (doc, count) lists hold; both lists
/// are sorted by document.
fn for_each_common_doc(
    a: &[(usize, usize)],
    b: &[(usize, usize)],
    mut f: impl FnMut(usize, usize),
) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                f(a[i].1, b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
}

/// Whether two clusters hold sentences of one document (merging them splits a fact).
fn shares_doc(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    let mut any = false;
    for_each_common_doc(a, b, |_, _| any = true);
    any
}

/// A candidate merge of two clusters packed into one integer, so that the heap compares
/// plain numbers: the largest gain pops first (a positive `f32`'s bits order as the float);
/// on equal gains a merge that keeps one sentence per report beats one that splits a fact
/// (a report that says one thing twice, compared with itself, pairs each copy with its twin),
/// then the lowest cluster ids win (so the result never depends on hash order), then the
/// latest push. `stamp` is the number of merges done when it was pushed.
fn merge_key(gain: f32, split: bool, a: usize, b: usize, stamp: u32) -> u128 {
    debug_assert!(gain > 0.0 && stamp < 1 << 31);
    let id = |c: usize| u128::from(!u32::try_from(c).expect("invariant: sentence ids fit u32"));
    (u128::from(gain.to_bits()) << 96)
        | (u128::from(!split) << 95)
        | (id(a) << 63)
        | (id(b) << 31)
        | u128::from(stamp & 0x7FFF_FFFF)
}

/// (gain, split, cluster a, cluster b, stamp) of a [`merge_key`].
fn unpack_merge(key: u128) -> (f32, bool, usize, usize, u32) {
    let word = |shift: u32| (key >> shift) as u32;
    (
        f32::from_bits(word(96)),
        word(95) & 1 == 0,
        !word(63) as usize,
        !word(31) as usize,
        word(0) & 0x7FFF_FFFF,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(docs: &[usize]) -> Vec<SentenceRef> {
        docs.iter()
            .enumerate()
            .map(|(i, &doc)| SentenceRef {
                doc,
                paragraph: i,
                index: 0,
                ordinal: i,
            })
            .collect()
    }

    fn groups(docs: &[usize], pairs: &[(u32, u32, f32)], opts: &Options) -> Vec<Vec<usize>> {
        let sentences = refs(docs);
        let mut later = vec![Vec::new(); docs.len()];
        for &(a, b, v) in pairs {
            later[a.min(b) as usize].push((a.max(b), v));
        }
        let (owner, members, _) = merge_by_gain(&sentences, &Pairs::new(docs.len(), later), opts);
        let mut out: Vec<Vec<usize>> = members
            .into_iter()
            .enumerate()
            .filter(|(c, m)| m.len() > 1 && owner[m[0]] == *c)
            .map(|(_, mut m)| {
                m.sort_unstable();
                m
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_bridge_sentence_does_not_chain_two_facts() {
        // 0 (doc 0) and 2 (doc 1) are one fact, 1 (doc 0) and 3 (doc 2) another; 4 (doc 3)
        // links to 0 and to 1 (a shared name) but to neither fact's other report: single-link
        // merging would chain everything into one group.
        let pairs = [(0, 2, 0.8), (1, 3, 0.8), (0, 4, 0.3), (1, 4, 0.3)];
        let g = groups(&[0, 0, 1, 2, 3], &pairs, &Options::default());
        assert_eq!(g, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn a_split_joins_when_both_halves_link_but_never_n_to_m() {
        let opts = Options::default();
        // 0 (doc 0) said in one sentence what doc 1 says in 1 and 2.
        let g = groups(&[0, 1, 1], &[(0, 1, 0.5), (0, 2, 0.4)], &opts);
        assert_eq!(g, vec![vec![0, 1, 2]]);
        // Two sentences on each side, all linked: two 1:1 facts, not one 2:2 group.
        let pairs = [(0, 2, 0.9), (1, 3, 0.9), (0, 3, 0.5), (1, 2, 0.5)];
        let g = groups(&[0, 0, 1, 1], &pairs, &opts);
        assert_eq!(g, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn a_group_holds_at_most_max_per_doc_sentences_of_one_report() {
        let pairs = [(0, 1, 0.9), (0, 2, 0.8), (0, 3, 0.7)];
        let g = groups(&[0, 1, 1, 1], &pairs, &Options::default());
        assert_eq!(g, vec![vec![0, 1, 2]]);
        let three = Options {
            max_per_doc: 3,
            ..Options::default()
        };
        assert_eq!(
            groups(&[0, 1, 1, 1], &pairs, &three),
            vec![vec![0, 1, 2, 3]]
        );
    }

    #[test]
    fn a_repeated_sentence_pairs_with_its_twin_before_a_fact_is_split() {
        // Doc 0 says one thing twice (0, 1), and so does doc 1 (2, 3): every pair scores the
        // same, and two 1:1 groups beat a 2:1 group that leaves one copy alone.
        let pairs = [(0, 2, 0.9), (0, 3, 0.9), (1, 2, 0.9), (1, 3, 0.9)];
        let g = groups(&[0, 0, 1, 1], &pairs, &Options::default());
        assert_eq!(g, vec![vec![0, 2], vec![1, 3]]);
    }

    #[test]
    fn pairs_are_listed_on_both_sides_in_ascending_order() {
        let later = vec![vec![(3, 0.3), (1, 0.1)], vec![(2, 0.2)], vec![], vec![]];
        let p = Pairs::new(4, later);
        assert_eq!(p.of(0), &[(1, 0.1), (3, 0.3)]);
        assert_eq!(p.of(1), &[(0, 0.1), (2, 0.2)]);
        assert_eq!(p.of(2), &[(1, 0.2)]);
        assert_eq!(p.of(3), &[(0, 0.3)]);
    }

    #[test]
    fn merge_keys_order_by_gain_then_lowest_ids_and_round_trip() {
        let k = |g, a, b| merge_key(g, false, a, b, 7);
        assert!(k(0.5, 9, 10) > k(0.25, 0, 1));
        assert!(k(0.5, 0, 9) > k(0.5, 1, 2));
        assert!(k(0.5, 1, 2) > k(0.5, 1, 3));
        assert!(k(0.5, 8, 9) > merge_key(0.5, true, 0, 1, 7));
        assert!(merge_key(0.6, true, 8, 9, 0) > k(0.5, 0, 1));
        assert_eq!(unpack_merge(k(0.375, 4, 5)), (0.375, false, 4, 5, 7));
        assert_eq!(
            unpack_merge(merge_key(0.375, true, 4, 5, 9)),
            (0.375, true, 4, 5, 9)
        );
    }

    #[test]
    fn merging_is_independent_of_score_insertion_order() {
        let mut pairs = vec![
            (0, 2, 0.5),
            (1, 2, 0.5),
            (0, 3, 0.5),
            (1, 3, 0.5),
            (2, 4, 0.7),
        ];
        let a = groups(&[0, 0, 1, 1, 2], &pairs, &Options::default());
        pairs.reverse();
        let b = groups(&[0, 0, 1, 1, 2], &pairs, &Options::default());
        assert_eq!(a, b);
    }
}
