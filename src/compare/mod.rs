//! Comparison: from an [`Alignment`] to what an editor reads. Per group: which reports carry
//! the fact, a word diff of each member against the first report's wording, the numbers that
//! differ. Per report: what it alone carries and what it leaves out that others carry.

pub mod conflicts;
pub mod documents;
pub mod entities;
pub mod quotes;
pub mod report;

use crate::align::{Alignment, SentenceRef};
use crate::document::Document;
use crate::report::{
    doc_id, Coverage, DiffOp, DiffSegment, GroupDiff, GroupMember, GroupReport, NumberDiff,
    ParagraphAlignment, ParagraphMember,
};
use crate::text::token::TokenKind;
use similar::Algorithm;
use std::collections::BTreeMap;

/// A word diff refines only sides whose word counts multiply to at most this: beyond, the
/// common start and end are equal and the rest is reported as changed. A bound on the work, not
/// on the time it takes, so the output is the same on any machine under any load (a wall-clock
/// deadline gave four different reports in four runs of one input); Myers' diff inside the
/// bound stays within a few milliseconds.
pub const DIFF_MAX_CELLS: usize = 2_000_000;

/// The diff of two word sequences within [`DIFF_MAX_CELLS`]: Patience when the sides are small
/// enough, else their common start and end as equal and the middle as changed.
pub(crate) fn diff_ops(a: &[&str], b: &[&str]) -> Vec<similar::DiffOp> {
    if a.len().saturating_mul(b.len()) <= DIFF_MAX_CELLS {
        return similar::capture_diff_slices(Algorithm::Patience, a, b);
    }
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (a.len() - head - tail, b.len() - head - tail);
    let mut ops = Vec::with_capacity(4);
    if head > 0 {
        ops.push(similar::DiffOp::Equal {
            old_index: 0,
            new_index: 0,
            len: head,
        });
    }
    if am > 0 {
        ops.push(similar::DiffOp::Delete {
            old_index: head,
            old_len: am,
            new_index: head,
        });
    }
    if bm > 0 {
        ops.push(similar::DiffOp::Insert {
            old_index: head + am,
            new_index: head,
            new_len: bm,
        });
    }
    if tail > 0 {
        ops.push(similar::DiffOp::Equal {
            old_index: head + am,
            new_index: head + bm,
            len: tail,
        });
    }
    ops
}

/// What the comparison adds to the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Groups of sentences carrying one fact.
    pub groups: Vec<GroupReport>,
    /// Paragraphs carrying the same facts.
    pub paragraph_alignment: Vec<ParagraphAlignment>,
    /// Per document id: shared, only, missing.
    pub coverage: BTreeMap<String, Coverage>,
    /// Quotes matched across reports.
    pub quote_matches: Vec<quotes::QuoteMatch>,
    /// Where reports disagree.
    pub conflicts: Vec<conflicts::Conflict>,
    /// The same claim credited to different sources.
    pub sourcing: Vec<conflicts::Conflict>,
    /// Which report mentions whom.
    pub entities: Vec<entities::Entity>,
}

