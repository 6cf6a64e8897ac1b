//! Renderers: turn a [`Report`](crate::report::Report) into bytes for a writer. They never
//! analyse and never print on their own; the caller owns the writer.

pub mod compare;
pub mod html;
pub mod json;
pub mod markdown;
pub mod matches;
pub mod output;
pub mod palette;
pub mod rows;
pub mod safe;
pub mod side;
pub mod summary;
pub mod terminal;
pub mod views;
pub mod width;

pub use palette::Palette;

use crate::report::{DocumentReport, QuoteReport, Report};
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};

/// Every sentence of every report by id: (paragraph id, text). The renderers look sentences up
/// by the ids groups, coverage and quotes refer to.
pub(crate) fn sentence_index(report: &Report) -> FxHashMap<&str, (&str, &str)> {
    let mut index = FxHashMap::default();
    for d in &report.documents {
        for para in &d.paragraphs {
            for s in &para.sentences {
                index.insert(s.id.as_str(), (para.id.as_str(), s.text.as_str()));
            }
        }
    }
    index
}

/// The texts of the sentences `ids` names, in order, through a [`sentence_index`].
pub(crate) fn sentence_texts<'a>(
    index: &FxHashMap<&str, (&'a str, &'a str)>,
    ids: &[String],
) -> Vec<&'a str> {
    ids.iter()
        .filter_map(|s| index.get(s.as_str()).map(|(_, t)| *t))
        .collect()
}

/// A conflict side's value in a few words of its sentence: (words before, the value as
/// written, words after), with "…" where the sentence goes on. `None` when the side names no
/// sentence or its words are not found there.
pub(crate) fn side_context<'a>(
    index: &FxHashMap<&str, (&str, &'a str)>,
    side: &'a crate::report::ConflictSide,
) -> Option<(String, &'a str, String)> {
    /// Words shown on each side of the value.
    const WORDS: usize = 6;
    let (_, sentence) = index.get(side.sentence.as_deref()?)?;
    let at = sentence.find(side.text.as_str())?;
    let (before, after) = (&sentence[..at], &sentence[at + side.text.len()..]);
    let bw: Vec<&str> = before.split_whitespace().collect();
    let aw: Vec<&str> = after.split_whitespace().collect();
    let mut b = bw[bw.len().saturating_sub(WORDS)..].join(" ");
    if bw.len() > WORDS {
        b.insert(0, '…');
    }
    if before.ends_with(char::is_whitespace) && !b.is_empty() {
        b.push(' ');
    }
    let mut a = aw[..aw.len().min(WORDS)].join(" ");
    if after.starts_with(char::is_whitespace) && !a.is_empty() {
        a.insert(0, ' ');
    }
    if aw.len() > WORDS {
        a.push('…');
    }
    Some((b, side.text.as_str(), a))
}

/// The verdict every view says first, as plain lines (each renderer escapes them): how many
/// shared facts every report carries; each pair's overlap in percent (with more than four
/// reports, each report's share carried elsewhere instead); and what each report leaves out of
/// what most others carry, the facts named by their text, most important first.
pub(crate) fn verdict_lines(report: &Report) -> Vec<String> {
    /// Facts named per report before "and N more".
    const NAMED: usize = 3;
    /// Characters of a fact's text shown.
    const FACT_CHARS: usize = 90;
    let Some(v) = report.verdict.as_ref() else {
        return Vec::new();
    };
    let n = report.documents.len();
    let label = |id: &str| {
        report
            .documents
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| format!("{} {}", d.id, d.label))
    };
    let mut out = Vec::new();
    out.push(if n == 2 {
        format!(
            "The two reports share {}.",
            count(v.shared, "fact", "facts")
        )
    } else {
        format!(
            "{} of {} {} carried by all {n} reports.",
            v.shared_by_all,
            count(v.shared, "shared fact", "shared facts"),
            if v.shared_by_all == 1 { "is" } else { "are" }
        )
    });
    if n <= 4 {
        for p in &v.pairs {
            out.push(format!(
                "{} and {}: {} carries {}% of {}'s sentences, {} {}% of {}'s.",
                label(&p.docs[0]),
                label(&p.docs[1]),
                p.docs[1],
                p.percent[0],
                p.docs[0],
                p.docs[0],
                p.percent[1],
                p.docs[1]
            ));
        }
    } else if let Some(cov) = report.coverage.as_ref() {
        for d in &report.documents {
            if let Some(c) = cov.get(&d.id) {
                let pct = (c.shared * 100 + c.body_sentences / 2) / c.body_sentences.max(1);
                out.push(format!(
                    "{}: {pct}% of its sentences are carried by another report.",
                    label(&d.id)
                ));
            }
        }
    }
    let index = sentence_index(report);
    let groups: HashMap<&str, &crate::report::GroupReport> = report
        .groups
        .iter()
        .flatten()
        .map(|g| (g.id.as_str(), g))
        .collect();
    let others = if n == 3 {
        "both others carry"
    } else {
        "most others carry"
    };
    for lo in &v.left_out {
        let facts: Vec<String> = lo
            .groups
            .iter()
            .take(NAMED)
            .filter_map(|id| {
                let g = groups.get(id.as_str())?;
                let first = g.members.first()?.sentences.first()?;
                let (_, text) = index.get(first.as_str())?;
                Some(format!("\u{201c}{}\u{201d} ({id})", clip(text, FACT_CHARS)))
            })
            .collect();
        let more = lo.groups.len().saturating_sub(NAMED);
        out.push(format!(
            "{} leaves out {} {others}: {}{}",
            label(&lo.doc),
            count(lo.groups.len(), "fact", "facts"),
            facts.join("; "),
            if more > 0 {
                format!("; and {more} more.")
            } else {
                ".".to_string()
            }
        ));
    }
    out
}

