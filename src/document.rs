//! The core types a read report becomes: a [`Document`] of classified [`Paragraph`]s, each split
//! into [`Sentence`]s of [`Token`]s, every unit with a byte [`Span`] into [`Document::text`].

use crate::text::token::Token;
use crate::text::{Date, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the input was written, as sniffed or as forced with `--input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text, including text copied from a browser window.
    Text,
    /// Markdown (CommonMark).
    Markdown,
    /// A saved web page.
    Html,
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
        })
    }
}

/// The text encoding the input was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (removed).
    Utf8Bom,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8 with BOM",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        })
    }
}

/// What a block of the page is to a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The news text itself.
    Body,
    /// The headline (or a subheading).
    Title,
    /// A date line ("Oct 13, 2017 — 09:09").
    Dateline,
    /// A byline, photo credit or "With reporting by …" line.
    Credit,
    /// Page furniture: navigation, related headlines, captions, footers.
    Boilerplate,
}

impl BlockKind {
    /// The lowercase name used in JSON and on the terminal.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Body => "body",
            BlockKind::Title => "title",
            BlockKind::Dateline => "dateline",
            BlockKind::Credit => "credit",
            BlockKind::Boilerplate => "boilerplate",
        }
    }
}

/// Why a block is not body text (or, for titles, which kind of title).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The page's headline.
    Headline,
    /// A heading inside the article.
    Subheading,
    /// A publication date and time.
    Date,
    /// "By …" or an author line.
    Byline,
    /// "Name / Agency", "Photo: …", "Getty Images".
    PhotoCredit,
    /// "With reporting by …", "Editing by …".
    ReportingCredit,
    /// Site navigation and interface text ("Accessibility links", "Breaking News", "Share").
    Navigation,
    /// A list of other stories' headlines.
    RelatedHeadlines,
    /// One other story's headline set inside the article text.
    RelatedHeadline,
    /// An image or video caption or label ("• 16x9 Image").
    Caption,
    /// The outlet's footer: notices, subscription and legal text, "click here".
    Footer,
    /// Text before or after the article that reads like prose but belongs to the page around it
    /// (teasers, comments, other stories).
    OutsideArticle,
    /// A short fragment that is neither a sentence nor a heading (menu items, labels).
    Fragment,
    /// Program code or preformatted text (Markdown code blocks, `<pre>`).
    Code,
}

impl Reason {
    /// The kebab-case name used in JSON and on the terminal.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Headline => "headline",
            Reason::Subheading => "subheading",
            Reason::Date => "date",
            Reason::Byline => "byline",
            Reason::PhotoCredit => "photo-credit",
            Reason::ReportingCredit => "reporting-credit",
            Reason::Navigation => "navigation",
            Reason::RelatedHeadlines => "related-headlines",
            Reason::RelatedHeadline => "related-headline",
            Reason::Caption => "caption",
            Reason::Footer => "footer",
            Reason::OutsideArticle => "outside-article",
            Reason::Fragment => "fragment",
            Reason::Code => "code",
        }
    }
}

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

/// A block of a page that the article extractor left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stripped {
    /// Its visible text, whitespace collapsed.
    pub text: String,
    /// What it looks like: navigation, a caption, a footer, other stories' headlines, or
    /// `outside-article` for prose the extractor judged not to be the article's.
    pub reason: Reason,
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

/// Something worth telling the user that did not stop the run (lossy decoding, no body found).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The input concerned.
    pub source: String,
    /// What happened, in lowercase words.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}
