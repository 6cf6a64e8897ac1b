//! Command-line definitions (clap derive). `--help` text lives in the doc comments. Only `main`
//! sees this module; the library takes plain option structs.

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

/// Compare news reports of the same event: what every outlet carried, what each left out, and
/// where they disagree.
#[derive(Debug, Parser)]
#[command(name = "parallax", version, propagate_version = true)]
#[command(
    after_help = EXAMPLES
)]
pub struct Args {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The examples at the end of `parallax --help` and `parallax compare --help`.
const EXAMPLES: &str = "Examples:
  parallax fixtures/kaspersky/rferl.txt fixtures/kaspersky/moscowtimes.txt
  parallax a.txt b.html c.md --view side-by-side --width 160
  parallax a.txt b.txt --view summary          # coverage matrix, conflicts first
  parallax a.txt b.txt --format html -o report.html
  parallax a.txt b.txt --format markdown > comparison.md
  parallax compare --format json a.html b.txt c.md > comparison.json
  parallax a.txt b.txt --fail-on conflicts --quiet --format json -o out.json || echo disagree
  curl -s https://example.org/story | parallax compare --input-format html - other.txt
  parallax inspect fixtures/kaspersky/rferl.txt
  parallax match pairs.tsv > scores.tsv";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare reports: shared facts with word diffs, what each outlet alone carries and what it
    /// leaves out (the default: `parallax A.txt B.txt` means `parallax compare A.txt B.txt`).
    #[command(after_help = EXAMPLES)]
    Compare(CompareArgs),
    /// Show how each report was read: blocks with their kind and reason, paragraphs, sentences.
    Inspect(InspectArgs),
    /// Score sentence pairs in batch: TSV `id<TAB>sentence1<TAB>sentence2` in,
    /// `id<TAB>score<TAB>same|partial|none` out, with the scorer `compare` uses.
    Match(MatchArgs),
    /// Print a shell completion script: `parallax completions bash > ~/.local/share/bash-completion/completions/parallax`.
    Completions(CompletionsArgs),
    /// Print a manual page (roff): `parallax man compare | man -l -`; with `--dir`, write every
    /// page (parallax.1, parallax-compare.1, …) into a directory.
    Man(ManArgs),
}

/// Arguments of `parallax man`.
#[derive(Debug, ClapArgs)]
pub struct ManArgs {
    /// The subcommand whose page to print (the top-level page when omitted).
    #[arg(value_enum)]
    pub page: Option<ManPage>,
    /// Write every page into this directory instead of printing one.
    #[arg(long, value_name = "DIR", conflicts_with = "page")]
    pub dir: Option<std::path::PathBuf>,
}

/// The manual pages there are, one per subcommand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ManPage {
    /// parallax-compare(1).
    Compare,
    /// parallax-inspect(1).
    Inspect,
    /// parallax-match(1).
    Match,
    /// parallax-completions(1).
    Completions,
    /// parallax-man(1).
    Man,
}

impl ManPage {
    /// Every page, in the order the top-level page lists them.
    pub const ALL: [ManPage; 5] = [
        ManPage::Compare,
        ManPage::Inspect,
        ManPage::Match,
        ManPage::Completions,
        ManPage::Man,
    ];

    /// The page's name: `parallax-compare`, …
    pub fn page_name(self) -> &'static str {
        match self {
            ManPage::Compare => "parallax-compare",
            ManPage::Inspect => "parallax-inspect",
            ManPage::Match => "parallax-match",
            ManPage::Completions => "parallax-completions",
            ManPage::Man => "parallax-man",
        }
    }

    /// The subcommand's name.
    pub fn name(self) -> &'static str {
        match self {
            ManPage::Compare => "compare",
            ManPage::Inspect => "inspect",
            ManPage::Match => "match",
            ManPage::Completions => "completions",
            ManPage::Man => "man",
        }
    }
}

/// Arguments of `parallax completions`.
#[derive(Debug, ClapArgs)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// How inputs are read (shared by `compare` and `inspect`).
#[derive(Debug, ClapArgs)]
pub struct ReadArgs {
    /// Reports to read: paths, or `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<std::path::PathBuf>,

    /// How the inputs are written; `auto` sniffs the extension and content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    pub input_format: InputFormatArg,

    /// Name for a report (repeat once per file, in order); default: the file stem.
    #[arg(long = "label", value_name = "NAME")]
    pub labels: Vec<String>,

    /// Refuse inputs larger than this (bytes, or with a K, M or G suffix).
    #[arg(long, value_name = "SIZE", default_value = "100M", value_parser = parse_size)]
    pub max_input_size: u64,

    /// Date that relative dates ("Thursday", "last month") count from in reports that carry
    /// no publication date of their own (YYYY-MM-DD); `compare` defaults to the earliest date
    /// line among the reports.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<parallax::Date>,
}

fn parse_date(s: &str) -> Result<parallax::Date, String> {
    match parallax::Date::parse_iso(s) {
        Some(d) if s.trim().len() == 10 => Ok(d),
        _ => Err(format!("{s:?} is not a date of the form YYYY-MM-DD")),
    }
}

