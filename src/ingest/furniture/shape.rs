//! The first verdict on a block of a page, from its own text alone: its measurements
//! ([`Stats`]) and its [`Shape`] (prose, a headline, a date line, certain furniture …). The
//! page-level decisions that use them (where the article is, which block is the title) are in
//! the parent module.

use super::super::Hint;
use super::Label;
use crate::document::{BlockKind, Reason};
use crate::text::date::{find_date, is_weekday, month_number};
use crate::text::lexicon::{self, is_stop_word};
use crate::text::paragraph::starts_list_item;
use crate::text::prefix;
use crate::text::Date;

/// The first verdict on a block, from its own text alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Shape {
    /// Certain furniture, whatever its position.
    Furniture(Label),
    /// "With reporting by …": the article ends here.
    EndCredit,
    /// A date line.
    Dateline(Date),
    /// Title case, no final full stop: a headline (ours or another story's).
    Headline,
    /// A few words that are neither sentence nor heading.
    Fragment,
    /// Reads as a sentence or more.
    Prose,
    /// Neither clearly prose nor clearly furniture.
    Unclear,
}

/// Measurements of a block's text.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Stats {
    pub(super) words: usize,
    pub(super) alpha_words: usize,
    pub(super) content_words: usize,
    pub(super) capitalised_content: usize,
    pub(super) stop_words: usize,
    pub(super) reader_address: usize,
    pub(super) ends_sentence: bool,
}

/// Calls `f` on every whitespace-separated word: split on ASCII whitespace bytes first (fast),
/// then on other Unicode spaces only in chunks that contain non-ASCII characters.
pub(super) fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    for chunk in text.split_ascii_whitespace() {
        if chunk.is_ascii() {
            f(chunk);
        } else {
            chunk.split_whitespace().for_each(&mut f);
        }
    }
}

pub(super) fn measure(text: &str) -> Stats {
    let mut s = Stats::default();
    for_each_word(text, |raw| {
        let b = raw.as_bytes();
        let bare = |b: u8| b.is_ascii_alphanumeric();
        // Most words need no trimming; only look at characters when an end is not bare.
        let w = if bare(b[0]) && bare(b[b.len() - 1]) {
            raw
        } else {
            raw.trim_matches(|c: char| !c.is_alphanumeric())
        };
        if w.is_empty() {
            return;
        }
        s.words += 1;
        let first = w.chars().next().unwrap_or(' ');
        if !first.is_alphabetic() {
            return;
        }
        s.alpha_words += 1;
        if is_stop_word(w) {
            s.stop_words += 1;
            if matches!(
                w.to_ascii_lowercase().as_str(),
                "we" | "our" | "us" | "you" | "your"
            ) {
                s.reader_address += 1;
            }
        } else {
            s.content_words += 1;
            // Uncased scripts count as capitalised neither way.
            s.capitalised_content += usize::from(first.is_uppercase());
        }
    });
    let end = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '」' | '』' | '*' | '_'
        ) || c.is_whitespace()
    });
    s.ends_sentence = end.ends_with(['.', '!', '?', '…', '。', '！', '？', '؟', '।']);
    s
}

impl Stats {
    /// Share of content words in capitals: ~1 for headlines, ~0.2–0.4 for prose.
    pub(super) fn title_case(&self) -> f32 {
        if self.content_words == 0 {
            0.0
        } else {
            self.capitalised_content as f32 / self.content_words as f32
        }
    }

    /// Whether the script has letter case at all (title case means nothing in Chinese).
    pub(super) fn cased(&self) -> bool {
        self.alpha_words > 0
    }
}

/// Lower-cased text with bullets, separators and final punctuation removed, for phrase lookup.
pub(super) fn phrase_key(text: &str) -> String {
    let t = text
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let mut key = String::with_capacity(t.len());
    for_each_word(t, |w| {
        if !key.is_empty() {
            key.push(' ');
        }
        if w.is_ascii() {
            let from = key.len();
            key.push_str(w);
            key[from..].make_ascii_lowercase();
        } else {
            key.extend(w.chars().flat_map(char::to_lowercase));
        }
    });
    key
}

pub(super) fn shape(text: &str, hint: Hint, st: &Stats) -> Shape {
    if hint == Hint::Code {
        return Shape::Furniture(Label::boilerplate(Reason::Code));
    }
    let st = *st;
    // Phrases mark short blocks; long paragraphs only need their opening words checked.
    // Phrases mark short blocks, and sit at the start of a block: only look where they can be.
    let key = phrase_key(prefix(text, 96));

    if lexicon::NAVIGATION_PHRASES
        .binary_search(&key.as_str())
        .is_ok()
        || is_menu_line(text, &st)
    {
        return Shape::Furniture(Label::boilerplate(Reason::Navigation));
    }
    if lexicon::CREDIT_OPENERS.iter().any(|p| key.starts_with(p))
        || (st.words <= 20 && lexicon::matches_any(lexicon::Phrases::EndCredit, text))
    {
        return Shape::EndCredit;
    }
    if let Some(date) = dateline(text, &st) {
        return Shape::Dateline(date);
    }
    if let Some(label) = credit_or_caption(text, &key, &st) {
        return Shape::Furniture(label);
    }
    if st.words <= 60
        && (lexicon::matches_any(lexicon::Phrases::Footer, text) || text.contains('©'))
    {
        return Shape::Furniture(Label::boilerplate(Reason::Footer));
    }
    if let Hint::Heading(_) = hint {
        return Shape::Headline;
    }
    // A headline is mostly words; a line of mostly numbers is a table row or a score line.
    let headline_like = st.cased()
        && st.alpha_words * 2 > st.words
        && !st.ends_sentence
        && st.content_words >= 2
        && st.words <= 25
        && st.title_case() >= 0.75;
    if headline_like {
        return Shape::Headline;
    }
    if st.words <= 3 && !st.ends_sentence {
        return Shape::Fragment;
    }
    let prose = (st.ends_sentence || text.trim_end().ends_with(':'))
        && st.words >= 5
        && (st.title_case() < 0.75 || st.words >= 20 || !st.cased());
    if prose || st.words >= 30 {
        return Shape::Prose;
    }
    Shape::Unclear
}

