//! Text primitives shared by every stage: spans, the matching form (`normalize`), segmentation
//! into paragraphs, sentences and tokens, small word lists, and calendar dates.
//!
//! Nothing here reads files or knows about page furniture; `ingest` decides what a block *is*,
//! this module only decides where units begin and end.

pub mod date;
pub mod gender;
pub mod lang;
pub mod lexicon;
pub mod normalize;
pub mod paragraph;
pub mod sentence;
pub mod token;
#[rustfmt::skip]
mod wordfreq;

use serde::{Deserialize, Serialize};

pub use date::{find_date, find_date_in_meta, Date};
pub use normalize::normalize;

/// A half-open byte range `start..end` into a document's text. Both ends lie on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the unit.
    pub start: usize,
    /// One past the last byte of the unit.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The text the span covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The first `max` bytes of `text`, cut back to a char boundary.
pub fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Shrinks `start..end` of `text` so that it neither starts nor ends with whitespace.
pub fn trim_span(text: &str, start: usize, end: usize) -> Span {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::new(start, start);
    }
    Span::new(start + lead, end - trail)
}
