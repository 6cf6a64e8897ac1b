//! Quote marks: pairing opening and closing marks over the body paragraphs (every common
//! style, mismatched pairs, quotes that run on into a paragraph that re-opens them), and joining
//! `"A," he said, "B."` into one quote in two parts.

use super::*;

/// A direct quote before attribution.
#[derive(Debug, Clone)]
pub(super) struct RawQuote {
    pub(super) span: Span,
    pub(super) parts: Vec<Span>,
    /// Closed with sentence punctuation inside the marks (`…."`).
    pub(super) closed_sentence: bool,
}

impl RawQuote {
    /// One of the quote's parts holds `s` (parts are in order: a binary search, since a quote
    /// that runs over many paragraphs has many parts).
    pub(super) fn covers(&self, s: Span) -> bool {
        let i = self.parts.partition_point(|p| p.start <= s.start);
        i > 0 && s.end <= self.parts[i - 1].end
    }
}

pub(super) fn raw_covers_any(qs: &[RawQuote], s: Span) -> bool {
    // Quotes are sorted by start; only those that start before `s` can cover it.
    let i = qs.partition_point(|q| q.span.start <= s.start);
    qs[..i].iter().rev().take(8).any(|q| q.covers(s))
}

/// The closing marks an opening mark accepts (mismatched pairs included).
pub(super) fn closers(open: char) -> &'static [char] {
    match open {
        '“' => &['”', '"', '“'],
        '"' => &['"', '”', '“'],
        '„' => &['“', '”', '"'],
        '«' => &['»'],
        '»' => &['«'], // Danish and some German typesetting: »…«
        '‹' => &['›'],
        '「' => &['」'],
        '『' => &['』'],
        '‘' => &['’'],
        '‚' => &['‘', '’'],
        _ => &[],
    }
}

pub(super) fn is_open_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-/:".contains(c),
    }
}

/// Pairs quote marks over the body paragraphs. A paragraph that ends inside a quote continues
/// it only when the next body paragraph opens with a quote mark (the newspaper convention);
/// otherwise the quote ends with its paragraph.
pub(super) fn direct_spans(doc: &Document) -> Vec<RawQuote> {
    let text = doc.text.as_str();
    let mut out = Vec::new();
    // (opening mark, byte of the mark, parts so far, start of the current part)
    let mut open: Option<(char, usize, Vec<Span>, usize)> = None;
    let body: Vec<Span> = doc.body().map(|p| p.span).collect();
    for (bi, &para) in body.iter().enumerate() {
        let s = para.slice(text);
        let mut chars = s.char_indices().peekable();
        let mut prev: Option<char> = None;
        if let Some((mark, start, mut parts, part_start)) = open.take() {
            // Carried over: the paragraph must re-open the quote to continue it.
            let lead = s.len() - s.trim_start().len();
            match s[lead..].chars().next() {
                Some(c) if !closers(c).is_empty() => {
                    parts.push(Span::new(part_start, body[bi - 1].end));
                    while chars.peek().is_some_and(|&(i, _)| i <= lead) {
                        chars.next();
                    }
                    open = Some((mark, start, parts, para.start + lead + c.len_utf8()));
                    prev = Some(c);
                }
                _ => finish(
                    text,
                    &mut out,
                    start,
                    parts,
                    part_start,
                    body[bi - 1].end,
                    false,
                ),
            }
        }
        while let Some((i, c)) = chars.next() {
            let at = para.start + i;
            let next = chars.peek().map(|&(_, n)| n);
            // NYT style: two apostrophes or backticks as one double mark.
            let (c, width) = match (c, next) {
                ('\'', Some('\'')) | ('`', Some('`')) => {
                    chars.next();
                    (if c == '`' { '“' } else { '"' }, 2)
                }
                _ => (c, c.len_utf8()),
            };
            match &mut open {
                Some((mark, start, parts, part_start)) => {
                    let is_close = if width == 2 && c == '"' {
                        true
                    } else {
                        closers(*mark).contains(&c)
                            && !(c == '’' && next.is_some_and(char::is_alphanumeric))
                    };
                    // A straight mark directly after a space and before a word opens a nested
                    // quote rather than closing; nested quotes stay inside the outer one.
                    let nested_open = c == '"'
                        && *mark != '"'
                        && is_open_context(prev)
                        && next.is_some_and(|n| !n.is_whitespace());
                    if is_close && !nested_open {
                        let parts = std::mem::take(parts);
                        let (start, part_start) = (*start, *part_start);
                        finish(text, &mut out, start, parts, part_start, at, true);
                        open = None;
                    }
                }
                None => {
                    let opens = match c {
                        '“' | '„' | '«' | '‹' | '「' | '『' => true,
                        '»' => next.is_some_and(|n| !n.is_whitespace()) && is_open_context(prev),
                        '"' => is_open_context(prev) && next.is_some_and(|n| !n.is_whitespace()),
                        '‘' | '‚' => is_open_context(prev),
                        _ => false,
                    };
                    if opens {
                        open = Some((c, at, Vec::new(), at + width));
                    }
                }
            }
            prev = Some(c);
        }
        // A single-quote that never closed in its paragraph was an apostrophe or a slip.
        if let Some((mark, ..)) = &open {
            if matches!(mark, '‘' | '‚' | '‹' | '「' | '『') {
                open = None;
            }
        }
    }
    if let (Some((_, start, parts, part_start)), Some(last)) = (open, body.last()) {
        finish(text, &mut out, start, parts, part_start, last.end, false);
    }
    out.sort_by_key(|q| q.span.start);
    out
}

