//! Quotes across reports: which quote of one report is which quote of another, and how they
//! differ — word for word the same, one cut short (a fragment of the other), or words changed,
//! dropped or added (altered). The relation is about wording alone; that the two reports give
//! the words to different people is a separate flag, raised only when each report names its
//! speaker in the quote's own attribution.

use super::{word_diff, Word};
use crate::document::Document;
use crate::extract::quotes::{Quote, QuoteKind};
use crate::extract::Extraction;
use crate::report::DiffSegment;

pub use crate::report::QuoteRelation;

/// A quote of one report matched with a quote of another.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteMatch {
    /// (document index, index among the document's direct and mixed quotes), lower document
    /// first.
    pub a: (usize, usize),
    /// The matching quote of the later document.
    pub b: (usize, usize),
    /// How their wording relates.
    pub relation: QuoteRelation,
    /// Both reports name the speaker in the quote's own attribution, and the names share no
    /// word: the words are given to different people.
    pub speakers_differ: bool,
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

/// Moves into each report's quotes those of its tentative quotes (short quoted phrases nobody is
/// said to have said) that another report quotes too, word for word or as a contiguous part:
/// two outlets putting "spill the beans" in quote marks are quoting someone. The rest are
/// dropped. Quotes stay in reading order.
pub fn promote_shared(docs: &[Document], extracted: &mut [Extraction]) {
    if extracted.iter().all(|x| x.tentative.is_empty()) {
        return;
    }
    let mut keep: Vec<Vec<bool>> = extracted
        .iter()
        .map(|x| vec![false; x.tentative.len()])
        .collect();
    {
        let firm: Vec<usize> = extracted.iter().map(|x| marked(x).len()).collect();
        let pool: Vec<Vec<&Quote>> = extracted
            .iter()
            .map(|x| marked(x).into_iter().chain(x.tentative.iter()).collect())
            .collect();
        // only the relations are needed here: no word diffs
        for m in find_matches(docs, &pool, false) {
            if !matches!(
                m.relation,
                QuoteRelation::Identical | QuoteRelation::Fragment
            ) {
                continue;
            }
            for (d, q) in [m.a, m.b] {
                if let Some(t) = q.checked_sub(firm[d]) {
                    keep[d][t] = true;
                }
            }
        }
    }
    for (x, keep) in extracted.iter_mut().zip(keep) {
        let shared: Vec<Quote> = std::mem::take(&mut x.tentative)
            .into_iter()
            .zip(keep)
            .filter_map(|(q, k)| k.then_some(q))
            .collect();
        if shared.is_empty() {
            continue;
        }
        // Both lists are in reading order: merge them, the existing quotes first on ties.
        let key = |q: &Quote| (q.paragraph, q.sentence, q.span.start);
        let firm = std::mem::take(&mut x.quotes);
        let mut merged = Vec::with_capacity(firm.len() + shared.len());
        let mut shared = shared.into_iter().peekable();
        for q in firm {
            while let Some(t) = shared.next_if(|t| key(t) < key(&q)) {
                merged.push(t);
            }
            merged.push(q);
        }
        merged.extend(shared);
        x.quotes = merged;
    }
}

/// Matches the quotes of every pair of documents: each quote takes its best match in each
/// other document. Candidate pairs come from an index of word pairs (single words for one-word
/// quotes), so the cost follows the quotes that share wording, not all pairs of quotes.
pub fn match_quotes(docs: &[Document], marked: &[Vec<&Quote>]) -> Vec<QuoteMatch> {
    find_matches(docs, marked, true)
}

