//! Extraction: what each report says and who says it. Quotes with their speakers
//! ([`quotes`]) and facts: dates, numbers, money, percentages, names ([`facts`]).

pub mod facts;
pub mod quantity;
pub mod quotes;
pub mod words;

use crate::document::Document;
use crate::text::Date;

/// What was extracted from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// Quotes and reported speech, in reading order.
    pub quotes: Vec<quotes::Quote>,
    /// Short quoted phrases nobody is said to have said, kept out of `quotes` unless another
    /// report quotes them too ([`quotes::extract_with_tentative`]).
    pub tentative: Vec<quotes::Quote>,
    /// Facts, in reading order.
    pub facts: Vec<facts::Fact>,
}

/// Settings of extraction.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The date relative dates ("Thursday", "last month") count from when a report has no
    /// publication date of its own (`--date`).
    pub date: Option<Date>,
}

/// Extracts quotes and facts from a document.
pub fn extract(doc: &Document, opts: &Options) -> Extraction {
    let (quotes, tentative) = quotes::extract_with_tentative(doc);
    Extraction {
        quotes,
        tentative,
        facts: facts::extract(doc, doc.published.or(opts.date)),
    }
}

/// Extracts quotes and facts from every document, in order.
pub fn extract_all(docs: &[Document], opts: &Options) -> Vec<Extraction> {
    if docs.len() > 1 && crate::parallel::worth_it(docs) {
        use rayon::prelude::*;
        return docs.par_iter().map(|d| extract(d, opts)).collect();
    }
    docs.iter().map(|d| extract(d, opts)).collect()
}
