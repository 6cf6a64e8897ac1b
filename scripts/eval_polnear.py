#!/usr/bin/env python3
"""Speaker accuracy on PolNeAR (political news attribution relations), test split by default.

usage: scripts/eval_polnear.py [--shared DIR] [--bin PATH] [--split test|dev] [--threshold 0.3]

Every article of the split is read with `parallax inspect --format json`; quotes and reported
speech are the predictions. For each gold attribution with a Source and a Content (one
annotator's file per article, the first by name), the prediction covering the largest share of
the gold Content (more than `threshold` of it, as in the GGT evaluation) is its match; the
speaker is right when the predicted speaker mention overlaps the gold Source span (for an
`inherited` quote, the mention of the quote it takes its speaker from, as PolNeAR marks the
Source of a run of quotes where it is named). Reported:
the share of gold attributions matched (content recall, low by design: PolNeAR annotates every
attribution, beliefs and reports included), and speaker accuracy over the matched ones. The
data is read in place and never copied into the repository.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def spans(field):
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def load_ann(path):
    t, events = {}, []
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if cols[0].startswith("T") and len(cols) >= 2:
            label, _, rest = cols[1].partition(" ")
            t[cols[0]] = (label, spans(rest))
        elif cols[0].startswith("E") and len(cols) >= 2:
            args = dict(a.split(":", 1) for a in cols[1].split() if ":" in a)
            events.append(args)
    out = []
    for e in events:
        src = [t[v][1] for k, v in e.items() if k.startswith("Source") and v in t]
        con = [t[v][1] for k, v in e.items() if k.startswith("Content") and v in t]
        if src and con:
            out.append(([s for ss in src for s in ss], [c for cc in con for c in cc]))
    return out


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    ap.add_argument("--split", default="test")
    ap.add_argument("--threshold", type=float, default=0.3)
    a = ap.parse_args()
    base = os.path.join(a.shared, "data", "quotes", "polnear", "data", a.split)
    if not os.path.isdir(base):
        sys.exit(f"no PolNeAR data at {base}")
    texts = sorted(os.listdir(os.path.join(base, "text")))
    anns = sorted(os.listdir(os.path.join(base, "attributions")))
    paths = [os.path.join(base, "text", t) for t in texts]
    out = subprocess.run([a.bin, "inspect", "--format", "json", "--input-format", "text", *paths],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    gold_n = matched = right = 0
    for name, doc in zip(texts, report["documents"]):
        stem = name[:-4]
        ann = next((x for x in anns if x.startswith(stem + "_")), None)
        if ann is None:
            continue
        text = doc["text"]
        table, b = {}, 0
        for i, ch in enumerate(text):
            table[b] = i
            b += len(ch.encode("utf-8"))
        table[b] = len(text)

        def ch(x):
            while x not in table and x > 0:
                x -= 1
            return table.get(x, 0)

        preds = []
        for q in doc["quotes"] + doc.get("reported_speech", []):
            sp = q.get("speaker_span")
            preds.append(((ch(q["start"]), ch(q["end"])), (ch(sp[0]), ch(sp[1])) if sp else None))
        for src, con in load_ann(os.path.join(base, "attributions", ann)):
            gold_n += 1
            glen = sum(e - s for s, e in con) or 1
            best, cov = None, a.threshold
            for p in preds:
                c = sum(overlap(p[0], x) for x in con) / glen
                if c > cov:
                    best, cov = p, c
            if best is None:
                continue
            matched += 1
            if best[1] and any(overlap(best[1], s) > 0 for s in src):
                right += 1
    print(f"PolNeAR {a.split}: gold attributions {gold_n}, content found {matched / max(1, gold_n):.3f}, "
          f"speaker accuracy {right / max(1, matched):.3f} ({right} of {matched})")


if __name__ == "__main__":
    main()
