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
    /// How deep the page nested when it was deeper than [`MAX_DEPTH`] and was flattened.
    pub flattened_from: Option<usize>,
}

/// Below this many characters, a Readability result is treated as "no article found".
const MIN_ARTICLE_CHARS: usize = 200;

/// Elements nested deeper than this are flattened into their ancestor at this depth before the
/// page is parsed. Real pages nest a few dozen levels; Readability's scoring grows with the cube
/// of the depth (400 levels: 0.3 s, 800: 1.8 s, 3,000: 90 s), so a page built to be deep would
/// otherwise hold a comparison for hours.
pub const MAX_DEPTH: usize = 256;

/// Extracts the article from `html`.
pub fn extract(html: &str) -> Page {
    match flatten_deep(html) {
        Some((flat, depth)) => Page {
            flattened_from: Some(depth),
            ..extract_within_depth(&flat)
        },
        None => extract_within_depth(html),
    }
}

fn extract_within_depth(html: &str) -> Page {
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
            flattened_from: None,
        },
        other => {
            let dom = Dom::from(html);
            let title = other
                .as_ref()
                .and_then(|a| clean(&a.title))
                .or_else(|| clean(&dom.select("title").text()));
            let published = other
                .as_ref()
                .and_then(|a| a.published_time.as_deref().and_then(find_date_in_meta));
            dom.select(
                "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg",
            )
            .remove();
            let body = dom.select("body");
            let text = if body.exists() {
                body.formatted_text()
            } else {
                dom.formatted_text()
            };
            Page {
                text: text.to_string(),
                title,
                published,
                article_found: false,
                flattened_from: None,
            }
        }
    }
}

/// The page's visible text, line by line: the whole body with scripts, styles and templates
/// removed but navigation, headers, footers and asides kept — what a reader sees, for telling
/// what the article extraction left out.
pub fn visible_lines(html: &str) -> Vec<String> {
    let dom = Dom::from(html);
    dom.select("script, style, noscript, template, svg, iframe")
        .remove();
    let body = dom.select("body");
    let text = if body.exists() {
        body.formatted_text()
    } else {
        dom.formatted_text()
    };
    text.lines()
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
        let end = memchr(b'>', &bytes[lt..]).map_or(html.len(), |i| lt + i + 1);
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
            });
        }
        return Some(Tag {
            start: lt,
            end,
            name: if markup { String::new() } else { name },
            closing,
            self_closing,
        });
    })
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
    let (mut depth, mut max) = (0usize, 0usize);
    for t in tags(html) {
        if t.self_closing || OPTIONAL_END.contains(&t.name.as_str()) {
            continue;
        }
        if t.closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// `html` with every tag below [`MAX_DEPTH`] removed (its text kept, a space in its place so
/// words stay apart) and the depth it had, or `None` when the page is not that deep.
pub fn flatten_deep(html: &str) -> Option<(String, usize)> {
    let max = depth(html);
    if max <= MAX_DEPTH {
        return None;
    }
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut copied) = (0usize, 0usize);
    for t in tags(html) {
        if t.self_closing || OPTIONAL_END.contains(&t.name.as_str()) {
            continue;
        }
        let deep = if t.closing {
            let deep = depth > MAX_DEPTH;
            depth = depth.saturating_sub(1);
            deep
        } else {
            depth += 1;
            depth > MAX_DEPTH
        };
        if deep {
            out.push_str(&html[copied..t.start]);
            out.push(' ');
            copied = t.end;
        }
    }
    out.push_str(&html[copied..]);
    Some((out, max))
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
        let (flat, was) = flatten_deep(&page).unwrap();
        assert_eq!(was, n);
        assert_eq!(depth(&flat), MAX_DEPTH);
        assert!(flat.contains("<p>Deep text about Kaspersky.</p>"));
        let read = extract(&page);
        assert_eq!(read.text.trim(), "Deep text about Kaspersky.");
        assert_eq!(read.flattened_from, Some(n));
        // Unclosed paragraphs, comments, void and self-closing tags do not count.
        let flat_page = "<p>a<p>b<br><img src=x/><!-- <div> --><hr/>".repeat(1000);
        assert_eq!(depth(&flat_page), 0);
        // A script's end tag closes the script, not the element around it.
        let scripts = "<div><script>if (a <b) {}</script></br><span>x</span>".repeat(3);
        assert_eq!(depth(&scripts), 4); // three open divs and a span
        assert!(flatten_deep(&flat_page).is_none());
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
