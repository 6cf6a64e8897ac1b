//! Golden (snapshot) tests: how the bundled fixtures are read, as the JSON report and as the plain
//! terminal view. A change in classification or segmentation shows up as a snapshot diff; review
//! it with `cargo insta review` (or delete the snapshot and re-run) and commit it with the change.

use parallax::ingest::{Input, ReadOptions};
use parallax::render::{self, Palette};

fn read(paths: &[&str]) -> (Vec<parallax::Document>, Vec<parallax::Warning>) {
    let inputs: Vec<Input> = paths.iter().map(Input::from_arg).collect();
    parallax::read_all(&inputs, &[], &ReadOptions::default()).expect("fixtures read")
}

fn report(paths: &[&str]) -> parallax::report::Report {
    let (docs, warnings) = read(paths);
    parallax::inspect_documents(&docs, &warnings, &Default::default())
}

fn comparison(paths: &[&str]) -> parallax::report::Report {
    let (docs, warnings) = read(paths);
    parallax::compare_documents(
        &docs,
        &warnings,
        &parallax::align::Options::default(),
        &Default::default(),
    )
}

const THREE: [&str; 3] = [
    "fixtures/kaspersky/rferl.txt",
    "fixtures/kaspersky/moscowtimes.txt",
    "fixtures/kaspersky/wire.txt",
];

#[test]
fn seeds_compare_json() {
    let r = comparison(&SEEDS);
    let mut out = Vec::new();
    render::json::render(&r, &mut out).unwrap();
    insta::assert_snapshot!("seeds_compare_json", String::from_utf8(out).unwrap());
}

#[test]
fn seeds_compare_terminal_plain() {
    let r = comparison(&SEEDS);
    let mut out = Vec::new();
    render::compare::render(&r, Palette::plain(), &mut out).unwrap();
    insta::assert_snapshot!("seeds_compare_terminal", String::from_utf8(out).unwrap());
}

#[test]
fn three_reports_compare_json_and_terminal() {
    let r = comparison(&THREE);
    let mut out = Vec::new();
    render::json::render(&r, &mut out).unwrap();
    insta::assert_snapshot!("three_compare_json", String::from_utf8(out).unwrap());
    let mut out = Vec::new();
    render::compare::render(&r, Palette::plain(), &mut out).unwrap();
    insta::assert_snapshot!("three_compare_terminal", String::from_utf8(out).unwrap());
}

const SEEDS: [&str; 2] = [
    "fixtures/kaspersky/rferl.txt",
    "fixtures/kaspersky/moscowtimes.txt",
];

#[test]
fn seeds_json() {
    let r = report(&SEEDS);
    let mut out = Vec::new();
    render::json::render(&r, &mut out).unwrap();
    insta::assert_snapshot!("seeds_inspect_json", String::from_utf8(out).unwrap());
}

#[test]
fn seeds_terminal_plain() {
    let r = report(&SEEDS);
    let mut out = Vec::new();
    render::terminal::render(&r, Palette::plain(), &mut out).unwrap();
    insta::assert_snapshot!("seeds_inspect_terminal", String::from_utf8(out).unwrap());
}

#[test]
fn seeds_and_three_reports_markdown() {
    for (name, paths) in [
        ("seeds_compare_markdown", &SEEDS[..]),
        ("three_compare_markdown", &THREE[..]),
    ] {
        let r = comparison(paths);
        let mut out = Vec::new();
        render::markdown::render(&r, &mut out).unwrap();
        insta::assert_snapshot!(name, String::from_utf8(out).unwrap());
    }
}

/// Every terminal view (plain, 100 columns) and the HTML page, for the seeds and three reports.
#[test]
fn seeds_and_three_reports_every_view_and_html() {
    use render::views::View;
    for (set, paths) in [("seeds", &SEEDS[..]), ("three", &THREE[..])] {
        let r = comparison(paths);
        for (view, name) in [
            (View::Summary, "summary"),
            (View::SideBySide, "side_by_side"),
            (View::Quotes, "quotes"),
            (View::Facts, "facts"),
        ] {
            let mut out = Vec::new();
            render::views::render_view(&r, view, 100, Palette::plain(), &mut out).unwrap();
            insta::assert_snapshot!(
                format!("{set}_compare_{name}"),
                String::from_utf8(out).unwrap()
            );
        }
        let mut out = Vec::new();
        render::html::render(&r, &mut out).unwrap();
        insta::assert_snapshot!(
            format!("{set}_compare_html"),
            String::from_utf8(out).unwrap()
        );
    }
}

