//! The `parallax` binary: parse arguments, run the library, map the outcome to an exit code.
//! This is the only place that exits, reads the environment for colour, or prints.

mod cli;

use clap::Parser;
use cli::{
    Args, ColorChoice, Command, CompareArgs, InputFormatArg, InspectArgs, MatchArgs, OutputArgs,
    OutputFormat, ReadArgs,
};
use parallax::ingest::{Input, ReadOptions};
use parallax::render::{self, Palette};
use parallax::{Error, InputFormat};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Args::parse_from(with_default_subcommand(std::env::args_os().collect()));
    let result = match args.command {
        Command::Compare(a) => compare(a),
        Command::Inspect(a) => inspect(a),
        Command::Match(a) => match_pairs(a),
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

/// `parallax A B` means `parallax compare A B`: when the first argument is neither a
/// subcommand nor an option of the top-level command, `compare` is put in front.
fn with_default_subcommand(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let Some(first) = args.get(1).and_then(|a| a.to_str()) else {
        if args.len() > 1 {
            args.insert(1, "compare".into()); // a non-UTF-8 path
        }
        return args;
    };
    let top_level = matches!(first, "-h" | "--help" | "-V" | "--version");
    if !top_level && !cli::SUBCOMMANDS.contains(&first) {
        args.insert(1, "compare".into());
    }
    args
}

/// Reads the inputs named by `a`, printing warnings on stderr.
fn read(a: &ReadArgs) -> Result<(Vec<parallax::Document>, Vec<parallax::Warning>), Error> {
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
    Ok((docs, warnings))
}

/// Sets up colour and returns the palette.
fn palette(choice: ColorChoice) -> Palette {
    let color = use_color(choice);
    colored::control::set_override(color);
    if color {
        Palette::colored()
    } else {
        Palette::plain()
    }
}

/// Writes a fully rendered buffer to stdout: an error never leaves half a report there.
fn emit(buf: &[u8]) -> Result<(), Error> {
    let mut stdout = io::stdout().lock();
    stdout
        .write_all(buf)
        .and_then(|()| stdout.flush())
        .map_err(Error::Write)
}

fn compare(a: CompareArgs) -> Result<(), Error> {
    if a.read.files.len() < 2 {
        return Err(Error::Usage(
            "compare needs at least two reports (use `parallax inspect` to read one)".into(),
        ));
    }
    let (docs, warnings) = read(&a.read)?;
    for (name, v) in [("--min-score", a.min_score), ("--same-score", a.same_score)] {
        if !(0.0..=1.0).contains(&v) {
            return Err(Error::Usage(format!(
                "{name} must be between 0 and 1, not {v}"
            )));
        }
    }
    let opts = parallax::align::Options {
        link: a.min_score,
        same: a.same_score,
        max_per_doc: a.max_per_report as usize,
    };
    let x = parallax::extract::Options { date: a.read.date };
    let report = parallax::compare(&docs, &warnings, &opts, &x);
    output(&report, &a.output, render::compare::render)
}

fn inspect(a: InspectArgs) -> Result<(), Error> {
    let (docs, warnings) = read(&a.read)?;
    let x = parallax::extract::Options { date: a.read.date };
    let report = parallax::inspect(&docs, &warnings, &x);
    output(&report, &a.output, render::terminal::render)
}

/// Renders `report` as JSON or with the subcommand's terminal view, then writes it.
fn output(
    report: &parallax::report::Report,
    o: &OutputArgs,
    text_view: fn(&parallax::report::Report, Palette, &mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let mut buf = Vec::new();
    let palette = palette(o.color);
    match o.format {
        OutputFormat::Json => render::json::render(report, &mut buf),
        OutputFormat::Text => text_view(report, palette, &mut buf),
    }
    .map_err(Error::Write)?;
    emit(&buf)
}

fn match_pairs(a: MatchArgs) -> Result<(), Error> {
    let input = Input::from_arg(&a.file);
    let opts = ReadOptions::default();
    let text = parallax::ingest::read_text(&input, &opts)?;
    let mopts = parallax::align::MatchOptions {
        same: a.same,
        partial: a.partial,
    };
    let mut buf = Vec::new();
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
        let (score, relation) = parallax::align::match_pair(s1, s2, &mopts);
        let rel = relation.map_or("none", |r| r.as_str());
        buf.extend_from_slice(format!("{id}\t{score:.4}\t{rel}\n").as_bytes());
    }
    emit(&buf)
}
