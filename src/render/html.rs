//! `--format html`: one self-contained page for editors. Inline CSS and a little JS, nothing
//! fetched: a Content-Security-Policy allows only this page's own style and script (by hash) and
//! no network at all. Layout: the outlets, the conflicts, then one table with a column per outlet
//! and a row per shared fact or exclusive passage (rows from [`super::rows`]), the quotes with cut
//! and changed words marked, and who each outlet names. A click on (or Enter in) a cell shows
//! the sentences in their original paragraph.
//!
//! Every piece of input text goes through [`escape`]: control characters and bidi overrides are
//! shown as visible escapes and `& < > " '` become entities, so no byte of a report can become
//! markup. Light and dark follow the system, with a button to switch; differences are marked by
//! underline and strike-through as well as colour.

use super::rows::{rows, Cell, RowKind};
use super::safe::terminal_line;
use crate::report::{DiffOp, DiffSegment, DocumentReport, QuoteReport, Report};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The page's style sheet. Its hash is in [`STYLE_HASH`]; a test keeps the two in step.
pub const STYLE: &str = include_str!("html/style.css");
/// The page's script. Its hash is in [`SCRIPT_HASH`]; a test keeps the two in step.
pub const SCRIPT: &str = include_str!("html/script.js");
/// `sha256-…` of [`STYLE`], for the Content-Security-Policy.
pub const STYLE_HASH: &str = "sha256-RsbwNwMmMVIuJFfUgfe05X/QEvshScsYveB6k8NOikA=";
/// `sha256-…` of [`SCRIPT`], for the Content-Security-Policy.
pub const SCRIPT_HASH: &str = "sha256-xeM/7hRejcr/Hbh4rcMmcgLBcayaP6XWlPPYjUvYXfk=";

/// Number of outlet tints in the style sheet (`.o0` … `.o7`); more outlets reuse them.
const TINTS: usize = 8;

/// Escapes input text for HTML text and attribute values, on one line.
pub fn escape(s: &str) -> String {
    let line = terminal_line(s);
    let mut out = String::with_capacity(line.len() + 16);
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes the HTML page of a comparison (or of `inspect`: then only the outlets and quotes).
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut h = Sink {
        buf: String::with_capacity(2 * Sink::FLUSH_AT),
        out,
        err: None,
    };
    let done = page(report, &mut h);
    h.flush();
    match (h.err, done) {
        (Some(e), _) => Err(e),
        (None, Ok(())) => Ok(()),
        (None, Err(_)) => Err(io::Error::other("formatting the page failed")),
    }
}

/// Where the page is written: a buffer passed on to the output whenever it holds
/// [`Sink::FLUSH_AT`] bytes, so that a page of 100,000 paragraphs is never held whole in memory.
/// The first write error is kept (and later writes dropped) for [`render`] to return.
struct Sink<'a> {
    buf: String,
    out: &'a mut dyn Write,
    err: Option<io::Error>,
}

impl Sink<'_> {
    const FLUSH_AT: usize = 64 * 1024;

    fn push_str(&mut self, s: &str) {
        self.buf.push_str(s);
        if self.buf.len() >= Self::FLUSH_AT {
            self.flush();
        }
    }

    fn push(&mut self, c: char) {
        self.buf.push(c);
    }

    fn flush(&mut self) {
        if self.err.is_none() {
            if let Err(e) = self.out.write_all(self.buf.as_bytes()) {
                self.err = Some(e);
            }
        }
        self.buf.clear();
    }
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.push_str(s);
        if self.err.is_some() {
            return Err(std::fmt::Error);
        }
        Ok(())
    }
}

