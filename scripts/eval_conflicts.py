#!/usr/bin/env python3
"""Conflict precision and recall on ../shared/gold/conflicts-dev (the four BASIL dev events) and
the seeds.

usage: scripts/eval_conflicts.py [--shared DIR] [--bin PATH]

Builds the BASIL inputs with ../shared/eval/basil_prep.py in a temporary directory (read in
place, never copied), runs `parallax compare --format json fox.txt nyt.txt hpo.txt`, scores each
with ../shared/eval/score.py and sums the conflicts found, wrong and missed. The seeds have no
gold conflicts (their one difference is sourcing), so every conflict reported there is wrong.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    a = ap.parse_args()
    gdir = os.path.join(a.shared, "gold", "conflicts-dev")
    uuids = [g[:-len(".json")] for g in sorted(os.listdir(gdir))]
    tp = fp = fn = 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(a.shared, "eval", "basil_prep.py"),
                        os.path.join(a.shared, "data", "basil"), tmp, *uuids], check=True, stdout=subprocess.DEVNULL)
        for u in uuids:
            rep = os.path.join(tmp, u, "report.json")
            with open(rep, "w") as f:
                subprocess.run([a.bin, "compare", "--format", "json",
                                *(os.path.join(tmp, u, n + ".txt") for n in ("fox", "nyt", "hpo"))],
                               stdout=f, check=True)
            s = json.loads(subprocess.run([sys.executable, os.path.join(a.shared, "eval", "score.py"), rep,
                                           os.path.join(gdir, u + ".json"), "--json"],
                                          capture_output=True, text=True, check=True).stdout)
            t, w, m = s["conflict_tp_fp_fn"]
            tp, fp, fn = tp + t, fp + w, fn + m
            print(f"{u[:8]} found/wrong/missed={t}/{w}/{m}")
        seeds = json.loads(subprocess.run(
            [a.bin, "compare", "--format", "json",
             *(os.path.join(REPO, "fixtures", "kaspersky", n) for n in ("rferl.txt", "moscowtimes.txt"))],
            capture_output=True, text=True, check=True).stdout)
        wrong = len(seeds.get("conflicts", []))
        print(f"seeds wrong={wrong} sourcing={len(seeds.get('sourcing', []))}")
        fp += wrong
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"conflicts P={p:.3f} R={r:.3f} (found/wrong/missed={tp}/{fp}/{fn})")


if __name__ == "__main__":
    main()
