#!/usr/bin/env python3
"""Quote and speaker quality on the Gender Gap Tracker gold (98 news articles, 1,520 quotes).

usage: scripts/eval_quotes.py [--shared DIR] [--bin PATH] [--threshold 0.3] [--show N]

Each article's `text` (the form every gold span indexes into) is written to a temporary file
and read with `parallax inspect --format json`; direct and mixed quotes and reported speech
are all predictions. Scoring follows GGT's own evaluate_quotes.py, as its README describes: a
gold quote is matched by the best unused predicted quote that covers more than `threshold` of
the gold span (|gold ∩ pred| / |gold|); a matched quote's speaker is right when the predicted
and gold speaker spans overlap, or when both are empty (a floating quote; an `inherited`
speaker counts as empty here, as GGT gives such quotes no mention of their own). Also reported:
direct quotes alone (gold quotes that start with a quote mark, against predicted direct and
mixed quotes, leaving out predictions that make up a gold quote of the other kind), and the
resolved name against the gold `reference` (right when they share a
word). The data is read in place and never copied into the repository.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def char_offsets(text):
    """Byte offset -> code-point offset table for `text`."""
    table = {}
    b = 0
    for i, ch in enumerate(text):
        table[b] = i
        b += len(ch.encode("utf-8"))
    table[b] = len(text)
    return table


def to_chars(table, b):
    while b not in table and b > 0:
        b -= 1
    return table.get(b, 0)


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def words(s):
    return set(re.findall(r"\w+", (s or "").lower()))


def score(golds, preds, threshold):
    """Greedy matching as GGT does: each gold quote takes the best unused prediction."""
    used = set()
    tp = sp_ok = name_ok = name_n = 0
    matched = []
    for g in golds:
        gs = g["quote_span"]
        glen = max(1, gs[1] - gs[0])
        best, best_cov = None, threshold
        for j, p in enumerate(preds):
            if j in used:
                continue
            cov = overlap(gs, p["span"]) / glen
            if cov > best_cov:
                best, best_cov = j, cov
        if best is None:
            matched.append((g, None))
            continue
        used.add(best)
        tp += 1
        p = preds[best]
        gsp = g.get("speaker_span") or []
        psp = p.get("speaker_span")
        if not gsp or gsp == [0, 0] or not g.get("speaker"):
            sp_ok += psp is None
        elif psp is not None:
            sp_ok += overlap(gsp, psp) > 0
        if g.get("reference"):
            name_n += 1
            name_ok += bool(words(g["reference"]) & words(p.get("speaker")))
        matched.append((g, p))
    return tp, len(preds), len(golds), sp_ok, name_ok, name_n, matched


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    ap.add_argument("--threshold", type=float, default=0.3)
    ap.add_argument("--show", type=int, default=0, help="print N missed gold quotes")
    ap.add_argument("--show-speakers", type=int, default=0, help="print N wrong speakers")
    ap.add_argument("--show-extra", type=int, default=0, help="print N predictions no gold quote matched")
    a = ap.parse_args()
    gold_path = os.path.join(a.shared, "data", "quotes", "ggt-sfu-2020", "ggt_gold.jsonl")
    if not os.path.exists(gold_path):
        sys.exit(f"no GGT gold at {gold_path}")
    articles = [json.loads(line) for line in open(gold_path, encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for art in articles:
            path = os.path.join(tmp, art["id"] + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(art["text"])
            paths.append(path)
        out = subprocess.run([a.bin, "inspect", "--format", "json", *paths],
                             capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    T = {"all": [0] * 6, "direct": [0] * 6}
    missed, extra, wrong = [], [], []
    for art, doc in zip(articles, report["documents"]):
        text = doc["text"]
        if text != art["text"]:
            sys.exit(f"{art['id']}: parallax read a different text; offsets would not line up")
        table = char_offsets(text)

        def conv(q):
            # GGT gives a floating quote no speaker span of its own; Parallax points an
            # inherited speaker at the earlier quote's mention, which GGT does not count.
            sp = None if q.get("inherited") else q.get("speaker_span")
            return {
                "span": [to_chars(table, q["start"]), to_chars(table, q["end"])],
                "speaker_span": [to_chars(table, sp[0]), to_chars(table, sp[1])] if sp else None,
                "speaker": q.get("speaker"),
                "kind": q["kind"],
                "text": q["text"],
            }

        reported = [conv(q) for q in doc.get("reported_speech", [])]
        # GGT counts a reported clause with a few quoted words in it as one quote: a mixed quote
        # inside a predicted reported clause is that same quote, not a second one.
        # GGT annotates `"A," he said, "B."` as two quotes; Parallax gives one quote in two
        # parts, scored here part by part.
        preds = []
        for q in doc["quotes"]:
            for part in q["parts"] if len(q["parts"]) > 1 else [[q["start"], q["end"]]]:
                preds.append(conv(dict(q, start=part[0], end=part[1])))
        preds = [q for q in preds if not (q["kind"] == "mixed" and any(
            r["span"][0] <= q["span"][0] and q["span"][1] <= r["span"][1] + 2 for r in reported))]
        preds += reported
        golds = []
        for g in art["quotes"]:
            if not g.get("quote_span"):
                # a few records carry no span: place the quote by its text
                i = text.find((g.get("quote") or "").strip())
                if i < 0 or not (g.get("quote") or "").strip():
                    continue
                g = dict(g, quote_span=[i, i + len(g["quote"].strip())])
            golds.append(g)
        r = score(golds, preds, a.threshold)
        T["all"] = [x + y for x, y in zip(T["all"], r[:6])]
        missed += [(art["id"], g) for g, p in r[6] if p is None]
        hit = {id(p) for _, p in r[6] if p is not None}
        for g, p in r[6]:
            if p is None:
                continue
            gsp = g.get("speaker_span") or []
            empty = not gsp or gsp == [0, 0] or not g.get("speaker")
            ok = p["speaker_span"] is None if empty else (
                p["speaker_span"] is not None and overlap(gsp, p["speaker_span"]) > 0)
            if not ok:
                wrong.append((art["id"], g, p, text[p["speaker_span"][0]:p["speaker_span"][1]] if p["speaker_span"] else None))
        extra += [(art["id"], p) for p in preds if id(p) not in hit]
        dg = [g for g in golds if g.get("starts_with_quote_mark")]
        other = [g for g in golds if not g.get("starts_with_quote_mark")]

        def covers(g, p):
            gs = g["quote_span"]
            return overlap(gs, p["span"]) / max(1, gs[1] - gs[0]) > a.threshold

        # Direct quotes alone: Parallax's quoted words that make up a gold quote of the other
        # kind (a clause that does not open with a mark: 'he said the plan was "dead"') belong
        # to that subset, not to this one, so they are left out here rather than counted wrong.
        dp = [p for p in preds if p["kind"] != "indirect"
              and (any(covers(g, p) for g in dg) or not any(covers(g, p) for g in other))]
        T["direct"] = [x + y for x, y in zip(T["direct"], score(dg, dp, a.threshold)[:6])]
    for name, (tp, npred, ngold, sp_ok, name_ok, name_n) in T.items():
        p, r, f = prf(tp, npred, ngold)
        print(f"{name:7} quotes P={p:.3f} R={r:.3f} F1={f:.3f} (tp {tp}, predicted {npred}, gold {ngold}) "
              f"speaker={sp_ok / max(1, tp):.3f} name={name_ok / max(1, name_n):.3f}")
    for aid, g, p, m in wrong[: a.show_speakers]:
        print(f"  speaker {aid}: gold {g.get('speaker')!r} ({g.get('reference')!r}) predicted {m!r} -> {p['speaker']!r} [{p['kind']}] {g['quote'][:60]!r}")
    for aid, p in extra[: a.show_extra]:
        print(f"  extra {aid}: {p['kind']} {p['text'][:100]!r} ({p['speaker']!r})")
    for aid, g in missed[: a.show]:
        print(f"  missed {aid}: {g['quote'][:100]!r} ({g.get('speaker')!r} {g.get('verb')!r})")


if __name__ == "__main__":
    main()
