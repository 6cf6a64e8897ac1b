//! Quotes and who said them.
//!
//! Direct quotes are found by pairing quote marks over each body paragraph (every common mark,
//! mismatched pairs such as `“…"`, and quotes that run on into a paragraph that re-opens them);
//! two quotes split by an attribution (`"A," he said, "B."`) become one quote in two parts.
//! Each quote gets a speaker from the attribution next to it, in any of the three word orders
//! (quote–speaker–verb, speaker–verb–quote, quote–verb–speaker), with titles and appositions
//! peeled off; pronouns and descriptions ("he", "the company") resolve to the last compatible
//! named speaker, and a quote with no attribution of its own inherits the current speaker.
//! Attributed indirect speech (`Peskov said the reports were …`, `according to …`) is marked
//! `indirect`. Short quotes with no reporting verb near them are scare quotes or titles, and
//! are left out.

mod cues;
mod marks;
mod mentions;
mod reported;
mod speakers;
#[cfg(test)]
mod tests;

use crate::document::{BlockKind, Document};
use crate::text::lang::is_common_word;
use crate::text::lexicon::{is_title_word, ORG_WORDS};
use crate::text::Span;
use cues::*;
use marks::*;
use mentions::*;
use reported::*;
use rustc_hash::FxHashMap as HashMap;
use speakers::*;

pub use crate::report::vocab::QuoteKind;

/// One quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// From the first opening mark to the last closing mark (the reported clause for indirect
    /// speech), as byte offsets into the document text.
    pub span: Span,
    /// The quoted words without marks: one part, or two or more when an attribution splits it.
    pub parts: Vec<Span>,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The speaker's resolved name, when known.
    pub speaker: Option<String>,
    /// The mention the speaker was resolved from ("he", "the company", "Peskov").
    pub speaker_span: Option<Span>,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: Option<String>,
    /// No attribution of its own: the speaker (and `speaker_span`) come from the quote before.
    pub inherited: bool,
    /// Index of the paragraph the quote starts in.
    pub paragraph: usize,
    /// Index, within that paragraph, of the sentence the quote starts in.
    pub sentence: usize,
}

impl Quote {
    /// The quoted words, parts joined by a space.
    pub fn text(&self, doc_text: &str) -> String {
        let parts: Vec<&str> = self.parts.iter().map(|p| p.slice(doc_text)).collect();
        parts.join(" ")
    }
}

/// Finds the quotes of a document's body, in reading order.
pub fn extract(doc: &Document) -> Vec<Quote> {
    extract_with_tentative(doc).0
}

