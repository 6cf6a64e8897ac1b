//! End-to-end tests of the `parallax` binary: exit codes, messages, colour, formats, and the
//! bad-input matrix of issue #2 (each case: a clear one-line error with exit 2, or a correct result).

mod common;

use common::*;
use parallax::report::Report;
use std::process::{Command, Stdio};

#[test]
fn seeds_are_read_as_a_reader_would() {
    let r = json(&run(&["inspect", "--format", "json", RFERL, MT]));
    let (a, b) = (&r.documents[0], &r.documents[1]);
    assert_eq!((a.id.as_str(), a.label.as_str()), ("A", "rferl"));
    assert_eq!(a.counts.body_paragraphs, 13);
    assert_eq!(b.counts.body_paragraphs, 7);
    assert!(a
        .title
        .as_deref()
        .unwrap()
        .starts_with("Kaspersky Lab Says Steps Up Cooperation With Interpol"));
    assert_eq!(
        b.title.as_deref(),
        Some("Embattled Russian Cyber Firm Kaspersky Teams Up With Interpol")
    );
    assert_eq!(
        b.published.map(|d| d.to_string()).as_deref(),
        Some("2017-10-13")
    );
    assert_eq!(a.published, None);
    // Every non-body block says why.
    for d in &r.documents {
        for p in &d.paragraphs {
            assert_eq!(
                p.reason.is_none(),
                p.kind == parallax::BlockKind::Body,
                "{}",
                p.text
            );
        }
    }
    // Offsets point into the decoded text.
    for d in &r.documents {
        for p in &d.paragraphs {
            assert_eq!(&d.text[p.start..p.end], p.text);
            for s in &p.sentences {
                assert_eq!(&d.text[s.start..s.end], s.text);
            }
        }
    }
}

#[test]
fn labels_and_stdin() {
    let text = std::fs::read(MT).unwrap();
    let r = json(&run_stdin(
        &["inspect", "--format", "json", "--label", "MT", "-"],
        &text,
    ));
    assert_eq!(r.documents[0].label, "MT");
    assert_eq!(r.documents[0].source, "-");
    assert_eq!(r.documents[0].counts.body_paragraphs, 7);
    assert_error(
        &run(&["inspect", "--label", "a", "--label", "b", MT]),
        "2 --label values given for 1 files",
    );
    assert_error(
        &run(&["inspect", "-", "-"]),
        "standard input (-) can be given only once",
    );
}

#[test]
fn output_is_deterministic() {
    let a = run(&["inspect", "--format", "json", RFERL, MT]);
    let b = run(&["inspect", "--format", "json", RFERL, MT]);
    assert_eq!(a.stdout, b.stdout);
    let a = run(&["inspect", RFERL]);
    let b = run(&["inspect", RFERL]);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let always = run(&["inspect", "--color", "always", MT]);
    assert!(always.stdout.contains(&0x1b), "--color always colours");
    let never = run(&["inspect", "--color", "never", MT]);
    assert!(!never.stdout.contains(&0x1b));
    // Not a terminal: auto means plain.
    let auto = run(&["inspect", MT]);
    assert!(!auto.stdout.contains(&0x1b));
    let no_color = bin()
        .args(["inspect", MT])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!no_color.stdout.contains(&0x1b));
}

#[test]
fn missing_file_and_directory() {
    assert_error(
        &run(&["inspect", "no/such/file.txt"]),
        "failed to read no/such/file.txt: no such file",
    );
    assert_error(
        &run(&["inspect", "fixtures"]),
        "failed to read fixtures: is a directory",
    );
    // One bad input among good ones fails the run, and prints nothing else.
    assert_error(&run(&["inspect", MT, "missing.txt"]), "missing.txt");
}

#[test]
fn unreadable_file() {
    let dir = scratch("unreadable");
    let p = write(
        &dir,
        "secret.txt",
        b"The minister resigned on Monday after protests.",
    );
    std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    if std::fs::read(&p).is_ok() {
        // Root reads anything: run the binary as nobody instead (util-linux setpriv), so the
        // case is checked here too rather than skipped.
        let o = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_parallax"))
            .args(["inspect", &p])
            .output()
            .expect("running as root, this test needs util-linux setpriv to drop to nobody");
        assert_error(&o, "permission denied");
        return;
    }
    assert_error(&run(&["inspect", &p]), "permission denied");
}

