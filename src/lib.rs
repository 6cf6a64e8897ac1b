//! Parallax compares two or more news reports of the same event: which facts and quotes every
//! outlet carried, what each carried alone, what each left out, and where they disagree.
//!
//! The pipeline is the architecture: [`ingest`] (bytes → classified, segmented [`Document`]) →
//! extract → align → compare → [`report`] (one serialisable model) → [`render`]. Analysis never
//! prints; renderers never analyse.
//!
//! Each job has one front door here, taking the inputs and one options struct: [`compare()`],
//! [`inspect()`] and [`match_pairs()`]. The binary goes through them too; it only parses
//! arguments, calls one, renders the [`Report`] and maps errors to exit codes.
//!
//! ```
//! use parallax::{CompareOptions, Input};
//!
//! let a = "Kaspersky Teams Up With Interpol\n\nKaspersky Lab signed an agreement with Interpol \
//!          on Thursday to share threat data, the company said.\n";
//! let b = "Kaspersky Signs Interpol Deal\n\nKaspersky Lab signed an agreement with Interpol \
//!          on Thursday to share data on threats.\n";
//! let inputs = [
//!     Input::Bytes { name: "a.txt".into(), bytes: a.as_bytes().to_vec() },
//!     Input::Bytes { name: "b.txt".into(), bytes: b.as_bytes().to_vec() },
//! ];
//! let report = parallax::compare(&inputs, &CompareOptions::default()).unwrap();
//! assert_eq!(report.documents[0].title.as_deref(), Some("Kaspersky Teams Up With Interpol"));
//! assert_eq!(report.groups.as_ref().map(Vec::len), Some(1));
//! ```

pub mod align;
pub mod compare;
pub mod document;
pub mod error;
pub mod extract;
pub mod ingest;
pub(crate) mod parallel;
pub mod render;
pub mod report;
pub mod text;

pub use document::{BlockKind, Document, InputFormat, Paragraph, Reason, Sentence, Warning};
pub use error::{Error, Result};
pub use ingest::{read_all, Input, ReadOptions};
pub use report::{PairScore, Report};
pub use text::Date;

/// How to read and compare reports: everything [`compare()`] needs besides the inputs.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// How the inputs are read (format, size limit).
    pub read: ReadOptions,
    /// `labels[i]`, when given, names input `i` (default: the file stem).
    pub labels: Vec<String>,
    /// The date relative dates ("Thursday") count from in reports without a date line of their
    /// own; default: the earliest date line among the reports.
    pub date: Option<Date>,
    /// The link probability a pair of sentences needs to be linked (0–1).
    pub min_score: f32,
    /// The probability of `same` a link needs to be `same` rather than `partial` (0–1).
    pub same_score: f32,
    /// At most this many sentences of one report in a display group.
    pub max_per_report: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        let a = align::Options::default();
        CompareOptions {
            read: ReadOptions::default(),
            labels: Vec::new(),
            date: None,
            min_score: a.link,
            same_score: a.same,
            max_per_report: a.max_per_doc,
        }
    }
}

/// How to read reports for [`inspect()`].
#[derive(Debug, Clone, Default)]
pub struct InspectOptions {
    /// How the inputs are read; `stripped` keeps what the article extractor left out of an
    /// HTML page, with why (the binary's `inspect` asks for it).
    pub read: ReadOptions,
    /// `labels[i]`, when given, names input `i`.
    pub labels: Vec<String>,
    /// The date relative dates count from in reports without a date line of their own.
    pub date: Option<Date>,
}

pub use align::MatchOptions;

