#!/usr/bin/env python3
"""Build a pair of long synthetic reports from real sentences, for timing (benches/compare-peers.sh).

usage: make_long_reports.py OUT_DIR SIZE [--seed N] [--shared DIR]
SIZE like 100K, 1M, 10M: the size of each report. Sentences come from the BASIL articles in
../shared/data/basil (read in place; nothing is copied into the repository). Report A is a run of
paragraphs of 1-4 sentences; report B keeps about 80% of A's paragraphs, moves 10% of them
elsewhere, rewords one word in five of the kept sentences' paragraphs, and adds paragraphs of its
own, so the pair has shared, reordered, changed and exclusive facts like real coverage.
Writes OUT_DIR/a.txt and OUT_DIR/b.txt. The same seed gives the same files.
"""
import argparse
import glob
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def size(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(s[-1].upper(), 1)
    return int(s.rstrip("kKmMgG")) * mult


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    a = ap.parse_args()
    rng = random.Random(a.seed)
    sentences = []
    for path in sorted(glob.glob(os.path.join(a.shared, "data", "basil", "articles", "*", "*.json"))):
        with open(path, encoding="utf-8") as f:
            for para in json.load(f)["body-paragraphs"]:
                sentences.extend(s.strip() for s in para if len(s.strip()) > 20)
    target = size(a.size)
    paras, total = [], 0
    while total < target:
        p = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
        paras.append(p)
        total += len(p.encode()) + 2
    b = []
    for p in paras:
        r = rng.random()
        if r < 0.1:
            continue  # left out by B
        if r < 0.3:
            words = p.split()
            for _ in range(max(1, len(words) // 5)):
                words[rng.randrange(len(words))] = rng.choice(rng.choice(sentences).split())
            p = " ".join(words)
        b.append(p)
        if rng.random() < 0.1:
            b.append(" ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3))))  # B's own
    for _ in range(len(b) // 10):  # reorder
        i, j = rng.randrange(len(b)), rng.randrange(len(b))
        b.insert(j, b.pop(i))
    os.makedirs(a.out, exist_ok=True)
    for name, ps in (("a.txt", paras), ("b.txt", b)):
        with open(os.path.join(a.out, name), "w", encoding="utf-8") as f:
            f.write("\n\n".join(ps) + "\n")
    print(f"{a.out}: a.txt {os.path.getsize(os.path.join(a.out, 'a.txt'))} bytes, "
          f"b.txt {os.path.getsize(os.path.join(a.out, 'b.txt'))} bytes")


if __name__ == "__main__":
    main()
