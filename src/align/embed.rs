//! Static sentence embeddings for English: the mean of WordPiece vectors distilled from the
//! sentence encoder all-MiniLM-L6-v2 (model2vec), so that paraphrases with few shared words still
//! score. No neural runtime: a sentence vector is a sum of table rows.
//!
//! The table (`embed.bin`, made by `scripts/make_embeddings.py`) is compiled into the binary and
//! read in place: rows sorted by piece, found by binary search, int8 with one scale per row.

use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

static TABLE_BYTES: &[u8] = include_bytes!("embed.bin");

/// Dimensions of a sentence vector.
pub const DIMS: usize = 256;

/// The embedding table, viewed in place.
struct Table {
    rows: usize,
    starts: &'static [u8],
    scales: &'static [u8],
    text: &'static [u8],
    matrix: &'static [u8],
}

fn u32_at(bytes: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]])
}

impl Table {
    fn parse(b: &'static [u8]) -> Option<Table> {
        if b.len() < 20 || &b[..8] != b"PXEMB1\0\0" {
            return None;
        }
        let rows = u32_at(b, 8) as usize;
        let dims = u32_at(b, 12) as usize;
        let text_len = u32_at(b, 16) as usize;
        if dims != DIMS {
            return None;
        }
        let starts_at = 20;
        let scales_at = starts_at + 4 * (rows + 1);
        let text_at = scales_at + 4 * rows;
        let matrix_at = text_at + text_len;
        if b.len() != matrix_at + rows * dims {
            return None;
        }
        Some(Table {
            rows,
            starts: &b[starts_at..scales_at],
            scales: &b[scales_at..text_at],
            text: &b[text_at..matrix_at],
            matrix: &b[matrix_at..],
        })
    }

    fn piece(&self, r: usize) -> &[u8] {
        let a = u32_at(self.starts, 4 * r) as usize;
        let b = u32_at(self.starts, 4 * (r + 1)) as usize;
        &self.text[a..b]
    }

    /// The row of a piece (`##` prefixed when it continues a word).
    fn find(&self, piece: &[u8]) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.rows);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.piece(mid).cmp(piece) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Adds row `r` to `acc`.
    fn add_row(&self, r: usize, acc: &mut [f32; DIMS]) {
        let scale = f32::from_le_bytes([
            self.scales[4 * r],
            self.scales[4 * r + 1],
            self.scales[4 * r + 2],
            self.scales[4 * r + 3],
        ]) / 127.0;
        let row = &self.matrix[r * DIMS..(r + 1) * DIMS];
        for (a, &q) in acc.iter_mut().zip(row) {
            *a += f32::from(q as i8) * scale;
        }
    }
}

fn table() -> Option<&'static Table> {
    static TABLE: OnceLock<Option<Table>> = OnceLock::new();
    TABLE.get_or_init(|| Table::parse(TABLE_BYTES)).as_ref()
}

/// Longest piece the greedy WordPiece split tries; longer words are split anyway.
const MAX_WORD_BYTES: usize = 100;

/// Appends the WordPiece rows of one lowercased, accent-free, letters-and-digits-only word to
/// `rows`; returns how many were appended. A word with a part no piece covers appends nothing
/// (BERT's `[UNK]`).
fn word_pieces(t: &Table, word: &str, rows: &mut Vec<u32>) -> usize {
    if word.is_empty() || word.len() > MAX_WORD_BYTES {
        return 0;
    }
    let mut found_rows = [0u32; 32];
    let mut n = 0;
    let mut start = 0;
    let mut buf = Vec::with_capacity(word.len() + 2);
    while start < word.len() {
        let mut end = word.len();
        let mut found = None;
        while end > start {
            if word.is_char_boundary(end) {
                buf.clear();
                if start > 0 {
                    buf.extend_from_slice(b"##");
                }
                buf.extend_from_slice(&word.as_bytes()[start..end]);
                if let Some(r) = t.find(&buf) {
                    found = Some(r);
                    break;
                }
            }
            end -= 1;
        }
        match found {
            Some(r) if n < found_rows.len() => {
                found_rows[n] = r as u32;
                n += 1;
                start = end;
            }
            _ => return 0,
        }
    }
    rows.extend_from_slice(&found_rows[..n]);
    n
}

/// Appends the embedding-table rows of one token (its matching form: lowercased) to `rows`.
/// A sentence's vector is the normalised sum of its tokens' rows ([`vector_from_rows`]), so a
/// caller may work out each distinct word once.
pub fn token_rows(token: &str, rows: &mut Vec<u32>) {
    let Some(t) = table() else {
        return;
    };
    // BERT's uncased normaliser: lowercase (already done), strip accents, and split on
    // anything that is not a letter or digit (punctuation pieces carry little and are left out).
    let clean: String;
    let w: &str = if token.is_ascii() {
        token
    } else {
        clean = token.nfd().filter(|c| !is_combining_mark(*c)).collect();
        &clean
    };
    for part in w.split(|c: char| !c.is_alphanumeric()) {
        word_pieces(t, part, rows);
    }
}