/// The `compare` job: reads `inputs` (two or more), compares them and returns the full report,
/// with the warnings from reading in [`Report::warnings`].
pub fn compare(inputs: &[Input], opts: &CompareOptions) -> Result<Report> {
    if inputs.len() < 2 {
        return Err(Error::Usage(
            "compare needs at least two reports (use `parallax inspect` to read one)".into(),
        ));
    }
    scores_in_range(&[
        ("--min-score", opts.min_score),
        ("--same-score", opts.same_score),
    ])?;
    check_labels(inputs, &opts.labels)?;
    let (docs, warnings) = read_all(inputs, &opts.labels, &opts.read)?;
    let align = align::Options {
        link: opts.min_score,
        same: opts.same_score,
        max_per_doc: opts.max_per_report,
    };
    Ok(compare_documents(
        &docs,
        &warnings,
        &align,
        &extract::Options { date: opts.date },
    ))
}

/// The `inspect` job: reads `inputs` and reports how each was read and what was extracted.
pub fn inspect(inputs: &[Input], opts: &InspectOptions) -> Result<Report> {
    check_labels(inputs, &opts.labels)?;
    let (docs, warnings) = read_all(inputs, &opts.labels, &opts.read)?;
    Ok(inspect_documents(
        &docs,
        &warnings,
        &extract::Options { date: opts.date },
    ))
}

/// The `match` job: reads a TSV of sentence pairs (`id<TAB>sentence1<TAB>sentence2` per line,
/// blank lines skipped) and scores each pair with the scorer `compare` uses.
pub fn match_pairs(input: &Input, opts: &MatchOptions) -> Result<Vec<PairScore>> {
    scores_in_range(&[("--same", opts.same), ("--partial", opts.partial)])?;
    let text = ingest::read_text(input, &ReadOptions::default())?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, s1, s2] = fields[..] else {
            return Err(Error::input(
                &input.name(),
                format!(
                    "line {}: expected 3 tab-separated fields (id, sentence1, sentence2), found {}",
                    n + 1,
                    fields.len()
                ),
            ));
        };
        let (score, relation) = align::match_pair(s1, s2, opts);
        out.push(PairScore {
            id: id.to_string(),
            score,
            relation,
        });
    }
    Ok(out)
}

/// Refuses a score option outside 0–1 (NaN and infinities included), naming the option.
fn scores_in_range(scores: &[(&str, f32)]) -> Result<()> {
    match scores.iter().find(|(_, v)| !(0.0..=1.0).contains(v)) {
        Some((name, v)) => Err(Error::Usage(format!(
            "{name} must be between 0 and 1, not {v}"
        ))),
        None => Ok(()),
    }
}

/// Refuses more labels than inputs.
fn check_labels(inputs: &[Input], labels: &[String]) -> Result<()> {
    if labels.len() > inputs.len() {
        return Err(Error::Usage(format!(
            "{} --label values given for {} files",
            labels.len(),
            inputs.len()
        )));
    }
    Ok(())
}

/// What each document says: the report of `inspect` for documents already read.
pub fn inspect_documents(docs: &[Document], warnings: &[Warning], x: &extract::Options) -> Report {
    let extracted = extract::extract_all(docs, x);
    compare::documents::inspection(docs, &extracted, warnings)
}

/// Compares documents already read: extracts quotes and facts, aligns their body sentences
/// and builds the full report.
pub fn compare_documents(
    docs: &[Document],
    warnings: &[Warning],
    opts: &align::Options,
    x: &extract::Options,
) -> Report {
    // Reports of one event: an undated report's "October 12" or "Thursday" counts from the
    // earliest date line among the others when no --date is given.
    let x = &extract::Options {
        date: x
            .date
            .or_else(|| docs.iter().filter_map(|d| d.published).min()),
    };
    // Extraction and alignment read the documents and nothing else: on long inputs they run
    // side by side.
    let (mut extracted, alignment) = parallel::join(
        parallel::worth_it(docs),
        || extract::extract_all(docs, x),
        || align::align(docs, opts),
    );
    compare::quotes::promote_shared(docs, &mut extracted);
    let comparison = compare::compare(docs, &extracted, &alignment);
    compare::report::build(docs, warnings, &alignment, &extracted, comparison)
}
