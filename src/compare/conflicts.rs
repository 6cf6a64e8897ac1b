//! Where reports disagree about one fact: within an aligned group, different dates, different
//! numbers, or the same claim attributed to different sources; across reports, the same quote
//! given to different speakers. What an editor reads first.

use super::quotes::{QuoteMatch, QuoteRelation};
use crate::align::{Alignment, SentenceRef};
use crate::document::Document;
use crate::extract::facts::FactKind;
use crate::extract::Extraction;
use crate::report::{doc_id, GroupReport};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

/// What the reports disagree about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// The same quote, different speakers.
    Speaker,
    /// The same claim, different sources ("The New York Times reported" / "Israeli intelligence
    /// said").
    Attribution,
    /// The same fact, different dates.
    Date,
    /// The same fact, different numbers.
    Number,
}

impl ConflictKind {
    /// `speaker`, `attribution`, `date` or `number`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Speaker => "speaker",
            ConflictKind::Attribution => "attribution",
            ConflictKind::Date => "date",
            ConflictKind::Number => "number",
        }
    }
}

/// One disagreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// What it is about.
    pub kind: ConflictKind,
    /// Sentence ids of the reports' sides (`A.s7`, `B.s15`).
    pub members: Vec<String>,
    /// The group it was found in, if any.
    pub group: Option<String>,
    /// What each side says, one line.
    pub detail: String,
}

fn sid(r: &SentenceRef) -> String {
    format!("{}.s{}", doc_id(r.doc), r.ordinal + 1)
}

