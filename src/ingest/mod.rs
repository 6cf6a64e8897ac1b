//! Ingest: an input (a path, `-` for stdin, or bytes in memory) becomes a [`Document`]: bytes
//! are read within a size limit and decoded, the format is sniffed, HTML and Markdown are turned
//! into readable text, blocks are classified as body or furniture, and every paragraph is split
//! into sentences and tokens.
//!
//! This is the only module that reads files.

pub mod decode;
pub mod furniture;
pub mod html;
pub mod markdown;
pub mod sniff;

use crate::document::{BlockKind, Document, InputFormat, Paragraph, Sentence, Warning};
use crate::error::{Error, Result};
use crate::text::{paragraph, sentence, token, Span};
use std::io::Read;
use std::path::PathBuf;

/// Where a report comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file path.
    Path(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// Bytes already in memory, with a name to show in messages.
    Bytes {
        /// Name used in messages and as the default label.
        name: String,
        /// The raw bytes.
        bytes: Vec<u8>,
    },
}

impl Input {
    /// Parses a command-line argument: `-` is stdin, anything else a path.
    pub fn from_arg(arg: impl AsRef<std::ffi::OsStr>) -> Input {
        let arg = arg.as_ref();
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// The input as the user named it.
    pub fn name(&self) -> String {
        match self {
            Input::Path(p) => crate::report::display_path(p),
            Input::Stdin => "-".to_string(),
            Input::Bytes { name, .. } => name.clone(),
        }
    }

    /// The default label: the file stem, `stdin`, or the given name.
    pub fn default_label(&self) -> String {
        match self {
            Input::Path(p) => p
                .file_stem()
                .map(|s| crate::report::display_path(std::path::Path::new(s)))
                .unwrap_or_else(|| crate::report::display_path(p)),
            Input::Stdin => "stdin".to_string(),
            Input::Bytes { name, .. } => name.clone(),
        }
    }
}

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force a format instead of sniffing it.
    pub format: Option<InputFormat>,
    /// Refuse inputs larger than this many bytes.
    pub max_bytes: u64,
    /// Keep the blocks of an HTML page that the article extractor left out, with why
    /// ([`Document::stripped`]; `inspect` asks for them: it costs a second parse of the page).
    pub stripped: bool,
}

/// Default input size limit: 100 MiB, well above any news report, low enough that memory stays
/// bounded (see `docs/performance.md`).
pub const DEFAULT_MAX_BYTES: u64 = 100 * 1024 * 1024;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: None,
            max_bytes: DEFAULT_MAX_BYTES,
            stripped: false,
        }
    }
}

/// A hint from the source markup about what a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Nothing known.
    None,
    /// A heading of the given level (1 = top).
    Heading(u8),
    /// An item of a list.
    ListItem,
    /// Code or preformatted text.
    Code,
}

impl Hint {
    /// True for headings of any level.
    pub fn is_heading(self) -> bool {
        matches!(self, Hint::Heading(_))
    }
}

/// A block of readable text before classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawBlock {
    /// Byte span in the readable text.
    pub span: Span,
    /// What the markup said about it.
    pub hint: Hint,
}

/// Reads, decodes and analyses one input. `label` overrides the default label.
pub fn load(
    input: &Input,
    label: Option<&str>,
    opts: &ReadOptions,
) -> Result<(Document, Vec<Warning>)> {
    let name = input.name();
    let bytes = read_bytes(input, opts.max_bytes)?;
    let mut warnings = Vec::new();
    let decoded = decode::decode(bytes).map_err(|reason| Error::input(&name, reason))?;
    if let Some(msg) = decoded.lossy {
        warnings.push(Warning {
            source: name.clone(),
            message: msg,
        });
    }
    if decoded.text.trim().is_empty() {
        return Err(Error::input(&name, "empty input (nothing but whitespace)"));
    }
    let format = opts
        .format
        .unwrap_or_else(|| sniff::sniff(&name, &decoded.text));
    let label = label
        .map(str::to_string)
        .unwrap_or_else(|| input.default_label());
    let (doc, taming) = analyse_page(
        name.clone(),
        label,
        format,
        decoded.encoding,
        decoded.text,
        opts.stripped,
    );
    for message in taming.messages() {
        warnings.push(Warning {
            source: name.clone(),
            message,
        });
    }
    if doc.paragraphs.is_empty() {
        return Err(Error::input(&name, "no readable text found"));
    }
    if !doc.paragraphs.iter().any(|p| p.kind == BlockKind::Body) {
        warnings.push(Warning {
            source: name,
            message: "no body text found; every block looks like page furniture".into(),
        });
    }
    Ok((doc, warnings))
}

