//! Extraction: what each report says and who says it. Quotes with their speakers
//! ([`quotes`]); facts come next.

pub mod quotes;

use crate::document::Document;

/// What was extracted from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// Quotes in reading order.
    pub quotes: Vec<quotes::Quote>,
}

/// Extracts quotes (and, later, facts) from a document.
pub fn extract(doc: &Document) -> Extraction {
    Extraction {
        quotes: quotes::extract(doc),
    }
}