#[test]
fn binary_empty_and_whitespace_inputs() {
    let dir = scratch("binary");
    let nul = write(&dir, "nul.bin", b"Some text\0with a NUL byte in it");
    assert_error(
        &run(&["inspect", &nul]),
        "binary file (NUL byte at offset 9)",
    );
    let png = write(&dir, "image.txt", b"\x89PNG\r\n\x1a\n....");
    assert_error(&run(&["inspect", &png]), "binary file (PNG image)");
    let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 31) as u8 + 1).collect();
    let noise = write(&dir, "noise.dat", &noise);
    assert_error(&run(&["inspect", &noise]), "mostly non-text");
    let empty = write(&dir, "empty.txt", b"");
    assert_error(&run(&["inspect", &empty]), "empty input");
    let blank = write(&dir, "blank.txt", b"  \n\n\t \r\n");
    assert_error(&run(&["inspect", &blank]), "empty input");
}

#[test]
fn single_line_is_a_body_paragraph() {
    let r = json(&run_stdin(
        &["inspect", "--format", "json", "-"],
        b"Just one line of text",
    ));
    let d = &r.documents[0];
    assert_eq!(d.paragraphs.len(), 1);
    assert_eq!(d.counts.body_paragraphs, 1);
}

#[test]
fn invalid_utf8_warns_with_offset_and_reads_the_rest() {
    let dir = scratch("utf8");
    let p = write(
        &dir,
        "bad.txt",
        b"The minister said caf\xE9 was closed on Monday, officials said.",
    );
    let o = run(&["inspect", "--format", "json", &p]);
    let err = stderr(&o);
    assert!(
        err.contains("warning") && err.contains("bad.txt") && err.contains("byte 21"),
        "{err}"
    );
    let r = json(&o);
    assert!(r.documents[0].text.contains('\u{FFFD}'));
    assert_eq!(r.warnings.len(), 1);
}

#[test]
fn utf16_with_bom_and_lone_surrogates() {
    let dir = scratch("utf16");
    let text = "Kremlin spokesman Dmitry Peskov called the reports “absurd.”";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let p = write(&dir, "le.txt", &le);
    let r = json(&run(&["inspect", "--format", "json", &p]));
    assert_eq!(r.documents[0].text, text);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    be.extend([0xD8, 0x00]); // a lone high surrogate at the end
    let p = write(&dir, "be.txt", &be);
    let o = run(&["inspect", "--format", "json", &p]);
    assert!(stderr(&o).contains("invalid UTF-16"), "{}", stderr(&o));
    assert!(json(&o).documents[0].text.ends_with('\u{FFFD}'));
}

#[test]
fn control_characters_and_escapes_never_reach_the_terminal() {
    let input = "Breaking\x1b[2J News\n\nThe minister said \x1b]0;owned\x07 the talks \u{202e}would resume\u{9b}31m on Monday.\n";
    for color in ["never", "always"] {
        let o = run_stdin(&["inspect", "--color", color, "-"], input.as_bytes());
        assert_eq!(o.status.code(), Some(0));
        let out = String::from_utf8(o.stdout).unwrap();
        // Colour codes are ours; none of the input's ESC/BEL/CSI/bidi characters survive raw.
        let stripped: String = out
            .split('\x1b')
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part.to_string()
                } else {
                    part.trim_start_matches(|c: char| c == '[' || c.is_ascii_digit() || c == ';')
                        .trim_start_matches('m')
                        .to_string()
                }
            })
            .collect();
        assert!(
            !stripped.contains('\x07')
                && !stripped.contains('\u{9b}')
                && !stripped.contains('\u{202e}'),
            "{out:?}"
        );
        assert!(out.contains("\\x1b]0;owned\\x07"), "{out:?}");
        assert!(
            !out.contains("\x1b]0;"),
            "an OSC sequence from the input reached the terminal"
        );
    }
    // Error messages are made safe too.
    let o = run(&["inspect", "no\x1b[31mfile"]);
    assert!(!stderr(&o).contains('\x1b'));
}