/// Analyses decoded text: extraction for HTML and Markdown, classification, segmentation.
pub fn analyse(
    source: String,
    label: String,
    format: InputFormat,
    encoding: crate::document::Encoding,
    decoded: String,
) -> Document {
    analyse_page(source, label, format, encoding, decoded, false).0
}

/// [`analyse`], and what was done to an HTML page so that its parse stays fast.
fn analyse_page(
    source: String,
    label: String,
    format: InputFormat,
    encoding: crate::document::Encoding,
    decoded: String,
    keep_stripped: bool,
) -> (Document, html::Taming) {
    let mut taming = html::Taming::default();
    let mut stripped = Vec::new();
    let (text, blocks, mode, mut title, mut published) = match format {
        InputFormat::Text => {
            let blocks = plain_blocks(&decoded);
            (decoded, blocks, furniture::Mode::Page, None, None)
        }
        InputFormat::Markdown => {
            let (text, blocks) = markdown::extract(&decoded);
            (text, blocks, furniture::Mode::Page, None, None)
        }
        InputFormat::Html => {
            let page = html::extract(&decoded);
            if keep_stripped && page.article_found && page.taming.flattened_from.is_none() {
                stripped = stripped_blocks(
                    &html::visible_lines(&decoded),
                    &page.text,
                    page.title.as_deref(),
                );
            }
            drop(decoded);
            taming = page.taming;
            let blocks = line_blocks(&page.text);
            let mode = if page.article_found {
                furniture::Mode::Extracted
            } else {
                furniture::Mode::Page
            };
            (page.text, blocks, mode, page.title, page.published)
        }
    };
    let classified = furniture::classify(&text, &blocks, mode);
    if let Some(i) = classified.title {
        let t = blocks[i].span.slice(&text);
        title = Some(t.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    published = published.or(classified.published);
    let paragraphs = blocks
        .iter()
        .zip(&classified.labels)
        .zip(map_blocks(&text, &blocks, |b| segment(&text, b.span)))
        .map(|((b, l), sentences)| Paragraph {
            span: b.span,
            kind: l.kind,
            reason: l.reason,
            sentences,
        })
        .collect();
    let doc = Document {
        source,
        label,
        format,
        encoding,
        text,
        title,
        published,
        paragraphs,
        stripped,
    };
    (doc, taming)
}

/// The lines of a page's visible text that the article text does not hold (compared with their
/// whitespace collapsed) and that are not its headline, each with what the furniture
/// classifier makes of it: navigation, credits, captions, footers, headlines — or prose outside
/// the article.
fn stripped_blocks(
    visible: &[String],
    article: &str,
    title: Option<&str>,
) -> Vec<crate::document::Stripped> {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let kept: rustc_hash::FxHashSet<String> = article.lines().map(norm).collect();
    // the headline went to the title, not away
    let title = title.map(norm).unwrap_or_default();
    let headline = |l: &str| {
        l == title
            || (l.len() >= 20 && !title.is_empty() && (title.contains(l) || l.contains(&title)))
    };
    let left: Vec<String> = visible
        .iter()
        .map(|l| norm(l))
        .filter(|l| !l.is_empty() && !kept.contains(l) && !headline(l))
        .collect();
    if left.is_empty() {
        return Vec::new();
    }
    let text = left.join("\n");
    let blocks = line_blocks(&text);
    let classified = furniture::classify(&text, &blocks, furniture::Mode::Page);
    blocks
        .iter()
        .zip(&classified.labels)
        .map(|(b, l)| crate::document::Stripped {
            text: b.span.slice(&text).to_string(),
            reason: l.reason.unwrap_or(crate::document::Reason::OutsideArticle),
        })
        .collect()
}

/// Blocks of plain text: paragraphs as [`paragraph::split`] finds them.
pub fn plain_blocks(text: &str) -> Vec<RawBlock> {
    paragraph::split(text)
        .into_iter()
        .map(|span| RawBlock {
            span,
            hint: Hint::None,
        })
        .collect()
}

/// Blocks of extracted HTML text: every non-empty line (HTML has no hard wraps).
fn line_blocks(text: &str) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let span = crate::text::trim_span(text, at, at + line.len());
        if !span.is_empty() {
            out.push(RawBlock {
                span,
                hint: Hint::None,
            });
        }
        at += line.len() + 1;
    }
    out
}

