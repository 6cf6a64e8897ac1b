//! Invariants of the whole pipeline, shared by the property tests (`tests/props.rs`), the
//! replay of the fuzzers' regression corpus (`tests/fuzz_replay.rs`) and the fuzz targets
//! themselves (`fuzz/fuzz_targets/*.rs`, which include this file by path). Each check returns
//! what is wrong instead of panicking, so every caller reports failures its own way.
#![allow(dead_code)] // each includer uses its own share of the checks

use parallax::document::{BlockKind, Document};
use parallax::extract::Extraction;
use parallax::report::Report;
use parallax::text::Span;
use std::collections::BTreeMap;

/// Fails with `msg` unless `cond`.
fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if cond {
        Ok(())
    } else {
        Err(msg())
    }
}

fn span_ok(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

/// Paragraphs, sentences and tokens: in bounds, on char boundaries, ordered, disjoint, nested,
/// and every non-space character of a paragraph inside one of its sentences.
pub fn document(doc: &Document) -> Result<(), String> {
    let text = &doc.text;
    let mut last_end = 0;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        ensure(span_ok(text, p.span), || {
            format!("paragraph {pi} span {:?}", p.span)
        })?;
        ensure(p.span.start >= last_end, || {
            format!("paragraph {pi} overlaps the one before")
        })?;
        last_end = p.span.end;
        let mut s_end = p.span.start;
        for s in &p.sentences {
            ensure(span_ok(text, s.span), || {
                format!("sentence span {:?}", s.span)
            })?;
            ensure(s.span.start >= s_end && s.span.end <= p.span.end, || {
                format!(
                    "sentence {:?} outside paragraph {pi} or out of order",
                    s.span
                )
            })?;
            ensure(!s.span.slice(text).trim().is_empty(), || {
                "blank sentence".into()
            })?;
            s_end = s.span.end;
            let mut t_end = s.span.start;
            for (i, t) in s.tokens.iter().enumerate() {
                ensure(span_ok(text, t.span), || format!("token span {:?}", t.span))?;
                ensure(t.span.start >= t_end && t.span.end <= s.span.end, || {
                    format!("token {:?} outside its sentence or out of order", t.span)
                })?;
                ensure(!s.token_norm(i).is_empty(), || "empty token form".into())?;
                t_end = t.span.end;
            }
        }
        let non_space = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
        let covered: usize = p
            .sentences
            .iter()
            .map(|s| non_space(s.span.slice(text)))
            .sum();
        ensure(covered == non_space(p.span.slice(text)), || {
            format!("paragraph {pi}: text outside its sentences")
        })?;
    }
    Ok(())
}

/// Quotes and facts lie inside the document text, on char boundaries, in their paragraph.
pub fn extraction(doc: &Document, x: &Extraction) -> Result<(), String> {
    let text = &doc.text;
    for q in &x.quotes {
        ensure(span_ok(text, q.span), || format!("quote span {:?}", q.span))?;
        for part in &q.parts {
            ensure(span_ok(text, *part), || format!("quote part {part:?}"))?;
            ensure(part.start >= q.span.start && part.end <= q.span.end, || {
                format!("quote part {part:?} outside {:?}", q.span)
            })?;
        }
        if let Some(s) = q.speaker_span {
            ensure(span_ok(text, s), || format!("speaker span {s:?}"))?;
        }
        ensure(q.paragraph < doc.paragraphs.len(), || {
            "quote paragraph".into()
        })?;
    }
    for f in &x.facts {
        ensure(span_ok(text, f.span), || format!("fact span {:?}", f.span))?;
    }
    Ok(())
}

/// The body sentence ids of each document of a report, in order.
pub fn body_sentence_ids(r: &Report) -> BTreeMap<String, Vec<String>> {
    r.documents
        .iter()
        .map(|d| {
            let ids = d
                .paragraphs
                .iter()
                .filter(|p| p.kind == BlockKind::Body)
                .flat_map(|p| p.sentences.iter().map(|s| s.id.clone()))
                .collect();
            (d.id.clone(), ids)
        })
        .collect()
}

