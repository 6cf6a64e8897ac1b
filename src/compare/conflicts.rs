//! Where reports disagree about one fact — what an editor reads first, so precision comes
//! first: two linked sentences that date one named actor ("the House") on different days; two
//! sentences linked with high confidence (at least [`MIN_LINK`]) that give different values of
//! a quantity with the same unit (hedged and rounded values agree, bare numbers never
//! conflict, and the two must be of the same thing). A quote is given to two people only when
//! both reports name the speaker in the quote's own attribution (`speakers_differ`): when one
//! side's speaker was resolved from a pronoun or a description, such "conflicts" were nearly
//! all a wrong speaker on that side (24 on basil-train's 48 events under the first rule; none
//! on all 100 BASIL events under this one). Different sources for one claim ("the Times
//! reported" / "Israeli intelligence said") are not conflicts: they are listed apart, as
//! sourcing.

use crate::align::{Alignment, SentenceRef};
use crate::document::Document;
use crate::extract::facts::FactKind;
use crate::extract::Extraction;
use crate::report::{doc_id, ConflictSide, GroupReport};
use rustc_hash::FxHashMap as HashMap;

pub use crate::report::ConflictKind;

/// One disagreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What it is about.
    pub kind: ConflictKind,
    /// Sentence ids of the reports' sides (`A.s7`, `B.s15`).
    pub members: Vec<String>,
    /// The group it was found in, if any.
    pub group: Option<String>,
    /// What each side says, one line.
    pub detail: String,
    /// Each side, structured.
    pub sides: Vec<ConflictSide>,
}

fn sid(r: &SentenceRef) -> String {
    format!("{}.s{}", doc_id(r.doc), r.ordinal + 1)
}

/// Two sentences disagree only when they are linked at least this probably.
pub const MIN_LINK: f32 = 0.5;

/// What [`find`] returns: the conflicts, and the differences in sourcing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Where the reports disagree.
    pub conflicts: Vec<Conflict>,
    /// The same claim credited to different sources (kind `attribution`).
    pub sourcing: Vec<Conflict>,
}

