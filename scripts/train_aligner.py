#!/usr/bin/env python3
"""Trains Parallax's sentence-pair scorer on ../shared/gold/basil-train and writes the model
file Rust reads (src/align/model.json).

usage: scripts/train_aligner.py [--shared DIR] [--model gbdt|logistic] [--folds K]
                                [--out src/align/model.json] [--ablate FEATURE ...] [--no-write]
                                [--evidence-bin PATH]

Needs the Python packages in scripts/requirements-train.txt (pinned: the model file is
byte-identical across runs and machines only with those versions).

1. Builds each event's inputs with ../shared/eval/basil_prep.py (in target/aligner-data/, which
   is never committed: the data is read in place) and dumps every candidate sentence pair with
   its evidence through `examples/pair_evidence.rs` (the same code `parallax compare` runs).
2. Labels each candidate from the gold: a gold pair (same or partial) is positive, a pair the
   annotators disagreed on is left out, every other candidate is negative. Gold pairs that are
   not candidates count as misses in every figure. Figures count as ../shared/eval/score.py
   does: a gold pair is found when a sentence pair it names is linked, and links between
   sentences the gold does not list as body are not counted; training uses every candidate.
3. Cross-validates by event (an event's pairs never straddle folds) on basil-train, picks the
   link threshold that maximises the pooled pair F1 plus coverage F1 of the out-of-fold scores
   among those with link precision of at least 0.55, and reports pair
   and coverage P/R/F1 there and on basil-dev (held out: never used to choose anything).
4. Fits the model on all of basil-train and writes it with its thresholds. Seeded: the output
   is byte-identical when re-run.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SEED = 20261201


def load_score(shared):
    spec = importlib.util.spec_from_file_location("score", os.path.join(shared, "eval", "score.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_example():
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "pair_evidence"], cwd=REPO, check=True)
    return os.path.join(REPO, "target", "release", "examples", "pair_evidence")


def dump_event(shared, exe, split, uuid, cache):
    d = os.path.join(cache, uuid)
    out = os.path.join(d, "evidence.json")
    if not os.path.exists(os.path.join(d, "fox.txt")):
        subprocess.run([sys.executable, os.path.join(shared, "eval", "basil_prep.py"),
                        os.path.join(shared, "data", "basil"), cache, uuid], check=True,
                       stdout=subprocess.DEVNULL)
    with open(out, "w") as f:
        subprocess.run([exe, *(os.path.join(d, n) for n in ("fox.txt", "nyt.txt", "hpo.txt"))], stdout=f, check=True)
    with open(out) as f:
        return json.load(f)


def label_event(score, ev, gold):
    """(X, y, relation_same, pair ids, per gold pair its candidates, coverage cells, doc of each
    sentence, whether each candidate is counted in the figures)."""
    docs = [score.Doc(d) for d in ev["documents"]]
    keys = list(gold["docs"].keys())
    by = {}
    for i, k in enumerate(keys):
        match = [d for d in docs if d.label and score.loose(d.label) == score.loose(k)]
        by[k] = match[0] if match else docs[i]
    doc_of = {}
    for k in keys:
        for sid, _, _, _ in by[k].sentences:
            doc_of[sid] = k

    def ids(k, snippet):
        return [s for s, _ in by[k].locate(snippet)]

    positive, same, ambiguous = set(), set(), set()
    gold_pairs = []  # per gold pair, the sentence pairs it names (a gold sentence may be two here)
    for p in gold["pairs"]:
        ka, kb = [k for k in keys if k in p]
        named = []
        for x in ids(ka, p[ka]):
            for y in ids(kb, p[kb]):
                positive.add(frozenset((x, y)))
                named.append(frozenset((x, y)))
                if p.get("rel") == "same":
                    same.add(frozenset((x, y)))
        gold_pairs.append(named)
    for p in gold.get("ambiguous", []):
        ka, kb = [k for k in keys if k in p]
        for x in ids(ka, p[ka]):
            for y in ids(kb, p[kb]):
                ambiguous.add(frozenset((x, y)))
    ambiguous -= positive
    # The sentences the gold lists as body: figures count pairs of these only, as score.py does.
    gold_body = {x for k in keys for snippet in gold["body"][k] for x in ids(k, snippet)}
    X, y, s, pairs, scored = [], [], [], [], []
    seen = set()
    for a, b, feats in ev["pairs"]:
        key = frozenset((a, b))
        if key in ambiguous:
            continue
        seen.add(key)
        X.append(feats)
        y.append(1 if key in positive else 0)
        s.append(1 if key in same else 0)
        pairs.append((a, b))
        scored.append(a in gold_body and b in gold_body)
    # Gold pairs as score.py counts them: found when any sentence pair they name is linked.
    index = {frozenset(pr): k for k, pr in enumerate(pairs)}
    gold_index = [[index[x] for x in named if x in index] for named in gold_pairs]
    # Coverage cells: (sentence, other report) -> gold carried?; unsure cells are left out.
    body = {k: {sid for sid, _, _, _ in by[k].sentences if sid in gold_body} for k in keys}
    gold_cov, unsure = set(), set()
    for p in positive:
        x, yy = tuple(p)
        if x in doc_of and yy in doc_of:
            gold_cov.update({(x, doc_of[yy]), (yy, doc_of[x])})
    for p in ambiguous:
        x, yy = tuple(p)
        if x in doc_of and yy in doc_of:
            unsure.update({(x, doc_of[yy]), (yy, doc_of[x])})
    cells = {}
    for k in keys:
        for sid in body[k]:
            for other in keys:
                if other == k:
                    continue
                g = (sid, other) in gold_cov
                if not g and (sid, other) in unsure:
                    continue
                cells[(sid, other)] = g
    return (np.array(X, dtype=np.float32).reshape(-1, len(ev["features"])), np.array(y), np.array(s),
            pairs, gold_index, cells, doc_of, np.array(scored, dtype=bool))


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(events, probs, threshold):
    """Pooled pair and coverage (P, R, F1) over events at one threshold."""
    tp = fp = fn = 0
    ctp = cfp = cfn = 0
    for e, pr in zip(events, probs):
        hit = pr >= threshold
        found = sum(1 for g in e["gold"] if any(hit[k] for k in g))
        tp += found
        fn += len(e["gold"]) - found
        fp += int(np.sum(hit & e["scored"] & (e["y"] == 0)))
        carried = set()
        for (a, b), h in zip(e["pairs"], hit):
            if h:
                carried.add((a, e["doc_of"].get(b)))
                carried.add((b, e["doc_of"].get(a)))
        for cell, g in e["cells"].items():
            h = cell in carried
            ctp += g and h
            cfp += h and not g
            cfn += g and not h
    return prf(tp, fp, fn), prf(ctp, cfp, cfn)


# A link an editor reads as a shared fact should be right more often than not.
MIN_LINK_PRECISION = 0.55


def best_threshold(events, probs):
    """The threshold with the best sum of pair F1 and coverage F1 (coverage is what "only in X"
    and "leaves out" rest on: a missed cell there is a false "leaves out") among those whose
    links are right at least MIN_LINK_PRECISION of the time."""
    best = (0.0, 0.5)
    for t in np.arange(0.05, 0.95, 0.01):
        (p, _, f), (_, _, cf) = figures(events, probs, t)
        if p >= MIN_LINK_PRECISION and f + cf > best[0] + 1e-9:
            best = (f + cf, round(float(t), 2))
    return best[1]


def make_model(kind):
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, max_depth=3, min_samples_leaf=40,
                                          early_stopping=False, random_state=SEED)


def export(model, names, link, same_threshold, same_model):
    def one(m):
        # Each tree as its nodes [feature, threshold, left, right, value]: a leaf has feature -1
        # and adds its value (the learning rate already applied) to the log-odds; an inner node
        # sends x to `left` when x[feature] <= threshold.
        trees = []
        for (pred,) in m._predictors:
            nodes = []
            for nd in pred.nodes:
                leaf = bool(nd["is_leaf"])
                nodes.append([-1 if leaf else int(nd["feature_idx"]), 0.0 if leaf else float(nd["num_threshold"]),
                              int(nd["left"]), int(nd["right"]), float(nd["value"]) if leaf else 0.0])
            trees.append(nodes)
        return {"kind": "gbdt", "init": float(m._baseline_prediction.ravel()[0]), "trees": trees}
    return {"features": names, "link": link, "same": same_threshold, "link_model": one(model),
            "same_model": one(same_model)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--model", default="gbdt", choices=["gbdt", "logistic"],
                    help="logistic: for comparison, with --no-write (Rust reads only boosted trees)")
    ap.add_argument("--folds", type=int, default=6)
    ap.add_argument("--out", default=os.path.join(REPO, "src", "align", "model.json"))
    ap.add_argument("--ablate", nargs="*", default=[], help="features to leave out (set to 0)")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--evidence-bin", help="a built examples/pair_evidence (default: build it)")
    a = ap.parse_args()
    if a.model == "logistic" and not a.no_write:
        sys.exit("--model logistic is for comparison only (Rust reads boosted trees): add --no-write")
    score = load_score(a.shared)
    exe = a.evidence_bin or build_example()
    cache = os.path.join(REPO, "target", "aligner-data")
    os.makedirs(cache, exist_ok=True)
    splits = {}
    names = None
    for split in ("basil-train", "basil-dev"):
        gdir = os.path.join(a.shared, "gold", split)
        evs = []
        for g in sorted(os.listdir(gdir)):
            uuid = g[:-len(".json")]
            gold = json.load(open(os.path.join(gdir, g), encoding="utf-8"))
            ev = dump_event(a.shared, exe, split, uuid, cache)
            names = ev["features"]
            X, y, s, pairs, gold_index, cells, doc_of, scored = label_event(score, ev, gold)
            evs.append({"uuid": uuid, "X": X, "y": y, "same": s, "pairs": pairs, "gold": gold_index,
                        "cells": cells, "doc_of": doc_of, "scored": scored})
        splits[split] = evs
    ablate = [names.index(f) for f in a.ablate]
    for evs in splits.values():
        for e in evs:
            e["X"][:, ablate] = 0.0
    train, dev = splits["basil-train"], splits["basil-dev"]
    npos = sum(int(e["y"].sum()) for e in train)
    nmiss = sum(1 for e in train for g in e["gold"] if not g)
    print(f"train: {len(train)} events, {sum(len(e['y']) for e in train)} candidates, "
          f"{npos} gold pairs among them, {nmiss} gold pairs not candidates")

    # Cross-validation by event.
    folds = [train[k::a.folds] for k in range(a.folds)]
    oof = {}
    for k in range(a.folds):
        fit = [e for j, f in enumerate(folds) if j != k for e in f]
        m = make_model(a.model).fit(np.vstack([e["X"] for e in fit]), np.concatenate([e["y"] for e in fit]))
        for e in folds[k]:
            oof[e["uuid"]] = m.predict_proba(e["X"])[:, 1] if len(e["y"]) else np.zeros(0)
    probs = [oof[e["uuid"]] for e in train]
    link = best_threshold(train, probs)
    (p, r, f), (cp, cr, cf) = figures(train, probs, link)
    print(f"cv ({a.folds} folds by event) link>={link}: pair P={p:.3f} R={r:.3f} F1={f:.3f}  "
          f"coverage P={cp:.3f} R={cr:.3f} F1={cf:.3f}")

    X = np.vstack([e["X"] for e in train])
    y = np.concatenate([e["y"] for e in train])
    model = make_model(a.model).fit(X, y)
    dprobs = [model.predict_proba(e["X"])[:, 1] if len(e["y"]) else np.zeros(0) for e in dev]
    (p, r, f), (cp, cr, cf) = figures(dev, dprobs, link)
    print(f"dev (4 events, held out) link>={link}: pair P={p:.3f} R={r:.3f} F1={f:.3f}  "
          f"coverage P={cp:.3f} R={cr:.3f} F1={cf:.3f}")

    # same vs partial among gold pairs.
    pos = y == 1
    same_y = np.concatenate([e["same"] for e in train])[pos]
    same_model = make_model(a.model).fit(X[pos], same_y)
    sp = same_model.predict_proba(X[pos])[:, 1]
    same_t = 0.5
    print(f"same among gold pairs: {int(same_y.sum())} of {int(pos.sum())}; "
          f"train precision at {same_t}: {float((same_y[sp >= same_t]).mean()) if (sp >= same_t).any() else 0:.3f}, "
          f"recall {float((sp[same_y == 1] >= same_t).mean()):.3f}")
    if not a.no_write:
        out = export(model, names, link, same_t, same_model)
        with open(a.out, "w") as f:
            json.dump(out, f, separators=(",", ":"))
            f.write("\n")
        print(f"wrote {os.path.relpath(a.out, REPO)} ({os.path.getsize(a.out)} bytes)")


if __name__ == "__main__":
    main()
