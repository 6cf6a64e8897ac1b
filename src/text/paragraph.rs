//! Paragraph splitting for plain text. Handles the three layouts text arrives in: paragraphs
//! separated by blank lines, one paragraph per line (what browsers give when you copy a page),
//! and hard-wrapped paragraphs (e-mail, wire copy), which are re-joined. Line ends may be
//! `\n`, `\r\n` or a lone `\r`.

use super::{trim_span, Span};

/// A line of the input with its byte range (line terminator excluded).
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// Splits `text` into lines, treating `\r\n`, `\n` and a lone `\r` as line ends.
fn lines(text: &str) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(Line { start, end: i });
                start = i + 1;
            }
            b'\r' => {
                out.push(Line { start, end: i });
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(Line {
            start,
            end: bytes.len(),
        });
    }
    out
}

/// Splits `text` into paragraph spans, trimmed of surrounding whitespace, in order.
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut chunk: Vec<Span> = Vec::new();
    for line in lines(text) {
        let span = trim_span(text, line.start, line.end);
        if span.is_empty() || is_separator_line(span.slice(text)) {
            flush_chunk(text, &mut chunk, &mut out);
        } else {
            chunk.push(span);
        }
    }
    flush_chunk(text, &mut chunk, &mut out);
    out
}

/// A line made only of rule characters (`-----`, `* * *`, `____`) separates paragraphs.
fn is_separator_line(line: &str) -> bool {
    // `all` stops at the first letter, so prose lines cost one character here.
    line.chars()
        .all(|c| matches!(c, '-' | '*' | '_' | '=' | '~' | ' ' | '—' | '–' | '•'))
        && line.chars().nth(2).is_some()
}

/// Emits the paragraphs of one run of non-blank lines, deciding line by line whether a line
/// break is a hard wrap (join) or a paragraph end.
fn flush_chunk(text: &str, chunk: &mut Vec<Span>, out: &mut Vec<Span>) {
    match chunk.len() {
        0 => return,
        1 => {
            out.push(chunk[0]);
            chunk.clear();
            return;
        }
        _ => {}
    }
    let widths: Vec<usize> = chunk
        .iter()
        .map(|s| s.slice(text).chars().count())
        .collect();
    let width = widths.iter().copied().max().unwrap_or(0);
    let mut start = chunk[0].start;
    for i in 0..chunk.len() {
        let last = i + 1 == chunk.len();
        if last || !is_wrapped(text, chunk[i], widths[i], chunk[i + 1], width) {
            out.push(Span::new(start, chunk[i].end));
            if !last {
                start = chunk[i + 1].start;
            }
        }
    }
    chunk.clear();
}

/// True when the break between `line` and `next` is a hard wrap inside one paragraph.
///
/// Wrapped text has lines of nearly the same width (the wrap column), at most ~120 characters;
/// a wrap falls mid-sentence, so the next line usually starts in lower case, or the line ends
/// in a comma or a function word. Lists of headlines and menus have lines of varied width in
/// title case and are never joined.
fn is_wrapped(text: &str, line: Span, line_width: usize, next: Span, width: usize) -> bool {
    if !(30..=120).contains(&width) || line_width * 10 < width * 6 {
        return false;
    }
    let line_text = line.slice(text);
    let next_text = next.slice(text);
    if starts_list_item(next_text) {
        return false;
    }
    let first = next_text.chars().next().unwrap_or(' ');
    if first.is_lowercase() {
        return true;
    }
    let last_word = line_text.split_whitespace().next_back().unwrap_or("");
    if line_text.ends_with([',', ';', '-', '(', '&']) || super::lexicon::is_stop_word(last_word) {
        return true;
    }
    let ends_sentence = line_text.ends_with(['.', '!', '?', ':', '"', '”', '’', '\'', ')']);
    !ends_sentence && !mostly_capitalised(line_text) && !mostly_capitalised(next_text)
}

/// True when a line opens a list item: a bullet, a dash, or `1.` / `1)`.
pub fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '◦' | '‣' | '–' | '—' | '*' | '-' | '+') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.len() + 4 >= line.len() && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

/// True when at least 70% of a line's words start with a capital letter (title case).
pub fn mostly_capitalised(line: &str) -> bool {
    let (mut caps, mut words) = (0, 0);
    for w in line.split_whitespace() {
        let Some(c) = w.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if !c.is_alphabetic() {
            continue;
        }
        words += 1;
        caps += usize::from(c.is_uppercase());
    }
    words > 0 && caps * 10 >= words * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn blank_lines_separate() {
        assert_eq!(
            paras("One.\n\nTwo.\n\n\n  Three.  \n"),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn crlf_and_lone_cr() {
        assert_eq!(
            paras("One.\r\n\r\nTwo.\r\rThree."),
            ["One.", "Two.", "Three."]
        );
    }

    #[test]
    fn one_per_line_headlines_stay_apart() {
        let text = "British Council Launches 'Science Train' on Moscow Metro\n\
                    Russia's Biggest Cinema Chain Agrees to Screen Controversial Tsar Biopic 'Mathilde'\n\
                    Moscow Extends 'My Street' Urban Renewal Program to 2020\n";
        assert_eq!(paras(text).len(), 3);
    }

    #[test]
    fn hard_wrapped_prose_is_joined() {
        let text = "Russian cybersecurity firm Kaspersky Lab says that it has expanded its\n\
                    relationship with global law enforcement agency Interpol, agreeing to\n\
                    share data.\n\
                    \n\
                    Second paragraph here.";
        let p = paras(text);
        assert_eq!(p.len(), 2);
        assert!(p[0].starts_with("Russian") && p[0].ends_with("share data."));
    }

    #[test]
    fn long_lines_are_one_paragraph_each() {
        let a = "A ".repeat(80) + "end.";
        let text = format!("{a}\nThe next paragraph starts here and is long enough too, really it is very long indeed and more and more text here to pass width.\n");
        assert_eq!(paras(&text).len(), 2);
    }

    #[test]
    fn list_items_and_short_lines_stay_apart() {
        assert_eq!(
            paras("Oct 13, 2017 — 09:09\nSergey Savostyanov / TASS").len(),
            2
        );
        assert_eq!(paras("Things to know about the rules announced today:\n- the first rule\n- the second rule").len(), 3);
    }

    #[test]
    fn rules_separate() {
        assert_eq!(paras("One.\n-----\nTwo."), ["One.", "Two."]);
    }
}