/// Finds the conflicts and the sourcing differences of a comparison.
pub fn find(
    docs: &[Document],
    extracted: &[Extraction],
    al: &Alignment,
    groups: &[GroupReport],
) -> Found {
    let mut out = Vec::new();
    let mut sourcing = Vec::new();
    let text = |d: usize, s: crate::text::Span| s.slice(&docs[d].text).to_string();
    // Every lookup by sentence goes through an index, so the cost follows the groups and the
    // quotes and facts they hold, not groups × all quotes.
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
            let side = |k: usize| ConflictSide {
                doc: doc_id(sides[k].0),
                value: sources[k].join(", "),
                unit: None,
                sentence: (sides[k].1.len() == 1).then(|| sid(&sides[k].1[0])),
                text: sources[k].join(", "),
            };
            sourcing.push(Conflict {
                kind: ConflictKind::Attribution,
                sides: vec![side(a), side(b)],
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
    }
    // Dates and numbers: on strongly linked sentences only.
    let sentence = |i: usize| {
        let r = al.sentences[i];
        &docs[r.doc].paragraphs[r.paragraph].sentences[r.index]
    };
    let group_of = |i: usize| {
        al.group_of[i]
            .and_then(|g| groups.get(g))
            .map(|g| g.id.clone())
    };
    // Dates: the days each side gives, each with the name it is told of ("the House …
    // on Thursday"); a conflict when a name both sides date has no day in common.
    let days = |r: &SentenceRef| -> Vec<Dated> {
        let s = docs[r.doc].paragraphs[r.paragraph].sentences[r.index].span;
        let mut v: Vec<Dated> = facts_at[r.doc]
            .get(&(r.paragraph, r.index))
            .into_iter()
            .flatten()
            .map(|&fi| &extracted[r.doc].facts[fi])
            .filter(|f| f.kind == FactKind::Date)
            .filter_map(|f| {
                // A day: resolved, or a weekday named in a report with no date to count
                // from (two reports of one event name the same weekday for one day).
                let written = text(r.doc, f.span);
                let value = match f.value.clone().filter(|v| v.len() == 10) {
                    Some(v) => v,
                    None if crate::text::date::is_weekday(written.trim()) => {
                        format!("weekday {}", written.trim().to_lowercase())
                    }
                    None => return None,
                };
                let before = docs[r.doc].text.get(s.start..f.span.start.max(s.start))?;
                Some(Dated {
                    text: written,
                    value,
                    anchor: anchor(before),
                })
            })
            .collect();
        v.sort_by(|x, y| (&x.value, &x.anchor).cmp(&(&y.value, &y.anchor)));
        v.dedup_by(|x, y| x.value == y.value && x.anchor == y.anchor);
        v
    };
    // Each sentence's days and quantities, worked out once however many links it has.
    let day_cache: Vec<std::cell::OnceCell<Vec<Dated>>> = (0..al.sentences.len())
        .map(|_| Default::default())
        .collect();
    let quantity_cache: Vec<std::cell::OnceCell<Vec<crate::extract::quantity::Quantity>>> =
        (0..al.sentences.len())
            .map(|_| Default::default())
            .collect();
    let days_of = |i: usize| day_cache[i].get_or_init(|| days(&al.sentences[i]));
    let quantities_of = |i: usize| {
        quantity_cache[i].get_or_init(|| {
            crate::extract::quantity::quantities(sentence(i), &docs[al.sentences[i].doc].text)
        })
    };
    for l in &al.links {
        let strong = l.score >= MIN_LINK;
        let (ra, rb) = (al.sentences[l.a], al.sentences[l.b]);
        let members = vec![sid(&ra), sid(&rb)];
        let group = group_of(l.a).filter(|g| group_of(l.b).as_ref() == Some(g));
        let (da, db) = (days_of(l.a), days_of(l.b));
        if let Some((x, y)) = date_conflict(da, db) {
            let side = |r: &SentenceRef, d: &Dated| ConflictSide {
                doc: doc_id(r.doc),
                value: d.value.clone(),
                unit: None,
                sentence: Some(sid(r)),
                text: d.text.clone(),
            };
            out.push(Conflict {
                kind: ConflictKind::Date,
                sides: vec![side(&ra, x), side(&rb, y)],
                members: members.clone(),
                group: group.clone(),
                detail: format!(
                    "{}: {} ({}) · {}: {} ({})",
                    doc_id(ra.doc),
                    x.text,
                    x.value,
                    doc_id(rb.doc),
                    y.text,
                    y.value
                ),
            });
        }
        // Numbers: one value each of a unit both sides give, and values that cannot agree.
        if !strong {
            continue;
        }
        let (qa, qb) = (quantities_of(l.a), quantities_of(l.b));
        let mut units: Vec<&str> = qa.iter().map(|q| q.unit.as_str()).collect();
        units.sort_unstable();
        units.dedup();
        for unit in units {
            let of = |qs: &'_ [crate::extract::quantity::Quantity]| -> Vec<crate::extract::quantity::Quantity> {
                qs.iter().filter(|q| q.unit == unit).cloned().collect()
            };
            let (xa, xb) = (of(qa), of(qb));
            if xa.len() == 1
                && xb.len() == 1
                && crate::extract::quantity::same_thing(&xa[0], &xb[0])
                && !crate::extract::quantity::compatible(&xa[0], &xb[0])
            {
                let side = |r: &SentenceRef, q: &crate::extract::quantity::Quantity| ConflictSide {
                    doc: doc_id(r.doc),
                    value: crate::extract::quantity::display(q.value),
                    unit: Some(q.unit.clone()),
                    sentence: Some(sid(r)),
                    text: q.text.clone(),
                };
                out.push(Conflict {
                    kind: ConflictKind::Number,
                    sides: vec![side(&ra, &xa[0]), side(&rb, &xb[0])],
                    members: members.clone(),
                    group: group.clone(),
                    detail: format!(
                        "{}: {} · {}: {}",
                        doc_id(ra.doc),
                        xa[0].text,
                        doc_id(rb.doc),
                        xb[0].text
                    ),
                });
            }
        }
    }
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.members.cmp(&b.members)));
    out.dedup();
    sourcing.sort_by(|a, b| a.members.cmp(&b.members));
    Found {
        conflicts: out,
        sourcing,
    }
}

