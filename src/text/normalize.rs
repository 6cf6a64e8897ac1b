//! The matching form of a text: what comparison looks at, kept beside the display text, which is
//! never altered. Compatibility-normalised (NFKC), typographic quotes, dashes and apostrophes
//! folded to ASCII, invisible format characters dropped, case folded, whitespace collapsed.

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Folds one character to its matching-form replacement, or `None` to drop it.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{2035}'
        | '\u{02BC}' | '\u{FF07}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{2036}'
        | '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}' | '\u{300C}' | '\u{300D}'
        | '\u{300E}' | '\u{300F}' | '\u{FF02}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        // Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, never meaningful
        // for matching.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Returns the matching form of `s`. Idempotent: `normalize(&normalize(s)) == normalize(s)`.
///
/// ```
/// assert_eq!(parallax::text::normalize("  “Absurd,”  he\u{00A0}said — Peskov "), "\"absurd,\" he said - peskov");
/// ```
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalize_into(s, &mut out);
    out
}

/// Appends the matching form of `s` to `out` (see [`normalize`]); avoids an allocation per call
/// on the ASCII fast path, which is most of the text in English news.
pub fn normalize_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        // Fast path: ASCII is already NFKC, and only case, backticks and spaces can change.
        let mark = out.len();
        push_folded(s.chars(), out, mark);
    } else {
        let mut out_local = String::with_capacity(s.len());
        let composed: std::borrow::Cow<str> = if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
            s.into()
        } else {
            s.nfkc().collect::<String>().into()
        };
        let mut lowered = String::with_capacity(composed.len());
        push_folded(composed.chars(), &mut lowered, 0);
        // Lower-casing can leave a string that NFKC would change again (e.g. 'İ' → "i̇"), so
        // finish with one more NFKC pass; the result is then a fixed point.
        if is_nfkc_quick(lowered.chars()) == IsNormalized::Yes {
            out_local = lowered;
        } else {
            push_folded(lowered.nfkc(), &mut out_local, 0);
        }
        out.push_str(&out_local);
    }
}

/// Pushes folded, lower-cased characters, collapsing whitespace runs and trimming both ends.
/// `mark` is where this piece starts in `out`: leading whitespace of the piece is dropped.
fn push_folded(chars: impl Iterator<Item = char>, out: &mut String, mark: usize) {
    let mut pending_space = false;
    for c in chars {
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' {
            pending_space = out.len() > mark;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if f.is_ascii() {
            out.push(f.to_ascii_lowercase());
        } else {
            for l in f.to_lowercase() {
                // Lower-casing can produce characters that fold again (none today, but cheap
                // to guard): fold them too so the result stays a fixed point.
                match fold_char(l) {
                    Some(' ') | None => {}
                    Some(x) => out.push(x),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_dashes_and_case() {
        assert_eq!(normalize("“Absurd.”"), "\"absurd.\"");
        assert_eq!(
            normalize("Kaspersky’s anti‑virus"),
            "kaspersky's anti-virus"
        );
        assert_eq!(normalize("Oct 13, 2017 — 09:09"), "oct 13, 2017 - 09:09");
        assert_eq!(normalize("«Да»"), "\"да\"");
    }

    #[test]
    fn compatibility_forms_and_invisibles() {
        assert_eq!(normalize("ﬁnal 27\u{00A0}languages"), "final 27 languages");
        assert_eq!(normalize("co\u{00AD}operate"), "cooperate");
        assert_eq!(normalize("Ｋａｓｐｅｒｓｋｙ"), "kaspersky");
    }

    #[test]
    fn whitespace_collapses_and_trims() {
        assert_eq!(normalize("  a \n\t b  "), "a b");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn idempotent_on_tricky_letters() {
        for s in ["İstanbul", "ΣΑΣ", "ß", "ǅ", "ﬃ", "Å"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s}");
        }
    }
}
