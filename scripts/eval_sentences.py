#!/usr/bin/env python3
"""Sentence segmentation agreement with BASIL's pre-split articles.

usage: scripts/eval_sentences.py [--data DIR] [--bin PATH] [--show N]

Each of BASIL's 300 articles is written out as basil_prep.py writes it (title, blank line,
paragraphs separated by blank lines, each paragraph its sentences joined by spaces), read with
`parallax inspect --format json`, and the sentences Parallax finds in the paragraphs after the
title are compared with BASIL's own split (whitespace-normalised, exact match):
  recall    = share of BASIL sentences that Parallax produced exactly      (the headline figure)
  precision = share of Parallax sentences that are exactly a BASIL sentence
The data is read in place and never copied into the repository.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(REPO, "..", "shared", "data", "basil")


def norm(s):
    return " ".join(s.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    ap.add_argument("--show", type=int, default=0, help="print N disagreements")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.data, "articles", "*", "*.json")))
    if not files:
        sys.exit(f"no BASIL articles under {args.data}")
    gold, paths = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(files):
            art = json.load(open(f, encoding="utf-8"))
            paras = [" ".join(s.strip() for s in p) for p in art["body-paragraphs"]]
            path = os.path.join(tmp, f"{i:03d}.txt")
            with open(path, "w", encoding="utf-8") as out:
                out.write(art["title"].strip() + "\n\n" + "\n\n".join(paras) + "\n")
            paths.append(path)
            gold.append([norm(s) for p in art["body-paragraphs"] for s in p if s.strip()])
        r = subprocess.run([args.bin, "inspect", "--format", "json"] + paths, capture_output=True)
        if r.returncode != 0:
            sys.exit(r.stderr.decode())
        docs = json.loads(r.stdout)["documents"]
    hit = total = pred_ok = pred_n = 0
    shown = 0
    for g, d in zip(gold, docs):
        pred = [norm(s["text"]) for p in d["paragraphs"][1:] for s in p["sentences"]]
        ps, gs = set(pred), set(g)
        hit += sum(1 for s in g if s in ps)
        total += len(g)
        pred_ok += sum(1 for s in pred if s in gs)
        pred_n += len(pred)
        if shown < args.show:
            for s in pred:
                if s not in gs and shown < args.show:
                    print("parallax:", s[:300])
                    shown += 1
    print(f"basil sentences: recall={hit / total:.4f} precision={pred_ok / pred_n:.4f} "
          f"({hit}/{total} BASIL sentences reproduced; {len(docs)} articles)")


if __name__ == "__main__":
    main()
