#!/usr/bin/env python3
"""Lists the alignment errors on the BASIL dev events: gold pairs with no link (missed) and links
that are no gold pair (extra, leaving out pairs the annotators disagreed on).

usage: scripts/alignment_errors.py [--shared DIR] [--bin PATH] [--sample N] [--seed S]

Builds the inputs with ../shared/eval/basil_prep.py in a temporary directory (the data is read in
place, never copied into the repository), runs `parallax compare --format json`, locates the gold
snippets as ../shared/eval/score.py does, and prints N of each kind (all with --sample 0).
"""
import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    ap.add_argument("--sample", type=int, default=12)
    ap.add_argument("--seed", type=int, default=3)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("score", os.path.join(a.shared, "eval", "score.py"))
    S = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(S)
    gdir = os.path.join(a.shared, "gold", "basil-dev")
    missed, extra = [], []
    with tempfile.TemporaryDirectory() as tmp:
        uuids = [g[:-len(".json")] for g in sorted(os.listdir(gdir))]
        subprocess.run([sys.executable, os.path.join(a.shared, "eval", "basil_prep.py"),
                        os.path.join(a.shared, "data", "basil"), tmp, *uuids], check=True, stdout=subprocess.DEVNULL)
        for u in uuids:
            gold = json.load(open(os.path.join(gdir, u + ".json"), encoding="utf-8"))
            files = [os.path.join(tmp, u, n + ".txt") for n in ("fox", "nyt", "hpo")]
            r = json.loads(subprocess.run([a.bin, "compare", "--format", "json", *files],
                                          capture_output=True, text=True, check=True).stdout)
            docs = [S.Doc(d) for d in r["documents"]]
            keys = list(gold["docs"].keys())
            by = {k: docs[i] for i, k in enumerate(keys)}
            text = {s["id"]: s["text"] for d in r["documents"] for p in d["paragraphs"] for s in p["sentences"]}
            links = {}
            for l in r["links"]:
                links[tuple(l["sentences"])] = l
                links[tuple(l["sentences"][::-1])] = l

            def named(p):
                ka, kb = [k for k in keys if k in p]
                return {(x, y) for x, _ in by[ka].locate(p[ka]) for y, _ in by[kb].locate(p[kb])}, p[ka], p[kb]

            known = set()
            for p in gold["pairs"]:
                pairs, ta, tb = named(p)
                known |= pairs | {(y, x) for x, y in pairs}
                if not any(x in links for x in pairs):
                    missed.append((p["rel"], ta, tb))
            for p in gold.get("ambiguous", []):
                pairs, _, _ = named(p)
                known |= pairs | {(y, x) for x, y in pairs}
            for l in r["links"]:
                a_, b_ = l["sentences"]
                if (a_, b_) not in known:
                    extra.append((l["score"], l["why"][:4], text[a_], text[b_]))
    rnd = random.Random(a.seed)
    pick = (lambda xs: xs) if a.sample == 0 else (lambda xs: rnd.sample(xs, min(a.sample, len(xs))))
    print(f"{len(missed)} gold pairs missed")
    for rel, x, y in pick(missed):
        print(f"  missed {rel}: {x[:160]}\n      || {y[:160]}")
    print(f"{len(extra)} links not in the gold")
    for sc, why, x, y in pick(extra):
        print(f"  extra {sc} {why}: {x[:160]}\n      || {y[:160]}")


if __name__ == "__main__":
    main()
