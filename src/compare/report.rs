//! The report of a comparison: the documents as `super::documents::inspection` gives them, plus what the
//! comparison found — links, overlap, groups, coverage, entities, conflicts, sourcing and quote
//! matches. The comparison step builds its report; the report model depends on no step.

use crate::document::{Document, Warning};
use crate::extract::Extraction;
use crate::report::{
    doc_id, ConflictReport, EntityReport, LeftOut, LinkReport, OverlapReport, PairVerdict,
    QuoteMatchReport, Report, VerdictReport,
};

/// Builds the report of a comparison: the documents as read plus groups, paragraph alignment
/// and coverage.
pub fn build(
    documents: &[Document],
    warnings: &[Warning],
    alignment: &crate::align::Alignment,
    extracted: &[Extraction],
    comparison: super::Comparison,
) -> Report {
    let mut report = super::documents::inspection(documents, extracted, warnings);
    for (d, lang) in report.documents.iter_mut().zip(&alignment.languages) {
        d.language = Some((*lang).to_string());
    }
    let sid = |i: usize| {
        let r = alignment.sentences[i];
        format!("{}.s{}", doc_id(r.doc), r.ordinal + 1)
    };
    report.links = Some(
        alignment
            .links
            .iter()
            .map(|l| LinkReport {
                sentences: [sid(l.a), sid(l.b)],
                relation: l.relation,
                score: l.score,
                why: l.why.clone(),
            })
            .collect(),
    );
    report.overlap = Some(
        alignment
            .overlap
            .iter()
            .map(|o| OverlapReport {
                docs: [doc_id(o.a), doc_id(o.b)],
                links: o.links,
                shares: [o.shares.0, o.shares.1],
                same_event: o.same_event,
            })
            .collect(),
    );
    report.verdict = Some(verdict(
        documents.len(),
        report.overlap.as_deref().unwrap_or(&[]),
        &comparison.groups,
        &comparison.coverage,
    ));
    report.groups = Some(comparison.groups);
    report.paragraph_alignment = Some(comparison.paragraph_alignment);
    report.coverage = Some(comparison.coverage);
    report.entities = Some(
        comparison
            .entities
            .into_iter()
            .map(|e| EntityReport {
                name: e.name,
                kind: e.kind,
                mentions: e
                    .mentions
                    .into_iter()
                    .enumerate()
                    .filter(|&(_, m)| m > 0)
                    .map(|(d, m)| (doc_id(d), m))
                    .collect(),
            })
            .collect(),
    );
    let conflict = |c: super::conflicts::Conflict| ConflictReport {
        kind: c.kind,
        members: c.members,
        group: c.group,
        detail: c.detail,
        sides: c.sides,
    };
    report.conflicts = Some(comparison.conflicts.into_iter().map(conflict).collect());
    report.sourcing = Some(comparison.sourcing.into_iter().map(conflict).collect());
    let marked: Vec<Vec<&crate::extract::quotes::Quote>> =
        extracted.iter().map(super::quotes::marked).collect();
    report.quote_matches = Some(
        comparison
            .quote_matches
            .into_iter()
            .map(|m| {
                let speaker = |(d, q): (usize, usize)| marked[d][q].speaker.clone();
                QuoteMatchReport {
                    quotes: [
                        format!("{}.q{}", doc_id(m.a.0), m.a.1 + 1),
                        format!("{}.q{}", doc_id(m.b.0), m.b.1 + 1),
                    ],
                    relation: m.relation,
                    speakers: [speaker(m.a), speaker(m.b)],
                    speakers_differ: m.speakers_differ,
                    ops: m.ops,
                }
            })
            .collect(),
    );
    report
}

/// The verdict: shared facts, those every report carries, each pair's overlap in percent, and
/// per report the facts carried by most of the others (all others when there are three or
/// four reports; more than half of them beyond) that it leaves out, in the groups' importance
/// order.
fn verdict(
    n: usize,
    overlap: &[OverlapReport],
    groups: &[crate::report::GroupReport],
    coverage: &std::collections::BTreeMap<String, crate::report::Coverage>,
) -> VerdictReport {
    let carried = |g: &crate::report::GroupReport| g.members.len();
    // of the n - 1 other reports, how many must carry a fact for its absence to count
    let others = n.saturating_sub(1);
    let most = if others <= 3 { others } else { others / 2 + 1 };
    let order: std::collections::HashMap<&str, usize> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.as_str(), i))
        .collect();
    let left_out = if n < 3 {
        Vec::new()
    } else {
        coverage
            .iter()
            .filter_map(|(doc, c)| {
                let mut ids: Vec<&String> = c
                    .missing_groups
                    .iter()
                    .filter(|id| {
                        order
                            .get(id.as_str())
                            .is_some_and(|&i| carried(&groups[i]) >= most)
                    })
                    .collect();
                ids.sort_by_key(|id| order[id.as_str()]);
                (!ids.is_empty()).then(|| LeftOut {
                    doc: doc.clone(),
                    groups: ids.into_iter().cloned().collect(),
                })
            })
            .collect()
    };
    VerdictReport {
        shared: groups.len(),
        shared_by_all: groups.iter().filter(|g| carried(g) == n).count(),
        pairs: overlap
            .iter()
            .map(|o| PairVerdict {
                docs: o.docs.clone(),
                percent: o.shares.map(|s| (s * 100.0).round() as u32),
            })
            .collect(),
        left_out,
    }
}
