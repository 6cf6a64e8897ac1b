//! The terminal views of `parallax compare`, and which renderer draws each: the inline view and
//! the quotes view (`compare`), side by side (`side`), the summary and the facts (`summary`).

use super::Palette;
use crate::report::Report;
use std::io::{self, Write};

/// The terminal views of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Everything, one section after another: coverage, conflicts, shared facts with inline
    /// word diffs, quotes, who is named, and what each report alone carries.
    #[default]
    Inline,
    /// The coverage matrix (shared facts × reports), counts, and the conflicts first.
    Summary,
    /// One column per report, shared facts on the same row.
    SideBySide,
    /// Quotes: matched across reports with cuts and changes marked, then each report's own.
    Quotes,
    /// Dates, numbers, money and percentages by report, then who is named.
    Facts,
}

/// Writes `view` of `report`; `width` is the terminal width in columns (the side-by-side view,
/// the summary and the facts fit their lines to it).
pub fn render_view(
    report: &Report,
    view: View,
    width: usize,
    p: Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    match view {
        View::Inline => super::compare::render(report, p, out),
        View::SideBySide => super::side::render(report, width, p, out),
        View::Summary => super::summary::summary(report, width, p, out),
        View::Facts => super::summary::facts(report, width, p, out),
        View::Quotes => {
            super::compare::header(report, p, out)?;
            super::compare::quotes(report, p, out)
        }
    }
}