/// Builds the comparison of `docs` from their alignment.
pub fn compare(
    docs: &[Document],
    extracted: &[crate::extract::Extraction],
    al: &Alignment,
) -> Comparison {
    let sid = |r: &SentenceRef| format!("{}.s{}", doc_id(r.doc), r.ordinal + 1);
    let group_report = |gi: usize, g: &crate::align::Group| -> GroupReport {
        let mut by_doc: BTreeMap<usize, Vec<SentenceRef>> = BTreeMap::new();
        for &m in &g.members {
            by_doc
                .entry(al.sentences[m].doc)
                .or_default()
                .push(al.sentences[m]);
        }
        let members: Vec<GroupMember> = by_doc
            .iter()
            .map(|(&d, refs)| GroupMember {
                doc: doc_id(d),
                sentences: refs.iter().map(sid).collect(),
            })
            .collect();
        let mut sides = by_doc.iter();
        let (&pivot_doc, pivot_refs) = sides.next().expect("invariant: a group has members");
        let pivot = words(&docs[pivot_doc], pivot_refs);
        let mut diffs = Vec::new();
        let mut numbers = Vec::new();
        let pivot_numbers = number_set(&pivot);
        for (&d, refs) in sides {
            let other = words(&docs[d], refs);
            diffs.push(GroupDiff {
                doc: doc_id(d),
                against: doc_id(pivot_doc),
                ops: word_diff(&docs[pivot_doc], &pivot, &docs[d], &other),
            });
            let other_numbers = number_set(&other);
            let only_other = missing_from(&other_numbers, &pivot_numbers);
            let only_pivot = missing_from(&pivot_numbers, &other_numbers);
            if !only_other.is_empty() && !only_pivot.is_empty() {
                numbers.push(NumberDiff {
                    doc: doc_id(d),
                    against: doc_id(pivot_doc),
                    only: only_other,
                    against_only: only_pivot,
                });
            }
        }
        GroupReport {
            id: format!("g{}", gi + 1),
            relation: g.relation,
            score: g.score,
            members,
            shared_terms: g.shared.clone(),
            diffs,
            numbers,
        }
    };
    // Each document's direct and mixed quotes (ids q1, q2, …), listed once for matching and
    // for conflicts.
    let marked: Vec<Vec<&crate::extract::quotes::Quote>> =
        extracted.iter().map(quotes::marked).collect();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    // The word diffs of the groups, the quote matches and the entity table read the analysis
    // and nothing of one another: on long inputs they run side by side, the groups shared
    // among all cores (gathered in group order).
    let parallel = crate::parallel::worth_it(docs);
    let (groups, (quote_matches, entities)) = crate::parallel::join(
        parallel,
        || {
            if parallel {
                use rayon::prelude::*;
                let groups = al.groups.par_iter().enumerate();
                groups.map(|(gi, g)| group_report(gi, g)).collect()
            } else {
                let groups = al.groups.iter().enumerate();
                groups
                    .map(|(gi, g)| group_report(gi, g))
                    .collect::<Vec<_>>()
            }
        },
        || {
            crate::parallel::join(
                parallel,
                || quotes::match_quotes(docs, &marked),
                || entities::table(extracted, &texts),
            )
        },
    );

    // Coverage rests on the links, not on the groups drawn from them for display: a sentence
    // is shared when it has a link, and a report leaves a group out when no sentence of it
    // is linked to any of the group's members. One pass over the links, the sentences and
    // the groups, whatever the number of reports.
    let mut linked = vec![false; al.sentences.len()];
    // Per sentence, the reports it is linked to (sorted, unique).
    let mut carried_by: Vec<Vec<usize>> = vec![Vec::new(); al.sentences.len()];
    for l in &al.links {
        linked[l.a] = true;
        linked[l.b] = true;
        carried_by[l.a].push(al.sentences[l.b].doc);
        carried_by[l.b].push(al.sentences[l.a].doc);
    }
    let mut cov: Vec<Coverage> = vec![Coverage::default(); docs.len()];
    for (i, r) in al.sentences.iter().enumerate() {
        let c = &mut cov[r.doc];
        c.body_sentences += 1;
        if linked[i] {
            c.shared += 1;
        } else {
            c.only += 1;
            c.only_sentences.push(sid(r));
        }
    }
    for (gi, g) in al.groups.iter().enumerate() {
        let mut present = vec![false; docs.len()];
        for &m in &g.members {
            present[al.sentences[m].doc] = true;
            for &d in &carried_by[m] {
                present[d] = true;
            }
        }
        for (d, _) in present.iter().enumerate().filter(|(_, p)| !**p) {
            cov[d].missing += 1;
            cov[d].missing_groups.push(format!("g{}", gi + 1));
        }
    }
    let coverage: BTreeMap<String, Coverage> = cov
        .into_iter()
        .enumerate()
        .map(|(d, c)| (doc_id(d), c))
        .collect();

    let paragraph_alignment = al
        .paragraphs
        .iter()
        .map(|l| ParagraphAlignment {
            members: l
                .members
                .iter()
                .map(|(d, ps)| ParagraphMember {
                    doc: doc_id(*d),
                    paragraphs: ps
                        .iter()
                        .map(|p| format!("{}.p{}", doc_id(*d), p + 1))
                        .collect(),
                })
                .collect(),
            score: l.score,
        })
        .collect();
    let mut found = conflicts::find(docs, extracted, al, &groups);
    found
        .conflicts
        .extend(conflicts::speakers(docs, &marked, &quote_matches));
    found
        .conflicts
        .sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.members.cmp(&b.members)));
    Comparison {
        groups,
        paragraph_alignment,
        coverage,
        quote_matches,
        conflicts: found.conflicts,
        sourcing: found.sourcing,
        entities,
    }
}

/// A word of a group member: its matching form, display span, sentence, kind.
struct Word<'a> {
    norm: &'a str,
    start: usize,
    end: usize,
    sentence: usize,
    number: bool,
}

fn words<'a>(doc: &'a Document, refs: &[SentenceRef]) -> Vec<Word<'a>> {
    let mut out = Vec::new();
    for (k, r) in refs.iter().enumerate() {
        let s = &doc.paragraphs[r.paragraph].sentences[r.index];
        for (i, t) in s.tokens.iter().enumerate() {
            let (start, end) = attached(&doc.text, s.span, t.span.start, t.span.end);
            out.push(Word {
                norm: s.token_norm(i),
                start,
                end,
                sentence: k,
                number: t.kind == TokenKind::Number,
            });
        }
    }
    out
}

