//! What the matcher sees of a sentence: its content terms (stemmed, paraphrase-folded, weighted
//! by rarity in the language), its numbers, and its word bigrams for near-verbatim text.

use crate::document::Sentence;
use crate::text::lang::Language;
use crate::text::lexicon::is_stop_word;
use crate::text::token::TokenKind;
use rustc_hash::FxHashMap as HashMap;

/// Interned terms shared by every sentence of one comparison, so terms compare as integers.
#[derive(Debug, Default)]
pub struct Vocab {
    ids: HashMap<String, u32>,
    terms: Vec<String>,
}

impl Vocab {
    fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.terms.push(term.to_string());
        id
    }

    /// The text of a term (a stem, `#27` for a number, a character bigram).
    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }
}

/// What each distinct word form of one language contributes, worked out once per comparison:
/// a report of 1 MB has 170,000 words but fewer than 20,000 forms.
#[derive(Debug, Default)]
pub struct WordCache {
    /// A word's term (weight before the capital bonus, interned stem), `None` when it is left
    /// out (a function word); by its matching form without a possessive `'s`.
    terms: HashMap<String, Option<(f32, u32)>>,
    /// A token's embedding-table rows, as a range of `rows`; by its matching form.
    pieces: HashMap<String, (u32, u32)>,
    rows: Vec<u32>,
}

impl WordCache {
    /// The term of word `base` in `lang`: its weight and interned stem, or `None`.
    fn term(&mut self, base: &str, lang: &Language, vocab: &mut Vocab) -> Option<(f32, u32)> {
        if let Some(&t) = self.terms.get(base) {
            return t;
        }
        let t = word_term(base, lang, vocab);
        self.terms.insert(base.to_string(), t);
        t
    }

    /// The embedding-table rows of a token's matching form.
    fn pieces(&mut self, norm: &str) -> (u32, u32) {
        if let Some(&r) = self.pieces.get(norm) {
            return r;
        }
        let start = self.rows.len();
        super::embed::token_rows(norm, &mut self.rows);
        let r = (start as u32, (self.rows.len() - start) as u32);
        self.pieces.insert(norm.to_string(), r);
        r
    }
}

/// The weight and interned stem of one word, or `None` for a function word.
fn word_term(base: &str, lang: &Language, vocab: &mut Vocab) -> Option<(f32, u32)> {
    if lang.code == "en" && is_stop_word(base) {
        return None;
    }
    let z = match lang.zipf(base) {
        Some(z) => f32::from(z),
        None if lang.has_frequencies() => UNLISTED_ZIPF,
        // No table for this language: longer words carry more.
        None => 60.0 - 5.0 * base.chars().count().min(10) as f32,
    };
    let w = weight(z);
    if w < 0.3 && lang.code != "en" {
        return None; // the language's function words
    }
    let folded = PARAPHRASES
        .binary_search_by(|(k, _)| (*k).cmp(base))
        .map(|j| PARAPHRASES[j].1)
        .unwrap_or(base);
    Some((w, vocab.id(&lang.stem(folded))))
}

/// One weighted term of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    /// Interned id in the comparison's [`Vocab`].
    pub id: u32,
    /// Information weight: high for rare words, names and numbers, zero-ish for function words.
    pub weight: f32,
    /// A number (`#…`).
    pub number: bool,
    /// From a capitalised word inside the sentence (a name).
    pub name: bool,
}

/// The matcher's view of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Terms sorted by id, one per id (the highest weight kept).
    pub terms: Vec<Term>,
    /// Sum of the term weights.
    pub total: f32,
    /// Hashes of consecutive token pairs (all tokens, function words included), sorted, unique.
    pub bigrams: Vec<u64>,
    /// Unit-length static embedding of the whole sentence (English only; see [`super::embed`]).
    pub embedding: Option<super::embed::Embedding>,
    /// Hashes of the tokens' matching forms in reading order (at most [`MAX_SEQ`]): for the
    /// longest run of words two sentences share.
    pub seq: Vec<u32>,
    /// The same hashes, sorted and unique.
    pub seq_set: Vec<u32>,
    /// The sentence's clauses (split at punctuation, conjunctions, relative pronouns and
    /// reporting verbs), each as its sorted, unique term ids.
    pub clauses: Vec<Vec<u32>>,
    /// Number of tokens.
    pub tokens: u32,
}

/// At most this many tokens of a sentence take part in the longest shared run.
pub const MAX_SEQ: usize = 160;

/// At most this many clauses a sentence (the last takes the rest): clause pairs are compared
/// all against all, and a run-on "sentence" of thousands of commas must stay cheap.
const MAX_CLAUSES: usize = 16;

/// A clause shorter than this many tokens joins the one before it.
const MIN_CLAUSE_TOKENS: usize = 4;

