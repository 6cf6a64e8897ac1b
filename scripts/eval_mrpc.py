#!/usr/bin/env python3
"""Paraphrase detection on MRPC through `parallax match` (the aligner's own scorer).

usage: scripts/eval_mrpc.py [--data DIR] [--bin PATH]

Scores every train and test pair with `parallax match`, picks the threshold that maximises
accuracy on train (a pair is a paraphrase when its score reaches it, i.e. `same` or `partial`),
and reports accuracy and F1 on test at that threshold. Data is read in place, never copied.
"""
import argparse
import csv
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def load(path):
    rows = []
    with open(path, encoding="utf-8-sig") as f:
        for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(r) == 5 and r[0] in ("0", "1"):
                rows.append((int(r[0]), r[3], r[4]))
    return rows


def scores(binary, rows):
    tsv = "".join(f"{i}\t{a}\t{b}\n" for i, (_, a, b) in enumerate(rows))
    out = subprocess.run([binary, "match"], input=tsv, capture_output=True, text=True, check=True).stdout
    return [float(line.split("\t")[1]) for line in out.splitlines()]


def metrics(rows, sc, t):
    tp = sum(1 for (y, _, _), s in zip(rows, sc) if s >= t and y)
    fp = sum(1 for (y, _, _), s in zip(rows, sc) if s >= t and not y)
    fn = sum(1 for (y, _, _), s in zip(rows, sc) if s < t and y)
    tn = len(rows) - tp - fp - fn
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return (tp + tn) / len(rows), f1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data", "mrpc"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    a = ap.parse_args()
    train = load(os.path.join(a.data, "msr_paraphrase_train.txt"))
    test = load(os.path.join(a.data, "msr_paraphrase_test.txt"))
    if len(train) != 4076 or len(test) != 1725:
        sys.exit(f"unexpected MRPC sizes: train {len(train)}, test {len(test)}")
    st, se = scores(a.bin, train), scores(a.bin, test)
    best = max((metrics(train, st, t / 100)[0], t / 100) for t in range(1, 100))
    t = best[1]
    acc, f1 = metrics(test, se, t)
    tacc, tf1 = metrics(train, st, t)
    print(f"threshold {t:.2f} (chosen on train: accuracy {tacc:.3f}, F1 {tf1:.3f})")
    print(f"MRPC test: accuracy {acc:.3f}, F1 {f1:.3f} ({len(test)} pairs)")


if __name__ == "__main__":
    main()
