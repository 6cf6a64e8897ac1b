//! The words every view prints: what a block, a fact, a quote, a link, a quote match and a
//! conflict are. Plain serialisable types owned by the report model; the analysis steps produce
//! them (`ingest` the block kinds, `align` the relations, `extract` the fact and quote kinds,
//! `compare` the quote relations and conflict kinds), and renderers read them from here.

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

/// A block of a page that the article extractor left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stripped {
    /// Its visible text, whitespace collapsed.
    pub text: String,
    /// What it looks like: navigation, a caption, a footer, other stories' headlines, or
    /// `outside-article` for prose the extractor judged not to be the article's.
    pub reason: Reason,
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

/// How closely the members of a group match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The same fact, in the same or other words.
    Same,
    /// Overlapping: one carries part of what the other says, or they share a specific detail.
    Partial,
}

impl Relation {
    /// `same` or `partial`.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Same => "same",
            Relation::Partial => "partial",
        }
    }
}

/// What a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    /// A named person.
    Person,
    /// A named organisation.
    Org,
    /// A named place.
    Place,
    /// A count or measure.
    Number,
    /// A calendar date, a month, or a week.
    Date,
    /// An amount of money.
    Money,
    /// A percentage.
    Percent,
    /// A time of day ("7:48 a.m.", "7 p.m.").
    Time,
}

impl FactKind {
    /// `person`, `org`, `place`, `number`, `date`, `money`, `percent` or `time`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Person => "person",
            FactKind::Org => "org",
            FactKind::Place => "place",
            FactKind::Number => "number",
            FactKind::Date => "date",
            FactKind::Money => "money",
            FactKind::Percent => "percent",
            FactKind::Time => "time",
        }
    }
}

/// How a quote is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Quote marks around the words, standing as a sentence (or most of one).
    Direct,
    /// Quoted words inside the writer's own sentence.
    Mixed,
    /// Reported speech without quote marks (`X said that …`).
    Indirect,
}

/// How two quotes relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteRelation {
    /// The same words.
    Identical,
    /// One is a contiguous part of the other (an outlet cut the quote short).
    Fragment,
    /// Mostly the same words, some changed, dropped or added.
    Altered,
}

impl QuoteRelation {
    /// `identical`, `fragment` or `altered`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteRelation::Identical => "identical",
            QuoteRelation::Fragment => "fragment",
            QuoteRelation::Altered => "altered",
        }
    }
}

/// What the reports disagree about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// The same quote, different speakers.
    Speaker,
    /// The same claim, different sources ("The New York Times reported" / "Israeli intelligence
    /// said").
    Attribution,
    /// The same fact, different dates.
    Date,
    /// The same fact, different numbers.
    Number,
}

impl ConflictKind {
    /// `speaker`, `attribution`, `date` or `number`, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::Speaker => "speaker",
            ConflictKind::Attribution => "attribution",
            ConflictKind::Date => "date",
            ConflictKind::Number => "number",
        }
    }
}
