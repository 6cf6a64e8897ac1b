//! The terminal view of `parallax compare`: a header per report, the coverage summary, shared
//! facts with inline word diffs, then what each report alone carries. Without colour the diff
//! stays readable through `[-removed-]` and `{+added+}` markers, as `git diff --word-diff` does.

use super::safe::terminal_line;
use super::Palette;
use crate::report::{DiffOp, GroupReport, Report};
use std::io::{self, Write};

/// The label of document `doc`, terminal-safe.
fn label(report: &Report, doc: &str) -> String {
    report
        .documents
        .iter()
        .find(|d| d.id == doc)
        .map_or_else(|| doc.to_string(), |d| terminal_line(&d.label).into_owned())
}

/// Writes the inline view of `report` (the default).
pub fn render(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    let sentences = super::sentence_index(report);
    let label = |doc: &str| label(report, doc);
    let groups: &[GroupReport] = report.groups.as_deref().unwrap_or(&[]);
    header(report, p, out)?;
    conflicts(report, p, out)?;
    coverage(report, p, out)?;

    // Shared facts.
    if !groups.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", p.strong("Shared facts"))?;
    }
    for g in groups {
        writeln!(out)?;
        let refs: Vec<String> = g
            .members
            .iter()
            .map(|m| {
                m.sentences
                    .iter()
                    .map(|s| match sentences.get(s.as_str()) {
                        Some((para, _)) => format!("{para}/{}", short(s)),
                        None => s.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect();
        writeln!(
            out,
            "  {} {} {}  {}",
            p.strong(&g.id),
            p.relation(g.relation),
            p.dim(&format!("{:.2}", g.score)),
            p.dim(&refs.join(" · "))
        )?;
        if !g.shared_terms.is_empty() {
            let terms: Vec<String> = g
                .shared_terms
                .iter()
                .map(|t| terminal_line(t).into_owned())
                .collect();
            writeln!(
                out,
                "      {}",
                p.dim(&format!("shares: {}", terms.join(", ")))
            )?;
        }
        let first = &g.members[0];
        let text = terminal_line(&super::sentence_texts(&sentences, &first.sentences).join(" "))
            .into_owned();
        let equal = |d: &crate::report::GroupDiff| -> Vec<String> {
            d.equal_runs()
                .map(|t| terminal_line(t).into_owned())
                .collect()
        };
        if g.relation == crate::report::Relation::Same {
            // near-same wording: a word diff against the first report
            writeln!(
                out,
                "    {}  {}",
                p.strong(&format!("{:<2}", first.doc)),
                text
            )?;
            for d in &g.diffs {
                let line = diff_line(&d.ops, p);
                writeln!(out, "    {}  {}", p.strong(&format!("{:<2}", d.doc)), line)?;
            }
        } else {
            // partial: every sentence in full, the words it shares with the first report
            // emphasised (a diff of loosely related sentences marks nearly every word)
            let shared: Vec<String> = g.diffs.iter().flat_map(equal).collect();
            let em = |s: &str| p.strong(s);
            writeln!(
                out,
                "    {}  {}",
                p.strong(&format!("{:<2}", first.doc)),
                super::emphasise(&text, shared.iter().map(String::as_str), str::to_string, em)
            )?;
            for d in &g.diffs {
                let Some(m) = g.members.iter().find(|m| m.doc == d.doc) else {
                    continue;
                };
                let own = terminal_line(&super::sentence_texts(&sentences, &m.sentences).join(" "))
                    .into_owned();
                let eq = equal(d);
                writeln!(
                    out,
                    "    {}  {}",
                    p.strong(&format!("{:<2}", d.doc)),
                    super::emphasise(&own, eq.iter().map(String::as_str), str::to_string, em)
                )?;
            }
        }
        for n in &g.numbers {
            writeln!(
                out,
                "      {}",
                p.note(&format!(
                    "numbers differ: {} has {}; {} has {}",
                    n.doc,
                    terminal_line(&n.only.join(", ")),
                    n.against,
                    terminal_line(&n.against_only.join(", "))
                ))
            )?;
        }
    }

    quotes(report, p, out)?;
    sourcing(report, p, out)?;
    entities(report, p, out)?;

    // What each report alone carries.
    if let Some(cov) = &report.coverage {
        for d in &report.documents {
            let Some(c) = cov.get(&d.id) else { continue };
            writeln!(out)?;
            writeln!(
                out,
                "{}  {}",
                p.strong(&format!("Only in {} {}", d.id, label(&d.id))),
                p.dim(&format!(
                    "{} of {} body sentences",
                    c.only, c.body_sentences
                ))
            )?;
            for s in &c.only_sentences {
                if let Some((para, text)) = sentences.get(s.as_str()) {
                    writeln!(
                        out,
                        "  {}  {}",
                        p.dim(&format!("{para}/{}", short(s))),
                        terminal_line(text)
                    )?;
                }
            }
            if !c.missing_groups.is_empty() {
                writeln!(
                    out,
                    "  {}",
                    p.dim(&format!(
                        "leaves out {}: {}",
                        super::count(c.missing, "shared fact", "shared facts"),
                        c.missing_groups.join(", ")
                    ))
                )?;
            }
        }
    }
    Ok(())
}

/// Who is compared: per report its id, label, source, title, date and counts.
pub(super) fn header(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    let n = report.documents.len();
    writeln!(
        out,
        "{}",
        p.strong(&format!(
            "Comparing {}",
            super::count(n, "report", "reports")
        ))
    )?;
    for d in &report.documents {
        writeln!(out, "  {}", super::report_line(d, p))?;
        let title = d.title.as_deref().map(terminal_line);
        let date = d.published.map(|x| x.to_string());
        writeln!(
            out,
            "      {}  {}",
            title.as_deref().unwrap_or("(no title found)"),
            p.dim(date.as_deref().unwrap_or("(no date found)"))
        )?;
        writeln!(
            out,
            "      {}",
            p.dim(&format!(
                "{}, {}{}",
                super::count(
                    d.counts.body_paragraphs,
                    "body paragraph",
                    "body paragraphs"
                ),
                super::count(d.counts.body_sentences, "body sentence", "body sentences"),
                d.language
                    .as_deref()
                    .map(|l| format!(", language {l}"))
                    .unwrap_or_default()
            ))
        )?;
    }
    different_stories(report, p, out)?;
    verdict(report, p, out)
}

/// The verdict: what is shared by all, each pair's overlap, what each report leaves out.
pub(super) fn verdict(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    let lines = super::verdict_lines(report);
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", p.strong("Verdict"))?;
    for line in lines {
        writeln!(out, "  {}", terminal_line(&line))?;
    }
    Ok(())
}

/// The different-stories notice, when the reports share almost nothing.
pub(super) fn different_stories(
    report: &Report,
    p: Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    for line in super::different_stories(report) {
        writeln!(out)?;
        writeln!(out, "{}", p.note(&terminal_line(&line)))?;
    }
    Ok(())
}

/// The coverage table: per report, sentences shared, only here, and shared facts left out.
pub(super) fn coverage(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    let label = |doc: &str| label(report, doc);
    let groups: &[GroupReport] = report.groups.as_deref().unwrap_or(&[]);
    // Coverage summary.
    writeln!(out)?;
    let same = groups
        .iter()
        .filter(|g| g.relation == crate::report::Relation::Same)
        .count();
    writeln!(
        out,
        "{}  {}",
        p.strong("Coverage"),
        p.dim(&format!(
            "{} shared facts ({} same, {} partial)",
            groups.len(),
            same,
            groups.len() - same
        ))
    )?;
    let width = report
        .documents
        .iter()
        .map(|d| d.id.len() + 1 + label(&d.id).chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 40);
    writeln!(
        out,
        "  {:<width$}  {:>9}  {:>9}  {:>9}",
        "", "shared", "only here", "left out"
    )?;
    if let Some(cov) = &report.coverage {
        for d in &report.documents {
            let Some(c) = cov.get(&d.id) else { continue };
            let name: String = format!("{} {}", d.id, label(&d.id))
                .chars()
                .take(width)
                .collect();
            writeln!(
                out,
                "  {:<width$}  {:>9}  {:>9}  {:>9}",
                name, c.shared, c.only, c.missing
            )?;
        }
        writeln!(
            out,
            "  {}",
            p.dim("(shared and only here count body sentences; left out counts shared facts the report lacks)")
        )?;
    }

    Ok(())
}

/// The conflicts, each with its kind, group, reports and what differs.
pub(super) fn conflicts(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    // Conflicts: what an editor reads first.
    let Some(list) = report.conflicts.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(());
    };
    let summary = format!("{} where the reports disagree", list.len());
    disagreements(out, p, report, "Conflicts", &summary, list, true)
}

/// The sourcing section: the same claim credited to different sources (not a conflict).
pub(super) fn sourcing(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    let Some(list) = report.sourcing.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(());
    };
    let facts = if list.len() == 1 { "fact" } else { "facts" };
    let summary = format!(
        "{} shared {facts} credited to different sources",
        list.len()
    );
    disagreements(out, p, report, "Sourcing", &summary, list, false)
}

/// A heading, then per entry its kind (when `kinds`), group and sentences, and what each side
/// says.
fn disagreements(
    out: &mut dyn Write,
    p: Palette,
    report: &Report,
    title: &str,
    summary: &str,
    list: &[crate::report::ConflictReport],
    kinds: bool,
) -> io::Result<()> {
    let index = super::sentence_index(report);
    writeln!(out)?;
    writeln!(out, "{}  {}", p.strong(title), p.dim(summary))?;
    for c in list {
        let kind = if kinds {
            p.note(&format!("{:<11}", c.kind.as_str())) + "  "
        } else {
            String::new()
        };
        let group = c
            .group
            .as_deref()
            .map(|g| format!("{g}  "))
            .unwrap_or_default();
        writeln!(out, "  {kind}{group}{}", p.dim(&c.members.join(" · ")))?;
        writeln!(out, "      {}", terminal_line(&c.detail))?;
        // each side's value in a few words of its sentence
        for side in &c.sides {
            if let Some((before, value, after)) = super::side_context(&index, side) {
                writeln!(
                    out,
                    "        {}  {}{}{}",
                    p.strong(&terminal_line(&side.doc)),
                    p.dim(&terminal_line(&before)),
                    p.strong(&terminal_line(value)),
                    p.dim(&terminal_line(&after))
                )?;
            }
        }
    }
    Ok(())
}

/// The quotes section: quotes matched across reports (how, with the changed words marked), then
/// each report's quotes no other report carries.
pub(super) fn quotes(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    let index = super::QuoteIndex::new(report);
    let all = &index.by_id;
    if all.is_empty() {
        return Ok(());
    }
    let matches = report.quote_matches.as_deref().unwrap_or(&[]);
    writeln!(out)?;
    writeln!(
        out,
        "{}  {}",
        p.strong("Quotes"),
        p.dim(&format!(
            "{} quotes, {} matched across reports",
            all.len(),
            matches.len()
        ))
    )?;
    let speaker = |q: &crate::report::QuoteReport| {
        terminal_line(q.speaker.as_deref().unwrap_or("unattributed")).into_owned()
    };
    for m in matches {
        let (Some((a, _)), Some((b, _))) =
            (all.get(m.quotes[0].as_str()), all.get(m.quotes[1].as_str()))
        else {
            continue;
        };
        writeln!(out)?;
        let how = if m.speakers_differ {
            format!("{}, given to different speakers", m.relation.as_str())
        } else {
            m.relation.as_str().to_string()
        };
        writeln!(
            out,
            "  {} {}  {}",
            p.strong(&format!("{} ~ {}", m.quotes[0], m.quotes[1])),
            p.note(&how),
            p.dim(&format!("{} · {}", speaker(a), speaker(b)))
        )?;
        writeln!(
            out,
            "    {}  \u{201c}{}\u{201d}",
            p.strong(&format!("{:<2}", short_doc(&a.id))),
            terminal_line(&a.text)
        )?;
        let second = if m.ops.is_empty() {
            terminal_line(&b.text).into_owned()
        } else {
            diff_line(&m.ops, p)
        };
        writeln!(
            out,
            "    {}  \u{201c}{}\u{201d}",
            p.strong(&format!("{:<2}", short_doc(&b.id))),
            second
        )?;
    }
    for (d, alone) in report.documents.iter().zip(&index.alone) {
        if alone.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(
            out,
            "  {}",
            p.strong(&format!(
                "Quotes only in {} {}",
                d.id,
                terminal_line(&d.label)
            ))
        )?;
        for q in alone {
            writeln!(
                out,
                "    {}  {}: \u{201c}{}\u{201d}",
                p.dim(short(&q.id)),
                speaker(q),
                terminal_line(&q.text)
            )?;
        }
    }
    Ok(())
}

/// Who is named where: the most widely named people, organisations and places, one column per
/// report.
pub(super) fn entities(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    const SHOWN: usize = 20;
    let Some(list) = report.entities.as_deref().filter(|l| !l.is_empty()) else {
        return Ok(());
    };
    writeln!(out)?;
    writeln!(
        out,
        "{}  {}",
        p.strong("Who is named"),
        p.dim(&super::named_summary(list.len(), SHOWN))
    )?;
    let width = list
        .iter()
        .take(SHOWN)
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 36);
    let mut head = format!("  {:<width$}  {:<6}", "", "");
    for d in &report.documents {
        head.push_str(&format!(" {:>4}", d.id));
    }
    writeln!(out, "{}", p.dim(&head))?;
    for e in list.iter().take(SHOWN) {
        let name: String = terminal_line(&e.name).chars().take(width).collect();
        let kind = e.kind.as_str();
        let mut line = format!("  {name:<width$}  {}", p.dim(&format!("{kind:<6}")));
        for d in &report.documents {
            let n = e.mentions.get(&d.id).copied().unwrap_or(0);
            line.push_str(&if n == 0 {
                format!(" {:>4}", "·")
            } else {
                format!(" {n:>4}")
            });
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// A word diff on one line: removed words as `[-…-]` (or struck through), added as `{+…+}`.
fn diff_line(ops: &[crate::report::DiffSegment], p: Palette) -> String {
    let mut line = String::new();
    for (i, seg) in ops.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        let t = terminal_line(&seg.text);
        line.push_str(&match seg.op {
            DiffOp::Equal => t.into_owned(),
            DiffOp::Delete => p.deleted(&t),
            DiffOp::Insert => p.inserted(&t),
        });
    }
    line
}

/// `A.q5` → `A`.
fn short_doc(id: &str) -> &str {
    id.split_once('.').map_or(id, |(d, _)| d)
}

/// `A.s5` → `s5`.
fn short(id: &str) -> &str {
    id.rsplit_once('.').map_or(id, |(_, s)| s)
}
