//! Making input text safe for a terminal: control characters, escape sequences and bidi
//! overrides from a report must never reach the terminal raw (issue #2). They are shown as
//! visible escapes instead: `\x1b`, `\u{202e}`. Whitespace runs become single spaces so that
//! every unit stays on one line.

use std::borrow::Cow;
use std::fmt::Write;

/// True for characters that a terminal would interpret rather than show, or that hide text:
/// controls, bidi controls, interlinear annotation marks and Unicode tag characters (invisible
/// letters that can smuggle text past a reader).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}'
            | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// One-line, terminal-safe form of `s`.
pub fn terminal_line(s: &str) -> Cow<'_, str> {
    let clean = !s
        .chars()
        .any(|c| is_unsafe(c) || (c.is_whitespace() && c != ' '))
        && !s.contains("  ");
    if clean {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if is_unsafe(c) {
            if (c as u32) < 0x100 {
                let _ = write!(out, "\\x{:02x}", c as u32);
            } else {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_collapses_space() {
        assert_eq!(terminal_line("plain text"), "plain text");
        assert_eq!(terminal_line("a\x1b[31mred\x07 b"), "a\\x1b[31mred\\x07 b");
        assert_eq!(terminal_line("x\u{9b}y\u{202e}z"), "x\\x9by\\u{202e}z");
        assert_eq!(terminal_line(" a\n\t b  c "), "a b c");
        assert_eq!(
            terminal_line("\u{1b}]8;;http://x\u{7}"),
            "\\x1b]8;;http://x\\x07"
        );
        // tag characters spell hidden text ("hi" here)
        assert_eq!(
            terminal_line("a\u{e0068}\u{e0069}b"),
            "a\\u{e0068}\\u{e0069}b"
        );
        // emoji sequences keep their joiners and variation selectors
        assert_eq!(
            terminal_line("👩\u{200d}💻\u{fe0f}"),
            "👩\u{200d}💻\u{fe0f}"
        );
    }
}
