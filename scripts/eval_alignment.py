#!/usr/bin/env python3
"""Sentence-alignment quality on the seeds and the four BASIL dev events.

usage: scripts/eval_alignment.py [--shared DIR] [--bin PATH] [-- extra compare options]

For each BASIL event with gold in ../shared/gold/basil-dev/, builds the inputs with
../shared/eval/basil_prep.py (in a temporary directory), runs
`parallax compare --format json fox.txt nyt.txt hpo.txt`, scores it with ../shared/eval/score.py
and sums TP/FP/FN into one micro-F1. The seeds pair is scored the same way on its own.
The data is read in place and never copied into the repository.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(binary, files, extra, out):
    with open(out, "w") as f:
        subprocess.run([binary, "compare", "--format", "json", *extra, *files], stdout=f, check=True)


def score(shared, report, gold):
    out = subprocess.run([sys.executable, os.path.join(shared, "eval", "score.py"), report, gold, "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="basil-dev", help="gold set under ../shared/gold")
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    ap.add_argument("extra", nargs="*", help="options passed to parallax compare")
    a = ap.parse_args()
    golds = sorted(os.listdir(os.path.join(a.shared, "gold", a.gold)))
    with tempfile.TemporaryDirectory() as tmp:
        seeds = os.path.join(tmp, "seeds.json")
        run(a.bin, [os.path.join(REPO, "fixtures", "kaspersky", n) for n in ("rferl.txt", "moscowtimes.txt")],
            a.extra, seeds)
        s = score(a.shared, seeds, os.path.join(a.shared, "gold", "seeds.json"))
        print(f"seeds      P={s['align_p']:.3f} R={s['align_r']:.3f} F1={s['align_f1']:.3f} "
              f"core_recall={s.get('core_recall')} coverage F1={s['coverage_f1']:.3f}")
        uuids = [g[:-len(".json")] for g in golds]
        subprocess.run([sys.executable, os.path.join(a.shared, "eval", "basil_prep.py"),
                        os.path.join(a.shared, "data", "basil"), tmp, *uuids], check=True)
        TP = FP = FN = 0
        CTP = CFP = CFN = 0
        for u in uuids:
            d = os.path.join(tmp, u)
            rep = os.path.join(d, "report.json")
            run(a.bin, [os.path.join(d, n) for n in ("fox.txt", "nyt.txt", "hpo.txt")], a.extra, rep)
            s = score(a.shared, rep, os.path.join(a.shared, "gold", a.gold, u + ".json"))
            tp, fp, fn = s["align_tp_fp_fn"]
            TP, FP, FN = TP + tp, FP + fp, FN + fn
            ctp, cfp, cfn = s["coverage_tp_fp_fn"]
            CTP, CFP, CFN = CTP + ctp, CFP + cfp, CFN + cfn
            print(f"basil {u[:8]} P={s['align_p']:.3f} R={s['align_r']:.3f} F1={s['align_f1']:.3f} "
                  f"tp/fp/fn={tp}/{fp}/{fn} coverage F1={s['coverage_f1']:.3f} "
                  f"unlocated={s['unlocated_snippets']}")
        p, r, f = f1(TP, FP, FN)
        print(f"basil micro P={p:.3f} R={r:.3f} F1={f:.3f} (tp/fp/fn={TP}/{FP}/{FN})")
        p, r, f = f1(CTP, CFP, CFN)
        print(f"basil coverage micro P={p:.3f} R={r:.3f} F1={f:.3f} (tp/fp/fn={CTP}/{CFP}/{CFN})")


if __name__ == "__main__":
    main()
