//! Saved web pages → the article's readable text, title and publication date.
//!
//! The main content comes from `dom_smoothie` (a port of Mozilla's Readability). When it finds
//! no article, the fallback takes the page's visible text (scripts, styles, navigation, headers,
//! footers and asides removed) and leaves it to the plain-text furniture classifier.

use crate::text::{find_date_in_meta, Date};
use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};

/// What was read from a page.
#[derive(Debug)]
pub struct Page {
    /// Readable text, blocks separated by blank lines and lines by `\n`.
    pub text: String,
    /// Title from the page's metadata.
    pub title: Option<String>,
    /// Publication date from the page's metadata.
    pub published: Option<Date>,
    /// True when Readability found the article; false when the text is the whole page's.
    pub article_found: bool,
    /// What was done to the page so that its parse stays fast.
    pub taming: Taming,
}

/// Below this many characters, a Readability result is treated as "no article found".
const MIN_ARTICLE_CHARS: usize = 200;

/// Elements nested deeper than this are flattened into their ancestor at this depth before the
/// page is parsed. Real pages nest a few dozen levels; Readability's scoring grows with the cube
/// of the depth (400 levels: 0.3 s, 800: 1.8 s, 3,000: 90 s), so a page built to be deep would
/// otherwise hold a comparison for hours.
pub const MAX_DEPTH: usize = 256;

/// At most this many attributes of one tag are kept; the rest are dropped before the page is
/// parsed. Real tags carry a few dozen (the most in the AEB benchmark's 181 pages: 125), and the
/// HTML parser checks each new attribute against the tag's others (12,500 attributes: 0.8 s;
/// 100,000: 43 s).
pub const MAX_ATTRIBUTES: usize = 256;

/// Above this estimate of Readability's work, the article extractor is not run and the page's
/// visible text goes to the furniture classifier instead (as when no article is found). The
/// estimate is depth² × text bytes (Readability's scoring walks each candidate's text once per
/// ancestor, for each ancestor): 1 s per 10⁹ here, measured on nested `<div>`s around 90 KB to
/// 3.6 MB of text; the deepest, wordiest page of the AEB benchmark scores 1.3 × 10⁸ (0.06 s).
pub const READABILITY_BUDGET: u64 = 1_000_000_000;

/// Above this many elements, too, the article extractor is skipped: its passes over the tree
/// cost about 8 µs an element (100,000 sibling paragraphs: 0.8 s), where the furniture
/// classifier reads the same text in a tenth of that. The AEB benchmark's largest page has
/// 1,737.
pub const READABILITY_MAX_ELEMENTS: usize = 50_000;

/// What was done to a page before it was parsed, so that no shape of markup makes the parse
/// slow: each is reported to the user as a warning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taming {
    /// How deep the page nested, when it was deeper than [`MAX_DEPTH`] and was flattened.
    pub flattened_from: Option<usize>,
    /// How many attributes beyond [`MAX_ATTRIBUTES`] per tag were dropped, in all.
    pub attributes_dropped: usize,
    /// Why the article extractor was not run, when it was not.
    pub readability_skipped: Option<String>,
}

impl Taming {
    /// One line per measure taken, for the user.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(depth) = self.flattened_from {
            out.push(format!(
                "elements nested {depth} levels deep; those below level {MAX_DEPTH} were read as part of the element above them"
            ));
        }
        if self.attributes_dropped > 0 {
            out.push(format!(
                "{} attributes beyond the first {MAX_ATTRIBUTES} of a tag were ignored",
                self.attributes_dropped
            ));
        }
        if let Some(why) = &self.readability_skipped {
            out.push(format!(
                "{why}: the article was not extracted; the page's visible text was read and sorted into body and furniture"
            ));
        }
        out
    }
}

