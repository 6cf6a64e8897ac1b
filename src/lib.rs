//! Parallax compares two or more news reports of the same event: which facts and quotes every
//! outlet carried, what each carried alone, what each left out, and where they disagree.
//!
//! The pipeline is the architecture: [`ingest`] (bytes → classified, segmented [`Document`]) →
//! extract → align → compare → [`report`] (one serialisable model) → [`render`]. Analysis never
//! prints; renderers never analyse.
//!
//! ```
//! use parallax::ingest::{self, Input, ReadOptions};
//!
//! let page = "Breaking News\n\nKremlin Calls Reports Absurd\n\n\
//!             Kremlin spokesman Dmitry Peskov said on Thursday that the reports were \"absurd.\"\n";
//! let input = Input::Bytes { name: "example.txt".into(), bytes: page.as_bytes().to_vec() };
//! let (doc, _warnings) = ingest::load(&input, None, &ReadOptions::default()).unwrap();
//! assert_eq!(doc.title.as_deref(), Some("Kremlin Calls Reports Absurd"));
//! assert_eq!(doc.body().count(), 1);
//! ```

pub mod align;
pub mod compare;
pub mod document;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod output;
pub mod render;
pub mod report;
pub mod text;

pub use document::{BlockKind, Document, InputFormat, Paragraph, Reason, Sentence, Warning};
pub use error::{Error, Result};

/// Reads every input, in order. `labels[i]`, when given, names input `i`.
pub fn read_all(
    inputs: &[ingest::Input],
    labels: &[String],
    opts: &ingest::ReadOptions,
) -> Result<(Vec<Document>, Vec<Warning>)> {
    let mut docs = Vec::with_capacity(inputs.len());
    let mut warnings = Vec::new();
    let stdin_uses = inputs
        .iter()
        .filter(|i| matches!(i, ingest::Input::Stdin))
        .count();
    if stdin_uses > 1 {
        return Err(Error::Usage(
            "standard input (-) can be given only once".into(),
        ));
    }
    for (i, input) in inputs.iter().enumerate() {
        let (doc, w) = ingest::load(input, labels.get(i).map(String::as_str), opts)?;
        docs.push(doc);
        warnings.extend(w);
    }
    Ok((docs, warnings))
}

/// Inputs at least this long (all documents together) are analysed on all cores; below it,
/// starting threads costs more than it saves.
const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// Whether `docs` are long enough for the analysis to share them among threads. Results are
/// the same either way: parallel steps gather their results in input order.
pub(crate) fn parallel_worth_it(docs: &[Document]) -> bool {
    docs.iter().map(|d| d.text.len()).sum::<usize>() >= PARALLEL_MIN_BYTES
}

/// Runs `a` and `b` side by side on the thread pool when `parallel`, one after the other
/// otherwise; either way the results come back as `(a's, b's)`.
pub(crate) fn join<RA: Send, RB: Send>(
    parallel: bool,
    a: impl FnOnce() -> RA + Send,
    b: impl FnOnce() -> RB + Send,
) -> (RA, RB) {
    if parallel {
        rayon::join(a, b)
    } else {
        (a(), b())
    }
}

/// Reads what each document says: the report of `parallax inspect`.
pub fn inspect(docs: &[Document], warnings: &[Warning], x: &extract::Options) -> report::Report {
    let extracted = extract::extract_all(docs, x);
    report::build(docs, &extracted, warnings)
}

/// Compares documents: extracts quotes and facts, aligns their body sentences and builds the
/// full report.
pub fn compare(
    docs: &[Document],
    warnings: &[Warning],
    opts: &align::Options,
    x: &extract::Options,
) -> report::Report {
    // Reports of one event: an undated report's "October 12" or "Thursday" counts from the
    // earliest date line among the others when no --date is given.
    let x = &extract::Options {
        date: x
            .date
            .or_else(|| docs.iter().filter_map(|d| d.published).min()),
    };
    // Extraction and alignment read the documents and nothing else: on long inputs they run
    // side by side.
    let (mut extracted, alignment) = join(
        parallel_worth_it(docs),
        || extract::extract_all(docs, x),
        || align::align(docs, opts),
    );
    compare::quotes::promote_shared(docs, &mut extracted);
    let comparison = compare::compare(docs, &extracted, &alignment);
    compare::report::build(docs, warnings, &alignment, &extracted, comparison)
}
