#!/usr/bin/env python3
"""Token F1 of Parallax's body text on the Article Extraction Benchmark (AEB).

usage: scripts/eval_extraction.py [--data DIR] [--bin PATH] [--check] [--worst N]

Scores two paths against the AEB ground truth (article body only):
  html   each page's saved HTML, read by `parallax inspect` (HTML path: Readability + furniture)
  text   each page's full visible text (reference-outputs/html-text.json: menus, captions, related
         links and footers included, one block per line), read as plain text -- what a user gets by
         copying a whole page from a browser.
The article text (body blocks and in-article subheadings, joined by newlines) is the prediction.

Scoring follows the benchmark's method as its README describes it: \\w+ tokens, 4-token shingles
as multisets, per-document TP/FP/FN normalised to sum to 1, corpus precision = mean over documents
with a non-empty prediction, recall = mean over all, F1 = harmonic mean of the two means.
--check scores the reference outputs shipped with the data and prints them beside the published
figures (html-text 0.665, trafilatura 0.958, rs_trafilatura 0.970, dom_smoothie 0.865).
The data is read in place and never copied into the repository.
"""
import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_DATA = os.path.join(REPO, "..", "shared", "data", "article-extraction", "scrapinghub-aeb")
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text):
    toks = TOKEN.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < 4:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def score(pred, gold):
    """pred, gold: id -> text. Returns (P, R, F1, per-doc F1 dict)."""
    ps, rs, per = [], [], {}
    for k, g in gold.items():
        gs, ps_ = shingles(g), shingles(pred.get(k) or "")
        tp = sum((gs & ps_).values())
        fp = sum(ps_.values()) - tp
        fn = sum(gs.values()) - tp
        total = tp + fp + fn
        if total == 0:
            continue
        tp, fp, fn = tp / total, fp / total, fn / total
        p = tp / (tp + fp) if tp + fp else None
        r = tp / (tp + fn) if tp + fn else None
        if p is not None:
            ps.append(p)
        if r is not None:
            rs.append(r)
        per[k] = 2 * p * r / (p + r) if p and r else 0.0
    P = sum(ps) / len(ps) if ps else 0.0
    R = sum(rs) / len(rs) if rs else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F, per


def run_parallax(binary, paths, input_format):
    """Reads every path with one `parallax inspect --format json` call (falls back to one call per
    file when a file is refused). Returns path -> body text ('' when refused)."""
    cmd = [binary, "inspect", "--format", "json", "--input-format", input_format]
    out = {}
    batch = subprocess.run(cmd + paths, capture_output=True)
    if batch.returncode == 0:
        docs = json.loads(batch.stdout)["documents"]
        for path, d in zip(paths, docs):
            out[path] = body_text(d)
        return out
    for path in paths:
        r = subprocess.run(cmd + [path], capture_output=True)
        out[path] = body_text(json.loads(r.stdout)["documents"][0]) if r.returncode == 0 else ""
        if r.returncode != 0:
            print(f"  refused {os.path.basename(path)}: {r.stderr.decode().strip()}", file=sys.stderr)
    return out


def body_text(doc):
    """The article text: body blocks plus headings inside the article (kind "title", reason
    "subheading"), which the benchmark's gold includes; the headline itself is left out, as in the gold."""
    return "\n".join(p["text"] for p in doc["paragraphs"]
                     if p["kind"] == "body" or p.get("reason") == "subheading")


def load_reference(path):
    data = json.load(open(path, encoding="utf-8"))
    data = data.get("output", data)
    return {k: (v or {}).get("articleBody") or "" for k, v in data.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    ap.add_argument("--check", action="store_true", help="score the shipped reference outputs too")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst documents per path")
    args = ap.parse_args()
    if not os.path.isdir(args.data):
        sys.exit(f"no benchmark data at {args.data}")
    gold = {k: v["articleBody"] for k, v in json.load(open(os.path.join(args.data, "ground-truth.json"))).items()}
    ref = os.path.join(args.data, "reference-outputs")

    if args.check:
        for name in ("html-text", "trafilatura", "rs_trafilatura", "dom_smoothie"):
            P, R, F, _ = score(load_reference(os.path.join(ref, name + ".json")), gold)
            print(f"reference {name:15} F1={F:.3f} P={P:.3f} R={R:.3f}")

    page_text = load_reference(os.path.join(ref, "html-text.json"))
    with tempfile.TemporaryDirectory() as tmp:
        html_paths, text_paths = [], []
        for k in sorted(gold):
            hp = os.path.join(tmp, k + ".html")
            with gzip.open(os.path.join(args.data, "html", k + ".html.gz")) as src, open(hp, "wb") as dst:
                dst.write(src.read())
            html_paths.append(hp)
            tp = os.path.join(tmp, k + ".txt")
            with open(tp, "w", encoding="utf-8") as f:
                f.write(page_text.get(k, ""))
            text_paths.append(tp)
        results = {}
        for name, paths, fmt in (("html", html_paths, "html"), ("text", text_paths, "text")):
            got = run_parallax(args.bin, paths, fmt)
            pred = {os.path.basename(p).rsplit(".", 1)[0]: t for p, t in got.items()}
            P, R, F, per = score(pred, gold)
            results[name] = per
            print(f"parallax  {name:15} F1={F:.3f} P={P:.3f} R={R:.3f}  ({len(paths)} pages)")
        if args.worst:
            for name, per in results.items():
                print(f"worst {name}:")
                for k, f in sorted(per.items(), key=lambda x: x[1])[:args.worst]:
                    print(f"  {f:.3f} {k}")


if __name__ == "__main__":
    main()