/// Words news writers use for one another, folded to one term before stemming. Kept short and
/// general: reporting verbs, and a few verbs and nouns of the kind news paraphrases most.
const PARAPHRASES: &[(&str, &str)] = &[
    ("accord", "agreement"),
    ("added", "say"),
    ("adds", "say"),
    ("agreed", "agreement"),
    ("announced", "say"),
    ("announces", "say"),
    ("anti-virus", "antivirus"),
    ("asserted", "say"),
    ("banned", "ban"),
    ("banning", "ban"),
    ("bans", "ban"),
    ("barred", "ban"),
    ("claimed", "say"),
    ("claims", "say"),
    ("company", "firm"),
    ("company's", "firm"),
    ("declared", "say"),
    ("died", "dead"),
    ("explained", "say"),
    ("forbade", "ban"),
    ("killed", "dead"),
    ("noted", "say"),
    ("prohibited", "ban"),
    ("prohibits", "ban"),
    ("removed", "ban"),
    ("said", "say"),
    ("says", "say"),
    ("stated", "say"),
    ("states", "say"),
    ("tells", "say"),
    ("told", "say"),
];

/// Zipf (× 10) assumed for words missing from the frequency table: rarer than anything listed,
/// which is what names and technical words mostly are.
const UNLISTED_ZIPF: f32 = 20.0;

/// Weight of a word of Zipf frequency `zipf10 / 10`: linear in its information content, from ~0
/// for function words to 4.6 for unlisted words.
fn weight(zipf10: f32) -> f32 {
    ((66.0 - zipf10) / 10.0).clamp(0.05, 4.6)
}

/// Computes the features of one sentence, interning terms in `vocab`; `cache` holds what the
/// sentence's words contribute in `lang` (one cache per language).
pub fn sentence_features(
    sentence: &Sentence,
    text: &str,
    lang: &Language,
    vocab: &mut Vocab,
    cache: &mut WordCache,
    compact: bool,
) -> Features {
    let mut terms: Vec<Term> = Vec::with_capacity(sentence.tokens.len());
    let mut bigrams = Vec::with_capacity(sentence.tokens.len());
    let mut prev_hash: Option<u64> = None;
    let mut prev_cjk: Option<char> = None;
    let push = |terms: &mut Vec<Term>, vocab: &mut Vocab, t: &str, w: f32, n: bool| {
        terms.push(Term {
            id: vocab.id(t),
            weight: w,
            number: n,
            name: false,
        });
    };
    // The term of each token (u32::MAX for none) and where clauses start.
    let mut tok_term: Vec<u32> = Vec::with_capacity(sentence.tokens.len());
    let mut clause_starts: Vec<usize> = vec![0];
    let mut seq: Vec<u32> = Vec::with_capacity(sentence.tokens.len().min(MAX_SEQ));
    for (i, tok) in sentence.tokens.iter().enumerate() {
        let norm = sentence.token_norm(i);
        let h = fnv(norm);
        if let Some(p) = prev_hash {
            bigrams.push(p.rotate_left(17) ^ h);
        }
        prev_hash = Some(h);
        if seq.len() < MAX_SEQ {
            seq.push(h as u32);
        }
        if i > 0 {
            let gap = text
                .get(sentence.tokens[i - 1].span.end..tok.span.start)
                .unwrap_or("");
            let breaks = gap.contains([',', ';', ':', '(', ')', '\u{2014}', '\u{2013}'])
                || crate::text::lexicon::CLAUSE_OPENERS
                    .binary_search(&norm)
                    .is_ok();
            let last = *clause_starts
                .last()
                .expect("invariant: one clause at least");
            if breaks && i - last >= MIN_CLAUSE_TOKENS && clause_starts.len() < MAX_CLAUSES {
                clause_starts.push(i);
            }
        }
        let terms_before = terms.len();

        if tok.kind == TokenKind::Number {
            prev_cjk = None;
            let digits: String = norm.chars().filter(|c| *c != ',').collect();
            let digits = digits.strip_suffix(".0").unwrap_or(&digits);
            // Small numbers ("two", "1") say little; years and counts say a lot.
            let w = if digits.len() <= 1 { 1.0 } else { 3.0 };
            push(&mut terms, vocab, &format!("#{digits}"), w, true);
            tok_term.push(terms[terms_before].id);
            continue;
        }
        // Chinese and Japanese: one token per character; consecutive pairs are the terms.
        let mut chars = norm.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if is_unspaced_char(c) {
                if let Some(p) = prev_cjk {
                    let pair: String = [p, c].iter().collect();
                    push(&mut terms, vocab, &pair, 2.0, false);
                }
                tok_term.push(terms.get(terms_before).map_or(u32::MAX, |t| t.id));
                prev_cjk = Some(c);
                continue;
            }
        }
        prev_cjk = None;
        // "Kaspersky's" weighs and stems as "Kaspersky".
        let base = norm
            .strip_suffix("'s")
            .filter(|b| !b.is_empty())
            .unwrap_or(norm);
        let Some((mut w, id)) = cache.term(base, lang, vocab) else {
            tok_term.push(u32::MAX);
            continue;
        };
        let display = tok.span.slice(text);
        let name = i > 0 && display.starts_with(char::is_uppercase);
        if name {
            w *= 1.3; // a name inside the sentence
        }
        terms.push(Term {
            id,
            weight: w,
            number: false,
            name,
        });
        tok_term.push(id);
        // "anti-virus" also matches "antivirus".
        if let Some(next) = sentence.tokens.get(i + 1) {
            if tok.span.end + 1 == next.span.start && text[tok.span.end..].starts_with('-') {
                let joined = format!("{base}{}", sentence.token_norm(i + 1));
                let stem = lang.stem(&joined).into_owned();
                push(&mut terms, vocab, &stem, w.max(1.0), false);
            }
        }
    }
    terms.sort_by(|a, b| a.id.cmp(&b.id).then(b.weight.total_cmp(&a.weight)));
    terms.dedup_by_key(|t| t.id);
    clause_starts.push(sentence.tokens.len());
    let clauses: Vec<Vec<u32>> = clause_starts
        .windows(2)
        .map(|w| {
            let mut ids: Vec<u32> = tok_term[w[0]..w[1]]
                .iter()
                .copied()
                .filter(|&t| t != u32::MAX)
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        })
        .collect();
    bigrams.sort_unstable();
    bigrams.dedup();
    let total = terms.iter().map(|t| t.weight).sum();
    let embedding = if lang.code == "en" {
        let mut rows = Vec::with_capacity(2 * sentence.tokens.len());
        for i in 0..sentence.tokens.len() {
            let (start, len) = cache.pieces(sentence.token_norm(i));
            rows.extend_from_slice(&cache.rows[start as usize..(start + len) as usize]);
        }
        super::embed::vector_from_rows(&rows).map(|v| {
            let e = super::embed::Embedding::Full(v);
            if compact {
                e.compact()
            } else {
                e
            }
        })
    } else {
        None
    };
    let mut seq_set = seq.clone();
    seq_set.sort_unstable();
    seq_set.dedup();
    Features {
        terms,
        total,
        bigrams,
        embedding,
        seq,
        seq_set,
        clauses,
        tokens: sentence.tokens.len() as u32,
    }
}