/// A three-outlet BASIL event (Fox News, NYT, HuffPost) in every view and format. BASIL may not
/// be redistributed, so the snapshot holds a SHA-256 per output rather than the text; the outputs
/// themselves are written to `target/golden-basil/` for review. After a deliberate change, run
/// with PARALLAX_BLESS=1 to rewrite `tests/snapshots/basil_digests.txt`, and read the diff of
/// the files in `target/golden-basil/` before committing.
#[test]
#[ignore = "needs ../shared"]
fn basil_event_every_view_and_format() {
    use sha2::Digest as _;
    const EVENT: &str = "2b95d2cf-e979-4f9c-ae27-9a5370934f23"; // Steele on Afghanistan, 2010
    let shared = std::path::Path::new("../shared");
    assert!(
        shared.join("data/basil/triplets.tsv").exists(),
        "../shared/data/basil is missing: this test needs ../shared"
    );
    let tmp = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("golden-basil-input");
    let prep = std::process::Command::new("python3")
        .arg(shared.join("eval/basil_prep.py"))
        .arg(shared.join("data/basil"))
        .arg(&tmp)
        .arg(EVENT)
        .output()
        .expect("python3 runs");
    assert!(
        prep.status.success(),
        "{}",
        String::from_utf8_lossy(&prep.stderr)
    );
    let dir = tmp.join(EVENT);
    let review = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("golden-basil");
    std::fs::create_dir_all(&review).unwrap();
    let mut digests = String::new();
    let runs: [(&str, &[&str]); 8] = [
        ("inline.txt", &["--view", "inline"]),
        ("summary.txt", &["--view", "summary"]),
        ("side-by-side.txt", &["--view", "side-by-side"]),
        ("quotes.txt", &["--view", "quotes"]),
        ("facts.txt", &["--view", "facts"]),
        ("report.json", &["--format", "json"]),
        ("report.md", &["--format", "markdown"]),
        ("report.html", &["--format", "html"]),
    ];
    for (name, args) in runs {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
            .current_dir(&dir)
            .args(["compare", "fox.txt", "nyt.txt", "hpo.txt"])
            .args([
                "--label", "Fox News", "--label", "NYT", "--label", "HuffPost",
            ])
            .args(["--width", "100", "--color", "never", "--paging", "never"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(review.join(name), &out.stdout).unwrap();
        let hex: String = sha2::Sha256::digest(&out.stdout)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        digests.push_str(&format!("{hex}  {name}\n"));
        // What can be checked without the text: three outlets everywhere.
        let text = String::from_utf8(out.stdout).unwrap();
        for outlet in ["Fox News", "NYT", "HuffPost"] {
            assert!(text.contains(outlet), "{name} lacks {outlet}");
        }
    }
    let path = std::path::Path::new("tests/snapshots/basil_digests.txt");
    if std::env::var("PARALLAX_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(path, &digests).unwrap();
    }
    let want = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        digests, want,
        "BASIL outputs changed; review target/golden-basil/ and re-run with PARALLAX_BLESS=1"
    );
}

/// No HTML mark starts or ends inside a word (`gr<mark>a</mark>bbing` was one), and the
/// verdict comes before any section of details.
#[test]
fn html_marks_whole_words_and_the_verdict_comes_first() {
    for paths in [&SEEDS[..], &THREE[..]] {
        let r = comparison(paths);
        let mut out = Vec::new();
        render::html::render(&r, &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        let mut marks = 0;
        for (at, _) in html.match_indices("<mark") {
            let open_end = at + html[at..].find('>').unwrap() + 1;
            let close = open_end + html[open_end..].find("</mark>").unwrap();
            let inner = &html[open_end..close];
            let before = html[..at].chars().next_back();
            let after = html[close + "</mark>".len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            assert!(
                !(word(before) && inner.starts_with(char::is_alphanumeric)),
                "mark opens inside a word: {:?}",
                &html[at.saturating_sub(20)..close]
            );
            assert!(
                !(word(after) && inner.ends_with(char::is_alphanumeric)),
                "mark closes inside a word: {:?}",
                &html[open_end..(close + 27).min(html.len())]
            );
            marks += 1;
        }
        assert!(marks > 0, "no marks to check");
        let verdict = html.find("id=\"verdict\"").expect("a verdict");
        for section in ["id=\"conflicts\"", "id=\"side-by-side\"", "id=\"quotes\""] {
            if let Some(at) = html.find(&format!("<section {section}")) {
                assert!(verdict < at, "{section} before the verdict");
            }
        }
    }
}

/// Columns narrower than 28 give the stacked layout: every report shown, every line within the
/// width, no header cut inside a word.
#[test]
fn narrow_columns_stack_one_block_per_fact() {
    use render::views::View;
    let r = comparison(&THREE);
    let mut out = Vec::new();
    render::views::render_view(&r, View::SideBySide, 80, Palette::plain(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    insta::assert_snapshot!("three_compare_side_by_side_stacked", text);
    assert!(
        !text.contains(" │ "),
        "columns drawn at 80 columns for 3 reports"
    );
    for line in text.lines() {
        assert!(
            parallax::render::width::width(line) <= 80,
            "{} columns: {line}",
            parallax::render::width::width(line)
        );
    }
    for d in &r.documents {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{} {}", d.id, d.label))),
            "{} has no header",
            d.id
        );
    }
    // at 100 columns three reports still get columns, and headers end at word boundaries
    let mut out = Vec::new();
    render::views::render_view(&r, View::SideBySide, 100, Palette::plain(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(" │ "));
}