/// [`match_quotes`], with the word diffs of non-identical matches when `diffs`.
fn find_matches(docs: &[Document], marked: &[Vec<&Quote>], diffs: bool) -> Vec<QuoteMatch> {
    use rustc_hash::FxHashMap;
    // every direct or mixed quote: (document, index among its marked quotes, words)
    let mut all: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (d, (doc, m)) in docs.iter().zip(marked).enumerate() {
        for (qi, q) in m.iter().enumerate() {
            all.push((d, qi, quote_norms(doc, q)));
        }
    }
    let key = |ws: &[String]| -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for w in ws {
            for b in w.bytes().chain([0u8]) {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (g, (_, _, ws)) in all.iter().enumerate() {
        let mut keys: Vec<u64> = if ws.len() < 2 {
            vec![key(ws)]
        } else {
            ws.windows(2).map(key).collect()
        };
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            postings.entry(k).or_default().push(g as u32);
        }
    }
    // A word pair in hundreds of quotes ("of the") finds nothing the rarer ones do not.
    const MAX_POSTING: usize = 200;
    let mut cands: Vec<(u32, u32)> = Vec::new();
    for list in postings.values().filter(|l| l.len() <= MAX_POSTING) {
        for (i, &x) in list.iter().enumerate() {
            for &y in &list[i + 1..] {
                let (x, y) = if all[x as usize].0 <= all[y as usize].0 {
                    (x, y)
                } else {
                    (y, x)
                };
                if all[x as usize].0 != all[y as usize].0 {
                    cands.push((x, y));
                }
            }
        }
    }
    cands.sort_unstable();
    // how many word pairs each candidate shares: one shared pair ("it is") is not enough when
    // both quotes have more to share
    let mut counted: Vec<(u32, u32, usize)> = Vec::new();
    for c in cands {
        match counted.last_mut() {
            Some(last) if (last.0, last.1) == c => last.2 += 1,
            _ => counted.push((c.0, c.1, 1)),
        }
    }
    counted.retain(|&(x, y, n)| {
        let shorter = all[x as usize].2.len().min(all[y as usize].2.len());
        n >= shorter.saturating_sub(1).clamp(1, 2)
    });
    // At most MAX_PARTNERS candidates per quote, those sharing the most word pairs: a report
    // of thousands of look-alike quotes does not make millions of diffs.
    const MAX_PARTNERS: usize = 32;
    let mut cands: Vec<(u32, u32)> = Vec::with_capacity(counted.len());
    for group in counted.chunk_by(|a, b| a.0 == b.0) {
        let mut group = group.to_vec();
        if group.len() > MAX_PARTNERS {
            group.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
            group.truncate(MAX_PARTNERS);
            group.sort_unstable();
        }
        cands.extend(group.iter().map(|&(x, y, _)| (x, y)));
    }
    // (doc a, doc b, quote a, relation, more words in common first, quote b)
    let mut found: Vec<(
        usize,
        usize,
        usize,
        QuoteRelation,
        std::cmp::Reverse<usize>,
        usize,
    )> = Vec::new();
    for (x, y) in cands {
        let (da, qa, wa) = &all[x as usize];
        let (db, qb, wb) = &all[y as usize];
        let Some((rel, common)) = relate(wa, wb) else {
            continue;
        };
        found.push((*da, *db, *qa, rel, std::cmp::Reverse(common), *qb));
    }
    found.sort_unstable();
    let mut out = Vec::new();
    let mut taken: rustc_hash::FxHashSet<(usize, usize, usize)> = Default::default(); // (doc a, doc b, quote b)
    let mut done: rustc_hash::FxHashSet<(usize, usize, usize)> = Default::default(); // (doc a, doc b, quote a)
    for (da, db, qa, relation, _, qb) in found {
        if done.contains(&(da, db, qa)) || taken.contains(&(da, db, qb)) {
            continue;
        }
        done.insert((da, db, qa));
        taken.insert((da, db, qb));
        let (a, b) = (marked[da][qa], marked[db][qb]);
        let ops = if relation == QuoteRelation::Identical || !diffs {
            Vec::new()
        } else {
            diff(&docs[da], a, &docs[db], b)
        };
        out.push(QuoteMatch {
            a: (da, qa),
            b: (db, qb),
            relation,
            speakers_differ: different_speakers(&docs[da].text, a, &docs[db].text, b),
            ops,
        });
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
    // words in common, in any order, bound the words in common in order
    let mut sa: Vec<&str> = a.iter().map(String::as_str).collect();
    let mut sb: Vec<&str> = b.iter().map(String::as_str).collect();
    sa.sort_unstable();
    sb.sort_unstable();
    let bound = crate::align::score::count_common(&sa, &sb);
    if bound < ALTERED_MIN_WORDS || (bound as f32) < ALTERED_MIN_SHARE * short.len() as f32 {
        return None;
    }
    let common = common_in_order(a, b);
    if common >= ALTERED_MIN_WORDS && common as f32 >= ALTERED_MIN_SHARE * short.len() as f32 {
        return Some((QuoteRelation::Altered, common));
    }
    None
}

/// Words of `a` and `b` that a word diff keeps as equal (within the diff's bound on work: a
/// quote that never closed can run to the end of an enormous paragraph).
fn common_in_order(a: &[String], b: &[String]) -> usize {
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    super::diff_ops(&a, &b)
        .iter()
        .map(|op| match op {
            similar::DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum()
}

/// Both speakers are certain and share no word ("Dmitry Peskov" and "Peskov" are one person),
/// and the quote is long enough to be one person's words (two people may well both call
/// something "politically motivated").
fn different_speakers(ta: &str, a: &Quote, tb: &str, b: &Quote) -> bool {
    let long = |t: &str, q: &Quote| {
        q.parts
            .iter()
            .map(|p| p.slice(t).split_whitespace().count())
            .sum::<usize>()
            >= SPEAKERS_DIFFER_MIN_WORDS
    };
    if !long(ta, a) || !long(tb, b) {
        return false;
    }
    match (certain_speaker(ta, a), certain_speaker(tb, b)) {
        (Some(x), Some(y)) => !x.iter().any(|w| y.contains(w)),
        _ => false,
    }
}

/// Quotes shorter than this never flag different speakers.
const SPEAKERS_DIFFER_MIN_WORDS: usize = 6;

/// The words of a quote's speaker when the quote's own attribution names a person by first and
/// last name: not inherited from an earlier quote, not a pronoun or a description resolved to
/// someone ("the attorney", "the statement"), not a lone surname, an organisation, a place or a
/// group ("Republicans", "Tennessee"), and with no lowercase word in it ("Obama and Mr
/// Netanyahu").
fn certain_speaker(text: &str, q: &Quote) -> Option<Vec<String>> {
    if q.inherited || q.cue.is_none() {
        return None;
    }
    let speaker = q.speaker.as_deref()?;
    // two or more capitalised words, none an organisation's, a place's, a weekday or a month
    if crate::extract::facts::name_kind(speaker, None)
        != Some(crate::extract::facts::FactKind::Person)
        || speaker.split_whitespace().any(|w| {
            crate::text::date::is_weekday(w) || crate::text::date::month_number(w).is_some()
        })
    {
        return None;
    }
    let lower = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 1)
            .map(str::to_lowercase)
            .collect()
    };
    let mention = lower(text.get(q.speaker_span?.start..q.speaker_span?.end)?);
    // The mention holds the surname: "said Peskov" resolved to "Dmitry Peskov" is the same
    // man, but "he" or "the spokesman" resolved to him is a guess.
    let words = lower(speaker);
    words
        .last()
        .is_some_and(|last| mention.contains(last))
        .then_some(words)
}

/// Lowercase words of a quote's parts.
fn quote_norms(doc: &Document, q: &Quote) -> Vec<String> {
    quote_words(doc, q).into_iter().map(|(_, _, n)| n).collect()
}

/// (start, end, lowercase form) of each word of a quote's parts.
fn quote_words(doc: &Document, q: &Quote) -> Vec<(usize, usize, String)> {
    q.parts
        .iter()
        .flat_map(|p| crate::extract::words::spans(&doc.text, *p))
        .map(|w| {
            (
                w.start,
                w.end,
                w.slice(&doc.text).to_lowercase().replace('’', "'"),
            )
        })
        .collect()
}

fn diff(da: &Document, a: &Quote, db: &Document, b: &Quote) -> Vec<DiffSegment> {
    let (wa, wb) = (quote_words(da, a), quote_words(db, b));
    word_diff(da, &diff_words(&wa, a), db, &diff_words(&wb, b))
}

/// A quote's words as the word diff takes them; the part index stands in for the sentence, so
/// a run never spans two parts.
fn diff_words<'a>(ws: &'a [(usize, usize, String)], q: &Quote) -> Vec<Word<'a>> {
    ws.iter()
        .map(|(start, end, norm)| Word {
            norm,
            start: *start,
            end: *end,
            sentence: q
                .parts
                .iter()
                .position(|p| p.start <= *start && *start < p.end)
                .unwrap_or(0),
            number: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    fn doc(text: &str) -> Document {
        crate::ingest::analyse(
            "t.txt".into(),
            "t".into(),
            crate::document::InputFormat::Text,
            crate::document::Encoding::Utf8,
            text.into(),
        )
    }

    /// (relation, speakers differ) of the first match between two one-report texts.
    fn first_match(a: &str, b: &str) -> Option<(QuoteRelation, bool)> {
        let docs = [doc(a), doc(b)];
        let quotes: Vec<Vec<Quote>> = docs.iter().map(crate::extract::quotes::extract).collect();
        let marked: Vec<Vec<&Quote>> = quotes.iter().map(|q| q.iter().collect()).collect();
        match_quotes(&docs, &marked)
            .first()
            .map(|m| (m.relation, m.speakers_differ))
    }

    #[test]
    fn speakers_differ_only_when_both_are_named() {
        let quote = "\u{201c}We will not raise taxes on working families this year,\u{201d}";
        let ryan = format!("{quote} said Paul Ryan.\n");
        let grassley = format!("{quote} said Chuck Grassley.\n");
        // the relation is about wording alone; the flag is separate
        assert_eq!(
            first_match(&ryan, &grassley),
            Some((QuoteRelation::Identical, true))
        );
        assert_eq!(
            first_match(&ryan, &ryan),
            Some((QuoteRelation::Identical, false))
        );
        // a pronoun resolved to someone is not certain
        let pronoun = format!("Chuck Grassley spoke on Monday.\n\n{quote} he said.\n");
        assert_eq!(
            first_match(&ryan, &pronoun),
            Some((QuoteRelation::Identical, false))
        );
        // nor a description, nor an organisation
        let desc = format!("{quote} the senator said.\n");
        assert_eq!(
            first_match(&ryan, &desc),
            Some((QuoteRelation::Identical, false))
        );
        let org = format!("{quote} said the Finance Committee.\n");
        assert_eq!(
            first_match(&ryan, &org),
            Some((QuoteRelation::Identical, false))
        );
        // two people may both call something "politically motivated"
        let short_a = "The charges are \u{201c}politically motivated,\u{201d} said Gregory Vega.\n";
        let short_b =
            "The charges are \u{201c}politically motivated,\u{201d} said Duncan Hunter.\n";
        assert_eq!(
            first_match(short_a, short_b),
            Some((QuoteRelation::Identical, false))
        );
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
