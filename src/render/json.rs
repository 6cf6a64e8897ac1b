//! JSON output (`--format json`), the contract documented in `docs/json.md`.
//!
//! Characters that a terminal acts on or that hide text — C1 controls, bidi controls and Unicode
//! tag characters — are written as `\u` escapes (JSON escapes them the same as the raw
//! character; serde_json leaves them raw), so a report printed to a terminal carries no control
//! sequence from an input. C0 controls are escaped by serde_json already.

use crate::report::Report;
use std::io::{self, Write};

/// Writes the report as pretty-printed JSON followed by a newline.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let json = serde_json::to_string_pretty(report).map_err(io::Error::from)?;
    out.write_all(escape_invisible(&json).as_bytes())?;
    out.write_all(b"\n")
}

/// Whether `c` is one a terminal acts on or one that hides or reorders text.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{80}'..='\u{9F}'                       // C1 controls
        | '\u{61C}' | '\u{200E}' | '\u{200F}'     // bidi marks
        | '\u{202A}'..='\u{202E}'                 // bidi embeddings and overrides
        | '\u{2066}'..='\u{2069}'                 // bidi isolates
        | '\u{E0000}'..='\u{E007F}'               // tag characters
    )
}

/// `json` with every [`invisible`] character as a `\u` escape (a surrogate pair above U+FFFF).
/// They can only stand inside strings, where the escape means the same character.
fn escape_invisible(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(invisible) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 64);
    for c in json.chars() {
        if invisible(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_bidi_and_tag_characters_are_escaped_and_mean_the_same() {
        let raw = "{\"t\": \"a\u{9b}31m b\u{202e}c d\u{e0041}\"}";
        let escaped = escape_invisible(raw);
        assert!(!escaped.chars().any(invisible), "{escaped}");
        assert!(escaped.contains("\\u009b") && escaped.contains("\\u202e"));
        assert!(escaped.contains("\\udb40\\udc41"), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        let orig: serde_json::Value = serde_json::from_str(raw).unwrap();
        assert_eq!(back, orig);
        assert!(matches!(
            escape_invisible("{}"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