/// The unit-length mean embedding of a sentence from its tokens' rows, in reading order, or
/// `None` when there are none.
pub fn vector_from_rows(rows: &[u32]) -> Option<Box<[f32]>> {
    let t = table()?;
    if rows.is_empty() {
        return None;
    }
    let mut acc = [0f32; DIMS];
    for &r in rows {
        t.add_row(r as usize, &mut acc);
    }
    let norm = acc.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm <= f32::EPSILON {
        return None;
    }
    Some(acc.iter().map(|x| x / norm).collect())
}

/// The unit-length mean embedding of `words` (the sentence's matching forms: lowercased words),
/// or `None` when no word has a vector.
#[cfg(test)]
pub fn sentence_vector<'a>(words: impl Iterator<Item = &'a str>) -> Option<Box<[f32]>> {
    let mut rows = Vec::new();
    for w in words {
        token_rows(w, &mut rows);
    }
    vector_from_rows(&rows)
}

/// A sentence's embedding as [`Features`](super::features::Features) keep it: in full (1 KB),
/// or in 8 bits a value with one scale per vector (256 bytes), for comparisons so large that
/// full vectors would be most of their memory (see [`COMPACT_ABOVE`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Embedding {
    /// The unit vector as computed.
    Full(Box<[f32]>),
    /// Each value as `q × scale`, `q` in −127..=127.
    Compact {
        /// The quantised values.
        q: Box<[i8]>,
        /// What one step of `q` is worth.
        scale: f32,
    },
}

/// Comparisons of more body sentences than this keep their embeddings [`Embedding::Compact`]:
/// 100,000 sentences take 25 MB instead of 100 MB. Cosines move by about 0.005, which can
/// move a pair near a threshold; below this size (every real comparison measured, the largest
/// 300 reports with 12,000 sentences) nothing changes.
pub const COMPACT_ABOVE: usize = 50_000;

impl Embedding {
    /// The values, whatever the form.
    pub fn values(&self) -> impl Iterator<Item = f32> + '_ {
        let (full, compact) = match self {
            Embedding::Full(v) => (Some(v.iter().copied()), None),
            Embedding::Compact { q, scale } => {
                (None, Some(q.iter().map(move |&x| f32::from(x) * scale)))
            }
        };
        full.into_iter()
            .flatten()
            .chain(compact.into_iter().flatten())
    }

    /// The compact form of this embedding.
    pub fn compact(self) -> Embedding {
        let Embedding::Full(v) = self else {
            return self;
        };
        let max = v.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let q = v
            .iter()
            .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        Embedding::Compact { q, scale }
    }

    /// The cosine with `other` (both unit length): [`cosine`] on full vectors.
    pub fn cosine(&self, other: &Embedding) -> f32 {
        match (self, other) {
            (Embedding::Full(a), Embedding::Full(b)) => cosine(a, b),
            _ => self.values().zip(other.values()).map(|(x, y)| x * y).sum(),
        }
    }
}

/// Cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    // Eight independent sums, so the compiler can keep them in one vector register.
    let mut acc = [0f32; 8];
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    acc.iter().sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(s: &str) -> Box<[f32]> {
        let lower = s.to_lowercase();
        sentence_vector(lower.split_whitespace()).expect("a vector")
    }

    #[test]
    fn the_table_parses_and_holds_common_pieces() {
        let t = table().expect("embed.bin parses");
        assert!(t.rows > 20_000);
        for piece in ["the", "russia", "##ing", "said"] {
            assert!(t.find(piece.as_bytes()).is_some(), "{piece}");
        }
        assert!(t.find(b"qqqqzzzz").is_none());
    }

    #[test]
    fn paraphrases_are_closer_than_unrelated_sentences() {
        let a = vector("The company denied any wrongdoing");
        let b = vector("The firm rejected the accusations");
        let c = vector("Heavy rain flooded the city streets overnight");
        assert!(
            cosine(&a, &b) > cosine(&a, &c) + 0.1,
            "{} vs {}",
            cosine(&a, &b),
            cosine(&a, &c)
        );
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-4);
    }

    #[test]
    fn words_without_pieces_give_no_vector() {
        assert!(sentence_vector(std::iter::empty()).is_none());
        assert!(sentence_vector(["\u{1F600}"].into_iter()).is_none());
    }

    #[test]
    fn accents_are_stripped_like_bert() {
        let a = vector("café résumé");
        let b = vector("cafe resume");
        assert!((cosine(&a, &b) - 1.0).abs() < 1e-4);
    }
}
