//! Golden (snapshot) tests: how the bundled fixtures are read, as the JSON report and as the plain
//! terminal view. A change in classification or segmentation shows up as a snapshot diff; review
//! it with `cargo insta review` (or delete the snapshot and re-run) and commit it with the change.

use parallax::ingest::{Input, ReadOptions};
use parallax::render::{self, Palette};

fn read(paths: &[&str]) -> (Vec<parallax::Document>, Vec<parallax::Warning>) {
    let inputs: Vec<Input> = paths.iter().map(|p| Input::from_arg(p)).collect();
    parallax::read_all(&inputs, &[], &ReadOptions::default()).expect("fixtures read")
}

fn report(paths: &[&str]) -> parallax::report::Report {
    let (docs, warnings) = read(paths);
    parallax::inspect(&docs, &warnings, &Default::default())
}

fn comparison(paths: &[&str]) -> parallax::report::Report {
    let (docs, warnings) = read(paths);
    parallax::compare(
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
