//! Replays the fuzzers' regression corpus (`fuzz/regressions/<target>/`) through the same checks
//! the fuzz targets run (`tests/invariants/mod.rs`), on stable Rust and in CI. Every crash or
//! hang a fuzzer or a property test found is kept there as a file. How to fuzz and how to add
//! a finding: docs/robustness.md.

mod invariants;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8]) -> Result<(), String>) {
    let dir = Path::new("fuzz/regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let started = std::time::Instant::now();
        if let Err(e) = check(&data) {
            panic!("{}: {e}", f.display());
        }
        // A hang found by a fuzzer comes back as a slow replay (debug build: generous bound).
        assert!(
            started.elapsed().as_secs() < 30,
            "{} took {:?}",
            f.display(),
            started.elapsed()
        );
    }
    println!("{target}: {} inputs replayed", files.len());
}

#[test]
fn ingest() {
    replay("ingest", invariants::fuzz_ingest);
}

#[test]
fn segment() {
    replay("segment", invariants::fuzz_segment);
}

#[test]
fn quotes() {
    replay("quotes", invariants::fuzz_quotes);
}

#[test]
fn compare() {
    replay("compare", invariants::fuzz_compare);
}

#[test]
fn html_render() {
    replay("html_render", invariants::fuzz_html_render);
}

#[test]
fn json_output() {
    replay("json_output", invariants::fuzz_json_output);
}

#[cfg(unix)]
#[test]
fn output_path() {
    replay("output_path", invariants::fuzz_output_path);
}

/// The fixtures go through every target too, so each target's checks run on real reports
/// even before the corpus holds a finding for it.
#[test]
fn fixtures_pass_every_target() {
    for f in [
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
    ] {
        let text = std::fs::read(f).unwrap();
        let mut with_format = vec![0u8];
        with_format.extend_from_slice(&text);
        invariants::fuzz_ingest(&with_format).unwrap();
        invariants::fuzz_segment(&text).unwrap();
        invariants::fuzz_quotes(&text).unwrap();
        invariants::fuzz_html_render(&text).unwrap();
        let mut pair = with_format.clone();
        pair.push(0xFF);
        pair.extend_from_slice(&text);
        invariants::fuzz_compare(&pair).unwrap();
        invariants::fuzz_json_output(&pair).unwrap();
    }
}

/// The page check catches what it is there to catch.
#[test]
fn the_page_check_catches_markup_from_an_input() {
    assert!(invariants::html_page("<p>fine &lt;zq&gt;</p>").is_ok());
    assert!(invariants::html_page("<p>a <zq onload=x> b</p>").is_err());
    assert!(invariants::html_page("<p><img src=x onerror=alert(1)></p>").is_err());
    assert!(invariants::html_page("<td><ZQ>").is_err());
}
