//! The serialisable report: the single contract between analysis and every renderer, and the
//! JSON that other tools read (`docs/json.md`). It owns its data, is deterministic (vectors in
//! input order, no timestamps), and names every unit by a stable id: documents `A`, `B`, …;
//! paragraphs `A.p1`…; sentences `A.s1`… (numbered through the document).

use crate::document::{BlockKind, Document, Encoding, InputFormat, Reason, Warning};
use crate::text::Date;
use serde::{Deserialize, Serialize};

/// Version of the JSON contract; bumped only when a field is renamed or removed.
pub const FORMAT_VERSION: u32 = 1;

/// What `parallax inspect` reports: how each input was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// One entry per input, in input order.
    pub documents: Vec<DocumentReport>,
    /// Things worth knowing that did not stop the run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// One input as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentReport {
    /// `A`, `B`, … in input order (`AA` after `Z`).
    pub id: String,
    /// `--label`, else the file stem.
    pub label: String,
    /// The input as named on the command line.
    pub source: String,
    /// `text`, `markdown` or `html`.
    pub format: InputFormat,
    /// The encoding the input was decoded from.
    pub encoding: Encoding,
    /// The headline, or null.
    pub title: Option<String>,
    /// Publication date `YYYY-MM-DD`, or null.
    pub published: Option<Date>,
    /// Counts of paragraphs and sentences by kind.
    pub counts: Counts,
    /// Blocks in reading order.
    pub paragraphs: Vec<ParagraphReport>,
    /// The text that every `start`/`end` offset points into: the decoded input for plain text,
    /// the extracted readable text for HTML and Markdown.
    pub text: String,
}

/// Paragraph and sentence counts of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// All blocks.
    pub paragraphs: usize,
    /// Blocks of news text.
    pub body_paragraphs: usize,
    /// Sentences in body blocks.
    pub body_sentences: usize,
    /// Word and number tokens in body blocks.
    pub body_tokens: usize,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphReport {
    /// `A.p3`.
    pub id: String,
    /// `body`, `title`, `dateline`, `credit` or `boilerplate`.
    pub kind: BlockKind,
    /// Why it is not body (null for body).
    pub reason: Option<Reason>,
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The paragraph's text, exactly as in the input.
    pub text: String,
    /// Its sentences.
    pub sentences: Vec<SentenceReport>,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentenceReport {
    /// `A.s5`.
    pub id: String,
    /// Byte offset of the first byte in the document text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The sentence's text, exactly as in the input.
    pub text: String,
}

/// The id of the `index`-th document (0-based): `A`…`Z`, then `AA`, `AB`, … like spreadsheet
/// columns, so any number of reports gets short, sortable-by-length ids.
pub fn doc_id(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("invariant: ASCII letters")
}

/// Builds the report of how each document was read.
pub fn build(documents: &[Document], warnings: &[Warning]) -> Report {
    Report {
        format_version: FORMAT_VERSION,
        documents: documents
            .iter()
            .enumerate()
            .map(|(i, d)| document(&doc_id(i), d))
            .collect(),
        warnings: warnings.to_vec(),
    }
}

fn document(id: &str, d: &Document) -> DocumentReport {
    let mut sentence_no = 0;
    let mut counts = Counts {
        paragraphs: d.paragraphs.len(),
        ..Counts::default()
    };
    let paragraphs = d
        .paragraphs
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            if p.kind == BlockKind::Body {
                counts.body_paragraphs += 1;
                counts.body_sentences += p.sentences.len();
                counts.body_tokens += p.sentences.iter().map(|s| s.tokens.len()).sum::<usize>();
            }
            ParagraphReport {
                id: format!("{id}.p{}", pi + 1),
                kind: p.kind,
                reason: p.reason,
                start: p.span.start,
                end: p.span.end,
                text: d.slice(p.span).to_string(),
                sentences: p
                    .sentences
                    .iter()
                    .map(|s| {
                        sentence_no += 1;
                        SentenceReport {
                            id: format!("{id}.s{sentence_no}"),
                            start: s.span.start,
                            end: s.span.end,
                            text: d.slice(s.span).to_string(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    DocumentReport {
        id: id.to_string(),
        label: d.label.clone(),
        source: d.source.clone(),
        format: d.format,
        encoding: d.encoding,
        title: d.title.clone(),
        published: d.published,
        counts,
        paragraphs,
        text: d.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids_like_spreadsheet_columns() {
        let ids: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|&i| doc_id(i))
            .collect();
        assert_eq!(ids, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}
