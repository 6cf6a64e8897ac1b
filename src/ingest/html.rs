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
}

/// Below this many characters, a Readability result is treated as "no article found".
const MIN_ARTICLE_CHARS: usize = 200;

/// Extracts the article from `html`.
pub fn extract(html: &str) -> Page {
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
            }
        }
    }
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
    fn fallback_without_article() {
        let page = extract(
            "<html><body><nav>Menu</nav><p>Short note.</p><script>x()</script></body></html>",
        );
        assert!(!page.article_found);
        assert_eq!(page.text.trim(), "Short note.");
    }
}
