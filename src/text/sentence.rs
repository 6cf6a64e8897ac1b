//! Sentence splitting inside one paragraph. Knows news prose: abbreviations and titles ("U.S.",
//! "Oct. 10", "Mr.", "Sen."), initials ("J. Smith"), sentences that end inside a closing quote
//! (`… "absurd."`), quotes broken by an attribution (`"…," he said. "…"`), ellipses, and the
//! CJK full stops that need no following space.

use super::lexicon;
use super::Span;

/// Characters that end a sentence when followed by a space (or the end of the paragraph).
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '।')
}

/// CJK terminals end a sentence even without a following space.
fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Characters that may close a sentence after its terminal: quotes and brackets.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '」' | '』' | '）' | '〕' | '】'
    )
}

/// Characters that may open a sentence before its first word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '¿'
            | '¡'
            | '„'
            | '「'
            | '『'
            | '*'
            | '•'
    )
}

/// Splits the paragraph `span` of `text` into sentence spans, trimmed, covering every
/// non-space character of the paragraph exactly once.
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let para = span.slice(text);
    let base = span.start;
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = para.as_bytes();
    let mut pos = 0;
    // Jump between bytes that can begin a terminal: ASCII `.!?` and the lead bytes of the
    // multi-byte terminals (…‼⁇⁈⁉ E2, ؟ D8, । E0, 。 E3, ！？｡ EF). Prose is mostly other bytes.
    while let Some(off) = bytes[pos..]
        .iter()
        .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2 | 0xD8 | 0xE0 | 0xE3 | 0xEF))
    {
        let i = pos + off;
        let c = para[i..].chars().next().unwrap_or(' ');
        let cjk = is_cjk_terminal(c);
        if !is_terminal(c) && !cjk {
            pos = i + c.len_utf8();
            continue;
        }
        // Take the whole run of terminals ("?!", "...") and any closing quotes or brackets.
        let mut end = i + c.len_utf8();
        let mut run = 1;
        for d in para[end..].chars() {
            if is_terminal(d) || is_cjk_terminal(d) {
                run += 1;
            } else if !is_closer(d) {
                break;
            }
            end += d.len_utf8();
        }
        // A spaced ellipsis after the full stop trails the sentence: "going to hell. ..."
        if let Some(tail) = trailing_ellipsis(&para[end..]) {
            end += tail;
        }
        pos = end;
        let rest = &para[end..];
        let boundary = if cjk {
            true
        } else {
            let after_space = rest.trim_start();
            if after_space.len() == rest.len() || after_space.is_empty() {
                false // no space after the terminal ("3.5", "U.S.-led"), or end of paragraph
            } else {
                starts_new_sentence(
                    &para[start..i],
                    c,
                    run,
                    closes_quote(&para[i..end]),
                    after_space,
                )
            }
        };
        if boundary {
            push_trimmed(text, base + start, base + end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, base + start, base + para.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = super::trim_span(text, start, end);
    if !s.is_empty() {
        out.push(s);
    }
}

/// Decides whether the text after a terminal starts a new sentence.
/// `before` is the sentence so far (up to the terminal), `terminal` its first character.
fn starts_new_sentence(
    before: &str,
    terminal: char,
    run: usize,
    quote_closed: bool,
    after: &str,
) -> bool {
    let next_word: &str = after
        .trim_start_matches(is_opener)
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
        .next()
        .unwrap_or("");
    let Some(first) = after.chars().find(|c| !is_opener(*c)) else {
        return false;
    };
    let opens_with_quote = after.starts_with(is_opener);
    // Lower case, or a hashtag or mention ("… than I thought. #classless."), continues.
    if first.is_lowercase() || matches!(first, '#' | '@') {
        return false;
    }
    // `"…?" Walsh asked.` / `"…!" Ms. Pelosi said`: the attribution continues the sentence.
    if terminal != '.' && quote_closed && attribution_follows(after) {
        return false;
    }
    // Uncased scripts (Arabic, Hebrew, CJK, Devanagari…) and digits can open a sentence.
    if terminal != '.' || run > 1 {
        // "?", "!" and ellipses: a new sentence when a capital, a digit or a quote follows.
        return true;
    }
    // "post-Sept. 11": the abbreviation is the last part of a hyphenated word.
    let word = last_word(before);
    let word = word.rsplit('-').next().unwrap_or(word);
    if word.is_empty() {
        return true;
    }
    if lexicon::is_title(word) {
        return false; // "Mr. Peskov", "Sen. Warner"
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false; // an initial: "J. Smith", "Harry S. Truman"
    }
    let initialism = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
    if initialism || lexicon::is_abbreviation(word) {
        // "U.S. Senate" (no) vs "in the U.S. The company" (yes); "Oct. 10" (no).
        if first.is_ascii_digit() {
            return false;
        }
        return opens_with_quote || lexicon::is_stop_word(next_word);
    }
    true
}

/// Length of a whitespace-separated ellipsis ("...", ". . .") and any closing quotes that
/// open `rest`, when one does.
fn trailing_ellipsis(rest: &str) -> Option<usize> {
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let lead = rest.len() - trimmed.len();
    if lead == 0 {
        return None;
    }
    // Only spelled-out dots: a typographic "…" after a full stop opens the next sentence
    // ("… Today, we made"), as news copy and BASIL's gold split it.
    let dots = ["...", ". . ."]
        .into_iter()
        .find(|d| trimmed.starts_with(d))?;
    let after = &trimmed[dots.len()..];
    let closers = after.len() - after.trim_start_matches(is_closer).len();
    let next = after[closers..].chars().next();
    // Only when the ellipsis ends something: the paragraph, or a space before the next word.
    next.is_none_or(char::is_whitespace)
        .then_some(lead + dots.len() + closers)
}

/// True when the terminal run (terminals and closers) ends a quotation.
fn closes_quote(run: &str) -> bool {
    run.contains(['"', '”', '»', '“'])
}

/// Reporting verbs that follow a quotation as its attribution.
const SPEECH_VERBS: &[&str] = &[
    "added",
    "answered",
    "asked",
    "continued",
    "cried",
    "declared",
    "exclaimed",
    "explained",
    "insisted",
    "noted",
    "recalled",
    "replied",
    "said",
    "says",
    "shouted",
    "tweeted",
    "wondered",
    "wrote",
    "yelled",
];

/// True when a capitalised name and a reporting verb open `after` ("Walsh asked", "Ms. Pelosi
/// said", "Rep. John Smith added").
fn attribution_follows(after: &str) -> bool {
    for raw in after.split_whitespace().take(4) {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if SPEECH_VERBS.contains(&w) {
            return true;
        }
        // A name runs up to the verb unbroken: "After all, he said" is a new sentence.
        if raw.ends_with([',', ';', ':']) {
            return false;
        }
    }
    false
}

/// The word just before the terminal, without leading quotes or brackets.
fn last_word(before: &str) -> &str {
    let w = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    w.trim_start_matches(is_opener)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(p: &str) -> Vec<&str> {
        split(p, Span::new(0, p.len()))
            .into_iter()
            .map(|s| s.slice(p))
            .collect()
    }

    #[test]
    fn quote_split_by_attribution() {
        let p = "\"The government has not had and does not have any connection to such activity,\" he said. \"The accusations are ungrounded and unproven.”";
        assert_eq!(
            sents(p),
            [
                "\"The government has not had and does not have any connection to such activity,\" he said.",
                "\"The accusations are ungrounded and unproven.”"
            ]
        );
    }

    #[test]
    fn closing_quote_after_full_stop() {
        let p = "Peskov called it “absurd.” The firm denied it.";
        assert_eq!(
            sents(p),
            ["Peskov called it “absurd.”", "The firm denied it."]
        );
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            sents("On Oct. 10, Israeli intelligence said so. Then more.").len(),
            2
        );
        assert_eq!(
            sents("The U.S. Senate voted. Mr. Smith and Sen. Jones agreed.").len(),
            2
        );
        assert_eq!(
            sents("It was made in the U.S. The company said so.").len(),
            2
        );
        assert_eq!(
            sents("Harry S. Truman spoke. Gov. Brown of Calif. Was there.").len(),
            3
        );
        assert_eq!(
            sents("Shares of Apple Inc. rose 3.5 percent. Analysts cheered.").len(),
            2
        );
        assert_eq!(sents("It was 5 p.m. when he left.").len(), 1);
        assert_eq!(sents("The post-Sept. 11 law expired.").len(), 1);
        assert_eq!(sents("In Roe v. Wade the court ruled.").len(), 1);
    }

    #[test]
    fn questions_exclamations_ellipses() {
        assert_eq!(sents("\"Why?\" he asked. \"Because!\" she said.").len(), 2);
        assert_eq!(sents("Wait... What happened? Nobody knows!").len(), 3);
        assert_eq!(sents("He said \"no?\" and left.").len(), 1);
    }

    #[test]
    fn attribution_after_a_quoted_question_continues() {
        assert_eq!(
            sents("“Have I not been clear on a wall?” Ms. Pelosi said at a news conference.").len(),
            1
        );
        assert_eq!(sents("\"Why?\" Walsh asked. Nobody answered.").len(), 2);
        assert_eq!(
            sents("\"Is it?\" After all, he said, it was late.").len(),
            2
        );
        // Sentences inside a quotation are sentences too.
        assert_eq!(
            sents(
                "He added, “It was not a war of choice. It has been prosecuted by two presidents.”"
            )
            .len(),
            2
        );
    }

    #[test]
    fn dashes_and_ellipses_after_full_stops() {
        assert_eq!(
            sents("KANSAS CITY, Mo. — Leaders of the group met on Tuesday.").len(),
            1
        );
        assert_eq!(
            sents("\"I love this country. ... It is going to hell.\" He left."),
            [
                "\"I love this country. ...",
                "It is going to hell.\"",
                "He left."
            ]
        );
    }

    #[test]
    fn cjk_and_other_scripts() {
        assert_eq!(sents("今日は晴れです。明日は雨です。").len(), 2);
        assert_eq!(sents("Это первое. Это второе.").len(), 2);
        assert_eq!(sents("هذه جملة. هذه جملة أخرى.").len(), 2);
    }

    #[test]
    fn spans_cover_paragraph() {
        let p = "  One. Two.  ";
        let s = split(p, Span::new(0, p.len()));
        assert_eq!(s, vec![Span::new(2, 6), Span::new(7, 11)]);
    }
}
