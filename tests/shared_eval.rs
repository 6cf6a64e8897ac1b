//! Quality targets, checked on the evaluation data in `../shared`. A user's clone has no
//! `../shared`, so these tests are ignored by `cargo test` (reported as ignored, never as
//! passed); `.ci/run` runs them with `--include-ignored`, and then missing data is a failure.
//! Each runs the same script documented in `docs/quality.md` against this build's binary.

use std::path::Path;
use std::process::Command;

const SHARED: &str = "../shared";

fn shared_available(what: &str) -> bool {
    let ok = Path::new(SHARED).join(what).exists()
        && Command::new("python3")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "{SHARED}/{what} or python3 is missing: this test needs ../shared (run it where the data is)"
    );
    ok
}

fn figure(output: &str, key: &str) -> f64 {
    let at = output
        .find(&format!("{key}="))
        .unwrap_or_else(|| panic!("{key} missing in {output}"));
    output[at + key.len() + 1..]
        .split(|c: char| c.is_whitespace())
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{key} unparsable in {output}"))
}

/// Scores `parallax SUBCOMMAND --format json` of the seeds with `score.py`; returns its line.
fn score_seeds(subcommand: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args([
            subcommand,
            "--format",
            "json",
            "fixtures/kaspersky/rferl.txt",
            "fixtures/kaspersky/moscowtimes.txt",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = std::env::temp_dir().join(format!(
        "parallax-seeds-{subcommand}-{}.json",
        std::process::id()
    ));
    std::fs::write(&report, &out.stdout).unwrap();
    let scored = Command::new("python3")
        .arg(format!("{SHARED}/eval/score.py"))
        .arg(&report)
        .arg(format!("{SHARED}/gold/seeds.json"))
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&report);
    String::from_utf8_lossy(&scored.stdout).into_owned()
}

#[test]
#[ignore = "needs ../shared"]
fn seeds_furniture_is_perfect() {
    if !shared_available("gold/seeds.json") {
        return;
    }
    let text = score_seeds("inspect");
    assert_eq!(figure(&text, "furniture_acc"), 1.0, "{text}");
}

/// Issue #4's seeds targets: every gold quote and speaker, the quote relations, the dates.
#[test]
#[ignore = "needs ../shared"]
fn seeds_quotes_speakers_matches_and_dates_are_perfect() {
    if !shared_available("gold/seeds.json") {
        return;
    }
    let text = score_seeds("compare");
    for key in ["quote_f1", "speaker_acc", "quote_match_acc", "date_acc"] {
        assert_eq!(figure(&text, key), 1.0, "{key}: {text}");
    }
}

/// Issue #4's GGT targets: all quotes F1 ≥ 0.86 (today 0.860; the floor leaves rounding room
/// for a change that moves one quote), speakers ≥ 0.88, direct quotes F1 ≥ 0.92
/// (`docs/quality.md` says how direct quotes are scored).
#[test]
#[ignore = "needs ../shared"]
fn ggt_quote_quality_does_not_regress() {
    if !shared_available("data/quotes/ggt-sfu-2020/ggt_gold.jsonl") {
        return;
    }
    let text = run_script("scripts/eval_quotes.py");
    let all = line_starting(&text, "all ");
    assert!(figure(all, "F1") >= 0.855, "{text}");
    assert!(figure(all, "speaker") >= 0.88, "{text}");
    let direct = line_starting(&text, "direct ");
    assert!(figure(direct, "F1") >= 0.92, "{text}");
}

/// Runs an evaluation script of `scripts/` against this build's binary; returns its stdout and stderr.
fn run_script(script: &str) -> String {
    let out = Command::new("python3")
        .args([script, "--bin", env!("CARGO_BIN_EXE_parallax")])
        .output()
        .unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
#[ignore = "needs ../shared"]
fn basil_sentence_agreement_at_least_97_percent() {
    if !shared_available("data/basil/articles") {
        return;
    }
    let text = run_script("scripts/eval_sentences.py");
    assert!(figure(&text, "recall") >= 0.97, "{text}");
}

#[test]
#[ignore = "needs ../shared"]
fn article_extraction_f1_targets() {
    if !shared_available("data/article-extraction/scrapinghub-aeb") {
        return;
    }
    let text = run_script("scripts/eval_extraction.py");
    let line = |name: &str| {
        text.lines()
            .find(|l| l.contains(&format!("parallax  {name} ")))
            .unwrap_or_else(|| panic!("no {name} line in {text}"))
            .to_string()
    };
    assert!(figure(&line("html"), "F1") >= 0.95, "{text}");
    assert!(figure(&line("text"), "F1") >= 0.85, "{text}");
}

/// The first line of a script's output that starts with `prefix`.
fn line_starting<'a>(text: &'a str, prefix: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting {prefix:?} in {text}"))
}

/// The committed model reproduces the alignment figures `docs/quality.md` records (its
/// `figures:` comment line), to the third decimal: a change to the evidence, the model file or
/// the grouping that moves them fails here until the document is updated with it.
#[test]
#[ignore = "needs ../shared"]
fn alignment_figures_match_docs_quality() {
    if !shared_available("gold/basil-dev") {
        return;
    }
    let doc = std::fs::read_to_string("docs/quality.md").unwrap();
    let recorded = doc
        .lines()
        .find_map(|l| l.strip_prefix("<!-- alignment figures: "))
        .and_then(|l| l.strip_suffix(" -->"))
        .expect("docs/quality.md records the alignment figures");
    let text = run_script("scripts/eval_alignment.py");
    let micro = line_starting(&text, "basil micro");
    let coverage = line_starting(&text, "basil coverage micro");
    let seeds = line_starting(&text, "seeds");
    let measured = format!(
        "dev_pair_f1={:.3} dev_coverage_f1={:.3} seeds_pair_f1={:.3}",
        figure(micro, "F1"),
        figure(coverage, "F1"),
        figure(seeds, "F1")
    );
    assert_eq!(measured, recorded, "{text}");
}

#[test]
#[ignore = "needs ../shared"]
fn mrpc_accuracy_does_not_regress() {
    if !shared_available("data/mrpc/msr_paraphrase_test.txt") {
        return;
    }
    let text = run_script("scripts/eval_mrpc.py");
    let test = line_starting(&text, "MRPC test");
    let acc: f64 = test
        .split("accuracy ")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("unparsable: {test}"));
    assert!(acc >= 0.70, "{text}");
}