/// The heading of a report: "Comparison of 3 reports" for `compare`, "How 1 report was read"
/// for `inspect` (which builds no groups).
pub(crate) fn heading(report: &Report) -> String {
    let n = report.documents.len();
    let reports = count(n, "report", "reports");
    if report.groups.is_some() {
        format!("Comparison of {reports}")
    } else {
        format!("How {reports} {} read", if n == 1 { "was" } else { "were" })
    }
}

/// The first place at or after `from` where `seg` stands as whole words in `text`: no letter or
/// digit right before or right after it ("a" is not found in "grabbing").
pub(crate) fn find_word(text: &str, from: usize, seg: &str) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text.get(at..)?.find(seg) {
        let s = at + i;
        let e = s + seg.len();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let inside = seg.chars().next().is_some_and(char::is_alphanumeric)
            && word(text[..s].chars().next_back())
            || seg.chars().next_back().is_some_and(char::is_alphanumeric)
                && word(text[e..].chars().next());
        if !inside {
            return Some(s);
        }
        at = s + seg.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// `text` with the runs `segments` (found in order, as whole words) emphasised by `em`: the
/// words a partial fact's members share, shown in full sentences rather than as a diff.
pub(crate) fn emphasise<'a>(
    text: &str,
    segments: impl Iterator<Item = &'a str>,
    plain: impl Fn(&str) -> String,
    em: impl Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let mut at = 0;
    for seg in segments.filter(|s| !s.trim().is_empty()) {
        if let Some(s) = find_word(text, at, seg) {
            out.push_str(&plain(&text[at..s]));
            out.push_str(&em(&text[s..s + seg.len()]));
            at = s + seg.len();
        }
    }
    out.push_str(&plain(&text[at..]));
    out
}

/// "1 fact", "2 facts": `n` and the noun in the number it takes.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `text` cut at a word boundary to at most `max` characters, with "…" when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max).collect();
    if let Some(i) = cut.rfind(char::is_whitespace) {
        cut.truncate(i);
    }
    cut.trim_end_matches(|c: char| c.is_ascii_punctuation())
        .to_string()
        + "…"
}