/// How output is written (shared by `compare` and `inspect`).
#[derive(Debug, ClapArgs)]
pub struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// When to colour the output: `auto` colours a terminal unless NO_COLOR is set or TERM=dumb.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Write the report to FILE instead of standard output: all at once (a temporary file
    /// renamed into place), never over one of the inputs, nothing left behind on error.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub file: Option<std::path::PathBuf>,

    /// Print no warnings, only errors.
    #[arg(short, long)]
    pub quiet: bool,

    /// Width of the terminal views in columns; default: the terminal's width, else $COLUMNS,
    /// else 100.
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,

    /// When to page the terminal views: `auto` pages long output on a terminal through $PAGER
    /// (default `less -FRX`), as git does.
    #[arg(long, value_enum, default_value_t = Paging::Auto, value_name = "WHEN")]
    pub paging: Paging,
}

/// When to use a pager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paging {
    /// When standard output is a terminal and the output is longer than it.
    Auto,
    /// Whenever standard output is a terminal.
    Always,
    /// Never.
    Never,
}

/// The terminal views of `compare` (see `--view`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// Everything: coverage, conflicts, shared facts with word diffs, quotes, who is named,
    /// and what each outlet alone carries.
    Inline,
    /// Coverage matrix (shared facts × outlets), counts, conflicts first.
    Summary,
    /// One column per outlet, shared facts on the same row.
    SideBySide,
    /// Quotes matched across outlets with cut and changed words marked.
    Quotes,
    /// Dates, numbers, money and percentages by outlet, then who is named.
    Facts,
}

/// What makes `compare --fail-on` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// The reports disagree somewhere (speaker, attribution, date, number).
    Conflicts,
    /// Some report carries a fact no other report carries.
    Exclusives,
}

/// Arguments of `parallax compare`.
#[derive(Debug, ClapArgs)]
pub struct CompareArgs {
    /// Inputs.
    #[command(flatten)]
    pub read: ReadArgs,

    /// Which terminal view to print (with `--format text`).
    #[arg(long, value_enum, default_value_t = ViewArg::Inline, value_name = "VIEW")]
    pub view: ViewArg,

    /// Exit with status 1 (after writing the report) when the comparison finds conflicts or
    /// exclusives: for scripts and CI checks. Repeat for both.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub fail_on: Vec<FailOn>,

    /// Output.
    #[command(flatten)]
    pub output: OutputArgs,

    /// Sentence pairs at least this probable (the learned scorer's calibrated score, 0–1) are
    /// linked; lower finds more, looser matches.
    #[arg(long, value_name = "SCORE", default_value_t = parallax::CompareOptions::default().min_score)]
    pub min_score: f32,

    /// A link is `same` when it is at least this probably `same` (0–1), else `partial`; a
    /// shared fact is `same` when all its links are.
    #[arg(long, value_name = "SCORE", default_value_t = parallax::CompareOptions::default().same_score)]
    pub same_score: f32,

    /// At most this many sentences of one report in a shared fact (an outlet may split one
    /// fact over a few sentences; more is a topic, not a fact).
    #[arg(long, value_name = "N", default_value_t = parallax::CompareOptions::default().max_per_report as u64,
          value_parser = clap::value_parser!(u64).range(1..=20))]
    pub max_per_report: u64,
}

/// Arguments of `parallax inspect`.
#[derive(Debug, ClapArgs)]
pub struct InspectArgs {
    /// Inputs.
    #[command(flatten)]
    pub read: ReadArgs,

    /// Output.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `parallax match`.
#[derive(Debug, ClapArgs)]
pub struct MatchArgs {
    /// TSV file of pairs (`id<TAB>sentence1<TAB>sentence2`); `-` or nothing reads standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    pub file: std::path::PathBuf,

    /// A linked pair at least this probably `same` (0–1) is `same`, else `partial`.
    #[arg(long, value_name = "SCORE", default_value_t = parallax::MatchOptions::default().same)]
    pub same: f32,

    /// Pairs at least this probable (the link score, 0–1) are linked: `same` or `partial`.
    #[arg(long, value_name = "SCORE", default_value_t = parallax::MatchOptions::default().partial)]
    pub partial: f32,
}

/// Names of the subcommands, for choosing the default one.
pub const SUBCOMMANDS: &[&str] = &["compare", "inspect", "match", "completions", "man", "help"];

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable, coloured on a terminal.
    Text,
    /// The JSON contract (docs/json.md).
    Json,
    /// A Markdown report to paste into a ticket or a document.
    Markdown,
    /// One self-contained HTML page (no network fetches), for editors: use with -o FILE.
    Html,
}

/// Input formats for `--input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// Sniff from the extension and content.
    Auto,
    /// Plain text (also text copied from a browser).
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal, NO_COLOR unset and TERM not `dumb`.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Parses `1048576`, `512K`, `100M`, `2G`.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'k' | 'K')) => (&s[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&s[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    num.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("invalid size {s:?} (expected e.g. 500K, 100M, 2G)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("100M"), Ok(100 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("42"), Ok(42));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn clap_definition_is_valid() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
