//! The `parallax` binary: parse arguments, run the library, map the outcome to an exit code.
//! This is the only place that exits, reads the environment for colour, or prints.

mod cli;

use clap::Parser;
use cli::{
    Args, ColorChoice, Command, CompareArgs, FailOn, InputFormatArg, InspectArgs, MatchArgs,
    OutputArgs, OutputFormat, Paging, ReadArgs, ViewArg,
};
use parallax::render::{self, Palette};
use parallax::report::Report;
use parallax::{
    CompareOptions, Error, Input, InputFormat, InspectOptions, MatchOptions, ReadOptions,
};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match Args::try_parse_from(with_default_subcommand(std::env::args_os().collect())) {
        Ok(args) => args,
        Err(e) => return argument_error(e),
    };
    let result = match args.command {
        Command::Compare(a) => compare(a),
        Command::Inspect(a) => inspect(a).map(|()| Outcome::Done),
        Command::Match(a) => match_pairs(a).map(|()| Outcome::Done),
        Command::Completions(a) => completions(a.shell).map(|()| Outcome::Done),
        Command::Man(m) => man(m).map(|()| Outcome::Done),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
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

/// Prints help and version as clap writes them (exit 0); any other argument error as one line
/// on stderr, as every other error is (exit 2).
fn argument_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    // clap's first paragraph says what is wrong (a missing argument's name is on its second
    // line); a list of possible values, when there is one, is worth keeping too
    let text = e.render().to_string();
    let mut line: Vec<&str> = text
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    if !line.iter().any(|l| l.contains("[possible values:")) {
        line.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| l.starts_with("[possible values:")),
        );
    }
    let line = line.join(" ");
    let line = line.strip_prefix("error: ").unwrap_or(&line);
    eprintln!(
        "parallax: {} (see parallax --help)",
        render::safe::terminal_line(line)
    );
    ExitCode::from(2)
}

/// How a successful run ends: done, or done with a `--fail-on` condition met (exit 1).
enum Outcome {
    Done,
    Failed,
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

/// How the inputs named by `a` are read; `stripped` keeps what an HTML page's article
/// extractor left out (for `inspect`).
fn read_options(a: &ReadArgs, stripped: bool) -> ReadOptions {
    ReadOptions {
        format: match a.input_format {
            InputFormatArg::Auto => None,
            InputFormatArg::Text => Some(InputFormat::Text),
            InputFormatArg::Markdown => Some(InputFormat::Markdown),
            InputFormatArg::Html => Some(InputFormat::Html),
        },
        max_bytes: a.max_input_size,
        stripped,
    }
}

/// The inputs named on the command line (`-` is standard input).
fn inputs(a: &ReadArgs) -> Vec<Input> {
    a.files.iter().map(Input::from_arg).collect()
}

/// Prints the report's warnings on stderr, one line each, unless `quiet`.
fn warn(report: &Report, quiet: bool) {
    for w in report.warnings.iter().filter(|_| !quiet) {
        eprintln!(
            "parallax: warning: {}",
            render::safe::terminal_line(&w.to_string())
        );
    }
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

fn compare(a: CompareArgs) -> Result<Outcome, Error> {
    check_output_target(&a.output, &a.read)?;
    let progress = Progress::start(&a.read.files, a.output.quiet);
    progress.stage(&format!(
        "reading and comparing {} reports",
        a.read.files.len()
    ));
    let opts = CompareOptions {
        read: read_options(&a.read, false),
        labels: a.read.labels.clone(),
        date: a.read.date,
        min_score: a.min_score,
        same_score: a.same_score,
        max_per_report: a.max_per_report as usize,
    };
    let report = parallax::compare(&inputs(&a.read), &opts);
    progress.finish();
    let report = report?;
    warn(&report, a.output.quiet);
    let view = match a.view {
        ViewArg::Inline => render::views::View::Inline,
        ViewArg::Summary => render::views::View::Summary,
        ViewArg::SideBySide => render::views::View::SideBySide,
        ViewArg::Quotes => render::views::View::Quotes,
        ViewArg::Facts => render::views::View::Facts,
    };
    output(&report, &a.output, &|r, p, w, out| {
        render::views::render_view(r, view, w, p, out)
    })?;
    let conflicts = report.conflicts.as_ref().is_some_and(|c| !c.is_empty());
    let exclusives = report
        .coverage
        .as_ref()
        .is_some_and(|c| c.values().any(|v| v.only > 0));
    let failed = a.fail_on.iter().any(|f| match f {
        FailOn::Conflicts => conflicts,
        FailOn::Exclusives => exclusives,
    });
    Ok(if failed {
        Outcome::Failed
    } else {
        Outcome::Done
    })
}

/// A progress line on standard error for runs expected to take more than a second (many
/// reports or large ones), only when standard error is a terminal: never in files or pipes,
/// and never in what the report says.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Reports, or bytes of input, from which a run is expected to take a second or more
    /// (`docs/performance.md`: 300 reports 0.7 s, a 1 MB pair 0.6 s).
    const MANY_REPORTS: usize = 200;
    const MANY_BYTES: u64 = 2 * 1024 * 1024;

    fn start(files: &[std::path::PathBuf], quiet: bool) -> Progress {
        let bytes: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        let long = files.len() >= Self::MANY_REPORTS || bytes >= Self::MANY_BYTES;
        if quiet || !long || !io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(Some(bar))
    }

    /// Names what is being done: "reading 300 reports", "comparing 300 reports".
    fn stage(&self, what: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(what.to_string());
        }
    }