/// What every view says first when reports share almost nothing (from the report's
/// `overlap`; pairs it does not list share nothing): one sentence for two reports that do not
/// look like one event; among more, the reports that look like no other's event, or the pairs
/// that do not (a count when there are many). Plain text; each renderer escapes it.
pub(crate) fn different_stories(report: &Report) -> Vec<String> {
    let Some(overlap) = report.overlap.as_deref() else {
        return Vec::new();
    };
    let n = report.documents.len();
    let pairs = n * n.saturating_sub(1) / 2;
    let apart: Vec<_> = overlap.iter().filter(|o| !o.same_event).collect();
    let together = overlap.len() - apart.len();
    if together == pairs {
        return Vec::new();
    }
    let label = |id: &str| {
        report
            .documents
            .iter()
            .find(|d| d.id == id)
            .map_or_else(|| id.to_string(), |d| format!("{} {}", d.id, d.label))
    };
    let linked = |k: usize| {
        if k == 1 {
            "1 linked pair of sentences".to_string()
        } else {
            format!("{k} linked pairs of sentences")
        }
    };
    if n == 2 {
        let (links, shares) = apart
            .first()
            .map_or((0, [0.0, 0.0]), |o| (o.links, o.shares));
        return vec![format!(
            "These reports do not look like the same event: they share {} ({:.0}% and {:.0}% of their sentences), so most of what follows is what each says alone.",
            linked(links),
            100.0 * shares[0],
            100.0 * shares[1]
        )];
    }
    if together == 0 {
        return vec![format!(
            "None of these reports looks like the same event as another: each pair shares at most {}.",
            linked(apart.iter().map(|o| o.links).max().unwrap_or(0))
        )];
    }
    // Reports that look like no other report's event.
    let mut with_company = vec![false; n];
    let index = |id: &str| report.documents.iter().position(|d| d.id == id);
    for o in overlap.iter().filter(|o| o.same_event) {
        for id in &o.docs {
            if let Some(i) = index(id) {
                with_company[i] = true;
            }
        }
    }
    let alone: Vec<&str> = report
        .documents
        .iter()
        .zip(&with_company)
        .filter(|(_, c)| !**c)
        .map(|(d, _)| d.id.as_str())
        .collect();
    let mut out: Vec<String> = alone
        .iter()
        .take(5)
        .map(|id| {
            format!(
                "{} does not look like the same event as any other report.",
                label(id)
            )
        })
        .collect();
    if alone.len() > 5 {
        out.push(format!("… and {} more reports like it.", alone.len() - 5));
    }
    // Pairs apart among reports that do have company elsewhere.
    let rest: Vec<_> = apart
        .iter()
        .filter(|o| o.docs.iter().all(|id| !alone.contains(&id.as_str())))
        .collect();
    let unlisted = pairs - overlap.len();
    if rest.len() <= 3 && unlisted == 0 {
        out.extend(rest.iter().map(|o| {
            format!(
                "{} and {} do not look like the same event: they share {}.",
                label(&o.docs[0]),
                label(&o.docs[1]),
                linked(o.links)
            )
        }));
    } else {
        // Every pair apart that involves no lone report (those were named above).
        let a = alone.len();
        let involving = a * (n - 1) - a * a.saturating_sub(1) / 2;
        let k = pairs - together - involving;
        if k > 0 {
            out.push(if a > 0 {
                format!(
                    "{k} further pairs of reports (of {pairs}) do not look like the same event."
                )
            } else {
                format!("{k} of the {pairs} pairs of reports do not look like the same event.")
            });
        }
    }
    out
}

/// `[A] label  source`, the first line about a report in the terminal views.
pub(crate) fn report_line(d: &DocumentReport, p: Palette) -> String {
    format!(
        "{} {}  {}",
        p.strong(&format!("[{}]", d.id)),
        p.strong(&safe::terminal_line(&d.label)),
        p.dim(&safe::terminal_line(&d.source))
    )
}

/// The quotes of a report, for the quote sections of every renderer: each quote by id with the
/// index of its document, and per document the quotes no quote match includes.
pub(crate) struct QuoteIndex<'a> {
    /// Quote id → (quote, document index).
    pub by_id: HashMap<&'a str, (&'a QuoteReport, usize)>,
    /// Per document, in document order: its quotes that no other report carries.
    pub alone: Vec<Vec<&'a QuoteReport>>,
}

impl<'a> QuoteIndex<'a> {
    /// Indexes the quotes of `report`.
    pub fn new(report: &'a Report) -> QuoteIndex<'a> {
        let matched: HashSet<&str> = report
            .quote_matches
            .iter()
            .flatten()
            .flat_map(|m| m.quotes.iter().map(String::as_str))
            .collect();
        let by_id = report
            .documents
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.quotes.iter().map(move |q| (q.id.as_str(), (q, i))))
            .collect();
        let alone = report
            .documents
            .iter()
            .map(|d| {
                d.quotes
                    .iter()
                    .filter(|q| !matched.contains(q.id.as_str()))
                    .collect()
            })
            .collect();
        QuoteIndex { by_id, alone }
    }
}

/// "N people, organisations and places", and "; the K most widely named" when only K are shown.
pub(crate) fn named_summary(n: usize, shown: usize) -> String {
    if n > shown {
        format!("{n} people, organisations and places; the {shown} most widely named")
    } else {
        format!("{n} people, organisations and places")
    }
}

#[cfg(test)]
mod word_tests {
    use super::*;

    #[test]
    fn words_are_found_whole_and_emphasised_in_order() {
        // the HTML fault the issue shows: "a" marked inside "grabbing"
        assert_eq!(find_word("grabbing a bag", 0, "a"), Some(9));
        assert_eq!(find_word("it was found", 0, "a"), None);
        assert_eq!(find_word("anti-virus program", 0, "virus"), Some(5));
        assert_eq!(
            emphasise(
                "Israeli intelligence said Russian hackers did it",
                ["intelligence", "hackers"].into_iter(),
                str::to_string,
                |s| format!("*{s}*")
            ),
            "Israeli *intelligence* said Russian *hackers* did it"
        );
        assert_eq!(clip("one two three four", 9), "one two…");
    }
}
