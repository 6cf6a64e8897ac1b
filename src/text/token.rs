//! Word tokens with their byte spans and matching forms. Word boundaries follow Unicode UAX #29
//! (`unicode-segmentation`), so "U.S.", "Kaspersky's", "3.5" and "anti-virus" parts come out as
//! readers expect, and Chinese and Japanese ideographs come out one by one (a word segmenter
//! for those scripts is a later refinement; per-character tokens still match).

use super::normalize::normalize_into;
use super::Span;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (possibly with digits, apostrophes, inner dots).
    Word,
    /// Starts with a digit: "2017", "3.5", "27".
    Number,
}

/// A word or number with its span in the document text and its matching form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Byte span in the document text.
    pub span: Span,
    /// Byte range of this token's matching form inside the sentence's `norm` string.
    pub norm: (u32, u32),
    /// Word or number.
    pub kind: TokenKind,
}

/// Tokenises the text of `span` and appends each token's matching form to `norm`, separated by
/// single spaces, so that the sentence keeps one compact matching string.
pub fn split_into(text: &str, span: Span, norm: &mut String) -> Vec<Token> {
    let s = span.slice(text);
    let mark = norm.len();
    if let Some(tokens) = split_fast(s, span.start, norm) {
        return tokens;
    }
    norm.truncate(mark);
    split_unicode(s, span.start, norm)
}

/// Word-boundary class of a fast-path character (UAX #29 restricted to those characters).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_`: links word characters (UAX #29 ExtendNumLet) but is no word on its own.
    Extend,
    /// Joins letters to letters and digits to digits: `.` `'` `‘` `’`.
    MidNumLet,
    /// Joins letters only: `:`.
    MidLetter,
    /// Joins digits only: `,` `;`.
    MidNum,
    Other,
}

fn class(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::Letter,
        '_' => Class::Extend,
        '0'..='9' => Class::Digit,
        '.' | '\'' | '‘' | '’' => Class::MidNumLet,
        ':' => Class::MidLetter,
        ',' | ';' => Class::MidNum,
        _ => Class::Other,
    }
}

/// Class and UTF-8 length of the fast-path character at byte `i`, `None` for any other character.
#[inline]
fn class_at(s: &[u8], i: usize) -> Option<(Class, usize)> {
    let b = s[i];
    if b < 0x80 {
        return Some((class(char::from(b)), 1));
    }
    match (b, s.get(i + 1), s.get(i + 2)) {
        // ‘ ’
        (0xE2, Some(0x80), Some(0x98 | 0x99)) => Some((Class::MidNumLet, 3)),
        // “ ” — – …
        (0xE2, Some(0x80), Some(0x9C | 0x9D | 0x94 | 0x93 | 0xA6)) => Some((Class::Other, 3)),
        // no-break space
        (0xC2, Some(0xA0), _) => Some((Class::Other, 2)),
        _ => None,
    }
}