/// One quote given to different people, when both reports name the speaker in the quote's
/// own attribution (`speakers_differ`, [`super::quotes`]): a speaker conflict, the quote's
/// sentences as its members.
pub fn speakers(
    docs: &[Document],
    marked: &[Vec<&crate::extract::quotes::Quote>],
    matches: &[super::quotes::QuoteMatch],
) -> Vec<Conflict> {
    // the report's sentence id of a quote: 1-based over all of its document's paragraphs
    let sid = |d: usize, q: &crate::extract::quotes::Quote| {
        let before: usize = docs[d].paragraphs[..q.paragraph]
            .iter()
            .map(|p| p.sentences.len())
            .sum();
        format!("{}.s{}", doc_id(d), before + q.sentence + 1)
    };
    matches
        .iter()
        .filter(|m| m.speakers_differ)
        .filter_map(|m| {
            let (qa, qb) = (marked[m.a.0][m.a.1], marked[m.b.0][m.b.1]);
            let (sa, sb) = (qa.speaker.clone()?, qb.speaker.clone()?);
            let side = |d: usize, q: &crate::extract::quotes::Quote, who: String| ConflictSide {
                doc: doc_id(d),
                value: who.clone(),
                unit: None,
                sentence: Some(sid(d, q)),
                text: q
                    .speaker_span
                    .and_then(|s| docs[d].text.get(s.start..s.end))
                    .map_or(who, str::to_string),
            };
            Some(Conflict {
                kind: ConflictKind::Speaker,
                members: vec![sid(m.a.0, qa), sid(m.b.0, qb)],
                group: None,
                detail: format!("{}: {sa} · {}: {sb}", doc_id(m.a.0), doc_id(m.b.0)),
                sides: vec![side(m.a.0, qa, sa), side(m.b.0, qb, sb)],
            })
        })
        .collect()
}

/// A day a sentence gives, with the name it is told of.
#[derive(Debug, Clone)]
struct Dated {
    text: String,
    value: String,
    /// The nearest capitalised word before the date in its sentence (lowercased), if any.
    anchor: Option<String>,
}

/// At most this many words back from a date, its anchor is looked for.
const ANCHOR_WINDOW: usize = 15;

/// The nearest capitalised word before a date (`before` is the sentence up to it), when it
/// names an institution: what the day is told of. Function words ("On", "The"), weekdays,
/// months and the sentence's first word are passed over.
fn anchor(before: &str) -> Option<String> {
    let words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '.')
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let (at, w) = words
        .iter()
        .enumerate()
        .rev()
        .take(ANCHOR_WINDOW)
        .filter(|(i, _)| *i > 0)
        .find(|(_, w)| {
            capitalised(w)
                && !crate::text::lexicon::is_stop_word(&w.to_lowercase())
                && !crate::text::date::is_weekday(w)
                && crate::text::date::month_number(w).is_none()
        })?;
    // An institution ("the House", "the Senate", "the court") acts once on a day — a vote,
    // a ruling; a person acts on many days, so two days told of a person are two acts.
    if !crate::text::lexicon::ORG_WORDS.contains(w) {
        return None;
    }
    // Not where something happened ("met with Trump at the White House on Wednesday") nor a
    // modifier of the people who acted ("told White House reporters on Thursday").
    let mut first = at;
    while first > 0
        && capitalised(words[first - 1])
        && !crate::text::lexicon::is_stop_word(&words[first - 1].to_lowercase())
    {
        first -= 1;
    }
    let lower = |i: usize| words.get(i).map(|w| w.to_lowercase());
    let place = |w: Option<String>| {
        matches!(
            w.as_deref(),
            Some("at" | "in" | "inside" | "outside" | "near")
        )
    };
    let before_run = first.checked_sub(1).and_then(lower);
    let located = place(before_run.clone())
        || (before_run.as_deref() == Some("the") && place(first.checked_sub(2).and_then(lower)));
    let modifier = matches!(
        lower(at + 1).as_deref(),
        Some(
            "reporters"
                | "officials"
                | "aides"
                | "staff"
                | "staffers"
                | "press"
                | "correspondents"
                | "lawyers"
                | "sources"
                | "spokesman"
                | "spokeswoman"
                | "counsel"
        )
    );
    (!located && !modifier).then(|| w.to_lowercase())
}

/// Whether two days can be compared: both resolved dates, or both weekday names.
fn comparable(x: &Dated, y: &Dated) -> bool {
    x.value.starts_with("weekday") == y.value.starts_with("weekday")
}

/// The two days that conflict, if any: a name both sides date ("the House … on Thursday" /
/// "the House voted … Wednesday"), on days that can be compared, with no day in common. Days
/// told of no name, or of different names, never conflict: two days in linked sentences are
/// as often two steps of one story (a bill passed on Thursday, signed on Friday).
fn date_conflict<'a>(a: &'a [Dated], b: &'a [Dated]) -> Option<(&'a Dated, &'a Dated)> {
    for x in a.iter().filter(|x| x.anchor.is_some()) {
        let theirs: Vec<&Dated> = b
            .iter()
            .filter(|y| y.anchor == x.anchor && comparable(x, y))
            .collect();
        let ours: Vec<&Dated> = a.iter().filter(|z| z.anchor == x.anchor).collect();
        if !theirs.is_empty()
            && !theirs
                .iter()
                .any(|y| ours.iter().any(|z| z.value == y.value))
        {
            return Some((x, theirs[0]));
        }
    }
    None
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