fn page(report: &Report, h: &mut Sink<'_>) -> std::fmt::Result {
    let title = format!(
        "Parallax: {}",
        report
            .documents
            .iter()
            .map(|d| escape(&d.label))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src '{STYLE_HASH}'; script-src '{SCRIPT_HASH}'; img-src 'none'; connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"generator\" content=\"Parallax {}\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        h,
        "<header><h1>{}</h1>\
         <button type=\"button\" id=\"theme\" aria-label=\"Switch between light and dark\">Light / dark</button></header>",
        super::heading(report)
    )?;
    h.push_str("<nav aria-label=\"Sections\"><a href=\"#outlets\">Outlets</a>");
    if report.conflicts.as_ref().is_some_and(|c| !c.is_empty()) {
        h.push_str(" <a href=\"#conflicts\">Conflicts</a>");
    }
    if report.groups.is_some() {
        h.push_str(" <a href=\"#side-by-side\">Side by side</a>");
    }
    if report.documents.iter().any(|d| !d.quotes.is_empty()) {
        h.push_str(" <a href=\"#quotes\">Quotes</a>");
    }
    if report.entities.as_ref().is_some_and(|e| !e.is_empty()) {
        h.push_str(" <a href=\"#named\">Who is named</a>");
    }
    h.push_str("</nav>\n<main>\n");
    outlets(report, h)?;
    conflicts(report, h)?;
    if report.groups.is_some() {
        side_by_side(report, h)?;
    }
    quotes(report, h)?;
    named(report, h)?;
    sources(report, h)?;
    h.push_str("</main>\n");
    h.push_str(
        "<dialog id=\"context\" aria-labelledby=\"context-title\"><h2 id=\"context-title\">In its paragraph</h2>\
         <div id=\"context-body\"></div><button type=\"button\" id=\"context-close\">Close</button></dialog>\n",
    );
    write!(
        h,
        "<footer>Made by Parallax {} · differences are underlined (the first outlet's words another \
         words differently) or bold-underlined (words that differ from the first outlet); in quotes, \
         struck words were cut and underlined words changed. Click a passage, or press Enter on it, \
         to see it in its paragraph.</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    )
}

/// The tint class of document `i`.
fn tint(i: usize) -> String {
    format!("o{}", i % TINTS)
}

fn outlets(report: &Report, h: &mut Sink<'_>) -> std::fmt::Result {
    h.push_str("<section id=\"outlets\"><h2>Outlets</h2><table class=\"outlets\"><thead><tr><th scope=\"col\">Outlet</th><th scope=\"col\">Title</th><th scope=\"col\">Date</th><th scope=\"col\">Sentences</th>");
    let cov = report.coverage.as_ref();
    if cov.is_some() {
        h.push_str("<th scope=\"col\">Shared</th><th scope=\"col\">Only here</th><th scope=\"col\">Left out</th>");
    }
    h.push_str("</tr></thead><tbody>\n");
    for (i, d) in report.documents.iter().enumerate() {
        write!(
            h,
            "<tr><th scope=\"row\" class=\"{}\"><span class=\"id\">{}</span> {}<br><small>{}</small></th><td>{}</td><td>{}</td><td>{}</td>",
            tint(i),
            escape(&d.id),
            escape(&d.label),
            escape(&d.source),
            d.title.as_deref().map_or_else(|| "—".to_string(), escape),
            d.published.map_or_else(|| "—".to_string(), |p| p.to_string()),
            d.counts.body_sentences
        )?;
        if let Some(c) = cov.and_then(|c| c.get(&d.id)) {
            write!(
                h,
                "<td>{}</td><td>{}</td><td>{}</td>",
                c.shared, c.only, c.missing
            )?;
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>");
    for line in super::different_stories(report) {
        write!(h, "<p class=\"notice\" role=\"note\">{}</p>", escape(&line))?;
    }
    let verdict = super::verdict_lines(report);
    if !verdict.is_empty() {
        h.push_str("<div id=\"verdict\"><h2>Verdict</h2><ul>");
        for line in verdict {
            write!(h, "<li>{}</li>", escape(&line))?;
        }
        h.push_str("</ul></div>");
    }
    h.push_str("</section>\n");
    Ok(())
}

fn conflicts(report: &Report, h: &mut Sink<'_>) -> std::fmt::Result {
    let Some(cs) = report.conflicts.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(());
    };
    writeln!(
        h,
        "<section id=\"conflicts\"><h2>Conflicts <small>{} where the outlets disagree</small></h2><ul class=\"conflicts\">",
        cs.len()
    )?;
    let index = super::sentence_index(report);
    for c in cs {
        let at = c
            .group
            .as_deref()
            .map(|g| format!(" <a href=\"#row-{0}\">{0}</a>", escape(g)))
            .unwrap_or_default();
        // each side's value in a few words of its sentence
        let mut sides = String::new();
        for side in &c.sides {
            if let Some((before, value, after)) = super::side_context(&index, side) {
                let _ = write!(
                    sides,
                    "<br><b>{}</b> {}<strong>{}</strong>{}",
                    escape(&side.doc),
                    escape(&before),
                    escape(value),
                    escape(&after)
                );
            }
        }
        writeln!(
            h,
            "<li><span class=\"badge\">{}</span>{at} <span class=\"members\">{}</span><br>{}{sides}</li>",
            c.kind.as_str(),
            escape(&c.members.join(" · ")),
            escape(&c.detail)
        )?;
    }
    h.push_str("</ul></section>\n");
    Ok(())
}

fn side_by_side(report: &Report, h: &mut Sink<'_>) -> std::fmt::Result {
    let groups = report.groups.as_deref().unwrap_or(&[]);
    write!(
        h,
        "<section id=\"side-by-side\"><h2>Side by side <small>{} shared facts; rows follow the outlets' order</small></h2>\
         <div class=\"scroll\"><table class=\"sbs\"><caption>One column per outlet; an empty, hatched cell: the outlet does not carry it.</caption><thead><tr><th scope=\"col\" class=\"tag\">Fact</th>",
        groups.len()
    )?;
    for (i, d) in report.documents.iter().enumerate() {
        write!(
            h,
            "<th scope=\"col\" class=\"outlet {}\" data-doc=\"{}\"><span class=\"id\">{}</span> {}</th>",
            tint(i),
            escape(&d.id),
            escape(&d.id),
            escape(&d.label)
        )?;
    }
    h.push_str("</tr></thead><tbody>\n");
    for row in rows(report) {
        match row.kind {
            RowKind::Group(g) => {
                let g = &groups[g];
                write!(
                    h,
                    "<tr id=\"row-{0}\" class=\"fact {1}\"><th scope=\"row\" class=\"tag\">{0} <span class=\"rel\">{1}</span> <small>{2:.2}</small></th>",
                    escape(&g.id),
                    g.relation.as_str(),
                    g.score
                )?;
            }
            RowKind::Only(d) => {
                write!(
                    h,
                    "<tr class=\"only\"><th scope=\"row\" class=\"tag\">only {}</th>",
                    escape(&report.documents[d].id)
                )?;
            }
        }
        for (i, (cell, d)) in row.cells.iter().zip(&report.documents).enumerate() {
            match cell {
                Some(c) => cell_html(h, c, i, d, row.kind)?,
                None => h.push_str("<td class=\"gap\"></td>"),
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div></section>\n");
    Ok(())
}

/// One outlet's cell: its text with the differing words marked, clickable to show its paragraph.
fn cell_html(
    h: &mut Sink<'_>,
    c: &Cell,
    i: usize,
    d: &DocumentReport,
    kind: RowKind,
) -> std::fmt::Result {
    let class = match kind {
        RowKind::Only(_) => format!("cell excl {}", tint(i)),
        RowKind::Group(_) => format!("cell {}", tint(i)),
    };
    write!(
        h,
        "<td class=\"{class}\" tabindex=\"0\" role=\"button\" aria-haspopup=\"dialog\" data-label=\"{}\" data-sents=\"{}\" title=\"{}\">",
        escape(&d.label),
        escape(&c.sentences.join(" ")),
        escape(c.paragraph)
    )?;
    let mark = if c.pivot { "old" } else { "new" };
    let mut at = 0;
    for &(s, e) in &c.marks {
        h.push_str(&escape_keep_space(&c.text[at..s]));
        write!(
            h,
            "<mark class=\"{mark}\">{}</mark>",
            escape_keep_space(&c.text[s..e])
        )?;
        at = e;
    }
    h.push_str(&escape_keep_space(&c.text[at..]));
    h.push_str("</td>");
    Ok(())
}

/// [`escape`] that keeps a leading or trailing space (pieces of one line are joined as they are).
fn escape_keep_space(s: &str) -> String {
    let lead = if s.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if s.ends_with(char::is_whitespace) && !s.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{lead}{}{trail}", escape(s))
}

fn quotes(report: &Report, h: &mut Sink<'_>) -> std::fmt::Result {
    let index = super::QuoteIndex::new(report);
    let all = &index.by_id;
    if all.is_empty() {
        return Ok(());
    }
    let matches = report.quote_matches.as_deref().unwrap_or(&[]);
    writeln!(
        h,
        "<section id=\"quotes\"><h2>Quotes <small>{} quotes, {} matched across outlets</small></h2>",
        all.len(),
        matches.len()
    )?;
    let speaker = |q: &QuoteReport| escape(q.speaker.as_deref().unwrap_or("unattributed"));
    if !matches.is_empty() {
        h.push_str("<table class=\"quotes\"><thead><tr><th scope=\"col\">How</th><th scope=\"col\">First</th><th scope=\"col\">Second <small>(struck: cut · underlined: changed or added)</small></th></tr></thead><tbody>\n");
        for m in matches {
            let (Some((a, ai)), Some((b, bi))) =
                (all.get(m.quotes[0].as_str()), all.get(m.quotes[1].as_str()))
            else {
                continue;
            };
            let second = if m.ops.is_empty() {
                escape(&b.text)
            } else {
                diff_html(&m.ops)
            };
            writeln!(
                h,
                "<tr><th scope=\"row\"><span class=\"badge\">{}</span>{}</th>\
                 <td class=\"{}\" tabindex=\"0\" role=\"button\" aria-haspopup=\"dialog\" data-label=\"{}\" data-sents=\"{}\"><span class=\"who\">{} · {}</span><q>{}</q></td>\
                 <td class=\"{}\" tabindex=\"0\" role=\"button\" aria-haspopup=\"dialog\" data-label=\"{}\" data-sents=\"{}\"><span class=\"who\">{} · {}</span><q>{}</q></td></tr>",
                m.relation.as_str(),
                if m.speakers_differ {
                    " <small class=\"differ\">given to different speakers</small>"
                } else {
                    ""
                },
                tint(*ai),
                escape(&report.documents[*ai].label),
                escape(&a.sentence),
                escape(&report.documents[*ai].id),
                speaker(a),
                escape(&a.text),
                tint(*bi),
                escape(&report.documents[*bi].label),
                escape(&b.sentence),
                escape(&report.documents[*bi].id),
                speaker(b),
                second
            )?;
        }
        h.push_str("</tbody></table>\n");
    }
    for (i, (d, alone)) in report.documents.iter().zip(&index.alone).enumerate() {
        if alone.is_empty() {
            continue;
        }
        writeln!(
            h,
            "<h3 class=\"{}\">Quotes only in {} {}</h3><ul class=\"alone\">",
            tint(i),
            escape(&d.id),
            escape(&d.label)
        )?;
        for q in alone {
            writeln!(
                h,
                "<li class=\"{}\" tabindex=\"0\" role=\"button\" aria-haspopup=\"dialog\" data-label=\"{}\" data-sents=\"{}\"><span class=\"who\">{}</span> <q>{}</q></li>",
                tint(i),
                escape(&d.label),
                escape(&q.sentence),
                speaker(q),
                escape(&q.text)
            )?;
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
    Ok(())
}

/// A quote's word diff: cut words struck (`<del>`), changed or added words underlined (`<ins>`).
fn diff_html(ops: &[DiffSegment]) -> String {
    ops.iter()
        .map(|s| match s.op {
            DiffOp::Equal => escape(&s.text),
            DiffOp::Delete => format!("<del>{}</del>", escape(&s.text)),
            DiffOp::Insert => format!("<ins>{}</ins>", escape(&s.text)),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn named(report: &Report, h: &mut Sink<'_>) -> std::fmt::Result {
    const SHOWN: usize = 40;
    let Some(list) = report.entities.as_deref().filter(|l| !l.is_empty()) else {
        return Ok(());
    };
    write!(
        h,
        "<section id=\"named\"><h2>Who is named <small>{}</small></h2>\
         <div class=\"scroll\"><table class=\"named\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Kind</th>",
        super::named_summary(list.len(), SHOWN)
    )?;
    for (i, d) in report.documents.iter().enumerate() {
        write!(
            h,
            "<th scope=\"col\" class=\"{}\" title=\"{}\">{}</th>",
            tint(i),
            escape(&d.label),
            escape(&d.id)
        )?;
    }
    h.push_str("</tr></thead><tbody>\n");
    for e in list.iter().take(SHOWN) {
        write!(
            h,
            "<tr><th scope=\"row\">{}</th><td>{}</td>",
            escape(&e.name),
            e.kind.as_str()
        )?;
        for d in &report.documents {
            match e.mentions.get(&d.id).copied().unwrap_or(0) {
                0 => h.push_str("<td class=\"none\"><span aria-hidden=\"true\">·</span><span class=\"sr\">none</span></td>"),
                k => write!(h, "<td>{k}</td>")?,
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div></section>\n");
    Ok(())
}

/// Every body paragraph, hidden: the script shows a cell's sentences in their paragraph.
fn sources(report: &Report, h: &mut Sink<'_>) -> std::fmt::Result {
    h.push_str("<div id=\"sources\" hidden>\n");
    for d in &report.documents {
        for p in d
            .paragraphs
            .iter()
            .filter(|p| p.kind == crate::report::BlockKind::Body)
        {
            write!(h, "<p id=\"src-{}\">", escape(&p.id))?;
            for (k, s) in p.sentences.iter().enumerate() {
                if k > 0 {
                    h.push(' ');
                }
                write!(
                    h,
                    "<span id=\"src-{}\">{}</span>",
                    escape(&s.id),
                    escape(&s.text)
                )?;
            }
            h.push_str("</p>\n");
        }
    }
    h.push_str("</div>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csp_hash(s: &str) -> String {
        use base64::Engine as _;
        use sha2::Digest as _;
        format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(s.as_bytes()))
        )
    }

    #[test]
    fn policy_hashes_match_the_style_and_script() {
        // Chromium refuses a style or script whose hash is not in the policy; this catches an
        // edit to style.css or script.js without a new hash before the browser test does.
        assert_eq!(STYLE_HASH, csp_hash(STYLE), "update STYLE_HASH");
        assert_eq!(SCRIPT_HASH, csp_hash(SCRIPT), "update SCRIPT_HASH");
    }

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(escape("a\u{202e}b\u{1b}[2J"), "a\\u{202e}b\\x1b[2J");
    }
}