    /// Clears the line.
    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

fn inspect(a: InspectArgs) -> Result<(), Error> {
    check_output_target(&a.output, &a.read)?;
    let opts = InspectOptions {
        read: read_options(&a.read, true),
        labels: a.read.labels.clone(),
        date: a.read.date,
    };
    let report = parallax::inspect(&inputs(&a.read), &opts)?;
    warn(&report, a.output.quiet);
    output(&report, &a.output, &|r, p, _, out| {
        render::terminal::render(r, p, out)
    })
}

/// A terminal view: the report, the palette, the width in columns, the writer.
type TextView<'a> = &'a dyn Fn(&Report, Palette, usize, &mut dyn Write) -> io::Result<()>;

/// Renders `report` in the chosen format (the subcommand's terminal view for text), then
/// writes it to the file, through the pager, or to standard output.
fn output(report: &Report, o: &OutputArgs, text_view: TextView<'_>) -> Result<(), Error> {
    let palette = palette(o.color);
    let render = |out: &mut dyn Write| match o.format {
        OutputFormat::Json => render::json::render(report, out),
        OutputFormat::Markdown => render::markdown::render(report, out),
        OutputFormat::Html => render::html::render(report, out),
        OutputFormat::Text => text_view(report, palette, terminal_width(o.width), out),
    };
    match &o.file {
        Some(path) => render::output::write_with(path, render).map_err(output_error),
        None if o.format == OutputFormat::Text => {
            let mut buf = Vec::new();
            render(&mut buf).map_err(Error::Write)?;
            page(&buf, o.paging)
        }
        None => {
            // streamed: the only error midway is the write's own
            let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
            render(&mut out)
                .and_then(|()| out.flush())
                .map_err(Error::Write)
        }
    }
}

/// Columns for the terminal views: `--width`, else the terminal's width, else $COLUMNS, else 100.
fn terminal_width(chosen: Option<u16>) -> usize {
    if let Some(w) = chosen {
        return w.into();
    }
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size_of(io::stdout()) {
        return usize::from(w).clamp(40, 1000);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .map_or(100, |w| w.clamp(40, 1000))
}

/// Writes a terminal view through the pager when standard output is a terminal and `paging`
/// asks for it (`auto`: only output taller than the terminal). The pager is $PARALLAX_PAGER,
/// else $PAGER, else `less`; with LESS unset it runs with `FRX`, as git does (quit when the
/// text fits, pass colours, leave the text on screen). An empty pager or `cat` means none.
fn page(buf: &[u8], paging: Paging) -> Result<(), Error> {
    let stdout = io::stdout();
    if paging == Paging::Never || !stdout.is_terminal() {
        return emit(buf);
    }
    if paging == Paging::Auto {
        let rows = terminal_size::terminal_size_of(&stdout).map_or(24, |(_, h)| usize::from(h.0));
        let lines = buf.iter().filter(|&&b| b == b'\n').count();
        if lines < rows {
            return emit(buf);
        }
    }
    let pager = std::env::var("PARALLAX_PAGER")
        .or_else(|_| std::env::var("PAGER"))
        .unwrap_or_else(|_| "less".into());
    let pager = pager.trim();
    if pager.is_empty() || pager == "cat" {
        return emit(buf);
    }
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c").arg(pager).stdin(std::process::Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        cmd.env("LV", "-c");
    }
    let Ok(mut child) = cmd.spawn() else {
        return emit(buf); // no pager to be had: print as if there were none
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit the pager before reading everything: not an error.
        if let Err(e) = stdin.write_all(buf) {
            if e.kind() != io::ErrorKind::BrokenPipe {
                return Err(Error::Write(e));
            }
        }
    }
    child.wait().map_err(Error::Write)?;
    Ok(())
}

/// Refuses an output file that is one of the inputs (before anything is read or written).
fn check_output_target(o: &OutputArgs, r: &ReadArgs) -> Result<(), Error> {
    let Some(out) = &o.file else {
        return Ok(());
    };
    let canonical = |p: &std::path::Path| -> Option<std::path::PathBuf> {
        std::fs::canonicalize(p).ok().or_else(|| {
            // not there yet: its directory's canonical path plus its name
            let parent = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            Some(std::fs::canonicalize(parent).ok()?.join(p.file_name()?))
        })
    };
    let target = canonical(out);
    // `-` read from a file (`parallax a.txt - -o b.txt < b.txt`): the same file by device and
    // inode is the input too
    if r.files.iter().any(|f| f.as_os_str() == "-") && stdin_is(out) {
        return Err(Error::Usage(format!(
            "refusing to write the report over its input {} (standard input)",
            parallax::report::display_path(out)
        )));
    }
    for f in r.files.iter().filter(|f| f.as_os_str() != "-") {
        if target.is_some() && canonical(f) == target {
            return Err(Error::Usage(format!(
                "refusing to write the report over its input {}",
                parallax::report::display_path(out)
            )));
        }
    }
    Ok(())
}

/// Whether standard input is the file at `path` (same device and inode).
#[cfg(unix)]
fn stdin_is(path: &std::path::Path) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
        return false;
    };
    let (Ok(input), Ok(output)) = (std::fs::File::from(fd).metadata(), std::fs::metadata(path))
    else {
        return false;
    };
    // a terminal or pipe can be both read and written; only a file would be replaced
    input.is_file() && input.dev() == output.dev() && input.ino() == output.ino()
}