/// A comparison report is whole: offsets slice back to their text; every body sentence is in
/// exactly one place (one group, or its outlet's "only here" list) and nothing else is;
/// groups hold two or more reports; coverage counts agree with the lists; the JSON form parses
/// back to the same report.
pub fn report(r: &Report) -> Result<(), String> {
    for d in &r.documents {
        for p in &d.paragraphs {
            let slice = d.text.get(p.start..p.end);
            ensure(slice == Some(p.text.as_str()), || {
                format!("{}: offsets", p.id)
            })?;
            for s in &p.sentences {
                let slice = d.text.get(s.start..s.end);
                ensure(slice == Some(s.text.as_str()), || {
                    format!("{}: offsets", s.id)
                })?;
            }
        }
    }
    let body = body_sentence_ids(r);
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for g in r.groups.iter().flatten() {
        ensure(g.members.len() >= 2, || format!("{} has one report", g.id))?;
        for m in &g.members {
            for s in &m.sentences {
                *seen.entry(s.as_str()).or_default() += 1;
            }
        }
    }
    if let Some(cov) = &r.coverage {
        for (doc, c) in cov {
            for s in &c.only_sentences {
                *seen.entry(s.as_str()).or_default() += 1;
            }
            let ids = body.get(doc).map_or(0, Vec::len);
            ensure(c.body_sentences == ids, || format!("{doc}: body count"))?;
            ensure(c.shared + c.only == c.body_sentences, || {
                format!("{doc}: shared + only")
            })?;
            ensure(c.only == c.only_sentences.len(), || {
                format!("{doc}: only count")
            })?;
            ensure(c.missing == c.missing_groups.len(), || {
                format!("{doc}: missing count")
            })?;
        }
        for ids in body.values() {
            for id in ids {
                let n = seen.remove(id.as_str()).unwrap_or(0);
                ensure(n == 1, || format!("body sentence {id} is in {n} places"))?;
            }
        }
        ensure(seen.is_empty(), || {
            format!("not body sentences: {:?}", seen.keys())
        })?;
    }
    links(r)?;
    let json = serde_json::to_string(r).map_err(|e| e.to_string())?;
    let back: Report = serde_json::from_str(&json).map_err(|e| format!("JSON: {e}"))?;
    ensure(&back == r, || "JSON does not round-trip".into())
}

/// The links: each joins body sentences of two different reports, the earlier report first,
/// once; scores are in 0..=1; a sentence is shared (coverage) exactly when it has a link, and
/// in a group exactly when it is shared.
pub fn links(r: &Report) -> Result<(), String> {
    let Some(links) = &r.links else {
        return Ok(());
    };
    let body = body_sentence_ids(r);
    let doc_of: BTreeMap<&str, &str> = body
        .iter()
        .flat_map(|(d, ids)| ids.iter().map(move |s| (s.as_str(), d.as_str())))
        .collect();
    let order: BTreeMap<&str, usize> = r
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut pairs = std::collections::BTreeSet::new();
    let mut linked = std::collections::BTreeSet::new();
    for l in links {
        let [a, b] = &l.sentences;
        let (da, db) = match (doc_of.get(a.as_str()), doc_of.get(b.as_str())) {
            (Some(x), Some(y)) => (*x, *y),
            _ => return Err(format!("link {a}–{b}: not body sentences")),
        };
        ensure(da != db, || {
            format!("link {a}–{b} joins a report to itself")
        })?;
        ensure(order[da] < order[db], || {
            format!("link {a}–{b}: the earlier report comes first")
        })?;
        ensure((0.0..=1.0).contains(&l.score), || {
            format!("link {a}–{b}: score {}", l.score)
        })?;
        ensure(pairs.insert((a.clone(), b.clone())), || {
            format!("link {a}–{b} listed twice")
        })?;
        linked.insert(a.as_str());
        linked.insert(b.as_str());
    }
    let grouped: std::collections::BTreeSet<&str> = r
        .groups
        .iter()
        .flatten()
        .flat_map(|g| g.members.iter().flat_map(|m| m.sentences.iter()))
        .map(String::as_str)
        .collect();
    ensure(grouped == linked, || {
        "a sentence is in a group exactly when it has a link".into()
    })?;
    if let Some(cov) = &r.coverage {
        for (doc, c) in cov {
            let shared = body.get(doc).map_or(0, |ids| {
                ids.iter().filter(|s| linked.contains(s.as_str())).count()
            });
            ensure(c.shared == shared, || {
                format!("{doc}: shared is not the linked count")
            })?;
        }
    }
    Ok(())
}

/// Tags the HTML renderer writes itself; anything else in a page came from an input.
const OWN_TAGS: &[&str] = &[
    "!doctype", "a", "body", "br", "button", "caption", "del", "dialog", "div", "footer", "h1",
    "h2", "h3", "head", "header", "html", "ins", "li", "main", "mark", "meta", "nav", "p", "q",
    "script", "section", "small", "span", "style", "table", "tbody", "td", "th", "thead", "title",
    "tr", "ul",
];

/// Marker planted in the inputs of the HTML checks: no page may contain it unescaped.
pub const PLANTED_TAG: &str = "<zq";

