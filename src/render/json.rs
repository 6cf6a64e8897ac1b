//! JSON output (`--format json`), the contract documented in `docs/json.md`.

use crate::report::Report;
use std::io::{self, Write};

/// Writes the report as pretty-printed JSON followed by a newline.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
