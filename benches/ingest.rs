//! Throughput of reading a report: decode, sniff, classify furniture, split paragraphs,
//! sentences and tokens (issue #2 target: ≥ 50 MB/s on a 1 MB text).
//!
//! The 1 MB input is built from the paragraphs of the bundled fixtures, shuffled by a seeded
//! generator so that it is real news prose without being one page repeated verbatim.

// criterion's macros generate undocumented items.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use parallax::ingest::{self, Input, ReadOptions};

/// A deterministic xorshift generator: the same text on every machine and run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// About `size` bytes of news text with page furniture at the top, like a pasted page.
pub fn synthetic_report(size: usize, seed: u64) -> String {
    let sources = [
        include_str!("../fixtures/kaspersky/rferl.txt"),
        include_str!("../fixtures/kaspersky/moscowtimes.txt"),
    ];
    let paragraphs: Vec<&str> = sources
        .iter()
        .flat_map(|s| s.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.len() > 80)
        .collect();
    let mut rng = Rng(seed | 1);
    let mut out =
        String::from("Breaking News\n\nA Headline About the Event\n\nOct 13, 2017 — 09:09\n\n");
    while out.len() < size {
        let p = paragraphs[(rng.next() % paragraphs.len() as u64) as usize];
        out.push_str(p);
        out.push_str("\n\n");
    }
    out
}

fn bench_ingest(c: &mut Criterion) {
    let text = synthetic_report(1 << 20, 42);
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("read_1mb_text", |b| {
        b.iter_batched(
            || Input::Bytes {
                name: "synthetic.txt".into(),
                bytes: text.as_bytes().to_vec(),
            },
            |input| {
                ingest::load(&input, None, &ReadOptions::default()).expect("synthetic text reads")
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench_ingest);
criterion_main!(benches);