#[test]
fn size_limit_is_enforced_before_reading() {
    let dir = scratch("size");
    let big = "The minister said the talks would resume on Monday in the capital. ".repeat(40);
    let p = write(&dir, "big.txt", big.as_bytes());
    assert_error(
        &run(&["inspect", "--max-input-size", "1K", &p]),
        "larger than the limit of 1024 bytes",
    );
    let o = run_stdin(&["inspect", "--max-input-size", "1K", "-"], big.as_bytes());
    assert_error(&o, "larger than the limit of 1024 bytes");
    assert_eq!(
        run(&["inspect", "--max-input-size", "lots", &p])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_50_mb_file_is_refused_clearly_below_its_size_and_read_above_it() {
    let dir = scratch("fifty");
    let para = "Russian cybersecurity firm Kaspersky Lab has expanded its relationship with Interpol, officials said on Thursday.\n\n";
    let big = para.repeat(50 * 1024 * 1024 / para.len() + 1);
    let p = write(&dir, "fifty.txt", big.as_bytes());
    assert_error(
        &run(&["inspect", "--max-input-size", "10M", &p]),
        "larger than the limit",
    );
    // Within the default limit (100 MiB) it is read in full; JSON to a pipe, counted not stored.
    let o = run(&["inspect", "--format", "json", &p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let r: Report = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        r.documents[0].counts.body_paragraphs,
        big.len() / para.len()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn html_and_markdown_inputs() {
    let dir = scratch("formats");
    let html = r#"<!doctype html><html><head><title>Kaspersky Teams Up With Interpol | The Paper</title>
<meta property="article:published_time" content="2017-10-13T09:09:00+03:00"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Kaspersky Teams Up With Interpol</h1>
<p>Russian cybersecurity firm Kaspersky Lab has expanded its relationship with global law enforcement agency Interpol, signing an agreement to share data.</p>
<p>The announcement comes as Kaspersky faces intense scrutiny after the U.S. federal government banned the use of its products in September.</p>
<p>The Kremlin also dismissed the allegations, with presidential spokesman Dmitry Peskov calling it "absurd." <script>alert(1)</script></p>
</article></body></html>"#;
    let p = write(&dir, "page.html", html.as_bytes());
    let r = json(&run(&["inspect", "--format", "json", &p]));
    let d = &r.documents[0];
    assert_eq!(serde_json::to_value(d.format).unwrap(), "html");
    assert_eq!(
        d.published.map(|x| x.to_string()).as_deref(),
        Some("2017-10-13")
    );
    assert!(d
        .title
        .as_deref()
        .unwrap()
        .contains("Kaspersky Teams Up With Interpol"));
    assert!(!d.text.contains("alert(1)") && !d.text.contains("Home"));
    assert_eq!(d.counts.body_paragraphs, 3);
    // inspect lists what the extractor left out, with why; the script is nobody's text
    let stripped: Vec<(&str, &str)> = d
        .stripped
        .iter()
        .map(|b| (b.text.as_str(), b.reason.as_str()))
        .collect();
    assert_eq!(stripped, [("Home", "navigation")], "{stripped:?}");
    let o = run(&["inspect", "--color", "never", &p]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Left out by the article extractor (1 block)")
    );
    // compare does not pay for it
    let o = run(&["compare", "--format", "json", &p, &p]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("\"stripped\""));
    // Forced format: the same page read as text keeps its tags as text.
    let r = json(&run(&[
        "inspect",
        "--format",
        "json",
        "--input-format",
        "text",
        &p,
    ]));
    assert_eq!(serde_json::to_value(r.documents[0].format).unwrap(), "text");

    let md = "# Kaspersky Teams Up With Interpol\n\nRussian cybersecurity firm **Kaspersky Lab** has expanded its [relationship](https://x.y) with Interpol, officials said.\n\nThe Kremlin dismissed the allegations as \"absurd.\"\n";
    let p = write(&dir, "story.md", md.as_bytes());
    let r = json(&run(&["inspect", "--format", "json", &p]));
    let d = &r.documents[0];
    assert_eq!(d.title.as_deref(), Some("Kaspersky Teams Up With Interpol"));
    assert_eq!(d.counts.body_paragraphs, 2);
    assert!(d
        .paragraphs
        .iter()
        .all(|p| !p.text.contains("**") && !p.text.contains("](")));
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("inspect"));
    assert_eq!(run(&["--version"]).status.code(), Some(0));
    assert_eq!(
        run(&["inspect"]).status.code(),
        Some(2),
        "missing FILE is a usage error"
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn compare_is_the_default_subcommand() {
    let explicit = run(&["compare", "--color", "never", RFERL, MT]);
    let implicit = run(&["--color", "never", RFERL, MT]);
    let bare = run(&[RFERL, MT]);
    assert_eq!(explicit.status.code(), Some(0), "{}", stderr(&explicit));
    assert_eq!(explicit.stdout, implicit.stdout);
    // Not a terminal: no colour by default.
    assert_eq!(explicit.stdout, bare.stdout);
    let out = String::from_utf8(explicit.stdout).unwrap();
    assert!(out.starts_with("Comparing 2 reports"), "{out}");
    assert!(out.contains("Shared facts") && out.contains("Only in A rferl"));
    // Without colour, word diffs stay readable through markers.
    assert!(out.contains("[-") && out.contains("{+"), "{out}");
}

#[test]
fn compare_colour_control() {
    let always = run(&["compare", "--color", "always", RFERL, MT]);
    assert!(always.stdout.contains(&0x1b), "--color always colours");
    let never = run(&["compare", "--color", "never", RFERL, MT]);
    assert!(!never.stdout.contains(&0x1b), "--color never does not");
    let no_color = bin()
        .env("NO_COLOR", "1")
        .args(["compare", RFERL, MT])
        .output()
        .unwrap();
    assert!(!no_color.stdout.contains(&0x1b), "NO_COLOR respected");
}

#[test]
fn compare_json_has_groups_alignment_and_coverage() {
    let r = json(&run(&["compare", "--format", "json", RFERL, MT]));
    let groups = r.groups.expect("groups present");
    assert!(!groups.is_empty());
    let body: std::collections::HashSet<String> = r
        .documents
        .iter()
        .flat_map(|d| d.paragraphs.iter())
        .filter(|p| p.kind == parallax::BlockKind::Body)
        .flat_map(|p| p.sentences.iter().map(|s| s.id.clone()))
        .collect();
    let cov = r.coverage.expect("coverage present");
    // Every body sentence is in exactly one place: one group, or its report's exclusives.
    let mut seen = std::collections::HashMap::new();
    for g in &groups {
        assert!(g.members.len() >= 2, "a group spans two reports");
        for m in &g.members {
            for s in &m.sentences {
                *seen.entry(s.clone()).or_insert(0) += 1;
            }
        }
    }
    for c in cov.values() {
        for s in &c.only_sentences {
            *seen.entry(s.clone()).or_insert(0) += 1;
        }
        assert_eq!(c.shared + c.only, c.body_sentences);
    }
    assert_eq!(seen.len(), body.len());
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
    assert!(seen.keys().all(|s| body.contains(s)));
    assert!(!r.paragraph_alignment.expect("present").is_empty());
}

#[test]
fn compare_needs_two_reports_and_valid_thresholds() {
    assert_error(&run(&["compare", RFERL]), "at least two reports");
    assert_error(
        &run(&["compare", "--min-score", "1.5", RFERL, MT]),
        "--min-score must be between 0 and 1",
    );
    let dir = scratch("compare-missing");
    let missing = dir.join("nope.txt").display().to_string();
    assert_error(&run(&["compare", RFERL, &missing]), "nope.txt");
}

#[test]
fn match_scores_pairs_in_batch() {
    let input = "p1\tKremlin spokesman Dmitry Peskov called the reports absurd.\tPeskov, the Kremlin spokesman, said the reports were absurd.\n\
                 p2\tKremlin spokesman Dmitry Peskov called the reports absurd.\tThe company employs about 4,000 people.\n";
    let o = run_stdin(&["match"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "p1");
    assert_ne!(rows[0][2], "none", "a paraphrase matches: {out}");
    assert_eq!(rows[1][2], "none", "unrelated sentences do not: {out}");
    let s1: f32 = rows[0][1].parse().unwrap();
    let s2: f32 = rows[1][1].parse().unwrap();
    assert!(s1 > s2);

    let bad = run_stdin(&["match"], b"only-one-field\n");
    assert_error(&bad, "line 1: expected 3 tab-separated fields");
}

#[test]
fn output_file_is_written_whole_and_never_over_an_input() {
    let dir = scratch("output-file");
    let out = dir.join("report.txt");
    let o = run(&[RFERL, MT, "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing on stdout when writing a file");
    let to_stdout = run(&[RFERL, MT]);
    assert_eq!(std::fs::read(&out).unwrap(), to_stdout.stdout);

    // an input is never overwritten, however it is spelled
    let input = write(&dir, "a.txt", &std::fs::read(RFERL).unwrap());
    let spelled = dir.join(".").join("a.txt");
    let o = run(&[&input, MT, "-o", spelled.to_str().unwrap()]);
    assert_error(&o, "refusing to write the report over its input");
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read(RFERL).unwrap()
    );

    // an unwritable place: exit 2, and no file or temporary file left behind
    let missing = dir.join("no-such-dir").join("r.json");
    let o = run(&[
        RFERL,
        MT,
        "--format",
        "json",
        "-o",
        missing.to_str().unwrap(),
    ]);
    assert_error(&o, "cannot write");
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, vec!["a.txt", "report.txt"]);
}

#[test]
fn fail_on_sets_exit_code_one_after_writing_the_report() {
    // two reports that date one vote on different days
    let dir = scratch("fail-on");
    let lead = "Lawmakers met in the capital as the dispute over the bill went on.\n\n";
    let vote = |day: &str| {
        format!("{lead}The House voted on {day} to override the veto of the terrorism bill.\n")
    };
    let a = write(&dir, "a.txt", vote("Wednesday").as_bytes());
    let b = write(&dir, "b.txt", vote("Thursday").as_bytes());
    let o = run(&[&a, &b, "--fail-on", "conflicts"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!o.stdout.is_empty(), "the report is still written");
    // the seeds differ in sourcing, not in fact, and each carries facts the other lacks
    let o = run(&[RFERL, MT, "--fail-on", "conflicts"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&[RFERL, MT, "--fail-on", "exclusives"]);
    assert_eq!(o.status.code(), Some(1));
    // a report compared with itself has neither
    let o = run(&[
        RFERL,
        RFERL,
        "--fail-on",
        "conflicts",
        "--fail-on",
        "exclusives",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn quiet_silences_warnings_not_errors() {
    let dir = scratch("quiet");
    let bad = write(
        &dir,
        "bad.txt",
        b"The minister said the talks would resume \xff on Monday in the capital.\n",
    );
    let o = run(&["inspect", &bad]);
    assert!(stderr(&o).contains("warning"), "{}", stderr(&o));
    let o = run(&["inspect", "--quiet", &bad]);
    assert!(o.status.success());
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let o = run(&["inspect", "--quiet", "no-such-file.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).is_empty());
}

#[test]
fn completions_and_man_page_come_from_the_argument_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let s = String::from_utf8(o.stdout).unwrap();
        for word in ["compare", "inspect", "fail-on", "min-score"] {
            assert!(s.contains(word), "{shell} completion lacks {word}");
        }
    }
    let o = run(&["completions", "tcsh-but-not-really"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["man"]);
    assert!(o.status.success());
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        s.starts_with(".ie") || s.contains(".TH parallax 1"),
        "{}",
        &s[..80.min(s.len())]
    );
    assert!(s.contains("compare"));
    assert!(s.contains("EXIT STATUS"));
}

#[test]
fn every_subcommand_has_a_man_page_with_its_options_and_exit_status() {
    for sub in ["compare", "inspect", "match", "completions", "man"] {
        let o = run(&["man", sub]);
        assert!(o.status.success(), "{sub}: {}", stderr(&o));
        let page = String::from_utf8(o.stdout).unwrap();
        assert!(page.contains(&format!(".TH parallax-{sub} 1")), "{sub}");
        assert!(page.contains(".SH \"EXIT STATUS\""), "{sub}");
        // every long option `--help` lists is on the page (roff writes "-" as "\-")
        let help = String::from_utf8(run(&[sub, "--help"]).stdout).unwrap();
        let options: Vec<&str> = help
            .split_whitespace()
            .filter(|w| w.starts_with("--") && w.len() > 2)
            .map(|w| w.trim_end_matches([',', '.', '`']))
            .filter(|w| {
                w.chars()
                    .skip(2)
                    .all(|c| c.is_ascii_lowercase() || c == '-')
            })
            // the program's version flag is on parallax(1)
            .filter(|w| *w != "--version")
            .collect();
        assert!(
            sub != "compare" || options.contains(&"--fail-on"),
            "{options:?}"
        );
        for opt in options {
            assert!(
                page.contains(&opt.replace('-', "\\-")),
                "parallax-{sub}(1) lacks {opt}"
            );
        }
    }
    // --dir writes them all, the top-level page too
    let dir = scratch("man-dir");
    let o = run(&["man", "--dir", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["parallax.1", "parallax-compare.1", "parallax-match.1"] {
        assert!(dir.join(name).exists(), "{name}");
    }
    assert_eq!(run(&["man", "nonsense"]).status.code(), Some(2));
}

#[test]
fn markdown_report_escapes_hostile_input() {
    let dir = scratch("markdown");
    let page = "The minister said <script>alert(1)</script> talks would resume [here](javascript:alert(2)) on Monday in the capital city.\n\n\
                Officials said the <img src=x onerror=alert(3)> meeting would take place at noon in the main hall.\n";
    let a = write(&dir, "a.txt", page.as_bytes());
    let b = write(&dir, "b.txt", page.replace("noon", "one").as_bytes());
    let o = run(&[&a, &b, "--format", "markdown"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.starts_with("# Comparison of 2 reports"), "{md}");
    assert!(
        !md.contains('<'),
        "raw angle brackets reached the Markdown: {md}"
    );
    assert!(
        !md.contains("](javascript"),
        "a link from the input became a link: {md}"
    );
    assert!(md.contains("&lt;script&gt;"));
}

#[test]
fn views_width_and_html_from_the_command_line() {
    for view in ["inline", "summary", "side-by-side", "quotes", "facts"] {
        let o = run(&[RFERL, MT, "--view", view, "--width", "80"]);
        assert!(o.status.success(), "{view}: {}", stderr(&o));
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(!text.contains('\u{1b}'), "{view}: no colour into a pipe");
        assert!(
            text.starts_with("Comparing 2 reports") || view == "side-by-side",
            "{view}"
        );
    }
    let o = run(&[RFERL, MT, "--view", "side-by-side", "--width", "60"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.lines()
            .all(|l| parallax::render::width::width(l) <= 60),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.contains(" │ ")),
        "two columns: {text}"
    );
    // Without --width, $COLUMNS decides when stdout is not a terminal.
    let o = bin()
        .args([RFERL, MT, "--view", "side-by-side"])
        .env("COLUMNS", "70")
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    let widest = text
        .lines()
        .map(parallax::render::width::width)
        .max()
        .unwrap();
    assert_eq!(widest, 70, "{text}");
    // Too narrow is refused by clap with exit 2.
    let o = run(&[RFERL, MT, "--width", "10"]);
    assert_eq!(o.status.code(), Some(2));

    let dir = scratch("html");
    let page = dir.join("report.html");
    let o = run(&[RFERL, MT, "--format", "html", "-o", page.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "nothing to fetch"
    );
}

#[test]
fn help_shows_examples() {
    let o = run(&["compare", "--help"]);
    let text = String::from_utf8(o.stdout).unwrap();
    for needle in ["Examples:", "--view side-by-side", "--format html -o"] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
}

/// Runs `parallax ARGS` under a pseudo-terminal (util-linux `script`), with PAGER set to a
/// command that marks every line it shows; returns what the terminal got.
fn on_a_terminal(args: &str, pager: &str) -> Option<String> {
    assert!(
        Command::new("script").arg("--version").output().is_ok(),
        "the pager tests need util-linux `script` (Debian: bsdutils) for a pseudo-terminal"
    );
    let cmd = format!(
        "stty rows 20 cols 100; {} {args}",
        env!("CARGO_BIN_EXE_parallax")
    );
    let o = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("PAGER", pager)
        .env_remove("PARALLAX_PAGER")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Some(String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n"))
}

#[test]
fn long_output_is_paged_on_a_terminal_only() {
    let pager = "sed 's/^/PAGED|/'";
    let Some(paged) = on_a_terminal(&format!("{RFERL} {MT}"), pager) else {
        return;
    };
    assert!(
        paged
            .lines()
            .filter(|l| !l.is_empty())
            .all(|l| l.starts_with("PAGED|")),
        "{paged}"
    );
    assert!(
        paged.contains('\u{1b}'),
        "colour on a terminal, passed to the pager"
    );
    // Never: straight to the terminal.
    let direct = on_a_terminal(&format!("{RFERL} {MT} --paging never"), pager).unwrap();
    assert!(!direct.contains("PAGED|"), "{direct}");
    // Auto: output shorter than the terminal (20 rows) is not paged; always: it is.
    let dir = scratch("pager");
    let tiny = write(&dir, "tiny.txt", b"The minister resigned on Monday.");
    let short = on_a_terminal(&format!("inspect {tiny}"), pager).unwrap();
    assert!(
        short.contains("minister") && !short.contains("PAGED|"),
        "{short}"
    );
    let few = on_a_terminal(&format!("{RFERL} {MT} --view quotes --paging auto"), pager).unwrap();
    assert!(few.lines().count() > 20 && few.contains("PAGED|"), "{few}");
    let always = on_a_terminal(
        &format!("inspect {RFERL} --paging always --format text"),
        "sed 's/^/ALWAYS|/'",
    )
    .unwrap();
    assert!(always.contains("ALWAYS|"), "{always}");
    // Into a pipe, never paged.
    let o = bin()
        .args([RFERL, MT])
        .env("PAGER", pager)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&o.stdout).contains("PAGED|"));
}

#[test]
fn long_runs_show_progress_on_a_terminal_and_nowhere_else() {
    // 200 reports: a run expected to take about a second
    let dir = scratch("progress");
    let story = std::fs::read_to_string(RFERL).unwrap();
    let files: Vec<String> = (0..200)
        .map(|i| {
            let text = story.replace("Interpol", &format!("Interpol{}", i % 7));
            write(&dir, &format!("r{i}.txt"), text.as_bytes())
        })
        .collect();
    let out = dir.join("out.json");
    let args = format!("--format json -o {} {}", out.display(), files.join(" "));
    let terminal = on_a_terminal(&args, "cat").unwrap();
    assert!(
        terminal.contains("reports ("),
        "no progress line: {terminal:?}"
    );
    let with_progress = std::fs::read(&out).unwrap();
    // through a pipe: no progress, and the report is byte for byte the same
    let mut argv = vec!["--format", "json"];
    argv.extend(files.iter().map(String::as_str));
    let o = run(&argv);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("reports ("), "{}", stderr(&o));
    assert!(o.stdout == with_progress, "progress changed the output");
}

#[test]
fn the_output_is_never_written_over_the_file_behind_standard_input() {
    let dir = scratch("stdin-target");
    let story = std::fs::read(MT).unwrap();
    let b = write(&dir, "b.txt", &story);
    let o = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([RFERL, "-", "-o", &b])
        .stdin(std::fs::File::open(&b).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("over its input"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&b).unwrap(), story, "the input was replaced");
    // another target is fine
    let c = dir.join("c.txt");
    let o = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([RFERL, "-", "-o", c.to_str().unwrap()])
        .stdin(std::fs::File::open(&b).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn argument_errors_are_one_line_with_exit_code_2() {
    for (args, needle) in [
        (&["--foo", RFERL, MT][..], "unexpected argument '--foo'"),
        (&["compare"][..], "<FILE>"),
        (
            &["--view", "nope", RFERL, MT][..],
            "possible values: inline",
        ),
        (&["--max-input-size", "12Q", RFERL, MT][..], "invalid size"),
        (&["match", "--same=x"][..], "invalid float"),
        (&["completions"][..], "<SHELL>"),
    ] {
        assert_error(&run(args), needle);
    }
    // help and version are not errors
    for args in [
        &["--help"][..],
        &["--version"][..],
        &["compare", "--help"][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(!o.stdout.is_empty());
    }
}