/// Features of a free-standing piece of text (`parallax match`): all of it as one sentence.
pub fn text_features(text: &str, lang: &Language, vocab: &mut Vocab) -> Features {
    let span = crate::text::Span::new(0, text.len());
    let mut norm = String::with_capacity(text.len());
    let tokens = crate::text::token::split_into(text, span, &mut norm);
    let sentence = Sentence { span, tokens, norm };
    sentence_features(
        &sentence,
        text,
        lang,
        vocab,
        &mut WordCache::default(),
        false,
    )
}

fn is_unspaced_char(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FFFF) // CJK Extensions B–F
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Span;

    fn features(s: &str, vocab: &mut Vocab) -> Features {
        let sentences = crate::ingest::segment(s, Span::new(0, s.len()));
        let lang = Language::from_code("en");
        sentence_features(
            &sentences[0],
            s,
            &lang,
            vocab,
            &mut WordCache::default(),
            false,
        )
    }

    #[test]
    fn paraphrase_table_is_sorted() {
        assert!(PARAPHRASES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn clauses_split_at_commas_and_relative_pronouns() {
        let mut v = Vocab::default();
        let f = features(
            "The House voted 348-77 to override the veto, which followed a 97-1 vote in the Senate hours earlier.",
            &mut v,
        );
        assert_eq!(f.clauses.len(), 2, "{:?}", f.clauses);
        let first: Vec<&str> = f.clauses[0].iter().map(|&t| v.term(t)).collect();
        assert!(
            first.contains(&"#348") && !first.contains(&"#97"),
            "{first:?}"
        );
        assert_eq!(f.seq.len(), f.tokens as usize);
    }

    #[test]
    fn rare_words_weigh_more_and_paraphrases_fold() {
        let mut v = Vocab::default();
        let f = features(
            "Kaspersky told reporters the anti-virus software was banned.",
            &mut v,
        );
        let terms: Vec<&str> = f.terms.iter().map(|t| v.term(t.id)).collect();
        for t in ["kasperski", "say", "antivirus", "ban", "softwar"] {
            assert!(terms.contains(&t), "{t} missing from {terms:?}");
        }
        assert!(!terms.contains(&"the"));
        let w = |name: &str| {
            f.terms
                .iter()
                .find(|t| v.term(t.id) == name)
                .map(|t| t.weight)
                .unwrap()
        };
        assert!(w("kasperski") > w("softwar"));
        assert!(w("softwar") > w("say"));
    }

    #[test]
    fn numbers_are_terms() {
        let mut v = Vocab::default();
        let f = features("The vote was 97-1, and 1,200 people watched.", &mut v);
        let nums: Vec<&str> = f
            .terms
            .iter()
            .filter(|t| t.number)
            .map(|t| v.term(t.id))
            .collect();
        assert!(nums.contains(&"#97") && nums.contains(&"#1200"), "{nums:?}");
    }
}
