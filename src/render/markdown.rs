//! `--format markdown`: a comparison an editor can paste into a ticket or a document — a header
//! table, conflicts, a coverage matrix of facts × outlets, shared facts with the differences
//! marked (~~removed~~, **added**), each outlet's exclusives, and a quotes table. Every piece
//! of input text is escaped, so nothing from a page becomes Markdown (or HTML) markup.

use super::safe::terminal_line;
use crate::report::{DiffOp, DiffSegment, Report};
use std::io::{self, Write};

/// Escapes text for Markdown: characters that start markup are backslash-escaped, `<`/`>`/`&`
/// become entities (Markdown renderers pass raw HTML through), control characters are shown
/// escaped, and line breaks become spaces. Bare URLs, `www.` names and e-mail addresses are
/// kept from becoming links (GitHub links them without any markup): the `:` after a scheme
/// and the `.` after `www` are backslash-escaped, and an empty comment goes before an `@`
/// that starts a name (an address or a mention), all invisible once rendered.
pub fn escape(s: &str) -> String {
    let line = terminal_line(s);
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.char_indices() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '!'
            | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            ':' if starts_link(&line[..i], &line[i + 1..]) => out.push_str("\\:"),
            '.' if ends_with_www(&line[..i]) => out.push_str("\\."),
            '@' if line[i + 1..].starts_with(|c: char| c.is_alphanumeric()) => {
                out.push_str("<!-- -->@");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Whether a `:` between `before` and `after` makes a link: a scheme followed by `//`, or
/// `mailto:` and `xmpp:`.
fn starts_link(before: &str, after: &str) -> bool {
    let scheme = before
        .rsplit(|c: char| !c.is_ascii_alphanumeric() && !matches!(c, '+' | '-' | '.'))
        .next()
        .unwrap_or("");
    !scheme.is_empty()
        && (after.starts_with("//")
            || scheme.eq_ignore_ascii_case("mailto")
            || scheme.eq_ignore_ascii_case("xmpp"))
}

/// Whether `before` ends in the word `www` (any case).
fn ends_with_www(before: &str) -> bool {
    let n = before.len();
    n >= 3
        && before
            .get(n - 3..)
            .is_some_and(|w| w.eq_ignore_ascii_case("www"))
        && !before[..n - 3].ends_with(|c: char| c.is_alphanumeric())
}

fn diff(ops: &[DiffSegment]) -> String {
    ops.iter()
        .map(|s| match s.op {
            DiffOp::Equal => escape(&s.text),
            DiffOp::Delete => format!("~~{}~~", escape(&s.text)),
            DiffOp::Insert => format!("**{}**", escape(&s.text)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes the Markdown report of a comparison (or of `inspect`, which has no comparison: then
/// only the header table and the quotes).
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let sentences = super::sentence_index(report);
    let label = |doc: &str| -> String {
        report
            .documents
            .iter()
            .find(|d| d.id == doc)
            .map_or_else(|| doc.to_string(), |d| escape(&d.label))
    };
    writeln!(out, "# {}\n", super::heading(report))?;
    writeln!(out, "| | outlet | title | date | body sentences |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for d in &report.documents {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            d.id,
            escape(&d.label),
            d.title.as_deref().map(escape).unwrap_or_else(|| "—".into()),
            d.published.map_or_else(|| "—".into(), |p| p.to_string()),
            d.counts.body_sentences
        )?;
    }

    for line in super::different_stories(report) {
        writeln!(out, "\n> **{}**", escape(&line))?;
    }

    let verdict = super::verdict_lines(report);
    if !verdict.is_empty() {
        writeln!(out, "\n## Verdict\n")?;
        for line in verdict {
            writeln!(out, "- {}", escape(&line))?;
        }
    }

    if let Some(conflicts) = report.conflicts.as_deref().filter(|c| !c.is_empty()) {
        writeln!(out, "\n## Conflicts\n")?;
        disagreements(out, report, conflicts, true)?;
    }

    if let (Some(groups), Some(cov)) = (report.groups.as_deref(), report.coverage.as_ref()) {
        writeln!(out, "\n## Coverage\n")?;
        let mut head = String::from("| fact |");
        let mut rule = String::from("|---|");
        for d in &report.documents {
            head.push_str(&format!(" {} |", d.id));
            rule.push_str(":-:|");
        }
        writeln!(out, "{head}\n{rule}")?;
        for g in groups {
            // the fact by its first sentence, so a ticket reads without the report beside it
            let text = g
                .members
                .first()
                .map(|m| {
                    super::sentence_texts(&sentences, &m.sentences[..1.min(m.sentences.len())])
                })
                .and_then(|t| t.first().copied())
                .unwrap_or("");
            let mut row = format!(
                "| {} ({}) {} |",
                g.id,
                g.relation.as_str(),
                escape(&super::clip(text, 100))
            );
            for d in &report.documents {
                let has = g.members.iter().any(|m| m.doc == d.id);
                row.push_str(if has { " ● |" } else { " ○ |" });
            }
            writeln!(out, "{row}")?;
        }
        let mut only = String::from("| only here |");
        for d in &report.documents {
            only.push_str(&format!(" {} |", cov.get(&d.id).map_or(0, |c| c.only)));
        }
        writeln!(out, "{only}")?;

        writeln!(out, "\n## Shared facts\n")?;
        for g in groups {
            writeln!(
                out,
                "### {} — {} ({:.2})\n",
                g.id,
                g.relation.as_str(),
                g.score
            )?;
            let first = &g.members[0];
            let text = super::sentence_texts(&sentences, &first.sentences).join(" ");
            let bold = |s: &str| format!("**{}**", escape(s));
            if g.relation == crate::report::Relation::Same {
                writeln!(out, "- **{}** {}", label(&first.doc), escape(&text))?;
                for d in &g.diffs {
                    writeln!(out, "- **{}** {}", label(&d.doc), diff(&d.ops))?;
                }
            } else {
                // partial: each member in full, the words shared with the first in bold
                let shared: Vec<&str> = g.diffs.iter().flat_map(|d| d.equal_runs()).collect();
                writeln!(
                    out,
                    "- **{}** {}",
                    label(&first.doc),
                    super::emphasise(&text, shared.into_iter(), escape, bold)
                )?;
                for d in &g.diffs {
                    let Some(m) = g.members.iter().find(|m| m.doc == d.doc) else {
                        continue;
                    };
                    let own = super::sentence_texts(&sentences, &m.sentences).join(" ");
                    writeln!(
                        out,
                        "- **{}** {}",
                        label(&d.doc),
                        super::emphasise(&own, d.equal_runs(), escape, bold)
                    )?;
                }
            }
            for n in &g.numbers {
                writeln!(
                    out,
                    "- numbers differ: {} has {}; {} has {}",
                    label(&n.doc),
                    escape(&n.only.join(", ")),
                    label(&n.against),
                    escape(&n.against_only.join(", "))
                )?;
            }
            writeln!(out)?;
        }

        for d in &report.documents {
            let Some(c) = cov.get(&d.id) else { continue };
            if c.only_sentences.is_empty() {
                continue;
            }
            writeln!(out, "## Only in {}\n", label(&d.id))?;
            for s in &c.only_sentences {
                if let Some((_, t)) = sentences.get(s.as_str()) {
                    writeln!(out, "- {} ({s})", escape(t))?;
                }
            }
            writeln!(out)?;
        }
    }

    let quotes: Vec<_> = report
        .documents
        .iter()
        .flat_map(|d| d.quotes.iter())
        .collect();
    if !quotes.is_empty() {
        let matches = report.quote_matches.as_deref().unwrap_or(&[]);
        writeln!(out, "## Quotes\n")?;
        writeln!(out, "| quote | speaker | text | carried as |")?;
        writeln!(out, "|---|---|---|---|")?;
        for q in quotes {
            let how: Vec<String> = matches
                .iter()
                .filter_map(|m| {
                    let other = if m.quotes[0] == q.id {
                        &m.quotes[1]
                    } else if m.quotes[1] == q.id {
                        &m.quotes[0]
                    } else {
                        return None;
                    };
                    Some(if m.speakers_differ {
                        format!(
                            "{} in {other}, given to a different speaker",
                            m.relation.as_str()
                        )
                    } else {
                        format!("{} in {other}", m.relation.as_str())
                    })
                })
                .collect();
            writeln!(
                out,
                "| {} | {} | “{}” | {} |",
                q.id,
                q.speaker
                    .as_deref()
                    .map(escape)
                    .unwrap_or_else(|| "unattributed".into()),
                escape(&q.text),
                if how.is_empty() {
                    "only here".to_string()
                } else {
                    how.join("; ")
                }
            )?;
        }
    }
    if let Some(list) = report.entities.as_deref().filter(|l| !l.is_empty()) {
        const SHOWN: usize = 40;
        writeln!(
            out,
            "\n## Who is named ({})\n",
            super::named_summary(list.len(), SHOWN)
        )?;
        let mut head = String::from("| name | kind |");
        let mut rule = String::from("|---|---|");
        for d in &report.documents {
            head.push_str(&format!(" {} |", d.id));
            rule.push_str(":-:|");
        }
        writeln!(out, "{head}\n{rule}")?;
        for e in list.iter().take(SHOWN) {
            let mut row = format!("| {} | {} |", escape(&e.name), e.kind.as_str());
            for d in &report.documents {
                match e.mentions.get(&d.id).copied().unwrap_or(0) {
                    0 => row.push_str(" · |"),
                    k => row.push_str(&format!(" {k} |")),
                }
            }
            writeln!(out, "{row}")?;
        }
    }
    if let Some(list) = report.sourcing.as_deref().filter(|c| !c.is_empty()) {
        writeln!(
            out,
            "\n## Sourcing (the same fact credited to different sources)\n"
        )?;
        disagreements(out, report, list, false)?;
    }
    Ok(())
}

/// One list item per conflict or sourcing entry: its kind (when `kinds`), group, what each
/// side says and the sentences.
fn disagreements(
    out: &mut dyn Write,
    report: &Report,
    list: &[crate::report::ConflictReport],
    kinds: bool,
) -> io::Result<()> {
    let index = super::sentence_index(report);
    for c in list {
        let kind = if kinds {
            format!("**{}**", c.kind.as_str())
        } else {
            String::new()
        };
        let group = match (&c.group, kinds) {
            (Some(g), true) => format!(" in {g}"),
            (Some(g), false) => g.clone(),
            (None, _) => String::new(),
        };
        let sep = if kind.is_empty() && group.is_empty() {
            ""
        } else {
            ": "
        };
        writeln!(
            out,
            "- {kind}{group}{sep}{} ({})",
            escape(&c.detail),
            c.members.join(", ")
        )?;
        // each side's value in a few words of its sentence
        for side in &c.sides {
            if let Some((before, value, after)) = super::side_context(&index, side) {
                writeln!(
                    out,
                    "  - {}: {}**{}**{}",
                    escape(&side.doc),
                    escape(&before),
                    escape(value),
                    escape(&after)
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_text_never_becomes_markup() {
        let e = escape("<script>alert(1)</script> *bold* [x](javascript:y) | `c` \u{1b}[2J");
        assert!(!e.contains('<') && !e.contains('\u{1b}'), "{e}");
        assert!(
            e.contains("\\*bold\\*")
                && e.contains("\\[x\\]\\(javascript:y\\)")
                && e.contains("\\|")
        );
    }

    #[test]
    fn bare_urls_names_and_addresses_are_kept_from_becoming_links() {
        let raw = "See https://evil.example/x, ftp://f.org, www.evil.com, WWW.x.org, \
                   mailto:a@b.com and x.y@example.org at 10:30 in Café:www.";
        let e = escape(raw);
        for linkable in ["https://", "ftp://", "www.", "mailto:", "a@", "y@"] {
            assert!(!e.contains(linkable), "{linkable} in {e}");
        }
        assert!(e.contains("https\\://") && e.contains("www\\.evil") && e.contains("WWW\\.x"));
        assert!(e.contains("10:30"), "times keep their colon: {e}");
        assert_eq!(escape("meet @ 5"), "meet @ 5");
        // rendered, it reads exactly as the input
        let mut text = String::new();
        for event in pulldown_cmark::Parser::new(&e) {
            match event {
                pulldown_cmark::Event::Text(t) => text.push_str(&t),
                pulldown_cmark::Event::InlineHtml(h) => assert_eq!(&*h, "<!-- -->"),
                pulldown_cmark::Event::SoftBreak => text.push(' '),
                pulldown_cmark::Event::Start(_) | pulldown_cmark::Event::End(_) => {}
                other => panic!("{other:?} in {e}"),
            }
        }
        assert_eq!(
            text.trim(),
            raw.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}