/// Tokenises text made only of ASCII and the typographic punctuation of English news (see
/// [`class_at`]), with the same boundaries as UAX #29 gives
/// for such text (checked against `unicode-segmentation` in the tests), several times faster.
/// `None` as soon as another character turns up; the caller then takes the Unicode path.
fn split_fast(s: &str, base: usize, norm: &mut String) -> Option<Vec<Token>> {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut out = Vec::with_capacity(n / 6);
    let mut i = 0;
    while i < n {
        let (first, len) = class_at(bytes, i)?;
        if !matches!(first, Class::Letter | Class::Digit | Class::Extend) {
            i += len;
            continue;
        }
        let start = i;
        let mut prev = first;
        i += len;
        while i < n {
            let (cl, len) = class_at(bytes, i)?;
            match cl {
                Class::Letter | Class::Digit | Class::Extend => prev = cl,
                Class::MidNumLet | Class::MidLetter | Class::MidNum => {
                    // A middle character joins only when the same kind of character follows.
                    let next = if i + len < n {
                        Some(class_at(bytes, i + len)?.0)
                    } else {
                        None
                    };
                    let joins = match (prev, next) {
                        (Class::Letter, Some(Class::Letter)) => cl != Class::MidNum,
                        (Class::Digit, Some(Class::Digit)) => cl != Class::MidLetter,
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                }
                Class::Other => break,
            }
            i += len;
        }
        let word = &s[start..i];
        if !word.bytes().any(|b| b.is_ascii_alphanumeric()) {
            continue; // only underscores
        }
        if !norm.is_empty() {
            norm.push(' ');
        }
        let from = norm.len();
        if word.is_ascii() {
            norm.push_str(word);
            norm[from..].make_ascii_lowercase();
        } else {
            norm.extend(word.chars().map(|ch| match ch {
                '‘' | '’' => '\'',
                c => c.to_ascii_lowercase(),
            }));
        }
        out.push(Token {
            span: Span::new(base + start, base + i),
            norm: (from as u32, norm.len() as u32),
            kind: if first == Class::Digit {
                TokenKind::Number
            } else {
                TokenKind::Word
            },
        });
    }
    Some(out)
}

fn split_unicode(s: &str, base: usize, norm: &mut String) -> Vec<Token> {
    let mut out = Vec::new();
    for (at, word) in s.split_word_bound_indices() {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        let kind = if first.is_numeric() && word.starts_with(|c: char| c.is_numeric()) {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        if !norm.is_empty() {
            norm.push(' ');
        }
        let from = norm.len();
        normalize_into(word, norm);
        if norm.len() == from {
            // The token folded to nothing (only invisible characters): drop it.
            norm.pop();
            continue;
        }
        out.push(Token {
            span: Span::new(base + at, base + at + word.len()),
            norm: (from as u32, norm.len() as u32),
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters the fast path knows: ASCII and the typographic punctuation of English news.
    fn fast_path_char(c: char) -> bool {
        c.is_ascii() || matches!(c, '‘' | '’' | '“' | '”' | '—' | '–' | '…' | '\u{a0}')
    }

    #[test]
    fn words_numbers_and_matching_forms() {
        let text = "Kaspersky’s anti-virus: 27 languages, U.S.";
        let mut norm = String::new();
        let toks = split_into(text, Span::new(0, text.len()), &mut norm);
        let shown: Vec<&str> = toks.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(
            shown,
            ["Kaspersky’s", "anti", "virus", "27", "languages", "U.S"]
        );
        assert_eq!(norm, "kaspersky's anti virus 27 languages u.s");
        assert_eq!(toks[3].kind, TokenKind::Number);
        let forms: Vec<&str> = toks
            .iter()
            .map(|t| &norm[t.norm.0 as usize..t.norm.1 as usize])
            .collect();
        assert_eq!(forms[0], "kaspersky's");
    }

    #[test]
    fn fast_path_matches_unicode_segmentation() {
        let samples = [
            include_str!("../../fixtures/kaspersky/rferl.txt"),
            include_str!("../../fixtures/kaspersky/moscowtimes.txt"),
            "It's 3.5% of $1,000,000; rates: 4;5 a:b v1.2 U.S.-led _x_ 'quoted' ‘single’ x.",
            "Words... and 12.30.4, then 'tis ’90s rock’n’roll — fine–ok… done.",
        ];
        for text in samples {
            for line in text.lines().filter(|l| l.chars().all(fast_path_char)) {
                let (mut a, mut b) = (String::new(), String::new());
                let fast = split_fast(line, 0, &mut a).expect("fast-path text");
                let slow = split_unicode(line, 0, &mut b);
                assert_eq!(fast, slow, "{line}");
                assert_eq!(a, b, "{line}");
            }
        }
    }

    #[test]
    fn other_characters_fall_back_to_unicode() {
        let text = "Café Müller’s 東京";
        let mut norm = String::new();
        let toks = split_into(text, Span::new(0, text.len()), &mut norm);
        assert_eq!(norm, "café müller's 東 京");
        assert_eq!(toks.len(), 4);
    }

    #[test]
    fn cjk_characters_are_tokens() {
        let text = "東京都";
        let mut norm = String::new();
        assert_eq!(
            split_into(text, Span::new(0, text.len()), &mut norm).len(),
            3
        );
    }
}
