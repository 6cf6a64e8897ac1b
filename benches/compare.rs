//! Time of a whole comparison (read, extract quotes and facts, align, compare, build the report)
//! of the bundled seeds pair and of three reports, in process; of extraction alone; and of each
//! renderer on the seeds' report. Whole-process timings are in docs/performance.md.

// criterion's macros generate undocumented items.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use parallax::ingest::{Input, ReadOptions};

fn inputs(names: &[&str]) -> Vec<Input> {
    names
        .iter()
        .map(|n| Input::Bytes {
            name: (*n).to_string(),
            bytes: std::fs::read(n).expect("fixture exists"),
        })
        .collect()
}

fn bench_compare(c: &mut Criterion) {
    let seeds = inputs(&[
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
    ]);
    let three = inputs(&[
        "fixtures/kaspersky/rferl.txt",
        "fixtures/kaspersky/moscowtimes.txt",
        "fixtures/kaspersky/wire.txt",
    ]);
    let opts = parallax::align::Options::default();
    let mut group = c.benchmark_group("compare");
    for (name, ins) in [("seeds_pair", &seeds), ("three_reports", &three)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let (docs, warnings) =
                    parallax::read_all(ins, &[], &ReadOptions::default()).expect("reads");
                parallax::compare_documents(&docs, &warnings, &opts, &Default::default())
            })
        });
    }
    group.finish();

    // Quotes and facts alone, on documents already read: their share of a comparison.
    let mut group = c.benchmark_group("extract");
    for (name, ins) in [("seeds_pair", &seeds), ("three_reports", &three)] {
        let (docs, _) = parallax::read_all(ins, &[], &ReadOptions::default()).expect("reads");
        group.bench_function(name, |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| parallax::extract::extract(d, &Default::default()))
                    .collect::<Vec<_>>()
            })
        });
    }
    group.finish();

    // Rendering alone, on the seeds' finished report: its share of a comparison (issue 5:
    // at most 10%). Every format and view, as `parallax` writes it into its buffer.
    let (docs, warnings) = parallax::read_all(&seeds, &[], &ReadOptions::default()).expect("reads");
    let report = parallax::compare_documents(&docs, &warnings, &opts, &Default::default());
    let mut group = c.benchmark_group("render_seeds");
    type Render = Box<dyn Fn(&parallax::report::Report, &mut Vec<u8>)>;
    use parallax::render::{self, views::View, Palette};
    let view = |v: View| -> Render {
        Box::new(move |r: &parallax::report::Report, out: &mut Vec<u8>| {
            render::views::render_view(r, v, 100, Palette::colored(), out).unwrap()
        })
    };
    let renderers: Vec<(&str, Render)> = vec![
        ("inline", view(View::Inline)),
        ("summary", view(View::Summary)),
        ("side_by_side", view(View::SideBySide)),
        ("quotes", view(View::Quotes)),
        ("facts", view(View::Facts)),
        (
            "json",
            Box::new(|r, out| render::json::render(r, out).unwrap()),
        ),
        (
            "markdown",
            Box::new(|r, out| render::markdown::render(r, out).unwrap()),
        ),
        (
            "html",
            Box::new(|r, out| render::html::render(r, out).unwrap()),
        ),
    ];
    colored::control::set_override(true);
    for (name, f) in &renderers {
        group.bench_function(*name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(64 * 1024);
                f(&report, &mut out);
                out
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_compare);
criterion_main!(benches);