/// Extracts the article from `html`.
pub fn extract(html: &str) -> Page {
    let (tamed, mut taming, shape) = tame(html);
    let cost = (shape.depth as u64)
        .saturating_mul(shape.depth as u64)
        .saturating_mul(shape.text_bytes as u64);
    taming.readability_skipped = if shape.elements > READABILITY_MAX_ELEMENTS {
        Some(format!("the page has {} elements", shape.elements))
    } else if cost > READABILITY_BUDGET {
        Some(format!(
            "the page nests {} levels deep around {} KB of text",
            shape.depth,
            shape.text_bytes / 1000
        ))
    } else {
        None
    };
    let page = if taming.readability_skipped.is_some() {
        visible_text(&tamed, None)
    } else {
        extract_tamed(&tamed)
    };
    Page { taming, ..page }
}

/// Readability on a page already tamed, or the visible-text fallback when it finds no article.
fn extract_tamed(html: &str) -> Page {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let article = Readability::new(html, None, Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    match article {
        Some(a) if a.text_content.trim().chars().count() >= MIN_ARTICLE_CHARS => Page {
            text: a.text_content.to_string(),
            title: clean(&a.title),
            published: a.published_time.as_deref().and_then(find_date_in_meta),
            article_found: true,
            taming: Taming::default(),
        },
        other => visible_text(html, other.as_ref()),
    }
}

/// The page's visible text (scripts, styles, navigation, headers, footers and asides removed),
/// with the title and date from Readability's metadata when it ran.
fn visible_text(html: &str, article: Option<&dom_smoothie::Article>) -> Page {
    let dom = Dom::from(html);
    let title = article
        .and_then(|a| clean(&a.title))
        .or_else(|| clean(&dom.select("title").text()));
    let published = article.and_then(|a| a.published_time.as_deref().and_then(find_date_in_meta));
    dom.select("script, style, noscript, template, nav, header, footer, aside, form, iframe, svg")
        .remove();
    Page {
        text: body_text(&dom),
        title,
        published,
        article_found: false,
        taming: Taming::default(),
    }
}

/// The formatted text of the page's `<body>`, or of the whole page when it has none.
fn body_text(dom: &Dom) -> String {
    let body = dom.select("body");
    if body.exists() {
        body.formatted_text().to_string()
    } else {
        dom.formatted_text().to_string()
    }
}

/// The page's visible text, line by line: the whole body with scripts, styles and templates
/// removed but navigation, headers, footers and asides kept — what a reader sees, for telling
/// what the article extraction left out.
pub fn visible_lines(html: &str) -> Vec<String> {
    let (html, _, _) = tame(html);
    let dom = Dom::from(html.as_ref());
    dom.select("script, style, noscript, template, svg, iframe")
        .remove();
    body_text(&dom)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Elements without content (never opened, so never closed).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out (a new `<p>` or `<li>` closes the open one): they do
/// not count towards the depth, so a page of unclosed paragraphs is not "deep".
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "colgroup",
    "caption", "thead", "tbody", "tfoot", "html", "head", "body",
];

/// Elements whose content is text up to their own end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// One tag of the page as [`tags`] finds it.
struct Tag {
    /// Byte range of the whole tag, `<` to `>`.
    start: usize,
    end: usize,
    /// Lower-case name; empty for comments, doctypes and processing instructions.
    name: String,
    closing: bool,
    self_closing: bool,
    /// How many attributes the tag has.
    attributes: usize,
    /// Where the attribute after the first [`MAX_ATTRIBUTES`] starts, when there is one.
    cut: Option<usize>,
}

/// The tags of `html` in order, skipping comments' and raw-text elements' contents: a linear
/// scan with no tree, so it costs the same however deep the nesting.
fn tags(html: &str) -> impl Iterator<Item = Tag> + '_ {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let lt = at + memchr(b'<', &bytes[at..])?;
        let rest = &html[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let close = comment.find("-->").map_or(html.len(), |i| lt + 4 + i + 3);
            at = close;
            return Some(Tag {
                start: lt,
                end: close,
                name: String::new(),
                closing: false,
                self_closing: true,
                attributes: 0,
                cut: None,
            });
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        let markup = rest.starts_with("<!") || rest.starts_with("<?");
        if name_len == 0 && !markup {
            at = lt + 1; // a lone "<" in text
            continue;
        }
        let (end, attributes, cut) = if markup {
            let end = memchr(b'>', &bytes[lt..]).map_or(html.len(), |i| lt + i + 1);
            (end, 0, None)
        } else {
            attributes_of(bytes, name_start + name_len)
        };
        at = end;
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // An end tag of a void or raw-text element closes nothing the count opened.
        let self_closing = markup
            || html[lt..end].ends_with("/>")
            || VOID.contains(&name.as_str())
            || (closing && RAW_TEXT.contains(&name.as_str()));
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            // Skip to the matching end tag: "<div>" inside a script is not an element.
            at = end_tag(html, at, &name);
            return Some(Tag {
                start: lt,
                end,
                name,
                closing,
                self_closing: true,
                attributes,
                cut,
            });
        }
        return Some(Tag {
            start: lt,
            end,
            name: if markup { String::new() } else { name },
            closing,
            self_closing,
            attributes,
            cut,
        });
    })
}

