#!/usr/bin/env python3
"""Peer for benches/compare-peers.sh: CollateX (PyPI `collatex`) aligns all files as witnesses,
word by word, and prints the alignment table."""
import sys

from collatex import Collation, collate

c = Collation()
for i, path in enumerate(sys.argv[1:]):
    with open(path, encoding="utf-8", errors="replace") as f:
        c.add_plain_witness(f"W{i}", f.read())
print(collate(c, output="table", segmentation=True))
