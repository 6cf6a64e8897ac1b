//! Page furniture: decides, for every block of a page, whether it is news text (body), the
//! title, a date line, a credit, or boilerplate, and says why.
//!
//! The signals are general (issue #2): sentence shape (final punctuation, length, stop-word
//! density), title case, position relative to the article, runs of similar short lines, overlap
//! with the article's lead, and a short phrase list. Nothing here names a particular outlet.
//!
//! For text copied from a browser ([`Mode::Page`]) the article is found first, as the stretch of
//! blocks with the most prose (a maximum-sum run, as in Finn et al.'s body-text extraction);
//! reporting credits ("With reporting by …") end an article and cannot be crossed. Blocks before
//! the article are candidates for the title; blocks after it are footer or other stories.
//! For text that an HTML extractor already cut down to the article ([`Mode::Extracted`]) only
//! block-level furniture is removed.

use super::{Hint, RawBlock};
use crate::document::{BlockKind, Reason};
use crate::text::Date;
use shape::{measure, shape, stems, Shape, Stats};

mod shape;

/// How much of the page the text still holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The whole visible page (pasted text): find the article among the furniture.
    Page,
    /// Already the article (from an HTML extractor): remove only obvious furniture.
    Extracted,
}

/// The classification of one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// What the block is.
    pub kind: BlockKind,
    /// Why (`None` for body).
    pub reason: Option<Reason>,
}

impl Label {
    const BODY: Label = Label {
        kind: BlockKind::Body,
        reason: None,
    };

    fn new(kind: BlockKind, reason: Reason) -> Label {
        Label {
            kind,
            reason: Some(reason),
        }
    }

    fn boilerplate(reason: Reason) -> Label {
        Label::new(BlockKind::Boilerplate, reason)
    }
}

/// Labels for every block, plus what the labels revealed about the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Classified {
    /// One label per input block, in order.
    pub labels: Vec<Label>,
    /// Index of the block chosen as the headline.
    pub title: Option<usize>,
    /// The date of the first date line.
    pub published: Option<Date>,
}

/// Classifies every block of `text`.
pub fn classify(text: &str, blocks: &[RawBlock], mode: Mode) -> Classified {
    let (stats, shapes): (Vec<Stats>, Vec<Shape>) = super::map_blocks(text, blocks, |b| {
        let t = b.span.slice(text);
        let st = measure(t);
        (st, shape(t, b.hint, &st))
    })
    .into_iter()
    .unzip();
    let region = match mode {
        Mode::Page => main_region(&shapes, &stats),
        Mode::Extracted => article_span(&shapes),
    };
    let mut labels = vec![Label::BODY; blocks.len()];
    let mut published = None;
    for (i, s) in shapes.iter().enumerate() {
        labels[i] = match *s {
            Shape::Furniture(l) => l,
            Shape::EndCredit => Label::new(BlockKind::Credit, Reason::ReportingCredit),
            Shape::Dateline(d) => {
                published.get_or_insert(d);
                Label::new(BlockKind::Dateline, Reason::Date)
            }
            _ => Label::BODY, // decided below, by position
        };
    }

    let Some((first, last)) = region else {
        // No prose anywhere: a single line, a list, a bare headline. Whatever is not certain
        // furniture is the text the user gave us.
        return Classified {
            labels,
            title: None,
            published,
        };
    };

    // Pasted text often opens with a headline in sentence case ("Trump announces deal to end
    // partial government shutdown") or one that opens with a quotation, which reads as a short
    // line of prose: the article's first block, when nothing but furniture stands before it.
    // A page that repeats its headline above the article gives it twice.
    let mut first = first;
    let mut opening_title = None;
    let mut repeated_title = None;
    if mode == Mode::Page
        && first < last
        && (0..first).all(|i| {
            matches!(
                shapes[i],
                Shape::Furniture(_) | Shape::Dateline(_) | Shape::EndCredit
            )
        })
    {
        let head = blocks[first].span.slice(text).trim();
        let repeated = first + 1 < last && blocks[first + 1].span.slice(text).trim() == head;
        let after = first + 1 + usize::from(repeated);
        if opening_headline(head, &stats[first], &stats[after..=last.min(after + 1)]) {
            opening_title = Some(first);
            repeated_title = repeated.then_some(first + 1);
            first = after;
        }
    }

    // Inside the article.
    for i in first..=last {
        labels[i] = match shapes[i] {
            Shape::Prose | Shape::Unclear => Label::BODY,
            Shape::Headline if blocks[i].hint.is_heading() || stats[i].words < 6 => {
                Label::new(BlockKind::Title, Reason::Subheading)
            }
            Shape::Headline => Label::boilerplate(Reason::RelatedHeadline),
            // List items, and short lines of an extractor's article (table cells, list
            // entries), are part of the text; elsewhere a stray fragment is page furniture.
            Shape::Fragment if blocks[i].hint == Hint::ListItem || mode == Mode::Extracted => {
                Label::BODY
            }
            Shape::Fragment => Label::boilerplate(Reason::Fragment),
            _ => labels[i],
        };
    }

    // Before the article: the title, other headlines, navigation, teasers.
    let title = opening_title.or_else(|| choose_title(text, blocks, &shapes, &stats, first, last));
    for i in 0..first {
        if Some(i) == title || Some(i) == repeated_title {
            labels[i] = Label::new(BlockKind::Title, Reason::Headline);
            continue;
        }
        labels[i] = match shapes[i] {
            Shape::Headline => {
                let run = (i > 0 && shapes[i - 1] == Shape::Headline)
                    || shapes.get(i + 1) == Some(&Shape::Headline);
                if run {
                    Label::boilerplate(Reason::RelatedHeadlines)
                } else {
                    Label::boilerplate(Reason::Navigation)
                }
            }
            Shape::Fragment => Label::boilerplate(Reason::Navigation),
            Shape::Prose | Shape::Unclear => Label::boilerplate(Reason::OutsideArticle),
            _ => labels[i],
        };
    }

    // After the article: the outlet's footer, or other stories.
    let tail = last + 1..blocks.len();
    let footer_zone = tail.clone().any(|i| {
        matches!(
            shapes[i],
            Shape::Furniture(Label {
                reason: Some(Reason::Footer),
                ..
            })
        ) || stats[i].reader_address >= 2
    });
    for i in tail {
        labels[i] = match shapes[i] {
            Shape::Headline => Label::boilerplate(Reason::RelatedHeadlines),
            Shape::Fragment => Label::boilerplate(Reason::Navigation),
            Shape::Prose | Shape::Unclear if footer_zone => Label::boilerplate(Reason::Footer),
            Shape::Prose | Shape::Unclear => Label::boilerplate(Reason::OutsideArticle),
            _ => labels[i],
        };
    }
    Classified {
        labels,
        title,
        published,
    }
}

