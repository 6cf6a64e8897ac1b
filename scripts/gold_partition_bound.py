#!/usr/bin/env python3
"""How well can any grouping reproduce the BASIL dev gold pairs? An upper bound for the aligner.

usage: scripts/gold_partition_bound.py [--shared DIR] [--max-per-report N] [--allow-n-to-m]

Partitions each event's body sentences by greedy correlation clustering on the gold labels
themselves (+1 for a gold pair, -1 for a non-pair, 0 for an ambiguous pair; best merge first
while the gain is positive), under the same limits as Parallax's groups, and scores the
partition the way ../shared/eval/score.py does (every cross-report pair inside a group counts).
"""
import argparse
import itertools
import json
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def bound(gold, max_per, allow_nm):
    keys = list(gold["body"])
    nodes = [(k, s) for k in keys for s in gold["body"][k]]
    pos, amb = set(), set()
    for src, dst in ((gold["pairs"], pos), (gold.get("ambiguous", []), amb)):
        for p in src:
            ka, kb = [k for k in keys if k in p]
            a, b = (ka, p[ka]), (kb, p[kb])
            dst.update({(a, b), (b, a)})

    def w(a, b):
        if a[0] == b[0] or (a, b) in amb:
            return 0
        return 1 if (a, b) in pos else -1

    def fits(m):
        c = Counter(k for k, _ in m)
        return max(c.values()) <= max_per and (allow_nm or sum(v > 1 for v in c.values()) <= 1)

    clusters = [[n] for n in nodes]
    while True:
        best = (0, None)
        for i, j in itertools.combinations(range(len(clusters)), 2):
            if not fits(clusters[i] + clusters[j]):
                continue
            gain = sum(w(a, b) for a in clusters[i] for b in clusters[j])
            if gain > best[0]:
                best = (gain, (i, j))
        if best[1] is None:
            break
        i, j = best[1]
        clusters[i] += clusters.pop(j)
    tp = fp = 0
    for c in clusters:
        for a, b in itertools.combinations(c, 2):
            tp += w(a, b) > 0
            fp += w(a, b) < 0
    return tp, fp, len(pos) // 2 - tp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--max-per-report", type=int, default=2)
    ap.add_argument("--allow-n-to-m", action="store_true")
    a = ap.parse_args()
    d = os.path.join(a.shared, "gold", "basil-dev")
    T = [0, 0, 0]
    for name in sorted(os.listdir(d)):
        tp, fp, fn = bound(json.load(open(os.path.join(d, name))), a.max_per_report, a.allow_n_to_m)
        print(f"{name[:8]} tp/fp/fn={tp}/{fp}/{fn}")
        T = [x + y for x, y in zip(T, (tp, fp, fn))]
    tp, fp, fn = T
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"bound micro P={p:.3f} R={r:.3f} F1={2 * p * r / (p + r):.3f}")


if __name__ == "__main__":
    main()