/// The committed model is exactly what `scripts/train_aligner.py` writes from basil-train
/// (seeded; with the pinned packages of `scripts/requirements-train.txt`).
#[test]
#[ignore = "needs ../shared and scikit-learn"]
fn the_committed_model_is_what_training_writes() {
    if !shared_available("gold/basil-train") {
        return;
    }
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_parallax"));
    let evidence = bin.with_file_name("examples").join("pair_evidence");
    assert!(
        evidence.exists(),
        "{} is missing (cargo test builds the examples)",
        evidence.display()
    );
    let out = std::env::temp_dir().join(format!("parallax-model-{}.json", std::process::id()));
    let run = Command::new("python3")
        .arg("scripts/train_aligner.py")
        .arg("--out")
        .arg(&out)
        .arg("--evidence-bin")
        .arg(&evidence)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let trained = std::fs::read(&out).unwrap();
    let _ = std::fs::remove_file(&out);
    let committed = std::fs::read("src/align/model.json").unwrap();
    assert!(
        trained == committed,
        "retraining gave a different model.json: {}",
        String::from_utf8_lossy(&run.stdout)
    );
}

/// Issue #16: conflicts an editor would agree with. On conflicts-dev and the seeds: precision
/// 1.0 and both gold conflicts found (`docs/quality.md`).
#[test]
#[ignore = "needs ../shared"]
fn conflicts_dev_precision_and_recall() {
    if !shared_available("gold/conflicts-dev") {
        return;
    }
    let text = run_script("scripts/eval_conflicts.py");
    let total = line_starting(&text, "conflicts");
    assert!(figure(total, "P") >= 0.8, "{text}");
    assert!(figure(total, "R") >= 1.0, "{text}");
}

/// The committed first-name table is what `scripts/make_name_genders.py` writes from the pinned
/// `names` package (`scripts/requirements-train.txt`).
#[test]
#[ignore = "needs python3 with the names package"]
fn the_committed_name_table_is_what_the_script_writes() {
    let run = Command::new("python3")
        .arg("scripts/make_name_genders.py")
        .output()
        .expect("python3 runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let committed = std::fs::read("src/text/first_names.txt").unwrap();
    assert!(
        run.stdout == committed,
        "scripts/make_name_genders.py wrote a different src/text/first_names.txt"
    );
}