#[cfg(not(unix))]
fn stdin_is(_: &std::path::Path) -> bool {
    false
}

/// Writes the completion script for `shell`, generated from the argument definitions.
fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    use clap::CommandFactory;
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "parallax", &mut buf);
    emit(&buf)
}

/// What the exit codes mean, for every manual page.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success (also when a pipe reading the output closes early).
.TP
\fB1\fR
A \fB\-\-fail\-on\fR condition of \fBcompare\fR was met.
.TP
\fB2\fR
An error: an input that cannot be read or analysed (missing, a directory, binary, empty,
over \fB\-\-max\-input\-size\fR), invalid arguments, or output that cannot be written. One line
on standard error says which; no partial output file is left behind.
"#;

/// Writes a manual page (the top-level one, or a subcommand's), or with `--dir` every page into
/// a directory; all generated from the argument definitions.
fn man(a: cli::ManArgs) -> Result<(), Error> {
    use clap::CommandFactory;
    let page = |which: Option<cli::ManPage>| -> Result<(String, Vec<u8>), Error> {
        let top = Args::command();
        let (file, cmd) = match which {
            None => ("parallax".to_string(), top),
            Some(p) => {
                let sub = top
                    .find_subcommand(p.name())
                    .cloned()
                    .ok_or_else(|| Error::Usage(format!("no subcommand {}", p.name())))?;
                (
                    p.page_name().to_string(),
                    sub.name(p.page_name())
                        .bin_name(format!("parallax {}", p.name())),
                )
            }
        };
        let mut buf = Vec::new();
        clap_mangen::Man::new(cmd)
            .render(&mut buf)
            .map_err(Error::Write)?;
        // clap_mangen heads the examples (the after-help text) "EXTRA"
        let text = String::from_utf8_lossy(&buf).replace(".SH EXTRA\n", ".SH EXAMPLES\n");
        let mut buf = text.into_bytes();
        buf.extend_from_slice(EXIT_STATUS.as_bytes());
        let mut see = String::from(".SH \"SEE ALSO\"\n");
        let all: Vec<String> = std::iter::once("parallax".to_string())
            .chain(cli::ManPage::ALL.iter().map(|p| p.page_name().to_string()))
            .filter(|n| *n != file)
            .map(|n| format!("\\fB{}\\fR(1)", n.replace('-', "\\-")))
            .collect();
        see.push_str(&all.join(", "));
        see.push('\n');
        buf.extend_from_slice(see.as_bytes());
        Ok((format!("{file}.1"), buf))
    };
    match a.dir {
        None => emit(&page(a.page)?.1),
        Some(dir) => {
            let pages: Vec<(String, Vec<u8>)> = std::iter::once(None)
                .chain(cli::ManPage::ALL.into_iter().map(Some))
                .map(page)
                .collect::<Result<_, _>>()?;
            for (name, buf) in pages {
                render::output::write_file(&dir.join(&name), &buf).map_err(output_error)?;
            }
            Ok(())
        }
    }
}

fn match_pairs(a: MatchArgs) -> Result<(), Error> {
    let opts = MatchOptions {
        same: a.same,
        partial: a.partial,
    };
    let pairs = parallax::match_pairs(&Input::from_arg(&a.file), &opts)?;
    let mut buf = Vec::new();
    render::matches::render(&pairs, &mut buf).map_err(Error::Write)?;
    emit(&buf)
}

/// A failed write to an `-o` path: a closed pipe (a FIFO's reader gone) is not a failure, as on
/// standard output; anything else is one line naming the path.
fn output_error(e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Error::Write(e)
    } else {
        Error::Usage(e.to_string())
    }
}