/// Finds the conflicts of a comparison.
pub fn find(
    docs: &[Document],
    extracted: &[Extraction],
    marked: &[Vec<&crate::extract::quotes::Quote>],
    al: &Alignment,
    groups: &[GroupReport],
    matches: &[QuoteMatch],
) -> Vec<Conflict> {
    let mut out = Vec::new();
    let text = |d: usize, s: crate::text::Span| s.slice(&docs[d].text).to_string();
    // Every lookup by sentence goes through an index, so the cost follows the groups and the
    // quotes and facts they hold, not groups × all quotes.
    let sentence_at: HashMap<(usize, usize, usize), &SentenceRef> = al
        .sentences
        .iter()
        .map(|r| ((r.doc, r.paragraph, r.index), r))
        .collect();
    let quotes_at: Vec<HashMap<(usize, usize), Vec<usize>>> = extracted
        .iter()
        .map(|x| by_sentence(&x.quotes, |q| (q.paragraph, q.sentence)))
        .collect();
    let facts_at: Vec<HashMap<(usize, usize), Vec<usize>>> = extracted
        .iter()
        .map(|x| by_sentence(&x.facts, |f| (f.paragraph, f.sentence)))
        .collect();
    // Indices of the items of document `d` in the side's sentences, in document order.
    let in_side = |at: &HashMap<(usize, usize), Vec<usize>>, refs: &[SentenceRef]| {
        let mut v: Vec<usize> = refs
            .iter()
            .filter_map(|r| at.get(&(r.paragraph, r.index)))
            .flatten()
            .copied()
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    // Speaker: the same words given to different people.
    for m in matches
        .iter()
        .filter(|m| m.relation == QuoteRelation::OtherSpeaker)
    {
        let qa = marked[m.a.0][m.a.1];
        let qb = marked[m.b.0][m.b.1];
        let sentence_of = |d: usize, q: &crate::extract::quotes::Quote| {
            sentence_at
                .get(&(d, q.paragraph, q.sentence))
                .map(|r| sid(r))
        };
        let members = [sentence_of(m.a.0, qa), sentence_of(m.b.0, qb)]
            .into_iter()
            .flatten()
            .collect();
        out.push(Conflict {
            kind: ConflictKind::Speaker,
            members,
            group: None,
            detail: format!(
                "{}: {} · {}: {}",
                doc_id(m.a.0),
                qa.speaker.as_deref().unwrap_or("?"),
                doc_id(m.b.0),
                qb.speaker.as_deref().unwrap_or("?")
            ),
        });
    }
    for (gi, g) in al.groups.iter().enumerate() {
        // per document: its member sentences
        let mut sides: Vec<(usize, Vec<SentenceRef>)> = Vec::new();
        for &m in &g.members {
            let r = al.sentences[m];
            match sides.iter_mut().find(|(d, _)| *d == r.doc) {
                Some((_, v)) => v.push(r),
                None => sides.push((r.doc, vec![r])),
            }
        }
        let gid = groups.get(gi).map(|g| g.id.clone());
        // Attribution: the sources each side names for what it reports.
        let sources: Vec<Vec<String>> = sides
            .iter()
            .map(|(d, refs)| {
                let mut v: Vec<String> = Vec::new();
                for qi in in_side(&quotes_at[*d], refs) {
                    if let Some(s) = &extracted[*d].quotes[qi].speaker {
                        if !v.contains(s) {
                            v.push(s.clone());
                        }
                    }
                }
                v
            })
            .collect();
        for (a, b) in disjoint_pairs(&sources, |x, y| same_source(x, y)) {
            out.push(Conflict {
                kind: ConflictKind::Attribution,
                members: sides[a].1.iter().chain(&sides[b].1).map(sid).collect(),
                group: gid.clone(),
                detail: format!(
                    "{}: {} · {}: {}",
                    doc_id(sides[a].0),
                    sources[a].join(", "),
                    doc_id(sides[b].0),
                    sources[b].join(", ")
                ),
            });
        }
        // Dates: day-precise dates on both sides, none in common.
        let dates: Vec<Vec<(String, String)>> = sides
            .iter()
            .map(|(d, refs)| {
                in_side(&facts_at[*d], refs)
                    .into_iter()
                    .map(|fi| &extracted[*d].facts[fi])
                    .filter(|f| f.kind == FactKind::Date)
                    .filter_map(|f| {
                        f.value
                            .clone()
                            .filter(|v| v.len() == 10)
                            .map(|v| (text(*d, f.span), v))
                    })
                    .collect()
            })
            .collect();
        let show = |v: &[(String, String)]| {
            v.iter()
                .map(|(t, v)| format!("{t} ({v})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (a, b) in disjoint_pairs(&dates, |x, y| x.1 == y.1) {
            out.push(Conflict {
                kind: ConflictKind::Date,
                members: sides[a].1.iter().chain(&sides[b].1).map(sid).collect(),
                group: gid.clone(),
                detail: format!(
                    "{}: {} · {}: {}",
                    doc_id(sides[a].0),
                    show(&dates[a]),
                    doc_id(sides[b].0),
                    show(&dates[b])
                ),
            });
        }
        // Numbers: what the group's number differences say.
        if let Some(gr) = groups.get(gi) {
            for n in &gr.numbers {
                let member_ids = |doc: &str| -> Vec<String> {
                    gr.members
                        .iter()
                        .filter(|m| m.doc == doc)
                        .flat_map(|m| m.sentences.clone())
                        .collect()
                };
                let mut members = member_ids(&n.against);
                members.extend(member_ids(&n.doc));
                out.push(Conflict {
                    kind: ConflictKind::Number,
                    members,
                    group: Some(gr.id.clone()),
                    detail: format!(
                        "{}: {} · {}: {}",
                        n.against,
                        n.against_only.join(", "),
                        n.doc,
                        n.only.join(", ")
                    ),
                });
            }
        }
    }
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.members.cmp(&b.members)));
    out
}

/// Indices of `items` by the (paragraph, sentence) `key` gives.
fn by_sentence<T>(
    items: &[T],
    key: impl Fn(&T) -> (usize, usize),
) -> HashMap<(usize, usize), Vec<usize>> {
    let mut at: HashMap<(usize, usize), Vec<usize>> = HashMap::default();
    for (i, x) in items.iter().enumerate() {
        at.entry(key(x)).or_default().push(i);
    }
    at
}

/// Pairs of sides (`a < b`) that both have values and share none (by `same`).
fn disjoint_pairs<T>(values: &[Vec<T>], same: impl Fn(&T, &T) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for a in 0..values.len() {
        for b in a + 1..values.len() {
            let (va, vb) = (&values[a], &values[b]);
            if !va.is_empty() && !vb.is_empty() && !va.iter().any(|x| vb.iter().any(|y| same(x, y)))
            {
                out.push((a, b));
            }
        }
    }
    out
}

/// Two names of one source: a word in common ("Peskov", "Dmitry Peskov").
fn same_source(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && !matches!(*w, "The" | "the"))
            .map(str::to_lowercase)
            .collect()
    };
    let wb = words(b);
    words(a).iter().any(|w| wb.contains(w))
}
