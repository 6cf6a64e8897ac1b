//! The one library error type. Every variant names the stage that failed and the input involved,
//! so that `main` can print a single lowercase line and exit with code 2.

use std::fmt;
use std::io;

/// What went wrong while reading or analysing the inputs.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read at all (missing, a directory, permission denied, …).
    Read {
        /// The input as the user named it (`-` for stdin).
        path: String,
        /// Why, in lowercase words ("no such file", "is a directory").
        reason: String,
        /// The underlying I/O error, when there is one.
        source: Option<io::Error>,
    },
    /// The input was read but is not something Parallax can analyse (binary, empty, too large).
    Input {
        /// The input as the user named it.
        path: String,
        /// Why it was refused.
        reason: String,
    },
    /// Writing the output failed (a closed pipe is reported as [`Error::is_broken_pipe`]).
    Write(io::Error),
    /// Invalid arguments or options passed to the library.
    Usage(String),
}

impl Error {
    /// Builds an [`Error::Input`].
    pub fn input(path: &str, reason: impl Into<String>) -> Self {
        Error::Input {
            path: path.to_string(),
            reason: reason.into(),
        }
    }

    /// Maps an I/O error on `path` to a read error with a short, lowercase reason.
    pub fn read(path: &str, err: io::Error) -> Self {
        let reason = match err.kind() {
            io::ErrorKind::NotFound => "no such file".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            io::ErrorKind::IsADirectory => "is a directory".to_string(),
            io::ErrorKind::InvalidData => "invalid data".to_string(),
            _ => lowercase_first(&err.to_string()),
        };
        Error::Read {
            path: path.to_string(),
            reason,
            source: Some(err),
        }
    }

    /// True when the error is a write to a closed pipe (`parallax … | head`), which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

fn lowercase_first(s: &str) -> String {
    // io::Error messages carry "(os error 21)" suffixes; keep the words, drop the code.
    let s = s.split(" (os error").next().unwrap_or(s);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, reason, .. } => write!(f, "failed to read {path}: {reason}"),
            Error::Input { path, reason } => write!(f, "cannot use {path}: {reason}"),
            Error::Write(e) => write!(
                f,
                "failed to write output: {}",
                lowercase_first(&e.to_string())
            ),
            Error::Usage(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read {
                source: Some(e), ..
            } => Some(e),
            Error::Write(e) => Some(e),
            _ => None,
        }
    }
}

/// The crate's result type.
pub type Result<T> = std::result::Result<T, Error>;
