//! Running analysis on all cores when the input is long enough to pay for it.

use crate::document::Document;

/// Inputs at least this long (all documents together) are analysed on all cores; below it,
/// starting threads costs more than it saves.
const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// Whether `docs` are long enough for the analysis to share them among threads. Results are
/// the same either way: parallel steps gather their results in input order.
pub fn worth_it(docs: &[Document]) -> bool {
    docs.iter().map(|d| d.text.len()).sum::<usize>() >= PARALLEL_MIN_BYTES
}

/// Runs `a` and `b` side by side on the thread pool when `parallel`, one after the other
/// otherwise; either way the results come back as `(a's, b's)`.
pub fn join<RA: Send, RB: Send>(
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
