//! The `parallax` binary: parse arguments, run the library, map the outcome to an exit code.
//! This is the only place that exits, reads the environment for colour, or prints.

mod cli;

use clap::Parser;
use cli::{Args, ColorChoice, Command, InputFormatArg, InspectArgs, OutputFormat};
use parallax::ingest::{Input, ReadOptions};
use parallax::render::{self, Palette};
use parallax::{Error, InputFormat};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Command::Inspect(a) => inspect(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "parallax: {}",
                render::safe::terminal_line(&err.to_string())
            );
            ExitCode::from(2)
        }
    }
}

/// Decides colour once: `auto` means stdout is a terminal, NO_COLOR is unset or empty, and TERM
/// is not `dumb`.
fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

fn inspect(a: InspectArgs) -> Result<(), Error> {
    if a.labels.len() > a.files.len() {
        return Err(Error::Usage(format!(
            "{} --label values given for {} files",
            a.labels.len(),
            a.files.len()
        )));
    }
    let opts = ReadOptions {
        format: match a.input_format {
            InputFormatArg::Auto => None,
            InputFormatArg::Text => Some(InputFormat::Text),
            InputFormatArg::Markdown => Some(InputFormat::Markdown),
            InputFormatArg::Html => Some(InputFormat::Html),
        },
        max_bytes: a.max_input_size,
    };
    let inputs: Vec<Input> = a.files.iter().map(|f| Input::from_arg(f)).collect();
    let (docs, warnings) = parallax::read_all(&inputs, &a.labels, &opts)?;
    for w in &warnings {
        eprintln!(
            "parallax: warning: {}",
            render::safe::terminal_line(&w.to_string())
        );
    }
    let report = parallax::report::build(&docs, &warnings);
    // Render into memory first: an error never leaves half a report on stdout.
    let mut buf = Vec::new();
    let color = use_color(a.color);
    colored::control::set_override(color);
    let palette = if color {
        Palette::colored()
    } else {
        Palette::plain()
    };
    match a.format {
        OutputFormat::Json => render::json::render(&report, &mut buf),
        OutputFormat::Text => render::terminal::render(&report, palette, &mut buf),
    }
    .map_err(Error::Write)?;
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(&buf)
        .and_then(|()| stdout.flush())
        .map_err(Error::Write)
}
