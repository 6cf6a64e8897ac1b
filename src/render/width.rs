//! Display width and word wrap for the terminal views. Width is measured in terminal columns per
//! grapheme cluster: East Asian wide characters and emoji take two, combining marks and zero-width
//! joiners none, and an emoji ZWJ sequence (👩‍💻) or a flag counts once, as terminals draw it.
//! Text reaching this module has already been made safe by [`super::safe::terminal_line`].

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Terminal columns taken by `s`.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    if s.chars().all(simple) {
        return s
            .chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
    }
    s.graphemes(true).map(grapheme_width).sum()
}

/// Characters that are a grapheme cluster on their own whatever follows, and do not change the
/// width of what precedes them: Latin, Greek and Cyrillic letters below the combining marks,
/// the dashes, quotes and ellipsis of general punctuation (not the joiners around them), and
/// box drawing.
fn simple(c: char) -> bool {
    matches!(c, '\0'..='\u{2ff}' | '\u{370}'..='\u{482}' | '\u{48a}'..='\u{52f}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' | '\u{2500}'..='\u{257f}')
}

/// Columns of one grapheme cluster: never more than two (a ZWJ sequence or a flag is one glyph).
fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        return 1;
    }
    g.width().min(2)
}

/// A word and how it is styled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a, S> {
    /// The text, with no spaces at its ends.
    pub text: Cow<'a, str>,
    /// The style, chosen by the caller.
    pub style: S,
}

/// Wraps words into lines of at most `max` columns, breaking between words, and inside a word
/// only when it alone is wider than a line (between grapheme clusters). `max` is at least 1.
pub fn wrap<'a, S: Clone>(words: Vec<Piece<'a, S>>, max: usize) -> Vec<Vec<Piece<'a, S>>> {
    let max = max.max(2);
    let mut lines: Vec<Vec<Piece<'a, S>>> = Vec::new();
    let mut line: Vec<Piece<'a, S>> = Vec::new();
    let mut used = 0;
    for w in words {
        let ww = width(&w.text);
        if ww == 0 {
            continue;
        }
        let need = if line.is_empty() { ww } else { used + 1 + ww };
        if need <= max {
            used = need;
            line.push(w);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if ww <= max {
            used = ww;
            line.push(w);
            continue;
        }
        // A word wider than the line: cut it between grapheme clusters.
        let mut chunk = String::new();
        let mut cw = 0;
        for g in w.text.graphemes(true) {
            let gw = grapheme_width(g);
            if cw + gw > max && !chunk.is_empty() {
                lines.push(vec![Piece {
                    text: Cow::Owned(std::mem::take(&mut chunk)),
                    style: w.style.clone(),
                }]);
                cw = 0;
            }
            chunk.push_str(g);
            cw += gw;
        }
        if !chunk.is_empty() {
            used = cw;
            line.push(Piece {
                text: Cow::Owned(chunk),
                style: w.style.clone(),
            });
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Splits `text` into plain pieces at whitespace.
pub fn pieces<'a, S: Clone + 'a>(
    text: &'a str,
    style: S,
) -> impl Iterator<Item = Piece<'a, S>> + 'a {
    text.split_whitespace().map(move |w| Piece {
        text: Cow::Borrowed(w),
        style: style.clone(),
    })
}

/// The first `max` columns of `s`, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = grapheme_width(g);
        if used + gw + 1 > max {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_of_wide_and_combining_text() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("漢字"), 4);
        assert_eq!(width("ｶﾀｶﾅ"), 4); // half-width katakana
        assert_eq!(width("e\u{301}"), 1); // e + combining acute
        assert_eq!(width("👍"), 2);
        assert_eq!(width("👍🏽"), 2); // skin tone modifier
        assert_eq!(width("👩\u{200d}💻"), 2); // ZWJ sequence
        assert_eq!(width("🇺🇦"), 2); // flag
        assert_eq!(width("Путин"), 5);
        assert_eq!(width("\u{200b}"), 0);
    }

    #[test]
    fn wraps_between_words_and_cuts_long_words() {
        let words: Vec<Piece<()>> = pieces("the quick brown fox jumps", ()).collect();
        let lines = wrap(words, 10);
        let text: Vec<String> = lines
            .iter()
            .map(|l| {
                l.iter()
                    .map(|p| p.text.as_ref())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(text, ["the quick", "brown fox", "jumps"]);
        let long: Vec<Piece<()>> = pieces("漢字漢字漢字漢字", ()).collect();
        let lines = wrap(long, 5);
        assert!(lines
            .iter()
            .all(|l| width(&l.iter().map(|p| p.text.as_ref()).collect::<String>()) <= 5));
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn truncates_by_columns() {
        assert_eq!(truncate("Moscow Times", 20), "Moscow Times");
        assert_eq!(truncate("Moscow Times", 6), "Mosco…");
        assert_eq!(width(&truncate("漢字漢字", 5)), 5);
    }
}
