//! `--view side-by-side`: one column per report, shared facts on the same row, gaps where a
//! report is silent, text wrapped between words. Every line fits the width, measured in terminal
//! columns (wide characters and emoji count two). Words a report words differently from the
//! first report of a fact are marked: coloured and underlined, or `[-…-]` in the first report and
//! `{+…+}` in the others without colour.

use super::rows::{rows, Cell, RowKind};
use super::safe::terminal_line;
use super::width::{truncate, width, wrap, Piece};
use super::Palette;
use crate::report::Report;
use std::io::{self, Write};

/// Narrowest column worth drawing.
const MIN_COLUMN: usize = 16;
/// Columns narrower than this (many reports, a narrow terminal) give the stacked layout.
const STACK_BELOW: usize = 28;
/// Between two columns, and its width in columns.
const SEPARATOR: &str = " │ ";
const SEPARATOR_WIDTH: usize = 3;

/// How a word is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    /// Worded differently; `true` in the first report of the fact.
    Changed(bool),
}

/// Writes the side-by-side view of `report` in lines of at most `max_width` columns.
pub fn render(
    report: &Report,
    max_width: usize,
    p: Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    let w = max_width.max(MIN_COLUMN);
    let n = report.documents.len();
    // Columns too narrow to read: one block per fact instead, every report shown.
    if n > 1 && w.saturating_sub(SEPARATOR_WIDTH * (n - 1)) / n < STACK_BELOW {
        return stacked(report, w, p, out);
    }
    // k columns need k × MIN_COLUMN + (k − 1) separators.
    let fit = ((w + SEPARATOR_WIDTH) / (MIN_COLUMN + SEPARATOR_WIDTH)).max(1);
    let shown = n.min(fit);
    let col = (w - SEPARATOR_WIDTH * (shown - 1)) / shown;

    preamble(report, w, p, out)?;
    if shown < n {
        paragraph(
            out,
            &format!(
                "Showing the first {shown} of {n} reports: {w} columns fit no more. Widen with --width, or use --format html for all of them."
            ),
            w,
            |s| p.note(s),
        )?;
    }
    // Header: id and label, then title and date, then a rule.
    let docs = &report.documents[..shown];
    let heads: Vec<String> = docs
        .iter()
        .map(|d| clip_words(&format!("{} {}", d.id, terminal_line(&d.label)), col))
        .collect();
    line(out, &heads, col, |s| p.strong(s))?;
    let dates: Vec<String> = docs
        .iter()
        .map(|d| {
            let date = d
                .published
                .map_or_else(|| "no date".to_string(), |x| x.to_string());
            clip_words(
                &format!("{date} · {} sentences", d.counts.body_sentences),
                col,
            )
        })
        .collect();
    line(out, &dates, col, |s| p.dim(s))?;
    let titles: Vec<String> = docs
        .iter()
        .map(|d| {
            clip_words(
                &terminal_line(d.title.as_deref().unwrap_or("(no title)")),
                col,
            )
        })
        .collect();
    line(out, &titles, col, |s| p.dim(s))?;
    writeln!(out, "{}", p.dim(&vec!["─".repeat(col); shown].join("─┼─")))?;

    // Conflicts first, across the full width.
    conflicts(report, w, p, out)?;

    let groups = report.groups.as_deref().unwrap_or(&[]);
    let separator = p.dim(SEPARATOR);
    for row in rows(report) {
        let cells = &row.cells[..shown];
        if cells.iter().all(Option::is_none) {
            continue; // only in a report not shown
        }
        writeln!(out, "{}", p.dim(&rule(report, groups, row.kind, w)))?;

        let wrapped: Vec<Vec<Vec<Piece<Style>>>> = cells
            .iter()
            .map(|c| match c {
                Some(c) => wrap(words(c, c.pivot, p), col),
                None => Vec::new(),
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..height {
            let mut text = String::new();
            for (ci, lines) in wrapped.iter().enumerate() {
                if ci > 0 {
                    text.push_str(&separator);
                }
                let mut used = 0;
                if let Some(l) = lines.get(i) {
                    let (painted, w) = paint(l, p);
                    text.push_str(&painted);
                    used = w;
                }
                if ci + 1 < wrapped.len() {
                    text.push_str(&" ".repeat(col.saturating_sub(used)));
                }
            }
            writeln!(out, "{}", text.trim_end())?;
        }
    }
    let legend = if p.is_enabled() {
        "Underlined: worded differently from the first report of the fact (red in that report, blue in the others)."
    } else {
        "[-…-]: the first report's words that another words differently · {+…+}: words that differ from the first report."
    };
    writeln!(out, "{}", p.dim(&"─".repeat(w)))?;
    paragraph(out, legend, w, |s| p.dim(s))
}

/// One wrapped line of a cell, painted: runs of words with one style at once (one escape
/// sequence a run). Returns the text and its width in columns.
fn paint(l: &[Piece<'_, Style>], p: Palette) -> (String, usize) {
    let mut text = String::new();
    let mut used = 0;
    let mut k = 0;
    while k < l.len() {
        let style = l[k].style;
        let mut run = String::new();
        while k < l.len() && l[k].style == style {
            if !run.is_empty() {
                run.push(' ');
            }
            run.push_str(&l[k].text);
            k += 1;
        }
        if used > 0 {
            text.push(' ');
            used += 1;
        }
        used += width(&run);
        match style {
            Style::Plain => text.push_str(&run),
            Style::Changed(first) => text.push_str(&p.changed(&run, first)),
        }
    }
    (text, used)
}

/// `s` cut to `max` columns at a word boundary, with "…" when cut (a word longer than the
/// column is cut where it must be).
fn clip_words(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let cut = truncate(s, max);
    let body = cut.trim_end_matches('…');
    match body.rfind(char::is_whitespace) {
        Some(i) if i > 0 => format!("{}…", body[..i].trim_end()),
        _ => cut,
    }
}

/// The rule that opens a row: `── g2 partial 0.81 ───…` or `── only in B ───…`, `w` wide.
fn rule(report: &Report, groups: &[crate::report::GroupReport], kind: RowKind, w: usize) -> String {
    let tag = match kind {
        RowKind::Group(g) => {
            let g = &groups[g];
            format!("{} {} {:.2}", g.id, g.relation.as_str(), g.score)
        }
        RowKind::Only(d) => format!("only in {}", report.documents[d].id),
    };
    let tag = format!("── {tag} ");
    let fill = w.saturating_sub(width(&tag));
    truncate(&format!("{tag}{}", "─".repeat(fill)), w)
}

/// What both layouts open with: the different-stories notice and the verdict.
fn preamble(report: &Report, w: usize, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    for line in super::different_stories(report) {
        paragraph(out, &terminal_line(&line), w, |s| p.note(s))?;
    }
    let verdict = super::verdict_lines(report);
    if !verdict.is_empty() {
        writeln!(out, "{}", p.strong("Verdict"))?;
        for line in verdict {
            paragraph(out, &terminal_line(&line), w, |s| s.to_string())?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The conflicts across the full width, each with its group.
fn conflicts(report: &Report, w: usize, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    let Some(conflicts) = report.conflicts.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(());
    };
    paragraph(
        out,
        &format!("Conflicts: {} where the reports disagree", conflicts.len()),
        w,
        |s| p.strong(s),
    )?;
    for c in conflicts {
        let at = c
            .group
            .as_deref()
            .map(|g| format!(" ({g})"))
            .unwrap_or_default();
        paragraph(
            out,
            &format!("{}{at}: {}", c.kind.as_str(), terminal_line(&c.detail)),
            w,
            |s| p.note(s),
        )?;
    }
    Ok(())
}

/// The stacked layout, for columns too narrow to read: per report a header line, then per row
/// its tag and each report's sentences under it, wrapped to the full width.
fn stacked(report: &Report, w: usize, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    preamble(report, w, p, out)?;
    for d in &report.documents {
        let date = d
            .published
            .map_or_else(|| "no date".to_string(), |x| x.to_string());
        paragraph(
            out,
            &format!(
                "{} {} · {date} · {} sentences · {}",
                d.id,
                terminal_line(&d.label),
                d.counts.body_sentences,
                terminal_line(d.title.as_deref().unwrap_or("(no title)"))
            ),
            w,
            |s| p.strong(s),
        )?;
    }
    if report.conflicts.as_deref().is_some_and(|c| !c.is_empty()) {
        writeln!(out)?;
    }
    conflicts(report, w, p, out)?;
    let groups = report.groups.as_deref().unwrap_or(&[]);
    let id_w = report
        .documents
        .iter()
        .map(|d| d.id.len())
        .max()
        .unwrap_or(1);
    let indent = 2 + id_w + 2;
    for row in rows(report) {
        writeln!(out, "{}", p.dim(&rule(report, groups, row.kind, w)))?;
        for (d, cell) in report.documents.iter().zip(&row.cells) {
            let Some(c) = cell else { continue };
            let lines = wrap(words(c, c.pivot, p), w.saturating_sub(indent).max(8));
            for (i, l) in lines.iter().enumerate() {
                let lead = if i == 0 {
                    format!("  {:<id_w$}  ", d.id)
                } else {
                    " ".repeat(indent)
                };
                let (painted, _) = paint(l, p);
                writeln!(out, "{}{painted}", p.strong(&lead))?;
            }
        }
    }
    let legend = if p.is_enabled() {
        "Underlined: worded differently from the first report of the fact (red in that report, blue in the others)."
    } else {
        "[-…-]: the first report's words that another words differently · {+…+}: words that differ from the first report."
    };
    writeln!(out, "{}", p.dim(&"─".repeat(w)))?;
    paragraph(out, legend, w, |s| p.dim(s))
}

/// The words of a cell, marked runs bracketed when there is no colour.
fn words<'a>(c: &'a Cell<'_>, first: bool, p: Palette) -> Vec<Piece<'a, Style>> {
    let mut out: Vec<Piece<Style>> = c
        .words()
        .map(|(w, m)| Piece {
            text: terminal_line(w),
            style: if m {
                Style::Changed(first)
            } else {
                Style::Plain
            },
        })
        .collect();
    if !p.is_enabled() {
        let (open, close) = if first { ("[-", "-]") } else { ("{+", "+}") };
        for i in 0..out.len() {
            if out[i].style == Style::Plain {
                continue;
            }
            if i == 0 || out[i - 1].style == Style::Plain {
                out[i].text.to_mut().insert_str(0, open);
            }
            if i + 1 == out.len() || out[i + 1].style == Style::Plain {
                out[i].text.to_mut().push_str(close);
            }
        }
    }
    out
}

/// One line of per-column texts (each already at most `col` wide).
fn line(
    out: &mut dyn Write,
    texts: &[String],
    col: usize,
    style: impl Fn(&str) -> String,
) -> io::Result<()> {
    let mut s = String::new();
    for (i, t) in texts.iter().enumerate() {
        if i > 0 {
            s.push_str(SEPARATOR);
        }
        s.push_str(t);
        if i + 1 < texts.len() {
            s.push_str(&" ".repeat(col.saturating_sub(width(t))));
        }
    }
    writeln!(out, "{}", style(s.trim_end()))
}

/// Text wrapped to the full width.
fn paragraph(
    out: &mut dyn Write,
    text: &str,
    w: usize,
    style: impl Fn(&str) -> String,
) -> io::Result<()> {
    let pieces: Vec<Piece<()>> = super::width::pieces(text, ()).collect();
    for l in wrap(pieces, w) {
        let s: Vec<&str> = l.iter().map(|p| p.text.as_ref()).collect();
        writeln!(out, "{}", style(&s.join(" ")))?;
    }
    Ok(())
}
