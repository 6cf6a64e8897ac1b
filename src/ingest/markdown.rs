//! Markdown → readable text and blocks, via `pulldown-cmark` (CommonMark). Markup is dropped,
//! block structure kept: headings, list items, quotes and code blocks become their own blocks
//! with a hint the classifier uses.

use super::{Hint, RawBlock};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The readable text of a Markdown document and its blocks (spans into that text).
pub fn extract(src: &str) -> (String, Vec<RawBlock>) {
    let mut text = String::with_capacity(src.len());
    let mut blocks = Vec::new();
    let mut current: Option<(usize, Hint)> = None;
    let mut depth_hint: Vec<Hint> = Vec::new();

    let open = |text: &mut String, current: &mut Option<(usize, Hint)>, hint: Hint| {
        if current.is_none() {
            while !text.is_empty() && !text.ends_with("\n\n") {
                text.push('\n');
            }
            *current = Some((text.len(), hint));
        }
    };
    let close =
        |text: &mut String, current: &mut Option<(usize, Hint)>, blocks: &mut Vec<RawBlock>| {
            if let Some((start, hint)) = current.take() {
                let span = crate::text::trim_span(text, start, text.len());
                if !span.is_empty() {
                    blocks.push(RawBlock { span, hint });
                }
                // Keep trailing text tidy so the next block starts after a blank line.
                let keep = span.end.max(start);
                text.truncate(keep);
            }
        };

    for event in Parser::new(src) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    close(&mut text, &mut current, &mut blocks);
                    open(&mut text, &mut current, Hint::Heading(level as u8));
                }
                Tag::CodeBlock(_) => {
                    close(&mut text, &mut current, &mut blocks);
                    open(&mut text, &mut current, Hint::Code);
                }
                Tag::Item => {
                    close(&mut text, &mut current, &mut blocks);
                    depth_hint.push(Hint::ListItem);
                }
                Tag::Paragraph | Tag::TableRow | Tag::TableHead => {
                    close(&mut text, &mut current, &mut blocks);
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::Paragraph
                | TagEnd::TableRow
                | TagEnd::TableHead => {
                    close(&mut text, &mut current, &mut blocks);
                }
                TagEnd::Item => {
                    close(&mut text, &mut current, &mut blocks);
                    depth_hint.pop();
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                let hint = depth_hint.last().copied().unwrap_or(Hint::None);
                open(&mut text, &mut current, hint);
                text.push_str(&t);
            }
            Event::SoftBreak if current.is_some() => text.push(' '),
            Event::HardBreak if current.is_some() => text.push('\n'),
            Event::Rule => close(&mut text, &mut current, &mut blocks),
            // Raw HTML, footnote markers, maths and the like carry no news text.
            _ => {}
        }
    }
    close(&mut text, &mut current, &mut blocks);
    (text, blocks)
}

/// Spans of blocks, for tests.
#[cfg(test)]
fn shown(text: &str, blocks: &[RawBlock]) -> Vec<(String, Hint)> {
    use crate::text::Span;
    blocks
        .iter()
        .map(|b| (Span::slice(&b.span, text).to_string(), b.hint))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_lists_code() {
        let md = "# Kaspersky Teams Up\n\nFirst *para* with a [link](https://x.y).\nStill first.\n\n- item one\n- item two\n\n```\ncode here\n```\n";
        let (text, blocks) = extract(md);
        assert_eq!(
            shown(&text, &blocks),
            vec![
                ("Kaspersky Teams Up".to_string(), Hint::Heading(1)),
                (
                    "First para with a link. Still first.".to_string(),
                    Hint::None
                ),
                ("item one".to_string(), Hint::ListItem),
                ("item two".to_string(), Hint::ListItem),
                ("code here".to_string(), Hint::Code),
            ]
        );
    }

    #[test]
    fn raw_html_is_dropped() {
        let (text, _) = extract("Hello <script>alert(1)</script> world.\n");
        assert!(!text.contains("<script>"), "{text}");
    }
}
