//! Time of a whole comparison (read, extract quotes and facts, align, compare, build the report)
//! of the bundled seeds pair and of three reports, in process; and of extraction alone. Whole-process timings are in docs/performance.md.

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
                parallax::compare(&docs, &warnings, &opts, &Default::default())
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
}

criterion_group!(benches, bench_compare);
criterion_main!(benches);