/// A word's display span with the punctuation attached to it: opening quote marks and brackets
/// right before it, closing marks and punctuation right after it (up to a space or another
/// word), within its sentence `within`. So a diff run reads `“absurd.”`, not `absurd`, and a
/// quote mark never ends up in the next run.
pub(crate) fn attached(
    text: &str,
    within: crate::text::Span,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let opening = |c: char| matches!(c, '“' | '‘' | '«' | '(' | '[' | '{' | '¿' | '¡' | '„');
    let straight = |c: char| matches!(c, '"' | '\'');
    let mut s = start;
    while s > within.start {
        let Some(c) = text[..s].chars().next_back() else {
            break;
        };
        let before = text[..s - c.len_utf8()].chars().next_back();
        // a straight quote opens only after a space or the sentence's start
        let opens = opening(c)
            || (straight(c)
                && (s - c.len_utf8() <= within.start || before.is_none_or(char::is_whitespace)));
        if !opens {
            break;
        }
        s -= c.len_utf8();
    }
    let mut e = end;
    while e < within.end {
        let Some(c) = text[e..].chars().next() else {
            break;
        };
        if c.is_whitespace() || c.is_alphanumeric() || opening(c) {
            break;
        }
        e += c.len_utf8();
    }
    (s, e)
}

/// The numbers of a member in display form, without repeats, in reading order.
fn number_set(words: &[Word<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words.iter().filter(|w| w.number) {
        let n = w.norm.replace(',', "");
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// The numbers of `a` that `b` lacks.
fn missing_from(a: &[String], b: &[String]) -> Vec<String> {
    a.iter().filter(|n| !b.contains(n)).cloned().collect()
}

/// Word diff of `new` against `old`, as runs of display text. A run never spans two sentences.
fn word_diff(
    old_doc: &Document,
    old: &[Word<'_>],
    new_doc: &Document,
    new: &[Word<'_>],
) -> Vec<DiffSegment> {
    let a: Vec<&str> = old.iter().map(|w| w.norm).collect();
    let b: Vec<&str> = new.iter().map(|w| w.norm).collect();
    let ops = diff_ops(&a, &b);
    let mut out: Vec<DiffSegment> = Vec::new();
    let mut emit = |op: DiffOp, doc: &Document, ws: &[Word<'_>]| {
        let mut i = 0;
        while i < ws.len() {
            let mut j = i;
            while j + 1 < ws.len() && ws[j + 1].sentence == ws[i].sentence {
                j += 1;
            }
            out.push(DiffSegment {
                op,
                text: doc.text[ws[i].start..ws[j].end].to_string(),
            });
            i = j + 1;
        }
    };
    for op in ops {
        match op {
            similar::DiffOp::Equal { new_index, len, .. } => {
                emit(DiffOp::Equal, new_doc, &new[new_index..new_index + len])
            }
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => emit(
                DiffOp::Delete,
                old_doc,
                &old[old_index..old_index + old_len],
            ),
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => emit(
                DiffOp::Insert,
                new_doc,
                &new[new_index..new_index + new_len],
            ),
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                emit(
                    DiffOp::Delete,
                    old_doc,
                    &old[old_index..old_index + old_len],
                );
                emit(
                    DiffOp::Insert,
                    new_doc,
                    &new[new_index..new_index + new_len],
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod attached_tests {
    use super::attached;
    use crate::text::Span;

    #[test]
    fn punctuation_stays_with_its_word() {
        let t = "He said \u{201c}absurd.\u{201d} Then \"no,\" and (maybe) 9/11.";
        let all = Span::new(0, t.len());
        let span = |w: &str| {
            let s = t.find(w).unwrap();
            let (a, b) = attached(t, all, s, s + w.len());
            &t[a..b]
        };
        assert_eq!(span("absurd"), "\u{201c}absurd.\u{201d}");
        assert_eq!(span("no"), "\"no,\"");
        assert_eq!(span("maybe"), "(maybe)");
        assert_eq!(span("9"), "9/");
        assert_eq!(span("said"), "said");
    }
}

#[cfg(test)]
mod diff_bound_tests {
    use super::{diff_ops, DIFF_MAX_CELLS};

    #[test]
    fn long_sides_are_diffed_by_their_common_ends_only() {
        let a: Vec<String> = (0..3000).map(|i| format!("w{}", i % 17)).collect();
        let mut b = a.clone();
        b[1500] = "changed".into();
        let (a, b): (Vec<&str>, Vec<&str>) = (
            a.iter().map(String::as_str).collect(),
            b.iter().map(String::as_str).collect(),
        );
        assert!(a.len() * b.len() > DIFF_MAX_CELLS);
        let ops = diff_ops(&a, &b);
        // equal start, one changed word, equal end
        assert_eq!(ops.len(), 4, "{ops:?}");
        assert!(matches!(ops[0], similar::DiffOp::Equal { len: 1500, .. }));
        assert!(matches!(ops[3], similar::DiffOp::Equal { len: 1499, .. }));
        assert_eq!(ops, diff_ops(&a, &b));
        // small sides get a real diff
        let ops = diff_ops(&["a", "b", "c"], &["a", "x", "c"]);
        assert!(ops.len() >= 3);
    }
}
