#!/usr/bin/env python3
"""What Parallax reports on all 100 BASIL events, for review by eye (there is no gold for most
of it): how many headlines it finds, every conflict with its two sentences, and how many quote
matches it makes and flags as given to different speakers.

usage: scripts/basil_survey.py [--shared DIR] [--bin PATH] [--quiet]

Builds the inputs with ../shared/eval/basil_prep.py in a temporary directory (the data is read
in place and never copied into the repository), runs `parallax compare --format json fox.txt
nyt.txt hpo.txt` per event, and prints:
  titles     reports whose title is their first line (basil_prep writes the headline first)
  conflicts  each one, with the sentences of its sides (unless --quiet)
  quotes     quote matches, and those with `speakers_differ`
The events include basil-train and basil-dev; the held-back events are not BASIL ones.
"""
import argparse
import csv
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
    ap.add_argument("--quiet", action="store_true", help="counts only")
    a = ap.parse_args()
    data = os.path.join(a.shared, "data", "basil")
    with open(os.path.join(data, "triplets.tsv"), encoding="utf-8") as f:
        uuids = [row["triplet_uuid"] for row in csv.DictReader(f, delimiter="\t")]
    titles = reports = conflicts = matches = differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(a.shared, "eval", "basil_prep.py"), data, tmp, *uuids],
                       check=True, stdout=subprocess.DEVNULL)
        for u in uuids:
            paths = [os.path.join(tmp, u, n + ".txt") for n in ("fox", "nyt", "hpo")]
            out = subprocess.run([a.bin, "compare", "--format", "json", *paths],
                                 capture_output=True, text=True, check=True).stdout
            r = json.loads(out)
            for path, d in zip(paths, r["documents"]):
                reports += 1
                with open(path, encoding="utf-8") as f:
                    first = " ".join(f.readline().split())
                titles += " ".join((d.get("title") or "").split()) == first
            sent = {s["id"]: s["text"] for d in r["documents"] for p in d["paragraphs"] for s in p["sentences"]}
            for c in r["conflicts"]:
                conflicts += 1
                if not a.quiet:
                    print(f"{u[:8]} {c['kind']}: {c['detail']}")
                    for m in c["members"]:
                        print(f"    {m} {sent.get(m, '')[:160]}")
            for m in r["quote_matches"]:
                matches += 1
                differ += bool(m.get("speakers_differ"))
                if m.get("speakers_differ") and not a.quiet:
                    print(f"{u[:8]} speakers differ: {m['speakers']} {m['quotes']}")
    print(f"BASIL {len(uuids)} events: titles {titles} of {reports}; conflicts {conflicts}; "
          f"quote matches {matches}, speakers differ {differ}")


if __name__ == "__main__":
    main()
