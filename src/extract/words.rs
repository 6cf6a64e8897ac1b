//! One word splitter for extraction and quote matching: runs of letters and digits, joined
//! across an inner apostrophe, full stop or hyphen ("don't", "U.S", "anti-virus") and across a
//! comma between digits ("4,000"). Byte spans into the text.

use crate::text::Span;

/// The words of `span` in `text`, in order.
pub fn spans(text: &str, span: Span) -> Vec<Span> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let inner = match (start, c) {
            (Some(_), '\'' | '’' | '.' | '-') => next.is_some_and(char::is_alphanumeric),
            (Some(a), ',') => {
                next.is_some_and(|n| n.is_ascii_digit())
                    && s[a..i].chars().all(|x| x.is_ascii_digit() || x == ',')
            }
            _ => false,
        };
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(a) = start.take() {
            out.push(Span::new(span.start + a, span.start + i));
        }
    }
    if let Some(a) = start {
        out.push(Span::new(span.start + a, span.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_inner_marks_and_digit_commas_only() {
        let t = "Kaspersky's anti-virus, U.S. 4,000 staff, a,b and 'quoted'.";
        let words: Vec<&str> = spans(t, Span::new(0, t.len()))
            .iter()
            .map(|s| s.slice(t))
            .collect();
        assert_eq!(
            words,
            [
                "Kaspersky's",
                "anti-virus",
                "U.S",
                "4,000",
                "staff",
                "a",
                "b",
                "and",
                "quoted"
            ]
        );
    }
}