/// Reads a tag's attributes from `from` (just after its name) as the HTML tokenizer does: a
/// value is quoted only right after `=`, so a `>` inside quotes does not end the tag. Returns
/// where the tag ends (after its `>`, or the end of the input), how many attributes it has, and
/// where the attribute after the first [`MAX_ATTRIBUTES`] starts.
fn attributes_of(bytes: &[u8], from: usize) -> (usize, usize, Option<usize>) {
    let (mut at, mut count, mut cut) = (from, 0usize, None);
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    loop {
        while at < bytes.len() && (space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return (bytes.len(), count, cut),
            Some(b'>') => return (at + 1, count, cut),
            Some(_) => {}
        }
        // a name: up to space, `/`, `>` or `=` (a leading `=` belongs to the name)
        if count == MAX_ATTRIBUTES {
            cut = Some(at);
        }
        count += 1;
        at += 1;
        while at < bytes.len() && !space(bytes[at]) && !matches!(bytes[at], b'/' | b'>' | b'=') {
            at += 1;
        }
        let mut after = at;
        while after < bytes.len() && space(bytes[after]) {
            after += 1;
        }
        if bytes.get(after) != Some(&b'=') {
            continue;
        }
        at = after + 1;
        while at < bytes.len() && space(bytes[at]) {
            at += 1;
        }
        match bytes.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                at = memchr(q, &bytes[at + 1..]).map_or(bytes.len(), |i| at + 1 + i + 1);
            }
            _ => {
                while at < bytes.len() && !space(bytes[at]) && bytes[at] != b'>' {
                    at += 1;
                }
            }
        }
    }
}