/// No markup from the inputs in a rendered page: the planted tag never appears, and every tag
/// is one the renderer writes.
pub fn html_page(page: &str) -> Result<(), String> {
    let lower = page.to_ascii_lowercase();
    ensure(!lower.contains(PLANTED_TAG), || {
        "an input's markup reached the page".into()
    })?;
    let bytes = lower.as_bytes();
    let mut at = 0;
    while let Some(i) = lower[at..].find('<') {
        let lt = at + i;
        at = lt + 1;
        let rest = &bytes[lt + 1..];
        let start = usize::from(rest.first() == Some(&b'/'));
        let name: String = rest[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
            .map(|&b| b as char)
            .collect();
        if name.is_empty() {
            continue; // "<" in a script or style of the renderer's own, e.g. `a < b`
        }
        ensure(OWN_TAGS.contains(&name.as_str()), || {
            format!("tag <{name}> is not the renderer's")
        })?;
    }
    Ok(())
}

// --- The fuzz targets' bodies: bytes in, what is wrong out. The fuzzers call them, and
// `tests/fuzz_replay.rs` replays the regression corpus through them on stable Rust. ----------

use parallax::ingest::{self, Input, ReadOptions};
use parallax::InputFormat;

/// The format byte of a fuzz input: sniffed, text, Markdown or HTML.
fn format_of(b: u8) -> Option<InputFormat> {
    match b % 4 {
        0 => None,
        1 => Some(InputFormat::Text),
        2 => Some(InputFormat::Markdown),
        _ => Some(InputFormat::Html),
    }
}

/// One input read as `format` (sniffed when `None`); `None` when it is refused.
pub fn load(name: &str, bytes: &[u8], format: Option<InputFormat>) -> Option<Document> {
    let input = Input::Bytes {
        name: name.into(),
        bytes: bytes.to_vec(),
    };
    let opts = ReadOptions {
        format,
        ..ReadOptions::default()
    };
    // An error is a fine answer to bad bytes; a panic is not.
    ingest::load(&input, None, &opts).ok().map(|(doc, _)| doc)
}

/// Ingest: bytes (any encoding, any format) → a sound document, or an error.
pub fn fuzz_ingest(data: &[u8]) -> Result<(), String> {
    let Some((&f, bytes)) = data.split_first() else {
        return Ok(());
    };
    match load("fuzz", bytes, format_of(f)) {
        Some(doc) => document(&doc),
        None => Ok(()),
    }
}

/// Any bytes read as plain text (lossily), straight through segmentation.
pub fn text_document(data: &[u8]) -> Document {
    ingest::analyse(
        "fuzz".into(),
        "fuzz".into(),
        InputFormat::Text,
        parallax::document::Encoding::Utf8,
        String::from_utf8_lossy(data).into_owned(),
    )
}

/// The comparison of `docs` with the default settings.
pub fn compare(docs: &[Document]) -> Report {
    parallax::compare_documents(
        docs,
        &[],
        &parallax::align::Options::default(),
        &parallax::extract::Options::default(),
    )
}

/// Every sentence's text by its id, across the report's documents.
pub fn sentence_texts(r: &Report) -> std::collections::HashMap<&str, &str> {
    r.documents
        .iter()
        .flat_map(|d| &d.paragraphs)
        .flat_map(|p| &p.sentences)
        .map(|s| (s.id.as_str(), s.text.as_str()))
        .collect()
}

/// Segmentation: any text → paragraphs, sentences and tokens that cover it soundly.
pub fn fuzz_segment(data: &[u8]) -> Result<(), String> {
    let doc = text_document(data);
    document(&doc)
}

/// Quote and fact extraction on any text.
pub fn fuzz_quotes(data: &[u8]) -> Result<(), String> {
    let doc = text_document(data);
    let x = parallax::extract::extract(&doc, &parallax::extract::Options::default());
    extraction(&doc, &x)
}

/// Two reports from one input: split at the first 0xFF byte (never in UTF-8), else halved.
fn two_reports(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    }
}

/// The whole comparison of two fuzzed reports → a whole, consistent report.
pub fn fuzz_compare(data: &[u8]) -> Result<(), String> {
    fuzzed_comparison(data).map_or(Ok(()), |r| report(&r))
}

/// The comparison of the two reports in `data`: a format byte, then the reports split at the
/// first `0xFF`; none when either is not a report.
fn fuzzed_comparison(data: &[u8]) -> Option<Report> {
    let (&f, rest) = data.split_first()?;
    let (a, b) = two_reports(rest);
    let (a, b) = (
        load("a", a, format_of(f))?,
        load("b", b, format_of(f >> 2))?,
    );
    Some(compare(&[a, b]))
}

