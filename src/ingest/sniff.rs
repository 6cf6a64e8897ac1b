//! Format sniffing: HTML, Markdown or plain text, from the file extension when it is telling and
//! from the content otherwise. `--input-format` overrides both.

use crate::document::InputFormat;
use crate::text::prefix;

/// Guesses the format of `text`, read from `path` (`-` for stdin).
pub fn sniff(path: &str, text: &str) -> InputFormat {
    let ext = std::path::Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => return InputFormat::Html,
        Some("md" | "markdown" | "mdown" | "mkd") => return InputFormat::Markdown,
        _ => {}
    }
    let head = prefix(text, 64 * 1024);
    if looks_like_html(head) {
        InputFormat::Html
    } else if looks_like_markdown(head) {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    }
}

fn looks_like_html(head: &str) -> bool {
    let start = head
        .trim_start()
        .get(..64)
        .unwrap_or(head.trim_start())
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return true;
    }
    let lower = head.to_ascii_lowercase();
    if lower.contains("<html") && (lower.contains("<body") || lower.contains("<head")) {
        return true;
    }
    // A fragment of markup: several structural tags.
    const TAGS: [&str; 8] = [
        "<p>", "<p ", "<div", "<br", "<span", "<a href", "<article", "</p>",
    ];
    TAGS.iter().map(|t| lower.matches(t).count()).sum::<usize>() >= 4
}

fn looks_like_markdown(head: &str) -> bool {
    let mut signals = 0usize;
    let mut in_fence = false;
    for line in head.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            signals += usize::from(!in_fence);
            in_fence = !in_fence;
            continue;
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            signals += 2;
        }
        signals += t.matches("](http").count() + t.matches("](/").count();
        if t.contains("**") && t.matches("**").count() % 2 == 0 {
            signals += 1;
        }
    }
    signals >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension() {
        assert_eq!(sniff("a.HTML", "plain"), InputFormat::Html);
        assert_eq!(sniff("a.md", "plain"), InputFormat::Markdown);
    }

    #[test]
    fn by_content() {
        assert_eq!(
            sniff("-", "  <!DOCTYPE html><html><body>x</body></html>"),
            InputFormat::Html
        );
        assert_eq!(
            sniff("-", "<div><p>One</p><p>Two</p></div>"),
            InputFormat::Html
        );
        assert_eq!(
            sniff("x.txt", "# Title\n\nSome [link](https://x.y) text."),
            InputFormat::Markdown
        );
        assert_eq!(
            sniff("-", "Kremlin spokesman said it was \"absurd.\"\n- a list\n"),
            InputFormat::Text
        );
        assert_eq!(sniff("-", "Use a < b and c > d."), InputFormat::Text);
    }
}
