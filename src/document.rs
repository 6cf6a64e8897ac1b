//! The core types a read report becomes: a [`Document`] of classified [`Paragraph`]s, each split
//! into [`Sentence`]s of [`Token`]s, every unit with a byte [`Span`] into [`Document::text`].

use crate::text::token::Token;
use crate::text::{Date, Span};
use serde::{Deserialize, Serialize};

pub use crate::report::vocab::{BlockKind, Encoding, InputFormat, Reason, Stripped, Warning};

/// A sentence: its span, its tokens, and its matching form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Byte span in the document text.
    pub span: Span,
    /// Words and numbers, in order.
    pub tokens: Vec<Token>,
    /// The tokens' matching forms joined by single spaces (see [`crate::text::normalize`]).
    pub norm: String,
}

impl Sentence {
    /// The matching form of token `i`.
    pub fn token_norm(&self, i: usize) -> &str {
        let (a, b) = self.tokens[i].norm;
        &self.norm[a as usize..b as usize]
    }
}

/// A block of the page: a paragraph of text, classified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Byte span in the document text.
    pub span: Span,
    /// What the block is.
    pub kind: BlockKind,
    /// Why it was classified so; `None` for body text.
    pub reason: Option<Reason>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// A report as read: decoded text, metadata, and classified, segmented paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The input as the user named it (a path, or `-` for stdin).
    pub source: String,
    /// A short name for the outlet (`--label`, else the file stem).
    pub label: String,
    /// How the input was written.
    pub format: InputFormat,
    /// How it was encoded.
    pub encoding: Encoding,
    /// The text every span points into: the decoded input for plain text; the extracted
    /// readable text for HTML and Markdown.
    pub text: String,
    /// The headline, when found.
    pub title: Option<String>,
    /// The publication date, when found in a dateline or the page's metadata.
    pub published: Option<Date>,
    /// Paragraphs in reading order.
    pub paragraphs: Vec<Paragraph>,
    /// For an HTML page whose article the extractor found, and only when asked for
    /// ([`crate::ingest::ReadOptions::stripped`]): the page's visible blocks left out of the
    /// article text, in page order, with why. They are not part of `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stripped: Vec<Stripped>,
}

impl Document {
    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// Paragraphs that are news text.
    pub fn body(&self) -> impl Iterator<Item = &Paragraph> {
        self.paragraphs.iter().filter(|p| p.kind == BlockKind::Body)
    }
}
