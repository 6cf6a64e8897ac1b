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

mod candidates;
mod cluster;
mod embed;
pub mod evidence;
pub mod features;
pub mod model;
pub mod score;

use crate::document::{BlockKind, Document};
use crate::text::lang::Language;
use candidates::candidates;
pub use candidates::Candidate;
use cluster::{cluster, Pairs};
use features::{Features, Vocab};
use rustc_hash::FxHashMap as HashMap;

pub use crate::report::vocab::Relation;

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
    /// Groups in importance order ([`by_importance`]): carried by more reports first, then
    /// the earlier in their reports.
    pub groups: Vec<Group>,
    /// For each sentence, the group it belongs to.
    pub group_of: Vec<Option<usize>>,
    /// Paragraph alignment derived from the groups.
    pub paragraphs: Vec<ParagraphLink>,
    /// The language detected for each document (ISO 639-1, "und" when unknown).
    pub languages: Vec<&'static str>,
}

/// Comparisons of at least this many sentences find and score candidates on all cores.
const PARALLEL_MIN_SENTENCES: usize = 2000;
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
    let groups = by_importance(
        &sentences,
        cluster(&sentences, &feats, &scores, &links, &vocab, opts),
    );
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

/// The body sentences of `docs` with their features, as [`align`] sees them.
fn sentence_features(
    docs: &[Document],
) -> (Vec<SentenceRef>, Vec<Features>, Vocab, Vec<&'static str>) {
    let mut vocab = Vocab::default();
    let mut sentences = Vec::new();
    let mut feats: Vec<Features> = Vec::new();
    let mut languages = Vec::with_capacity(docs.len());
    let mut caches: HashMap<&'static str, features::WordCache> = HashMap::default();
    let body_sentences: usize = docs
        .iter()
        .flat_map(|d| &d.paragraphs)
        .filter(|p| p.kind == BlockKind::Body)
        .map(|p| p.sentences.len())
        .sum();
    let compact = body_sentences > embed::COMPACT_ABOVE;
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
                        s, &doc.text, &lang, &mut vocab, cache, compact,
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

/// Groups in the order an editor reads them: the facts carried by more reports first; among
/// those, the ones that stand earlier in their reports (the lead before the last paragraph:
/// the smallest share of a report's body before one of the group's sentences); then by first
/// sentence.
fn by_importance(sentences: &[SentenceRef], mut groups: Vec<Group>) -> Vec<Group> {
    let docs = sentences.iter().map(|s| s.doc + 1).max().unwrap_or(0);
    let mut first = vec![usize::MAX; docs];
    let mut count = vec![0u64; docs];
    for (i, s) in sentences.iter().enumerate() {
        first[s.doc] = first[s.doc].min(i);
        count[s.doc] += 1;
    }
    groups.sort_by_cached_key(|g| {
        let mut reports: Vec<usize> = g.members.iter().map(|&m| sentences[m].doc).collect();
        reports.dedup(); // members are sorted by document
        let position = g
            .members
            .iter()
            .map(|&m| {
                let d = sentences[m].doc;
                (m - first[d]) as u64 * 1_000_000 / count[d].max(1)
            })
            .min()
            .unwrap_or(u64::MAX);
        (
            std::cmp::Reverse(reports.len()),
            position,
            g.members.first().copied(),
        )
    });
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
