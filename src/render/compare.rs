//! The terminal view of `parallax compare`: a header per report, the coverage summary, shared
//! facts with inline word diffs, then what each report alone carries. Without colour the diff
//! stays readable through `[-removed-]` and `{+added+}` markers, as `git diff --word-diff` does.

use super::safe::terminal_line;
use super::Palette;
use crate::report::{DiffOp, GroupReport, Report};
use std::collections::HashMap;
use std::io::{self, Write};

/// Writes the comparison view of `report`.
pub fn render(report: &Report, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    // sentence id -> (paragraph id, text)
    let mut sentences: HashMap<&str, (&str, &str)> = HashMap::new();
    for d in &report.documents {
        for para in &d.paragraphs {
            for s in &para.sentences {
                sentences.insert(&s.id, (&para.id, &s.text));
            }
        }
    }
    let label = |doc: &str| -> String {
        report
            .documents
            .iter()
            .find(|d| d.id == doc)
            .map_or_else(|| doc.to_string(), |d| terminal_line(&d.label).into_owned())
    };
    let groups: &[GroupReport] = report.groups.as_deref().unwrap_or(&[]);

    writeln!(
        out,
        "{}",
        p.strong(&format!("Comparing {} reports", report.documents.len()))
    )?;
    for d in &report.documents {
        writeln!(
            out,
            "  {} {}  {}",
            p.strong(&format!("[{}]", d.id)),
            p.strong(&terminal_line(&d.label)),
            p.dim(&terminal_line(&d.source))
        )?;
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
                "{} body paragraphs, {} body sentences{}",
                d.counts.body_paragraphs,
                d.counts.body_sentences,
                d.language
                    .as_deref()
                    .map(|l| format!(", language {l}"))
                    .unwrap_or_default()
            ))
        )?;
    }

    // Coverage summary.
    writeln!(out)?;
    let same = groups
        .iter()
        .filter(|g| g.relation == crate::align::Relation::Same)
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
        let text: Vec<&str> = first
            .sentences
            .iter()
            .filter_map(|s| sentences.get(s.as_str()).map(|(_, t)| *t))
            .collect();
        writeln!(
            out,
            "    {}  {}",
            p.strong(&format!("{:<2}", first.doc)),
            terminal_line(&text.join(" "))
        )?;
        for d in &g.diffs {
            let mut line = String::new();
            for (i, seg) in d.ops.iter().enumerate() {
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
            writeln!(out, "    {}  {}", p.strong(&format!("{:<2}", d.doc)), line)?;
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
                        "leaves out {} shared facts: {}",
                        c.missing,
                        c.missing_groups.join(", ")
                    ))
                )?;
            }
        }
    }
    Ok(())
}

/// `A.s5` → `s5`.
fn short(id: &str) -> &str {
    id.rsplit_once('.').map_or(id, |(_, s)| s)
}
