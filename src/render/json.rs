//! JSON output (`--format json`), the contract documented in `docs/json.md`.
//!
//! Characters that a terminal acts on or that hide text — DEL, C1 controls, bidi controls and Unicode
//! tag characters — are written as `\u` escapes (JSON escapes them the same as the raw
//! character; serde_json leaves them raw), so a report printed to a terminal carries no control
//! sequence from an input. C0 controls are escaped by serde_json already.

use crate::report::Report;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// Writes the report as pretty-printed JSON followed by a newline, streamed to `out` (a report
/// of a 100,000-paragraph page is about 100 MB of JSON: it is never held whole in memory).
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, out);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe(PrettyFormatter::new()));
    serde::Serialize::serialize(report, &mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Whether `c` is one a terminal acts on or one that hides or reorders text.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{7F}'..='\u{9F}'                       // DEL and the C1 controls
        | '\u{61C}' | '\u{200E}' | '\u{200F}'     // bidi marks
        | '\u{202A}'..='\u{202E}'                 // bidi embeddings and overrides
        | '\u{2066}'..='\u{2069}'                 // bidi isolates
        | '\u{E0000}'..='\u{E007F}'               // tag characters
    )
}

/// serde_json's pretty layout, with every [`invisible`] character in a string written as a `\u`
/// escape (a surrogate pair above U+FFFF), which means the same character.
struct Safe(PrettyFormatter<'static>);

/// Writes `fragment` (part of a JSON string, already escaped by serde_json where JSON requires)
/// with its [`invisible`] characters as `\u` escapes.
fn write_safe<W: ?Sized + Write>(out: &mut W, fragment: &str) -> io::Result<()> {
    let mut from = 0;
    for (i, c) in fragment.char_indices().filter(|(_, c)| invisible(*c)) {
        out.write_all(&fragment.as_bytes()[from..i])?;
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            write!(out, "\\u{u:04x}")?;
        }
        from = i + c.len_utf8();
    }
    out.write_all(&fragment.as_bytes()[from..])
}

impl Formatter for Safe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_safe(writer, fragment)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_bidi_and_tag_characters_are_escaped_and_mean_the_same() {
        let raw = "a\u{9b}31m b\u{202e}c d\u{e0041} \u{1b}e\u{7f}";
        let value = serde_json::json!({ "t": raw, raw: [raw] });
        let mut out = Vec::new();
        let mut ser =
            serde_json::Serializer::with_formatter(&mut out, Safe(PrettyFormatter::new()));
        serde::Serialize::serialize(&value, &mut ser).unwrap();
        let escaped = String::from_utf8(out).unwrap();
        assert!(
            !escaped.chars().any(|c| invisible(c) || c == '\u{1b}'),
            "{escaped}"
        );
        assert!(escaped.contains("\\u009b") && escaped.contains("\\u202e"));
        assert!(escaped.contains("\\udb40\\udc41"), "{escaped}");
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, value);
        // the layout is serde_json's own
        assert_eq!(
            escaped
                .replace("\\u007f", "\u{7f}")
                .replace("\\u009b", "\u{9b}")
                .replace("\\u202e", "\u{202e}")
                .replace("\\udb40\\udc41", "\u{e0041}"),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
