//! The documents part of every report: how each input was read (its blocks, paragraphs and
//! sentences, with ids) and what was extracted from it (quotes, reported speech, facts). `inspect`
//! reports this alone; a comparison adds what it found (`super::report`).

use crate::document::{Document, Warning};
use crate::extract::Extraction;
use crate::report::*;

/// Builds the report of how each document was read and what was extracted from it
/// (`extracted[i]` belongs to `documents[i]`).
pub fn inspection(
    documents: &[Document],
    extracted: &[Extraction],
    warnings: &[Warning],
) -> Report {
    Report {
        format_version: FORMAT_VERSION,
        documents: documents
            .iter()
            .zip(extracted)
            .enumerate()
            .map(|(i, (d, x))| document(&doc_id(i), d, x))
            .collect(),
        links: None,
        overlap: None,
        verdict: None,
        groups: None,
        paragraph_alignment: None,
        coverage: None,
        quote_matches: None,
        conflicts: None,
        sourcing: None,
        entities: None,
        warnings: warnings.to_vec(),
    }
}

fn document(id: &str, d: &Document, x: &Extraction) -> DocumentReport {
    let mut sentence_no = 0;
    // 1-based sentence number of the first sentence of each paragraph
    let mut first_sentence = Vec::with_capacity(d.paragraphs.len());
    let mut n = 1;
    for p in &d.paragraphs {
        first_sentence.push(n);
        n += p.sentences.len();
    }
    let quote = |qid: String, q: &crate::extract::quotes::Quote| QuoteReport {
        id: qid,
        sentence: format!("{id}.s{}", first_sentence[q.paragraph] + q.sentence),
        start: q.span.start,
        end: q.span.end,
        text: q.text(&d.text),
        parts: q.parts.iter().map(|p| [p.start, p.end]).collect(),
        kind: q.kind,
        speaker: q.speaker.clone(),
        speaker_span: q.speaker_span.map(|s| [s.start, s.end]),
        inherited: q.inherited,
        cue: q.cue.clone(),
    };
    let (direct, indirect): (Vec<_>, Vec<_>) =
        x.quotes.iter().partition(|q| q.kind != QuoteKind::Indirect);
    let quotes = direct
        .iter()
        .enumerate()
        .map(|(i, q)| quote(format!("{id}.q{}", i + 1), q))
        .collect();
    let reported_speech = indirect
        .iter()
        .enumerate()
        .map(|(i, q)| quote(format!("{id}.r{}", i + 1), q))
        .collect();
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
    let facts = x
        .facts
        .iter()
        .map(|f| FactReport {
            kind: f.kind,
            text: f.span.slice(&d.text).to_string(),
            value: f.value.clone(),
            unit: f.unit.clone(),
            measure: f
                .unit
                .as_deref()
                .map(|u| crate::extract::quantity::measure(u).to_string()),
            sentence: format!("{id}.s{}", first_sentence[f.paragraph] + f.sentence),
            start: f.span.start,
            end: f.span.end,
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
        language: None,
        paragraphs,
        quotes,
        reported_speech,
        facts,
        stripped: d.stripped.clone(),
        text: d.text.clone(),
    }
}