/// "Home | World | Business | Sport": several short items joined by separators.
pub(super) fn is_menu_line(text: &str, st: &Stats) -> bool {
    if st.ends_sentence || st.words > 60 || !text.contains(['|', '•', '·']) {
        return false;
    }
    let seps =
        text.matches(" | ").count() + text.matches(" • ").count() + text.matches(" · ").count();
    seps >= 2 && !st.ends_sentence && st.words <= 4 * (seps + 1)
}

/// A date line: a date and little else (times, weekdays, "Updated", a source name).
pub(super) fn dateline(text: &str, st: &Stats) -> Option<Date> {
    if st.words > 14 || st.words == 0 {
        return None;
    }
    let found = find_date(text)?;
    let others = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .filter(|w| {
            let l = w.to_ascii_lowercase();
            month_number(w).is_none()
                && !is_weekday(w)
                && !matches!(
                    l.as_str(),
                    "am" | "pm"
                        | "a.m"
                        | "p.m"
                        | "utc"
                        | "gmt"
                        | "et"
                        | "est"
                        | "edt"
                        | "pt"
                        | "pst"
                        | "pdt"
                        | "bst"
                        | "cet"
                        | "cest"
                        | "msk"
                        | "published"
                        | "updated"
                        | "posted"
                        | "last"
                        | "modified"
                        | "on"
                        | "at"
                        | "first"
                        | "am/pm"
                )
        })
        .count();
    // A long sentence that happens to contain a date is prose, not a date line.
    (others <= 4 && !(st.ends_sentence && st.words > 8)).then_some(found.date)
}

/// Bylines, photo credits and captions.
pub(super) fn credit_or_caption(text: &str, key: &str, st: &Stats) -> Option<Label> {
    let t = text.trim();
    let mut words = t.split_whitespace();
    // "By Jane Doe", "By Jane Doe and John Roe, Reuters"
    if let (Some("By" | "BY" | "by"), Some(next)) = (words.next(), words.next()) {
        if st.words <= 12
            && next.chars().next().is_some_and(char::is_uppercase)
            && !st.ends_sentence
        {
            return Some(Label::new(BlockKind::Credit, Reason::Byline));
        }
    }
    let opener = key.split([':', ' ']).next().unwrap_or("");
    if st.words <= 12
        && (key.starts_with("photo credit")
            || key.starts_with("image credit")
            || key.starts_with("photo by"))
    {
        return Some(Label::new(BlockKind::Credit, Reason::PhotoCredit));
    }
    if st.words <= 10 && !st.ends_sentence {
        // "Sergey Savostyanov / TASS", "Reuters/Maxim Shemetov", "Getty Images", "AP Photo/…"
        let slash_credit = t.contains('/')
            && t.split('/').all(|part| {
                let p = part.trim();
                !p.is_empty()
                    && p.split_whitespace().count() <= 4
                    && p.chars().next().is_some_and(char::is_uppercase)
            });
        let agency = key.ends_with("getty images")
            || key.starts_with("ap photo")
            || key.contains("shutterstock");
        if slash_credit || agency {
            return Some(Label::new(BlockKind::Credit, Reason::PhotoCredit));
        }
    }
    // Caption labels: "• 16x9 Image", "Video", "Photo: …", "Above: …".
    if st.words <= 4 {
        let bullet = starts_list_item(t) || t.starts_with('•');
        let media = key
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| lexicon::MEDIA_WORDS.binary_search(&w).is_ok());
        if media && (bullet || !st.ends_sentence) {
            return Some(Label::boilerplate(Reason::Caption));
        }
    }
    if matches!(
        opener,
        "above" | "pictured" | "caption" | "photo" | "image" | "video" | "top" | "file"
    ) && key.as_bytes().get(opener.len()) == Some(&b':')
    {
        return Some(Label::boilerplate(Reason::Caption));
    }
    None
}

/// Content-word stems of a text, for title/lead overlap.
pub(super) fn stems(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !is_stop_word(w))
        .map(|w| {
            let l = w.to_lowercase();
            let l = l.strip_suffix("'s").unwrap_or(&l).to_string();
            if l.len() > 3 && l.ends_with('s') && !l.ends_with("ss") {
                l[..l.len() - 1].to_string()
            } else {
                l
            }
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