/// Inputs at least this long are read on all cores.
const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// Applies `f` to every block. Blocks are independent, so long inputs are shared among all
/// cores (rayon's pool, whose threads live on and keep their warm allocator arenas); results
/// come back in block order, so output is identical either way.
pub(crate) fn map_blocks<R: Send>(
    text: &str,
    blocks: &[RawBlock],
    f: impl Fn(&RawBlock) -> R + Sync + Send,
) -> Vec<R> {
    if text.len() < PARALLEL_MIN_BYTES {
        return blocks.iter().map(f).collect();
    }
    use rayon::prelude::*;
    blocks.par_iter().with_min_len(16).map(f).collect()
}

/// Splits one paragraph into sentences and tokens.
pub fn segment(text: &str, span: Span) -> Vec<Sentence> {
    sentence::split(text, span)
        .into_iter()
        .map(|s| {
            let mut norm = String::with_capacity(s.len());
            let tokens = token::split_into(text, s, &mut norm);
            Sentence {
                span: s,
                tokens,
                norm,
            }
        })
        .collect()
}

/// Reads and decodes an input as text, without analysing it (for line-based inputs such as
/// `parallax match` pairs). Lossy decoding is refused here: a pair file must be valid text.
pub fn read_text(input: &Input, opts: &ReadOptions) -> Result<String> {
    let name = input.name();
    let bytes = read_bytes(input, opts.max_bytes)?;
    let decoded = decode::decode(bytes).map_err(|reason| Error::input(&name, reason))?;
    if let Some(msg) = decoded.lossy {
        return Err(Error::input(&name, msg));
    }
    Ok(decoded.text)
}

/// Reads all bytes of an input, refusing more than `max` bytes.
fn read_bytes(input: &Input, max: u64) -> Result<Vec<u8>> {
    let name = input.name();
    let too_large = |size: u64| {
        Error::input(
            &name,
            format!("input is {size} bytes, larger than the limit of {max} bytes (raise it with --max-input-size)"),
        )
    };
    let mut buf = Vec::new();
    match input {
        Input::Bytes { bytes, .. } => {
            if bytes.len() as u64 > max {
                return Err(too_large(bytes.len() as u64));
            }
            buf.extend_from_slice(bytes);
        }
        Input::Path(path) => {
            let meta = std::fs::metadata(path).map_err(|e| Error::read(&name, e))?;
            if meta.is_dir() {
                return Err(Error::Read {
                    path: name,
                    reason: "is a directory".into(),
                    source: None,
                });
            }
            if meta.is_file() && meta.len() > max {
                return Err(too_large(meta.len()));
            }
            let file = std::fs::File::open(path).map_err(|e| Error::read(&name, e))?;
            file.take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| Error::read(&name, e))?;
        }
        Input::Stdin => {
            std::io::stdin()
                .lock()
                .take(max.saturating_add(1))
                .read_to_end(&mut buf)
                .map_err(|e| Error::read(&name, e))?;
        }
    }
    if buf.len() as u64 > max {
        // A stream (stdin, a pipe) is cut at the limit: its full size is unknown.
        return Err(Error::input(
            &name,
            format!(
                "input is larger than the limit of {max} bytes (raise it with --max-input-size)"
            ),
        ));
    }
    Ok(buf)
}

/// Reads every input, in order. `labels[i]`, when given, names input `i`.
pub fn read_all(
    inputs: &[Input],
    labels: &[String],
    opts: &ReadOptions,
) -> Result<(Vec<Document>, Vec<Warning>)> {
    let mut docs = Vec::with_capacity(inputs.len());
    let mut warnings = Vec::new();
    let stdin_uses = inputs.iter().filter(|i| matches!(i, Input::Stdin)).count();
    if stdin_uses > 1 {
        return Err(Error::Usage(
            "standard input (-) can be given only once".into(),
        ));
    }
    for (i, input) in inputs.iter().enumerate() {
        let (doc, w) = load(input, labels.get(i).map(String::as_str), opts)?;
        docs.push(doc);
        warnings.extend(w);
    }
    Ok((docs, warnings))
}
