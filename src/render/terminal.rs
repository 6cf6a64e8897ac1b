//! The terminal view of `parallax inspect`: per document a header (label, source, format, title,
//! date, counts), then every block with its kind and reason, and the sentences of body blocks.
//! All input text passes through [`terminal_line`] first.

use super::safe::terminal_line;
use super::Palette;
use crate::report::BlockKind;
use crate::report::{DocumentReport, Report};
use std::io::{self, Write};

/// Writes the inspection view of `report`.
pub fn render(report: &Report, palette: Palette, out: &mut dyn Write) -> io::Result<()> {
    for (i, doc) in report.documents.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        document(doc, palette, out)?;
    }
    Ok(())
}

fn document(doc: &DocumentReport, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", super::report_line(doc, p))?;
    let title = doc.title.as_deref().map(terminal_line);
    writeln!(
        out,
        "    title:     {}",
        title.as_deref().unwrap_or("(none found)")
    )?;
    let published = doc.published.map(|d| d.to_string());
    writeln!(
        out,
        "    published: {}",
        published.as_deref().unwrap_or("(none found)")
    )?;
    writeln!(
        out,
        "    read as {} ({}); {}, {}, {}, {}",
        doc.format,
        doc.encoding,
        super::count(doc.counts.paragraphs, "block", "blocks"),
        super::count(
            doc.counts.body_paragraphs,
            "body paragraph",
            "body paragraphs"
        ),
        super::count(doc.counts.body_sentences, "body sentence", "body sentences"),
        super::count(doc.counts.body_tokens, "body word", "body words")
    )?;
    writeln!(out)?;
    let id_width = doc
        .paragraphs
        .iter()
        .map(|p| short_id(&p.id).len())
        .max()
        .unwrap_or(2);
    let sid_width = doc
        .paragraphs
        .iter()
        .flat_map(|p| p.sentences.iter().map(|s| short_id(&s.id).len()))
        .max()
        .unwrap_or(2);
    for para in &doc.paragraphs {
        let kind = para.kind.as_str();
        let label = match para.reason {
            Some(r) if para.kind == BlockKind::Boilerplate => r.as_str().to_string(),
            Some(r) => format!("{kind}/{}", r.as_str()),
            None => kind.to_string(),
        };
        let id = format!("{:>w$}", short_id(&para.id), w = id_width);
        if para.kind == BlockKind::Body && para.sentences.len() > 1 {
            writeln!(out, "  {} {}", p.dim(&id), p.kind(para.kind, &label))?;
            for s in &para.sentences {
                let sid = format!("{:>w$}", short_id(&s.id), w = sid_width);
                writeln!(out, "      {} {}", p.dim(&sid), terminal_line(&s.text))?;
            }
        } else {
            let text = terminal_line(&para.text);
            let label = format!("{label:<24}");
            writeln!(
                out,
                "  {} {} {}",
                p.dim(&id),
                p.kind(para.kind, &label),
                p.text(para.kind, &text)
            )?;
        }
    }
    if !doc.stripped.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "  {}",
            p.strong(&format!(
                "Left out by the article extractor ({} {})",
                doc.stripped.len(),
                if doc.stripped.len() == 1 {
                    "block"
                } else {
                    "blocks"
                }
            ))
        )?;
        for b in &doc.stripped {
            let label = format!("{:<24}", b.reason.as_str());
            writeln!(
                out,
                "  {} {} {}",
                " ".repeat(id_width),
                p.kind(BlockKind::Boilerplate, &label),
                p.text(BlockKind::Boilerplate, &terminal_line(&b.text))
            )?;
        }
    }
    extracted(doc, p, out)
}

/// Quotes with their speakers, reported speech, and the facts found, by kind.
fn extracted(doc: &DocumentReport, p: Palette, out: &mut dyn Write) -> io::Result<()> {
    if !doc.quotes.is_empty() || !doc.reported_speech.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "  {}",
            p.strong(&format!(
                "Quotes ({}) and reported speech ({})",
                doc.quotes.len(),
                doc.reported_speech.len()
            ))
        )?;
        for q in doc.quotes.iter().chain(&doc.reported_speech) {
            let who = q.speaker.as_deref().unwrap_or("unattributed");
            let cue = q
                .cue
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default();
            let text = if q.kind == crate::report::QuoteKind::Indirect {
                terminal_line(&q.text).into_owned()
            } else {
                format!("\u{201c}{}\u{201d}", terminal_line(&q.text))
            };
            writeln!(
                out,
                "    {} {}{}: {}",
                p.dim(&format!("{:<4} {}", short_id(&q.id), short_id(&q.sentence))),
                terminal_line(who),
                p.dim(&terminal_line(&cue)),
                text
            )?;
        }
    }
    if !doc.facts.is_empty() {
        writeln!(out)?;
        writeln!(
            out,
            "  {}",
            p.strong(&format!("Facts ({})", doc.facts.len()))
        )?;
        let mut kinds: Vec<crate::report::FactKind> = doc.facts.iter().map(|f| f.kind).collect();
        kinds.sort();
        kinds.dedup();
        for k in kinds {
            let mut items: Vec<String> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for f in doc.facts.iter().filter(|f| f.kind == k) {
                let item = match &f.value {
                    Some(v) if *v != f.text && k != crate::report::FactKind::Person => {
                        format!("{} = {}", f.text, v)
                    }
                    _ => f.text.clone(),
                };
                if seen.insert(item.clone()) {
                    items.push(item);
                }
            }
            let name = k.as_str();
            writeln!(
                out,
                "    {} {}",
                p.dim(&format!("{name:<8}")),
                terminal_line(&items.join("; "))
            )?;
        }
    }
    Ok(())
}

/// `A.p3` → `p3`.
fn short_id(id: &str) -> &str {
    id.rsplit('.').next().unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let input = crate::Input::Bytes {
            name: "x\u{1b}[2J".into(),
            bytes: "The minister said \u{1b}]0;pwned\u{7} on Monday that talks would resume in the capital."
                .as_bytes()
                .to_vec(),
        };
        let report = crate::inspect(&[input], &Default::default()).unwrap();
        let mut out = Vec::new();
        render(&report, Palette::plain(), &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains('\u{1b}') && !s.contains('\u{7}'), "{s:?}");
        assert!(s.contains("\\x1b]0;pwned\\x07"));
    }
}