/// Where the end tag `</name` (any case) starts at or after `from`, or the end of `html`.
fn end_tag(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(i) = memchr(b'<', &bytes[at..]) {
        let lt = at + i;
        let after = lt + 2;
        if bytes.get(lt + 1) == Some(&b'/')
            && bytes
                .get(after..after + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return lt;
        }
        at = lt + 1;
    }
    html.len()
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

/// How deep the page's elements nest, counting the tags as written.
pub fn depth(html: &str) -> usize {
    measure(html).depth
}

/// `html` made safe to parse in linear time, and what was done: every tag below [`MAX_DEPTH`]
/// removed (its text kept, a space in its place so words stay apart) and every attribute beyond
/// the first [`MAX_ATTRIBUTES`] of a tag dropped. Borrowed when the page needed neither.
pub fn tame(html: &str) -> (std::borrow::Cow<'_, str>, Taming, Shape) {
    let shape = measure(html);
    let max = shape.depth;
    let mut taming = Taming::default();
    if max <= MAX_DEPTH && !shape.attributes_cut {
        return (std::borrow::Cow::Borrowed(html), taming, shape);
    }
    if max > MAX_DEPTH {
        taming.flattened_from = Some(max);
    }
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut copied) = (0usize, 0usize);
    for t in tags(html) {
        let counted = !t.self_closing && !OPTIONAL_END.contains(&t.name.as_str());
        let deep = counted
            && if t.closing {
                let deep = depth > MAX_DEPTH;
                depth = depth.saturating_sub(1);
                deep
            } else {
                depth += 1;
                depth > MAX_DEPTH
            };
        if let Some(cut) = t.cut {
            taming.attributes_dropped += t.attributes - MAX_ATTRIBUTES;
            if !deep {
                // the tag up to its last kept attribute, closed as it was written
                out.push_str(html[copied..cut].trim_end());
                out.push_str(if html[t.start..t.end].ends_with("/>") {
                    "/>"
                } else {
                    ">"
                });
                copied = t.end;
            }
        }
        if deep {
            out.push_str(&html[copied..t.start]);
            // one space keeps words apart; a run of them would be text that every ancestor's
            // scoring walks again
            if !out.ends_with(|c: char| c.is_ascii_whitespace()) {
                out.push(' ');
            }
            copied = t.end;
        }
    }
    out.push_str(&html[copied..]);
    let shape = measure(&out);
    (std::borrow::Cow::Owned(out), taming, shape)
}

/// What the parse of a page will cost: how deep it nests, how many elements it has, and how
/// many bytes of text lie outside its tags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// The deepest nesting, counting the tags as written (as [`depth`]).
    pub depth: usize,
    /// Start tags, void and self-closing ones included.
    pub elements: usize,
    /// Bytes between tags (raw-text elements such as scripts count as markup).
    pub text_bytes: usize,
    /// Whether some tag has more than [`MAX_ATTRIBUTES`] attributes.
    pub attributes_cut: bool,
}

/// Measures `html`'s [`Shape`] in one linear scan.
pub fn measure(html: &str) -> Shape {
    let mut shape = Shape::default();
    let (mut depth, mut after) = (0usize, 0usize);
    for t in tags(html) {
        shape.text_bytes += t.start.saturating_sub(after);
        shape.attributes_cut |= t.cut.is_some();
        after = t.end;
        if !t.closing && !t.name.is_empty() {
            shape.elements += 1;
        }
        if t.self_closing || OPTIONAL_END.contains(&t.name.as_str()) {
            continue;
        }
        if t.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            shape.depth = shape.depth.max(depth);
        }
    }
    shape.text_bytes += html.len().saturating_sub(after);
    shape
}

