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
    let mut out = Vec::new();
    for (at, word) in span.slice(text).split_word_bound_indices() {
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
            span: Span::new(span.start + at, span.start + at + word.len()),
            norm: (from as u32, norm.len() as u32),
            kind,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_matching_forms() {
        let text = "Kaspersky’s anti-virus: 27 languages, U.S.";
        let mut norm = String::new();
        let toks = split_into(text, Span::new(0, text.len()), &mut norm);
        let shown: Vec<&str> = toks.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(shown, ["Kaspersky’s", "anti", "virus", "27", "languages", "U.S"]);
        assert_eq!(norm, "kaspersky's anti virus 27 languages u.s");
        assert_eq!(toks[3].kind, TokenKind::Number);
        let forms: Vec<&str> = toks.iter().map(|t| &norm[t.norm.0 as usize..t.norm.1 as usize]).collect();
        assert_eq!(forms[0], "kaspersky's");
    }

    #[test]
    fn cjk_characters_are_tokens() {
        let text = "東京都";
        let mut norm = String::new();
        assert_eq!(split_into(text, Span::new(0, text.len()), &mut norm).len(), 3);
    }
}
