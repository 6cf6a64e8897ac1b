//! Quotes across reports: which quote of one report is which quote of another, and how they
//! differ — word for word the same, one cut short (a fragment of the other), words changed,
//! dropped or added (altered), or the same words given to someone else.

use super::{word_diff, Word};
use crate::document::Document;
use crate::extract::quotes::{Quote, QuoteKind};
use crate::extract::Extraction;
use crate::report::DiffSegment;
use serde::{Deserialize, Serialize};

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
    /// The same (or nearly the same) words, attributed to different people.
    OtherSpeaker,
}

impl QuoteRelation {
    /// `identical`, `fragment`, `altered` or `other-speaker`.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteRelation::Identical => "identical",
            QuoteRelation::Fragment => "fragment",
            QuoteRelation::Altered => "altered",
            QuoteRelation::OtherSpeaker => "other-speaker",
        }
    }
}

/// A quote of one report matched with a quote of another.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMatch {
    /// (document index, index among the document's direct and mixed quotes), lower document
    /// first.
    pub a: (usize, usize),
    /// The matching quote of the later document.
    pub b: (usize, usize),
    /// How they relate.
    pub relation: QuoteRelation,
    /// Word diff of `b` against `a` (empty when identical).
    pub ops: Vec<DiffSegment>,
}

/// At least this share of the shorter quote's words, in order, for `altered`.
const ALTERED_MIN_SHARE: f32 = 0.6;
/// And at least this many words in common.
const ALTERED_MIN_WORDS: usize = 4;
/// A fragment has at least this many words (a one-word match must be identical).
const FRAGMENT_MIN_WORDS: usize = 2;

/// The direct and mixed quotes of a document, in order (their report ids are `q1`, `q2`, …).
pub fn marked(x: &Extraction) -> Vec<&Quote> {
    x.quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Indirect)
        .collect()
}

/// Matches the quotes of every pair of documents: each quote takes its best match in each
/// other document.
pub fn match_quotes(docs: &[Document], extracted: &[Extraction]) -> Vec<QuoteMatch> {
    let norms: Vec<Vec<Vec<String>>> = docs
        .iter()
        .zip(extracted)
        .map(|(d, x)| marked(x).iter().map(|q| quote_norms(d, q)).collect())
        .collect();
    let mut out = Vec::new();
    for i in 0..docs.len() {
        let qa = marked(&extracted[i]);
        for j in i + 1..docs.len() {
            let qb = marked(&extracted[j]);
            let mut taken = vec![false; qb.len()];
            for (ai, a) in qa.iter().enumerate() {
                let wa = &norms[i][ai];
                let mut best: Option<(QuoteRelation, usize, usize)> = None; // relation, -common, index
                for (bi, b) in qb.iter().enumerate() {
                    if taken[bi] {
                        continue;
                    }
                    let wb = &norms[j][bi];
                    let Some((rel, common)) = relate(wa, wb) else {
                        continue;
                    };
                    let rel = if different_speakers(a, b) {
                        QuoteRelation::OtherSpeaker
                    } else {
                        rel
                    };
                    let better = match best {
                        None => true,
                        Some((r, c, _)) => (rel, usize::MAX - common) < (r, usize::MAX - c),
                    };
                    if better {
                        best = Some((rel, common, bi));
                    }
                }
                if let Some((relation, _, bi)) = best {
                    taken[bi] = true;
                    let ops = if relation == QuoteRelation::Identical {
                        Vec::new()
                    } else {
                        diff(&docs[i], a, &docs[j], qb[bi])
                    };
                    out.push(QuoteMatch {
                        a: (i, ai),
                        b: (j, bi),
                        relation,
                        ops,
                    });
                }
            }
        }
    }
    out
}

/// The text relation of two quotes' words, and how many words they share in order.
fn relate(a: &[String], b: &[String]) -> Option<(QuoteRelation, usize)> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some((QuoteRelation::Identical, a.len()));
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= FRAGMENT_MIN_WORDS && long.windows(short.len()).any(|w| w == short) {
        return Some((QuoteRelation::Fragment, short.len()));
    }
    let common = common_in_order(a, b);
    if common >= ALTERED_MIN_WORDS && common as f32 >= ALTERED_MIN_SHARE * short.len() as f32 {
        return Some((QuoteRelation::Altered, common));
    }
    None
}