/// For extracted text: the whole text is the article, from the first to the last block that is
/// not certain furniture.
fn article_span(shapes: &[Shape]) -> Option<(usize, usize)> {
    let keep = |s: &Shape| {
        matches!(
            s,
            Shape::Prose | Shape::Unclear | Shape::Headline | Shape::Fragment
        )
    };
    let first = shapes.iter().position(keep)?;
    let last = shapes.iter().rposition(keep)?;
    // A leading headline is the title, not body.
    let first = if shapes[first] == Shape::Headline && first < last {
        first + 1
    } else {
        first
    };
    Some((first, last))
}

/// The article in pasted page text: the run of blocks with the largest prose mass, never
/// crossing a reporting credit. `None` when no block reads as prose.
fn main_region(shapes: &[Shape], stats: &[Stats]) -> Option<(usize, usize)> {
    let score = |i: usize| -> f64 {
        let w = stats[i].words as f64;
        match shapes[i] {
            Shape::Prose => {
                // First- and second-person address ("we provide", "you could") is how outlets
                // talk about themselves; news prose rarely does outside quotes.
                let addr = stats[i].reader_address as f64;
                // A long block that does not end like a sentence (contact details, tag lists)
                // counts for less than finished prose.
                let w = if stats[i].ends_sentence { w } else { w / 3.0 };
                w - 8.0 * addr
            }
            Shape::Unclear => {
                if w >= 8.0 {
                    w / 3.0
                } else {
                    -2.0
                }
            }
            Shape::Headline => -4.0,
            Shape::Fragment => -4.0 - w,
            Shape::Dateline(_) => -2.0,
            Shape::Furniture(l) => match l.reason {
                Some(Reason::Footer) => -30.0,
                Some(Reason::Navigation) => -6.0,
                _ => -3.0,
            },
            Shape::EndCredit => f64::NEG_INFINITY,
        }
    };
    // Kadane's maximum-sum run; a reporting credit resets the run (it cannot be crossed).
    let mut best: Option<(f64, usize, usize)> = None;
    let mut cur = 0.0;
    let mut cur_start = 0;
    let mut has_prose = false;
    for (i, shape) in shapes.iter().enumerate() {
        let s = score(i);
        if s == f64::NEG_INFINITY {
            cur = 0.0;
            cur_start = i + 1;
            continue;
        }
        if cur <= 0.0 {
            cur = 0.0;
            cur_start = i;
        }
        cur += s;
        has_prose |= matches!(shape, Shape::Prose);
        if best.is_none_or(|(b, _, _)| cur > b) {
            best = Some((cur, cur_start, i));
        }
    }
    let (total, first, last) = best?;
    if !has_prose || total <= 0.0 {
        return None;
    }
    // Trim non-prose from both ends: the article starts and ends with text.
    let is_text = |i: usize| matches!(shapes[i], Shape::Prose | Shape::Unclear);
    let first = (first..=last).find(|&i| is_text(i))?;
    let last = (first..=last).rev().find(|&i| is_text(i))?;
    Some((first, last))
}

