//! The hostile-input matrix of issue 7, end to end through the binary. Each case asserts the
//! exact behaviour: a clear one-line error with exit code 2, or a correct result. The earlier
//! matrix (missing, unreadable, directory, empty, whitespace, NUL bytes, invalid UTF-8, UTF-16
//! with a BOM, control characters, the size limit) is in `tests/cli.rs`; docs/robustness.md
//! lists every threat with the test that covers it.

mod common;
mod invariants;

use common::*;
use parallax::align::Relation;
use parallax::compare::quotes::QuoteRelation;
use parallax::report::Report;
use std::io::Write;

fn compare_json(args: &[&str]) -> Report {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    json(&run(&all))
}

/// Every body sentence of every report is in a group, and every group is `same`.
fn assert_all_same(r: &Report) {
    let groups = r.groups.as_ref().unwrap();
    assert!(!groups.is_empty());
    assert!(groups.iter().all(|g| g.relation == Relation::Same));
    for c in r.coverage.as_ref().unwrap().values() {
        assert_eq!((c.only, c.missing), (0, 0), "{c:?}");
        assert_eq!(c.shared, c.body_sentences);
    }
}

#[test]
fn a_fifo_is_read_like_a_pipe() {
    let dir = scratch("fifo");
    let fifo = dir.join("report.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) could not make a FIFO in {}",
        dir.display()
    );
    let text = std::fs::read(RFERL).unwrap();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            f.write_all(&text).unwrap();
        })
    };
    let from_fifo = compare_json(&[fifo.to_str().unwrap(), MT]);
    writer.join().unwrap();
    let from_file = compare_json(&[RFERL, MT]);
    assert_eq!(from_fifo.documents[0].text, from_file.documents[0].text);
    assert_eq!(from_fifo.groups, from_file.groups);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn crlf_and_lone_cr_line_ends_read_like_lf() {
    let dir = scratch("eol");
    let lf = std::fs::read_to_string(RFERL).unwrap();
    let crlf = write(&dir, "crlf.txt", lf.replace('\n', "\r\n").as_bytes());
    let cr = write(&dir, "cr.txt", lf.replace('\n', "\r").as_bytes());
    let reference = compare_json(&[RFERL, MT]);
    for path in [&crlf, &cr] {
        let r = compare_json(&[path, MT]);
        assert_eq!(
            r.documents[0].counts, reference.documents[0].counts,
            "{path}"
        );
        assert_eq!(r.documents[0].title, reference.documents[0].title);
        assert_eq!(
            r.groups.as_ref().unwrap().len(),
            reference.groups.as_ref().unwrap().len()
        );
        // Against the LF original, every sentence is the same.
        assert_all_same(&compare_json(&[path, RFERL]));
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn one_enormous_line_is_read_in_full() {
    let dir = scratch("line");
    let sentence = "The minister said the talks would resume on Monday in the capital. ";
    let n = 20 * 1024 * 1024 / sentence.len();
    let p = write(&dir, "line.txt", sentence.repeat(n).as_bytes());
    let o = run(&["inspect", "--format", "json", &p]);
    let r = json(&o);
    let c = r.documents[0].counts;
    assert_eq!(
        (c.paragraphs, c.body_paragraphs, c.body_sentences),
        (1, 1, n)
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn ten_thousand_tiny_paragraphs() {
    let dir = scratch("tiny");
    let text: String = (0..10_000)
        .map(|i| format!("Item {i} was filed.\n\n"))
        .collect();
    let p = write(&dir, "tiny.txt", text.as_bytes());
    let r = compare_json(&[&p, &p]);
    assert_eq!(r.documents[0].counts.body_paragraphs, 10_000);
    assert_all_same(&r);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_thousand_reports_in_one_comparison() {
    let dir = scratch("thousand");
    let facts = [
        "Kaspersky Lab signed a data-sharing agreement with Interpol in Singapore.",
        "The Kremlin called the reports of Russian hacking absurd.",
        "The U.S. government banned Kaspersky products from federal networks in September.",
        "Eugene Kaspersky said his company would open its source code to reviewers.",
    ];
    let paths: Vec<String> = (0..1000)
        .map(|i| {
            // each report carries two of the four facts, in its own order
            let text = format!("{}\n\n{}\n", facts[i % 4], facts[(i / 4 + 1 + i) % 4]);
            write(&dir, &format!("r{i:04}.txt"), text.as_bytes())
        })
        .collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let r = compare_json(&args);
    assert_eq!(r.documents.len(), 1000);
    assert_eq!(r.documents[999].id, "ALL");
    // Every sentence is grouped with the reports that carry the same fact, and no group
    // mixes two facts. (A fact carried by 500 reports may come out as a few groups: each
    // sentence scores at most 48 candidates, and clusters merge only while the pairs scored
    // across them outweigh those never scored.)
    let text_of = invariants::sentence_texts(&r);
    let groups = r.groups.as_ref().unwrap();
    assert!(groups.len() >= 4);
    let mut grouped = 0;
    for g in groups {
        let texts: std::collections::BTreeSet<&str> = g
            .members
            .iter()
            .flat_map(|m| &m.sentences)
            .map(|s| text_of[s.as_str()])
            .collect();
        assert_eq!(texts.len(), 1, "{} mixes facts: {texts:?}", g.id);
        grouped += g.members.iter().map(|m| m.sentences.len()).sum::<usize>();
    }
    let body: usize = r.documents.iter().map(|d| d.counts.body_sentences).sum();
    assert_eq!(grouped, body, "every sentence is carried by another report");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn identical_reports_are_all_same() {
    let r = compare_json(&[RFERL, RFERL]);
    assert_all_same(&r);
    assert!(r.conflicts.unwrap().is_empty());
    let q = r.quote_matches.unwrap();
    assert!(!q.is_empty());
    assert!(q.iter().all(|m| m.relation == QuoteRelation::Identical));
}

/// Two short reports of one event in a language: every pair of sentences that say the same
/// thing is grouped, and the language is recognised.
fn same_event(lang: &str, a: &str, b: &str, groups: usize) {
    let dir = scratch(&format!("lang-{lang}"));
    let pa = write(&dir, "a.txt", a.as_bytes());
    let pb = write(&dir, "b.txt", b.as_bytes());
    let r = compare_json(&[&pa, &pb]);
    for d in &r.documents {
        assert_eq!(d.language.as_deref(), Some(lang));
    }
    let g = r.groups.unwrap();
    assert_eq!(g.len(), groups, "{lang}: {g:?}");
    for (i, group) in g.iter().enumerate() {
        let n = i + 1;
        let ids: Vec<&str> = group
            .members
            .iter()
            .flat_map(|m| m.sentences.iter().map(String::as_str))
            .collect();
        assert_eq!(ids, [format!("A.s{n}"), format!("B.s{n}")], "{lang}");
    }
    // The terminal view shows the text itself, not escapes.
    let o = run(&["--color", "never", &pa, &pb]);
    assert_eq!(o.status.code(), Some(0));
    let first_words: String = a.chars().take(6).collect();
    assert!(String::from_utf8(o.stdout).unwrap().contains(&first_words));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn russian_reports() {
    same_event(
        "ru",
        "Министр иностранных дел России Сергей Лавров заявил в четверг, что переговоры возобновятся.\n\nОн сказал: «Мы готовы к диалогу».\n\nВстреча пройдет в Москве 12 октября.\n",
        "Сергей Лавров заявил, что переговоры возобновятся в понедельник.\n\nЛавров сказал: «Мы готовы к диалогу».\n\nВстреча пройдет в Москве 12 октября.\n",
        3,
    );
}

#[test]
fn arabic_reports_right_to_left() {
    same_event(
        "ar",
        "قال وزير الخارجية إن المحادثات ستستأنف يوم الاثنين في العاصمة.\n\nوأكد الوزير أن الاجتماع سيعقد في القاهرة يوم 12 أكتوبر.\n",
        "أعلن وزير الخارجية أن المحادثات ستستأنف يوم الاثنين في العاصمة.\n\nوأكد الوزير أن الاجتماع سيعقد في القاهرة يوم 12 أكتوبر.\n",
        2,
    );
}

#[test]
fn chinese_reports_without_spaces() {
    same_event(
        "zh",
        "外交部长周四表示，谈判将于星期一在首都恢复。\n\n他说：“我们准备好对话了。”\n\n会议将于10月12日在北京举行。\n",
        "外交部长表示，谈判将在星期一恢复。\n\n他表示：“我们准备好对话了。”\n\n会议将于10月12日举行。\n",
        3,
    );
}

#[test]
fn japanese_reports_without_spaces() {
    same_event(
        "ja",
        "外務大臣は木曜日、交渉が月曜日に首都で再開されると述べた。\n\n会談は10月12日に東京で行われる予定だ。\n",
        "外務大臣は、交渉が月曜日に再開されると述べた。\n\n会談は10月12日に東京で行われる。\n",
        2,
    );
}

#[test]
fn emoji_and_zero_width_joiners_survive_every_format() {
    let dir = scratch("emoji");
    let text = "The family 👨‍👩‍👧‍👦 reached Moscow 🇷🇺 on Thursday, officials said.\n\nA zero\u{200b}width space and a joiner\u{200d}here.\n";
    let p = write(&dir, "e.txt", text.as_bytes());
    let r = compare_json(&[&p, &p]);
    assert_all_same(&r);
    assert_eq!(r.documents[0].text, text);
    for format in ["markdown", "html"] {
        let o = run(&["--format", format, &p, &p]);
        assert_eq!(o.status.code(), Some(0));
        assert!(String::from_utf8(o.stdout).unwrap().contains("👨‍👩‍👧‍👦"));
    }
    let o = run(&["--color", "always", &p, &p]);
    assert!(String::from_utf8(o.stdout).unwrap().contains("👨‍👩‍👧‍👦"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn escape_sequences_in_the_text_are_shown_escaped_in_every_view() {
    let dir = scratch("ansi");
    let text = "Kaspersky said \x1b[31mred\x1b[0m and \x1b]0;pwned\x07 and \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ then \u{9b}31m and \u{202e}reversed and hid\u{e0068}\u{e0069} tags.\n\nThe second paragraph reports the Interpol agreement signed in Singapore.\n";
    let p = write(&dir, "ansi.txt", text.as_bytes());
    for view in ["inline", "summary", "side-by-side", "quotes", "facts"] {
        let o = run(&["--color", "always", "--view", view, &p, RFERL]);
        assert_eq!(o.status.code(), Some(0), "{view}");
        let out = String::from_utf8(o.stdout).unwrap();
        for raw in [
            "\x1b]",
            "\x07",
            "\u{9b}",
            "\u{202e}",
            "\x1b[31mred",
            "\u{e0068}",
        ] {
            assert!(
                !out.contains(raw),
                "{view}: raw {raw:?} reached the terminal"
            );
        }
    }
    // nor the HTML page, the Markdown or the JSON
    for format in ["html", "markdown", "json"] {
        let o = run(&["--format", format, &p, RFERL]);
        assert_eq!(o.status.code(), Some(0), "{format}");
        let out = String::from_utf8(o.stdout).unwrap();
        for raw in ["\x1b", "\x07", "\u{9b}", "\u{202e}", "\u{e0068}"] {
            assert!(!out.contains(raw), "{format}: raw {raw:?} in the output");
        }
    }
    let o = run(&["inspect", "--color", "always", &p]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains("\x1b]") && !out.contains('\x07'));
    // The escapes are shown, not dropped: a reader sees that the input carried them.
    let o = run(&["--color", "never", &p, RFERL]);
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("\\x1b[31mred"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bare_urls_and_addresses_from_an_input_are_not_links_in_the_markdown() {
    let dir = scratch("md-links");
    let text = "Links Test\n\nKaspersky said the files at https://evil.example/x and www.evil.com were sent to press@evil.com on Thursday.\n";
    let p = write(&dir, "links.txt", text.as_bytes());
    let o = run(&["--format", "markdown", &p, RFERL]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("evil"), "the text is there");
    // GitHub links these three shapes without any markup (checked with cmark-gfm)
    for linkable in ["https://evil", "www.evil", "press@evil"] {
        assert!(!md.contains(linkable), "{linkable} would become a link");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn html_with_scripts_and_event_handlers_is_read_as_text_and_rendered_inert() {
    let dir = scratch("script");
    let page = r#"<html><head><title>T<script>alert(1)</script></title><script>document.write("x")</script></head>
<body onload="alert(2)"><article><h1>Hostile &lt;b&gt; headline</h1>
<p onclick="alert(3)">Kaspersky <img src=x onerror=alert(4)> said on Thursday that the <a href="javascript:alert(5)">reports</a> were "absurd" and that the company would cooperate with Interpol.</p>
<p>&lt;script&gt;alert(6)&lt;/script&gt; written as text must stay text in every report.</p>
<style>p{}</style><iframe src="http://evil"></iframe></article></body></html>"#;
    let p = write(&dir, "page.html", page.as_bytes());
    let r = compare_json(&[&p, RFERL]);
    let text = &r.documents[0].text;
    assert!(!text.contains("document.write") && !text.contains("onclick"));
    assert!(text.contains("<script>alert(6)</script> written as text"));
    let o = run(&["--format", "html", &p, RFERL]);
    let html = String::from_utf8(o.stdout).unwrap();
    assert!(html.contains("&lt;script&gt;alert(6)&lt;/script&gt;"));
    for leak in [
        "<script>alert",
        "onerror=",
        "onclick=",
        "javascript:",
        "<iframe",
        "<img",
    ] {
        assert!(!html.contains(leak), "{leak} reached the page");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn html_nested_a_hundred_thousand_levels_is_flattened_with_a_warning() {
    let dir = scratch("deep");
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>Kaspersky Lab signed an agreement with Interpol on Thursday.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let p = write(&dir, "deep.html", page.as_bytes());
    let started = std::time::Instant::now();
    let o = run(&["inspect", "--format", "json", &p]);
    let err = stderr(&o);
    assert!(
        err.contains("nested 100000 levels deep; those below level 256"),
        "{err}"
    );
    let r = json(&o);
    assert_eq!(r.documents[0].counts.body_sentences, 1);
    assert!(r.documents[0].text.contains("signed an agreement"));
    // Linear, not cubic: an unflattened page this deep took hours.
    assert!(started.elapsed().as_secs() < 60);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn utf16_without_a_bom_is_recognised() {
    let dir = scratch("utf16");
    let text = std::fs::read_to_string(RFERL).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [("le.txt", le), ("be.txt", be)] {
        let p = write(&dir, name, &bytes);
        let r = compare_json(&[&p, RFERL]);
        assert_eq!(r.documents[0].text, text, "{name}");
        assert_all_same(&r);
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_200_mb_input_is_refused_above_the_limit_before_it_is_read() {
    let dir = scratch("huge");
    let p = dir.join("huge.txt");
    // Sparse: the size is checked before a byte is read.
    std::fs::File::create(&p)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let p = p.display().to_string();
    let o = run(&[&p, RFERL]);
    assert_error(
        &o,
        "input is 209715200 bytes, larger than the limit of 104857600 bytes (raise it with --max-input-size)",
    );
    // The same from a pipe: cut at the limit, refused without reading the rest.
    let o = run_stdin(
        &["--max-input-size", "1M", "-", RFERL],
        &vec![b'a'; 3 << 20],
    );
    assert_error(&o, "larger than the limit of 1048576 bytes");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn an_output_file_is_never_left_partial() {
    let dir = scratch("partial");
    let out = dir.join("report.html");
    std::fs::write(&out, b"previous report").unwrap();
    // The second input fails: the earlier file stays as it was, and no temporary is left.
    let o = run(&[
        "--format",
        "html",
        "--output",
        out.to_str().unwrap(),
        RFERL,
        "/nonexistent/report.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&out).unwrap(), b"previous report");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn quotes_that_never_close_in_enormous_paragraphs_finish_and_always_give_one_report() {
    let dir = scratch("unclosed");
    let words = [
        "the", "minister", "said", "talks", "would", "resume", "on", "monday", "in", "capital",
    ];
    // Two different word sequences of 60,000 words each, opened by a quote mark never closed.
    let text = |seed: usize| -> String {
        let body: Vec<&str> = (0..60_000)
            .map(|i| words[(i * 7 + i / 13 + seed) % words.len()])
            .collect();
        format!("Quote Test\n\n\"{}\n", body.join(" "))
    };
    let a = write(&dir, "a.txt", text(0).as_bytes());
    let b = write(&dir, "b.txt", text(3).as_bytes());
    let started = std::time::Instant::now();
    let o = run(&["--view", "summary", &a, &b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(started.elapsed().as_secs() < 120, "{:?}", started.elapsed());
    // The same report every time, however loaded the machine: two runs side by side (a
    // wall-clock diff deadline gave four different JSON outputs in four runs).
    let json = || {
        let a = a.clone();
        let b = b.clone();
        std::thread::spawn(move || run(&["--format", "json", &a, &b]).stdout)
    };
    let (x, y) = (json(), json());
    let (x, y) = (x.join().unwrap(), y.join().unwrap());
    assert!(!x.is_empty());
    assert!(x == y, "two runs gave different reports");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn match_escapes_its_ids_and_checks_its_thresholds() {
    let dir = scratch("match-hostile");
    let tsv = write(
        &dir,
        "pairs.tsv",
        b"x\x1b]0;pwn\x07\x1b[2J\tThe cat sat.\tThe cat sat.\n",
    );
    let o = run(&["match", &tsv]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        !o.stdout.contains(&0x1b) && !o.stdout.contains(&0x07),
        "{:?}",
        o.stdout
    );
    for bad in ["--same=NaN", "--same=inf", "--partial=-1", "--partial=1.5"] {
        let o = run(&["match", bad, &tsv]);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&o).contains("between 0 and 1"),
            "{bad}: {}",
            stderr(&o)
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_largest_size_limit_does_not_wrap() {
    // take(max + 1) wrapped to 0 and called every file "empty input"
    let o = run(&[
        "inspect",
        "--max-input-size=18446744073709551615",
        "fixtures/kaspersky/rferl.txt",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Kaspersky"));
}

#[cfg(unix)]
#[test]
fn output_to_devices_fifos_and_links_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch("output-through");
    let null_link = dir.join("null");
    std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
    let o = run(&["-o", null_link.to_str().unwrap(), RFERL, MT]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta = std::fs::symlink_metadata(&null_link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    // /dev/stdout and a link to /proc/self/fd/1 reach standard output (here a pipe)
    let expected = run(&["--format", "json", RFERL, MT]).stdout;
    let fd_link = dir.join("fd1");
    std::os::unix::fs::symlink("/proc/self/fd/1", &fd_link).unwrap();
    for target in ["/dev/stdout", fd_link.to_str().unwrap()] {
        let o = run(&["--format", "json", "-o", target, RFERL, MT]);
        assert_eq!(o.status.code(), Some(0), "{target}: {}", stderr(&o));
        assert!(
            o.stdout == expected,
            "{target}: the report did not reach stdout"
        );
    }
    assert!(std::fs::symlink_metadata(&fd_link)
        .unwrap()
        .file_type()
        .is_symlink());

    // a FIFO gets the report and stays a FIFO
    let fifo = dir.join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let o = run(&["--format", "json", "-o", fifo.to_str().unwrap(), RFERL, MT]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(reader.join().unwrap() == expected);
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    // a link to a regular file stays a link; its target gets the report
    let real = dir.join("real.json");
    std::fs::write(&real, b"old").unwrap();
    let link = dir.join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let o = run(&["--format", "json", "-o", link.to_str().unwrap(), RFERL, MT]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read(&real).unwrap() == expected);

    // a full device is a one-line error, exit 2
    if std::path::Path::new("/dev/full").exists() {
        assert_error(
            &run(&["-o", "/dev/full", RFERL, MT]),
            "cannot write /dev/full",
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_read_and_shown_escaped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("non-utf8");
    let name = std::ffi::OsStr::from_bytes(b"r\xffport\x1b[31m.txt");
    let path = dir.join(name);
    std::fs::copy(RFERL, &path).unwrap();
    let o = bin()
        .arg("--color=never")
        .arg(&path)
        .arg(MT)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("r\\xffport\\x1b[31m"), "{text}");
    assert!(!text.contains('\x1b'));
    // and in an error message
    let missing = dir.join(std::ffi::OsStr::from_bytes(b"gone\xfe.txt"));
    let o = bin().arg(&missing).arg(MT).output().unwrap();
    assert_error(&o, "gone\\xfe.txt: no such file");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn html_shapes_that_made_the_parse_slow_are_tamed_with_a_warning() {
    let dir = scratch("html-shapes");
    let sentence = "Kaspersky Lab signed an agreement with Interpol on Thursday.";
    let attrs: String = (0..100_000).map(|i| format!(" a{i}=\"v{i}\"")).collect();
    let cases = [
        (
            "attributes.html",
            format!("<html><body><p{attrs}>{sentence}</p></body></html>"),
            "attributes beyond the first 256",
        ),
        (
            "deep.html",
            format!(
                "{}{sentence}{}",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            ),
            "nested 100000 levels deep",
        ),
        (
            "siblings.html",
            format!(
                "<html><body>{}</body></html>",
                (0..100_000)
                    .map(|i| format!("<p>Paragraph {i} of the page says the minister spoke.</p>"))
                    .collect::<String>()
            ),
            "the page has 100002 elements",
        ),
    ];
    for (name, page, warning) in cases {
        let p = write(&dir, name, page.as_bytes());
        let started = std::time::Instant::now();
        let o = run(&["inspect", "--format", "json", &p]);
        assert!(stderr(&o).contains(warning), "{name}: {}", stderr(&o));
        let r = json(&o);
        assert!(r.documents[0].counts.body_sentences >= 1, "{name}");
        // a guard against hangs, not a benchmark (docs/performance.md has the timings)
        assert!(
            started.elapsed().as_secs() < 60,
            "{name}: {:?}",
            started.elapsed()
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}