/// The HTML report of a fuzzed report against a reordering of itself, with a tag planted
/// wherever the input has a `~`: no markup of the input may reach the page.
pub fn fuzz_html_render(data: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(data).replace('~', "<zq onload=x>");
    let planted = format!("{PLANTED_TAG}>{text}");
    let mut paragraphs: Vec<&str> = planted.split("\n\n").collect();
    paragraphs.reverse();
    let reordered = paragraphs.join("\n\n");
    let (Some(a), Some(b)) = (
        load("a", planted.as_bytes(), Some(InputFormat::Text)),
        load("b", reordered.as_bytes(), Some(InputFormat::Text)),
    ) else {
        return Ok(());
    };
    let r = compare(&[a, b]);
    let mut page = Vec::new();
    parallax::render::html::render(&r, &mut page).map_err(|e| e.to_string())?;
    let page = String::from_utf8(page).map_err(|_| "the page is not UTF-8".to_string())?;
    html_page(&page)
}

/// Whether `c` may not stand raw in JSON that could reach a terminal: controls other than the
/// layout's newline, bidi controls and Unicode tag characters.
fn raw_in_json(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' | '\u{E0000}'..='\u{E007F}')
}

/// The JSON report of two fuzzed reports: valid JSON that reads back into the same report,
/// with no control, bidi or tag character raw anywhere, whatever the input held.
pub fn fuzz_json_output(data: &[u8]) -> Result<(), String> {
    let Some(r) = fuzzed_comparison(data) else {
        return Ok(());
    };
    let mut out = Vec::new();
    parallax::render::json::render(&r, &mut out).map_err(|e| e.to_string())?;
    let json = String::from_utf8(out).map_err(|_| "the JSON is not UTF-8".to_string())?;
    if let Some(c) = json.chars().find(|&c| raw_in_json(c)) {
        return Err(format!("raw {c:?} in the JSON"));
    }
    let back: Report = serde_json::from_str(&json).map_err(|e| format!("does not parse: {e}"))?;
    let again = {
        let mut out = Vec::new();
        parallax::render::json::render(&back, &mut out).map_err(|e| e.to_string())?;
        out
    };
    ensure(again == json.as_bytes(), || {
        "the JSON read back writes different JSON".into()
    })
}

/// `-o` with a fuzzed file name and content, in a scratch directory that holds a regular
/// file, a symlink to it and a symlink to `/dev/null`: the write lands whole or not at all,
/// leaves no temporary file behind, and a symlink stays a link.
#[cfg(unix)]
pub fn fuzz_output_path(data: &[u8]) -> Result<(), String> {
    use std::os::unix::ffi::OsStrExt;
    let (name, content) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    // one path component, chosen among the prepared ones or made up
    let name: &[u8] = match name.first() {
        Some(b'0') => b"file.json",
        Some(b'1') => b"link.json",
        Some(b'2') => b"null",
        _ if name.is_empty() || name.contains(&b'/') || name == b"." || name == b".." => {
            return Ok(())
        }
        _ => name,
    };
    let dir = std::env::temp_dir().join(format!("parallax-fuzz-output-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("file.json"), b"old").map_err(|e| e.to_string())?;
    std::os::unix::fs::symlink("file.json", dir.join("link.json")).map_err(|e| e.to_string())?;
    std::os::unix::fs::symlink("/dev/null", dir.join("null")).map_err(|e| e.to_string())?;
    let path = dir.join(std::ffi::OsStr::from_bytes(name));
    let result = parallax::render::output::write_file(&path, content);
    let check = (|| {
        let mut names: Vec<Vec<u8>> = std::fs::read_dir(&dir)
            .map_err(|e| e.to_string())?
            .map(|e| e.map(|e| e.file_name().as_bytes().to_vec()))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        names.sort();
        let leftover =
            |n: &Vec<u8>| n.ends_with(b".tmp") && n.windows(10).any(|w| w == b".parallax-");
        ensure(!names.iter().any(leftover), || {
            format!("a temporary file was left: {names:?}")
        })?;
        for link in ["link.json", "null"] {
            let meta = std::fs::symlink_metadata(dir.join(link)).map_err(|e| e.to_string())?;
            ensure(meta.file_type().is_symlink(), || {
                format!("{link} was replaced")
            })?;
        }
        let target = match name {
            b"link.json" => dir.join("file.json"),
            b"null" => return Ok(()),
            _ => path.clone(),
        };
        match &result {
            Ok(()) => {
                let written = std::fs::read(&target).map_err(|e| e.to_string())?;
                ensure(written == content, || {
                    "the file does not hold the report".into()
                })
            }
            Err(e) => ensure(!e.to_string().contains('\n'), || {
                format!("not one line: {e}")
            }),
        }
    })();
    let _ = std::fs::remove_dir_all(&dir);
    check
}