/// Whether a block that opens the article is its headline: one line of 3 to 25 words, mostly
/// words, with no full stop at its end (a question or exclamation only in title case), not
/// leading into a list (":"), and followed by prose: a sentence, and a paragraph of twelve
/// words or more among the next two blocks.
fn opening_headline(text: &str, st: &Stats, next: &[Stats]) -> bool {
    let t = text.trim();
    let end = t.trim_end_matches(|c: char| {
        matches!(c, '"' | '\'' | '”' | '’' | '»' | ')') || c.is_whitespace()
    });
    // "… Bloomberg Tells U.S.": an abbreviation, not a full stop
    let abbreviation = end
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| w.len() >= 4 && w.split('.').all(|x| x.chars().count() <= 1));
    // "… 'that f***ing wall!'": the exclamation is the quotation's
    let quoted = t.len() > end.len();
    let question = end.ends_with(['?', '!']);
    st.cased()
        && !t.contains('\n')
        && (3..=25).contains(&st.words)
        && st.alpha_words * 2 > st.words
        && st.content_words >= 2
        && (!st.ends_sentence || abbreviation || (question && (quoted || st.title_case() >= 0.75)))
        && !end.ends_with([':', ',', ';', '-', '–', '—'])
        && next
            .first()
            .is_some_and(|n| n.ends_sentence || n.words >= 12)
        && next.iter().any(|n| n.ends_sentence && n.words >= 12)
}

