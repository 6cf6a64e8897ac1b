//! `--view summary` (the coverage matrix: shared facts × reports, counts, conflicts first) and
//! `--view facts` (dates, numbers, money and percentages × reports, then who is named).

use super::compare::{conflicts, coverage, entities, header};
use super::safe::terminal_line;
use super::width::truncate;
use super::Palette;
use crate::report::FactKind;
use crate::report::Report;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Columns a report takes in a matrix.
const CELL: usize = 2;

/// How many report columns fit beside `fixed` columns of text in `width`, and a note when not
/// all of them do.
fn fitting(report: &Report, width: usize, fixed: usize) -> (usize, Option<String>) {
    let n = report.documents.len();
    let fit = (width.saturating_sub(fixed) / CELL).max(1);
    if fit >= n {
        (n, None)
    } else {
        (
            fit,
            Some(format!(
                "  (the first {fit} of {n} reports fit in {width} columns; widen with --width or use --format html)"
            )),
        )
    }
}

/// The header line of a matrix: each report's id over its column.
fn matrix_head(report: &Report, lead: usize, shown: usize) -> String {
    let mut s = " ".repeat(lead);
    for d in &report.documents[..shown] {
        s.push_str(&format!("{:<CELL$}", truncate(&d.id, CELL)));
    }
    s.trim_end().to_string()
}

/// ● where the report carries it, ○ where it does not.
fn marks(present: impl Iterator<Item = bool>) -> String {
    present.map(|x| if x { "● " } else { "○ " }).collect()
}

/// Writes the summary view.
pub fn summary(report: &Report, width: usize, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    header(report, p, out)?;
    conflicts(report, p, out)?;
    let groups = report.groups.as_deref().unwrap_or(&[]);
    let same = groups
        .iter()
        .filter(|g| g.relation == crate::report::Relation::Same)
        .count();
    writeln!(out)?;
    writeln!(
        out,
        "{}  {}",
        p.strong("Coverage matrix"),
        p.dim(&format!(
            "{} shared facts ({same} same, {} partial) × {} reports; ● carries it, ○ leaves it out",
            groups.len(),
            groups.len() - same,
            report.documents.len()
        ))
    )?;
    let id_w = groups.iter().map(|g| g.id.len()).max().unwrap_or(2);
    let lead = 2 + id_w + 1 + 7 + 2; // "  g12 partial  "
    let (shown, note) = fitting(report, width, lead + 12);
    if let Some(note) = note {
        writeln!(out, "{}", p.note(&note))?;
    }
    writeln!(out, "{}", p.dim(&matrix_head(report, lead, shown)))?;
    // In importance order (the groups' order): carried by more reports first, then earlier.
    let index = super::sentence_index(report);
    for g in groups {
        let present = marks(
            report.documents[..shown]
                .iter()
                .map(|d| g.members.iter().any(|m| m.doc == d.id)),
        );
        let first = g
            .members
            .first()
            .and_then(|m| m.sentences.first())
            .and_then(|s| index.get(s.as_str()))
            .map(|(_, t)| *t);
        let used = lead + shown * CELL + 1;
        let text = first
            .map(|t| truncate(&terminal_line(t), width.saturating_sub(used)))
            .unwrap_or_default();
        writeln!(
            out,
            "  {:<id_w$} {} {}  {present} {}",
            g.id,
            p.relation(g.relation),
            " ".repeat(7 - g.relation.as_str().len()),
            text
        )?;
    }
    coverage(report, p, out)
}

/// Writes the facts view: every date, number, sum of money and percentage, which reports carry
/// it (conflicting dates and numbers first), then who is named.
pub fn facts(report: &Report, width: usize, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    header(report, p, out)?;
    if let Some(cs) = report.conflicts.as_deref() {
        let dn: Vec<_> = cs
            .iter()
            .filter(|c| {
                matches!(
                    c.kind,
                    crate::report::ConflictKind::Date | crate::report::ConflictKind::Number
                )
            })
            .collect();
        if !dn.is_empty() {
            writeln!(out)?;
            writeln!(out, "{}", p.strong("Dates and numbers in conflict"))?;
            for c in dn {
                writeln!(
                    out,
                    "  {}  {}",
                    p.note(&format!("{:<6}", c.kind.as_str())),
                    terminal_line(&c.detail)
                )?;
            }
        }
    }

    // (kind, key) -> (shown text, which reports)
    let n = report.documents.len();
    let mut order: Vec<(FactKind, String)> = Vec::new();
    let mut table: BTreeMap<(FactKind, String), (String, Vec<bool>)> = BTreeMap::new();
    let mut kinds: BTreeMap<(FactKind, String), String> = BTreeMap::new();
    for (di, d) in report.documents.iter().enumerate() {
        for f in d.facts.iter().filter(|f| {
            matches!(
                f.kind,
                FactKind::Date
                    | FactKind::Number
                    | FactKind::Money
                    | FactKind::Percent
                    | FactKind::Time
            )
        }) {
            // "48 pages" and "48 people" are two facts; the shown kind is what a number measures
            let value = f.value.clone().unwrap_or_else(|| f.text.to_lowercase());
            let key = (
                f.kind,
                match &f.unit {
                    Some(u) => format!("{value} {u}"),
                    None => value,
                },
            );
            kinds
                .entry(key.clone())
                .or_insert_with(|| f.measure.clone().unwrap_or_else(|| f.kind.as_str().into()));
            let entry = table.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                let shown = match &f.value {
                    Some(v) if *v != f.text => format!("{} = {v}", f.text),
                    _ => f.text.clone(),
                };
                (terminal_line(&shown).into_owned(), vec![false; n])
            });
            entry.1[di] = true;
        }
    }
    // Facts all reports carry first, then by how many carry them, then by first appearance.
    let mut keys: Vec<(usize, &(FactKind, String))> = order.iter().enumerate().collect();
    keys.sort_by_key(|(i, k)| {
        (
            std::cmp::Reverse(table[*k].1.iter().filter(|x| **x).count()),
            *i,
        )
    });
    writeln!(out)?;
    writeln!(
        out,
        "{}  {}",
        p.strong("Dates, times, numbers, money, percentages"),
        p.dim(&format!(
            "{} distinct; ● carries it, ○ does not",
            keys.len()
        ))
    )?;
    let lead = 2 + 8;
    let (shown, note) = fitting(report, width, lead + 12);
    if let Some(note) = note {
        writeln!(out, "{}", p.note(&note))?;
    }
    if !keys.is_empty() {
        writeln!(out, "{}", p.dim(&matrix_head(report, lead, shown)))?;
    }
    for (_, k) in keys {
        let (text, present) = &table[k];
        let used = lead + shown * CELL + 1;
        writeln!(
            out,
            "  {} {}  {}",
            p.dim(&format!("{:<7}", kinds[k])),
            marks(present[..shown].iter().copied()),
            truncate(text, width.saturating_sub(used))
        )?;
    }
    entities(report, p, out)
}