fn clean(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><title>Kaspersky Teams Up With Interpol | Site</title>
<meta property="article:published_time" content="2017-10-13T09:09:00+03:00"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Kaspersky Teams Up With Interpol</h1>
<p>Russian cybersecurity firm Kaspersky Lab has expanded its relationship with global law enforcement agency Interpol, signing an agreement to share data to help fight cyber crime.</p>
<p>The announcement comes as Kaspersky faces intense scrutiny after the U.S. federal government banned the use of its products in September amid concerns of Russian hacking.</p>
<p>The Kremlin also dismissed the allegations, with presidential spokesman Dmitry Peskov calling it "absurd."</p>
</article><footer>All rights reserved.</footer><script>alert(1)</script></body></html>"#;

    #[test]
    fn article_title_and_date() {
        let page = extract(PAGE);
        assert!(page.article_found);
        assert!(page.text.contains("Russian cybersecurity firm"));
        assert!(!page.text.contains("alert(1)"));
        assert!(!page.text.contains("All rights reserved"));
        assert_eq!(page.published, Date::new(2017, 10, 13));
        assert!(page
            .title
            .unwrap()
            .contains("Kaspersky Teams Up With Interpol"));
    }

    #[test]
    fn deep_nesting_is_flattened_in_linear_time_and_keeps_the_text() {
        let n = 100_000;
        let page = format!(
            "<html><body>{}<p>Deep text about Kaspersky.</p><script>var s = '<div>';</script>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        assert_eq!(depth(&page), n); // html, head and body have optional end tags
        let (flat, taming, _) = tame(&page);
        assert_eq!(taming.flattened_from, Some(n));
        assert_eq!(depth(&flat), MAX_DEPTH);
        assert!(flat.contains("<p>Deep text about Kaspersky.</p>"));
        let read = extract(&page);
        assert_eq!(read.text.trim(), "Deep text about Kaspersky.");
        assert_eq!(read.taming.flattened_from, Some(n));
        // the removed tags leave one space, not one each
        assert!(flat.len() < page.len() / 10, "{}", flat.len());
        // Unclosed paragraphs, comments, void and self-closing tags do not count.
        let flat_page = "<p>a<p>b<br><img src=x/><!-- <div> --><hr/>".repeat(1000);
        assert_eq!(depth(&flat_page), 0);
        // A script's end tag closes the script, not the element around it.
        let scripts = "<div><script>if (a <b) {}</script></br><span>x</span>".repeat(3);
        assert_eq!(depth(&scripts), 4); // three open divs and a span
        assert!(matches!(tame(&flat_page).0, std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_beyond_the_cap_are_dropped_and_quoted_brackets_do_not_end_a_tag() {
        let many: String = (0..1000).map(|i| format!(" a{i}=\"v>{i}\"")).collect();
        let page =
            format!("<html><body><p{many}>Text of the paragraph.</p><img{many}/></body></html>");
        let (tamed, taming, _) = tame(&page);
        assert_eq!(taming.attributes_dropped, 2 * (1000 - MAX_ATTRIBUTES));
        assert!(tamed.contains(&format!(
            " a{}=\"v>{}\">Text",
            MAX_ATTRIBUTES - 1,
            MAX_ATTRIBUTES - 1
        )));
        assert!(!tamed.contains(&format!(" a{}=", MAX_ATTRIBUTES)));
        assert!(
            tamed.ends_with("\"/></body></html>"),
            "{}",
            &tamed[tamed.len() - 40..]
        );
        assert_eq!(extract(&page).text.trim(), "Text of the paragraph.");
        // unquoted, single-quoted, valueless and spaced attributes count one each
        let (end, count, cut) = attributes_of(b"<p a=1 b='x y' c d = \"e\">rest", 2);
        assert_eq!((end, count, cut), (25, 4, None));
        // an unclosed quote runs to the end of the input
        assert_eq!(attributes_of(b"<p a=\"never closed>", 2).0, 19);
    }

    #[test]
    fn pages_too_costly_for_readability_are_read_as_visible_text() {
        let words =
            "The minister said talks would resume on Monday in the capital. ".repeat(20_000);
        let page = format!(
            "<html><body>{}{words}{}</body></html>",
            "<div>".repeat(200),
            "</div>".repeat(200)
        );
        let shape = measure(&page);
        assert_eq!(shape.depth, 200);
        assert_eq!(shape.elements, 202);
        let read = extract(&page);
        assert!(!read.article_found);
        assert!(read.taming.readability_skipped.is_some());
        assert!(read.text.contains("resume on Monday"));
        let siblings = "<p>One more paragraph.</p>".repeat(READABILITY_MAX_ELEMENTS + 1);
        let read = extract(&format!("<html><body>{siblings}</body></html>"));
        assert!(read
            .taming
            .readability_skipped
            .unwrap()
            .contains("elements"));
    }

    #[test]
    fn fallback_without_article() {
        let page = extract(
            "<html><body><nav>Menu</nav><p>Short note.</p><script>x()</script></body></html>",
        );
        assert!(!page.article_found);
        assert_eq!(page.text.trim(), "Short note.");
    }
}