/// Picks the headline among the blocks before the article: the heading-like block that shares
/// most words with the article's lead; other stories' headlines share few. Without any overlap,
/// the nearest heading-like block just above the article.
fn choose_title(
    text: &str,
    blocks: &[RawBlock],
    shapes: &[Shape],
    stats: &[Stats],
    first: usize,
    last: usize,
) -> Option<usize> {
    let lead: Vec<String> = {
        let mut s = String::new();
        for b in blocks.iter().take(last + 1).skip(first).take(3) {
            s.push_str(b.span.slice(text));
            s.push(' ');
        }
        stems(&s)
    };
    let candidate = |i: usize| {
        matches!(shapes[i], Shape::Headline)
            || (matches!(shapes[i], Shape::Unclear) && stats[i].words <= 25)
    };
    let mut best: Option<(f64, usize)> = None;
    for i in (0..first).filter(|&i| candidate(i)) {
        let words = stems(blocks[i].span.slice(text));
        if words.is_empty() {
            continue;
        }
        let shared = words
            .iter()
            .filter(|w| lead.binary_search(w).is_ok())
            .count();
        if shared < 2 && !(shared == 1 && words.len() <= 3) {
            continue;
        }
        // Share of the headline found in the lead; nearer the article wins ties.
        let score = shared as f64 / (words.len() as f64).sqrt() + i as f64 * 1e-6;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    if let Some((_, i)) = best {
        return Some(i);
    }
    // Headings marked up as such win; then the closest heading-like block above the article,
    // looking past date lines and credits only.
    if let Some(i) = (0..first).find(|&i| blocks[i].hint == Hint::Heading(1)) {
        return Some(i);
    }
    (0..first)
        .rev()
        .take_while(|&i| {
            matches!(
                shapes[i],
                Shape::Headline | Shape::Dateline(_) | Shape::Furniture(_) | Shape::Unclear
            )
        })
        .find(|&i| candidate(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{paragraph, Span};

    fn run(text: &str, mode: Mode) -> Vec<(String, &'static str, Option<&'static str>)> {
        let blocks: Vec<RawBlock> = paragraph::split(text)
            .into_iter()
            .map(|span| RawBlock {
                span,
                hint: Hint::None,
            })
            .collect();
        let c = classify(text, &blocks, mode);
        blocks
            .iter()
            .zip(&c.labels)
            .map(|(b, l)| {
                (
                    Span::slice(&b.span, text).to_string(),
                    l.kind.as_str(),
                    l.reason.map(Reason::as_str),
                )
            })
            .collect()
    }

    #[test]
    fn sentence_case_and_quotation_headlines_open_pasted_text() {
        // Headlines from BASIL's Fox News and HuffPost copy (2012–2019), then a lead.
        let lead = "President Trump said Tuesday that he would sign the spending bill, ending the partial shutdown of the government after five weeks.";
        for head in [
            "Trump announces deal to end partial government shutdown",
            "'Jail!' Trump slams 'crooked' Hillary aide Huma, calls on 'Deep State' DOJ to act",
            "Former Mexican President Fox to Trump: We won't pay for 'that f***ing wall!'",
            "Clinton Is 'Sane' And 'Competent,' Unlike Trump, Bloomberg Tells U.S.",
            "Did Ruth Bader Ginsburg Cross The Line With Her Donald Trump Comments?",
        ] {
            let text = format!("{head}\n\n{lead}\n\nThe House passed it later that day.\n");
            let r = run(&text, Mode::Page);
            assert_eq!((r[0].1, r[0].2), ("title", Some("headline")), "{head}");
            assert_eq!(r[1].1, "body", "{head}");
        }
        // A headline the page repeats is the title twice, not a body sentence.
        let head = "Schumer bashed by the left over shutdown-ending deal";
        let r = run(&format!("{head}\n\n{head}\n\n{lead}\n"), Mode::Page);
        assert_eq!(r[0].1, "title");
        assert_eq!(r[1].1, "title");
        assert_eq!(r[2].1, "body");
        // A line leading into a list, or a lone line, stays body.
        let first = "The bill does three things that the House wanted to see before it voted:";
        let r = run(&format!("{first}\n\n{lead}\n"), Mode::Page);
        assert_eq!(r[0].1, "body", "{first}");
        assert_eq!(run(head, Mode::Page)[0].1, "body");
    }

    #[test]
    fn single_line_is_body() {
        let r = run("Just one line without a full stop", Mode::Page);
        assert_eq!(r[0].1, "body");
        let r = run("Hello", Mode::Page);
        assert_eq!(r[0].1, "body");
    }

    #[test]
    fn headline_run_title_dateline_credit_and_body() {
        let text = "Markets Rally as Oil Prices Fall Sharply\n\
                    Local Team Wins Championship After Overtime Thriller\n\
                    City Council Approves Budget for Parks\n\
                    \n\
                    Jan 5, 2021 — 10:00\n\
                    Jane Doe / Reuters\n\
                    \n\
                    The city council approved a new budget for parks on Tuesday, after months of debate.\n\
                    \n\
                    The budget adds money for three new parks in the city, the council said in a statement.\n\
                    \n\
                    Reporting by Jane Doe; Editing by John Roe\n\
                    \n\
                    We use cookies to improve your experience on our site and you can opt out.\n";
        let r = run(text, Mode::Page);
        let kinds: Vec<(&str, Option<&str>)> = r.iter().map(|x| (x.1, x.2)).collect();
        assert_eq!(
            kinds,
            vec![
                ("boilerplate", Some("related-headlines")),
                ("boilerplate", Some("related-headlines")),
                ("title", Some("headline")),
                ("dateline", Some("date")),
                ("credit", Some("photo-credit")),
                ("body", None),
                ("body", None),
                ("credit", Some("reporting-credit")),
                ("boilerplate", Some("footer")),
            ]
        );
    }

    #[test]
    fn navigation_and_captions() {
        let text = "Home | World | Business | Sport\n\nBreaking News\n\n• 16x9 Image\n\nThe minister resigned on Monday after a week of protests in the capital, officials said.";
        let r = run(text, Mode::Page);
        assert_eq!(r[0].2, Some("navigation"));
        assert_eq!(r[1].2, Some("navigation"));
        assert_eq!(r[2].2, Some("caption"));
        assert_eq!(r[3].1, "body");
    }

    #[test]
    fn inline_related_headline_inside_article() {
        let text = "The ministry said on Monday that it would review the decision over the coming weeks.\n\n\
                    Senate Bans Imports of Foreign Software Over Security Ties\n\n\
                    Officials said the review would begin immediately and involve several agencies.";
        let r = run(text, Mode::Page);
        assert_eq!((r[1].1, r[1].2), ("boilerplate", Some("related-headline")));
        assert_eq!(r[2].1, "body");
    }

    #[test]
    fn prose_with_a_date_is_not_a_dateline() {
        let text = "The company announced the agreement on October 12, 2017, the same day the Kremlin spoke.";
        assert_eq!(run(text, Mode::Page)[0].1, "body");
    }
}