/// Records a quote whose last part runs from `part_start` to `end` (the closing mark's byte, or
/// the paragraph's end when it never closed).
pub(super) fn finish(
    text: &str,
    out: &mut Vec<RawQuote>,
    start: usize,
    mut parts: Vec<Span>,
    part_start: usize,
    end: usize,
    closed: bool,
) {
    parts.push(Span::new(part_start, end));
    let parts: Vec<Span> = parts
        .into_iter()
        .map(|p| trim_part(text, p))
        .filter(|p| !p.is_empty())
        .collect();
    let Some(last) = parts.last() else {
        return;
    };
    let inner = last.slice(text);
    let closed_sentence = inner.ends_with(['.', '!', '?', ',']) || inner.ends_with("…");
    let close_end = if closed {
        end + text[end..].chars().next().map_or(0, char::len_utf8)
    } else {
        end
    };
    out.push(RawQuote {
        span: Span::new(start, close_end),
        parts,
        closed_sentence,
    });
}

/// Trims spaces and trailing commas from a quoted part (`"…absurd," he said` quotes "absurd").
pub(super) fn trim_part(text: &str, p: Span) -> Span {
    let s = p.slice(text);
    let t = s.trim().trim_end_matches([',', ';', ':']).trim_end();
    let lead = s.len() - s.trim_start().len();
    Span::new(p.start + lead, p.start + lead + t.len())
}

/// Joins `"A," he said, "B."` into one quote with two parts: adjacent quotes in one paragraph
/// whose gap is a short attribution and whose first part ends open (a comma, no full stop).
pub(super) fn merge_split_quotes(text: &str, qs: &mut Vec<RawQuote>) {
    let mut out: Vec<RawQuote> = Vec::with_capacity(qs.len());
    for q in qs.drain(..) {
        if let Some(prev) = out.last_mut() {
            let gap = &text[prev.span.end.min(q.span.start)..q.span.start];
            let prev_inner_end = prev.parts.last().map_or(prev.span.end, |p| p.end);
            let prev_tail = &text[prev_inner_end..prev.span.end];
            let gap_words: Vec<&str> = gap
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let open_end = prev_tail.contains(',') || !prev_tail.contains(['.', '!', '?']);
            if !gap.contains('\n')
                && (1..=8).contains(&gap_words.len())
                && gap_words.iter().any(|w| is_cue(w))
                && open_end
                && gap.trim_end().ends_with([',', ':'])
            {
                prev.parts.extend(q.parts);
                prev.span = Span::new(prev.span.start, q.span.end);
                prev.closed_sentence = q.closed_sentence;
                continue;
            }
        }
        out.push(q);
    }
    *qs = out;
}