/// Words of `a` and `b` that a word diff keeps as equal.
fn common_in_order(a: &[String], b: &[String]) -> usize {
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    similar::capture_diff_slices(similar::Algorithm::Patience, &a, &b)
        .iter()
        .map(|op| match op {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum()
}

/// Both speakers are known and share no word ("Dmitry Peskov" and "Peskov" are one person).
fn different_speakers(a: &Quote, b: &Quote) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 1)
            .map(str::to_lowercase)
            .collect()
    };
    match (&a.speaker, &b.speaker) {
        (Some(x), Some(y)) => {
            let (wx, wy) = (words(x), words(y));
            !wx.is_empty() && !wy.is_empty() && !wx.iter().any(|w| wy.contains(w))
        }
        _ => false,
    }
}

/// Lowercase words of a quote's parts.
fn quote_norms(doc: &Document, q: &Quote) -> Vec<String> {
    quote_words(doc, q).into_iter().map(|(_, _, n)| n).collect()
}

/// (start, end, lowercase form) of each word of a quote's parts.
fn quote_words(doc: &Document, q: &Quote) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for p in &q.parts {
        let s = p.slice(&doc.text);
        let mut start: Option<usize> = None;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let inner = matches!(c, '\'' | '’' | '.' | '-' | ',')
                && start.is_some()
                && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                start.get_or_insert(i);
            } else if let Some(a) = start.take() {
                out.push((
                    p.start + a,
                    p.start + i,
                    s[a..i].to_lowercase().replace('’', "'"),
                ));
            }
        }
        if let Some(a) = start {
            out.push((p.start + a, p.end, s[a..].to_lowercase().replace('’', "'")));
        }
    }
    out
}

fn diff(da: &Document, a: &Quote, db: &Document, b: &Quote) -> Vec<DiffSegment> {
    let wa = quote_words(da, a);
    let wb = quote_words(db, b);
    let to_words = |ws: &[(usize, usize, String)], q: &Quote| -> Vec<(usize, usize, usize)> {
        // part index stands in for the sentence: a run never spans two parts
        ws.iter()
            .map(|(s, e, _)| {
                (
                    *s,
                    *e,
                    q.parts
                        .iter()
                        .position(|p| p.start <= *s && *s < p.end)
                        .unwrap_or(0),
                )
            })
            .collect()
    };
    let (ia, ib) = (to_words(&wa, a), to_words(&wb, b));
    let xa: Vec<Word<'_>> = wa
        .iter()
        .zip(&ia)
        .map(|((_, _, n), &(start, end, part))| Word {
            norm: n,
            start,
            end,
            sentence: part,
            number: false,
        })
        .collect();
    let xb: Vec<Word<'_>> = wb
        .iter()
        .zip(&ib)
        .map(|((_, _, n), &(start, end, part))| Word {
            norm: n,
            start,
            end,
            sentence: part,
            number: false,
        })
        .collect();
    word_diff(da, &xa, db, &xb)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn relations_by_text() {
        assert_eq!(
            relate(&w("absurd"), &w("absurd")),
            Some((QuoteRelation::Identical, 1))
        );
        let long = w(
            "kaspersky lab was not involved in and does not possess any knowledge they may have",
        );
        let short = w("kaspersky lab was not involved in and does not possess any knowledge");
        assert_eq!(
            relate(&short, &long).map(|r| r.0),
            Some(QuoteRelation::Fragment)
        );
        let changed = w("kaspersky lab was never involved in and does not have any knowledge");
        assert_eq!(
            relate(&short, &changed).map(|r| r.0),
            Some(QuoteRelation::Altered)
        );
        assert_eq!(
            relate(&w("the talks will resume"), &w("rain fell on the city")),
            None
        );
        // one shared word is not a fragment
        assert_eq!(relate(&w("absurd"), &w("this is absurd")), None);
    }
}
