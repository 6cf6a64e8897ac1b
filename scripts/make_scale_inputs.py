#!/usr/bin/env python3
"""Build the multi-report inputs used for timing (docs/performance.md) in OUT_DIR:

  OUT_DIR/ecb22/*.txt    the largest ECB+ cluster (22 reports), one file per report
  OUT_DIR/basil300/*.txt all 300 BASIL articles (100 events x Fox, NYT, HuffPost)

usage: scripts/make_scale_inputs.py OUT_DIR [--shared DIR]
Data is read from ../shared/data in place; OUT_DIR should be outside the repository.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def detok(s):
    # ECB+ text is tokenised ("word , word ."); undo the spaces before punctuation.
    s = re.sub(r" ([,.;:!?%)])", r"\1", s)
    s = re.sub(r"([($]) ", r"\1", s)
    return s.replace("`` ", '"').replace(" ''", '"').replace(" 's", "'s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    a = ap.parse_args()
    clusters = collections.defaultdict(list)
    with open(os.path.join(a.shared, "data", "ecbplus", "ecbplus_docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            clusters[d["cluster"]].append(d)
    name, docs = max(clusters.items(), key=lambda kv: (len(kv[1]), kv[0]))
    ecb = os.path.join(a.out, "ecb22")
    os.makedirs(ecb, exist_ok=True)
    for d in docs:
        text = "\n\n".join(detok(s["text"]) for s in d["sentences"])
        with open(os.path.join(ecb, d["doc"].replace(".xml", ".txt")), "w", encoding="utf-8") as f:
            f.write(text + "\n")
    basil = os.path.join(a.shared, "data", "basil")
    uuids = []
    with open(os.path.join(basil, "triplets.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = header.index("triplet_uuid")
        uuids = [line.rstrip("\n").split("\t")[col] for line in f if line.strip()]
    tmp = os.path.join(a.out, "basil-prep")
    subprocess.run([sys.executable, os.path.join(a.shared, "eval", "basil_prep.py"), basil, tmp, *uuids],
                   check=True)
    b300 = os.path.join(a.out, "basil300")
    os.makedirs(b300, exist_ok=True)
    for u in uuids:
        for o in ("fox", "nyt", "hpo"):
            os.replace(os.path.join(tmp, u, o + ".txt"), os.path.join(b300, f"{u[:8]}-{o}.txt"))
    print(f"{ecb}: {len(docs)} reports (cluster {name}); {b300}: {3 * len(uuids)} reports")


if __name__ == "__main__":
    main()