/// The quotes of a document's body, and apart from them its *tentative* quotes: short quoted
/// phrases (two words or more) that nobody is said to have said. Alone they are as often a
/// phrase held at a distance as a quote; when another report quotes the same words they are
/// one (`compare` keeps those, [`crate::compare::quotes::promote_shared`]).
pub fn extract_with_tentative(doc: &Document) -> (Vec<Quote>, Vec<Quote>) {
    let text = doc.text.as_str();
    let mut tentative = Vec::new();
    let mut raw = direct_spans(doc);
    merge_split_quotes(text, &mut raw);
    let mut quotes = Vec::new();
    let mut people = Mentions::default();
    // speaker, the mention it was resolved from and paragraph of the last quote
    let mut current: Option<(String, Option<Span>, usize)> = None;
    let mut r = 0;
    // spans of direct quotes so far: a sentence inside one is not indirect speech
    let mut direct_spans_seen: Vec<Span> = Vec::new();
    for (p, para) in doc.paragraphs.iter().enumerate() {
        if para.kind != BlockKind::Body {
            continue;
        }
        for (si, sentence) in para.sentences.iter().enumerate() {
            let s_span = sentence.span;
            // Quotes starting in this sentence.
            let mut here = Vec::new();
            while r < raw.len() && raw[r].span.start < s_span.end {
                here.push(raw[r].clone());
                r += 1;
            }
            let words = words_of(text, s_span);
            let inside = |w: &Word| raw_covers_any(&raw, w.span);
            let frame: Vec<&Word> = words.iter().filter(|w| !inside(w)).collect();
            people.note_sentence(text, &frame);
            // The sentence's own named subject (not one resolved from a pronoun).
            people.current_subject = None;
            let named = subject(text, &frame, frame.len(), &people)
                .filter(|(m, _)| {
                    m.slice(text).starts_with(char::is_uppercase)
                        && !m
                            .slice(text)
                            .split_whitespace()
                            .next()
                            .is_some_and(crate::text::lexicon::is_stop_word)
                })
                .map(|(_, n)| n);
            people.current_subject = named.clone();
            let mut had_direct = false;
            let here_parts: Vec<Span> = here.iter().flat_map(|q| q.parts.iter().copied()).collect();
            for q in here {
                let len_words = q
                    .parts
                    .iter()
                    .map(|p| count_words(p.slice(text)))
                    .sum::<usize>();
                // A quote that runs on past its sentence takes its attribution from the
                // sentence it ends in (`"… distrust. Just … targeted," she said.`).
                let ends_later = q.span.end > s_span.end;
                let long_frame: Vec<Word>;
                let long_refs: Vec<&Word>;
                let frame_here: &[&Word] = if ends_later {
                    // The sentence the quote ends in: this paragraph's or a later one's.
                    let end = doc.paragraphs[p..]
                        .iter()
                        .flat_map(|pp| pp.sentences.iter())
                        .find(|x| x.span.start < q.span.end && q.span.end <= x.span.end)
                        .map_or(q.span.end, |x| x.span.end);
                    long_frame = words_of(text, Span::new(s_span.start, end.max(s_span.end)))
                        .into_iter()
                        .filter(|w| !raw_covers_any(&raw, w.span))
                        .collect();
                    long_refs = long_frame.iter().collect();
                    &long_refs
                } else {
                    &frame
                };
                let attribution = attribute(text, frame_here, &q, &people);
                // Direct: the quote opens the sentence, or little but the attribution is left.
                let opens = frame_here.first().is_none_or(|w| w.span.end > q.span.start);
                let sentence_like = opens || covers_sentence(len_words, frame_here);
                let has_speaker = attribution.as_ref().is_some_and(|a| a.name.is_some());
                let title_case = q.parts.iter().all(|p| {
                    p.slice(text)
                        .split_whitespace()
                        .filter(|w| w.len() > 3)
                        .all(|w| w.starts_with(char::is_uppercase))
                });
                // Quoted words in the writer's sentence that nobody is said to have said: a
                // phrase held at a distance, a slogan, a document's wording — tentative.
                if !sentence_like && !has_speaker && len_words < 12 {
                    if len_words >= 2 && !title_case {
                        tentative.push(Quote {
                            span: q.span,
                            parts: q.parts,
                            kind: QuoteKind::Mixed,
                            speaker: None,
                            speaker_span: None,
                            cue: None,
                            inherited: false,
                            paragraph: p,
                            sentence: si,
                        });
                    }
                    continue;
                }
                if len_words < 4 && !sentence_like && title_case {
                    continue; // a title
                }
                if attribution.is_none() && title_case && !q.closed_sentence {
                    continue; // a title: "The Kid Who Would Be King"
                }
                let kind = if sentence_like {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Mixed
                };
                had_direct |= kind == QuoteKind::Direct;
                if kind == QuoteKind::Direct {
                    direct_spans_seen.push(q.span);
                }
                let mut inherited = false;
                let (speaker, speaker_span, cue) = match attribution {
                    Some(a) => (a.name, a.mention, Some(a.cue).filter(|c| !c.is_empty())),
                    None => {
                        // A floating quote: the current speaker, if one spoke just before.
                        // It keeps the mention its speaker was resolved from.
                        match current.as_ref().filter(|(_, _, cp)| {
                            p.saturating_sub(*cp) <= 2 && kind == QuoteKind::Direct
                        }) {
                            Some((name, mention, _)) => {
                                inherited = true;
                                (Some(name.clone()), *mention, None)
                            }
                            None => (None, None, None),
                        }
                    }
                };
                if let Some(name) = &speaker {
                    current = Some((name.clone(), speaker_span, p));
                    people.note_speaker(name);
                }
                quotes.push(Quote {
                    span: q.span,
                    parts: q.parts,
                    kind,
                    speaker,
                    speaker_span,
                    cue,
                    inherited,
                    paragraph: p,
                    sentence: si,
                });
            }
            // Indirect speech, in sentences that are not a direct quote (a reported clause may
            // hold a few quoted words: `Peskov said the reports were "absurd."`).
            // Sentences only move forward: a quote ending before this one is done with.
            direct_spans_seen.retain(|d| d.end > s_span.start);
            let in_direct = direct_spans_seen
                .iter()
                .any(|d: &Span| d.start < s_span.end && s_span.start < d.end);
            if !had_direct && !in_direct {
                let quoted = |q: &Quote| {
                    let inside: usize = here_parts
                        .iter()
                        .map(|p| {
                            p.end
                                .min(q.span.end)
                                .saturating_sub(p.start.max(q.span.start))
                        })
                        .sum();
                    inside * 2 > q.span.len()
                };
                for q in indirect(text, &words, &people, p, si) {
                    if quoted(&q) {
                        continue;
                    }
                    if let Some(name) = &q.speaker {
                        current = Some((name.clone(), q.speaker_span, p));
                        people.note_speaker(name);
                    }
                    quotes.push(q);
                }
            }
            if let Some(n) = named {
                people.note_subject(n);
            }
        }
    }
    // A pronoun that found no antecedent keeps its mention but names nobody; so does a
    // speaker that cannot be one (a weekday, a dateline, an adverb, a clause fragment): the
    // quote is unattributed rather than given to the wrong "speaker".
    for q in &mut quotes {
        if let Some(s) = q.speaker.take() {
            let s = strip_dateline(&s);
            q.speaker = (!PRONOUNS.contains(&s.to_lowercase().as_str()) && plausible_speaker(&s))
                .then_some(s);
        }
    }
    (quotes, tentative)
}

/// A word of a sentence.
#[derive(Debug, Clone)]
pub(super) struct Word {
    pub(super) span: Span,
    pub(super) text: String,
    /// `text` in lower case, made once.
    pub(super) low: String,
}

impl Word {
    pub(super) fn new(span: Span, text: &str) -> Word {
        Word {
            span,
            text: text.to_string(),
            low: text.to_lowercase(),
        }
    }
    pub(super) fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    pub(super) fn lower(&self) -> &str {
        &self.low
    }
}

/// The words of `span` (see [`super::words`]).
pub(super) fn words_of(text: &str, span: Span) -> Vec<Word> {
    super::words::spans(text, span)
        .into_iter()
        .map(|w| Word::new(w, w.slice(text)))
        .collect()
}

pub(super) fn count_words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The quote stands as the sentence: at most a short attribution around it.
pub(super) fn covers_sentence(quoted_words: usize, frame: &[&Word]) -> bool {
    frame.len() <= 6 && quoted_words >= frame.len()
}
