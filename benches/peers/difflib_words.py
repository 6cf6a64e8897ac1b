#!/usr/bin/env python3
"""Peer for benches/compare-peers.sh: a word diff of the first file against each other file with
Python's difflib (SequenceMatcher over whitespace-separated words), printed like wdiff."""
import difflib
import sys


def words(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read().split()


a = words(sys.argv[1])
out = []
for other in sys.argv[2:]:
    b = words(other)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(a[i1:i2]))
        else:
            if i2 > i1:
                out.append("[-" + " ".join(a[i1:i2]) + "-]")
            if j2 > j1:
                out.append("{+" + " ".join(b[j1:j2]) + "+}")
sys.stdout.write(" ".join(out) + "\n")
