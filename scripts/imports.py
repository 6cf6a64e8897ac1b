#!/usr/bin/env python3
"""The import graph of src/: which module each file uses, and any circles.

usage: scripts/imports.py [--files] [--tests]

Reads every `.rs` file under src/ and collects the crate modules it names: `use crate::…`
(groups included), `crate::…` paths in code, `super::…` resolved against the file's module,
and `parallax::…` in the binary. Unit-test modules (`#[cfg(test)] mod …`) are left out unless
--tests is given. Prints, per top-level module (align, compare, document, …), the modules it
uses, then every circle between top-level modules and, with --files, between files.
Exits 1 when there is a circle. docs/architecture.md gives the layers these must follow;
tests/architecture.rs checks the renderer rule on every `cargo test`.
"""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src")


def module_of(path):
    """src/align/mod.rs -> ['align']; src/align/cluster.rs -> ['align', 'cluster']."""
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    if rel in (["lib"],):
        return []
    return rel


def strip_tests(text):
    """The text without `#[cfg(test)]` modules (brace-matched) and without comments."""
    text = re.sub(r"//[^\n]*", "", text)
    out, i = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(pub\s+)?mod\s+\w+\s*(\{|;)", text):
        if m.start() < i:
            continue
        out.append(text[i:m.start()])
        if m.group(2) == ";":
            i = m.end()
            continue
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def expand_use(tree):
    """'a::{b, c::{d, e}}' -> ['a::b', 'a::c::d', 'a::c::e']."""
    tree = tree.strip()
    m = re.match(r"^([\w:]*?)::\{(.*)\}$", tree, re.S)
    if not m:
        return [tree]
    head, body = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        cur += ch
    parts.append(cur)
    return [f"{head}::{p}" for part in parts if part.strip() for p in expand_use(part.strip())]


def reexports(lib_text):
    """Names lib.rs re-exports (`pub use error::{Error, Result};`) -> the module they come from."""
    out = {}
    for m in re.finditer(r"\bpub\s+use\s+([^;]+);", lib_text):
        for p in expand_use(m.group(1)):
            segs = re.sub(r"\s+as\s+\w+$", "", p.strip()).split("::")
            out[segs[-1]] = segs[0]
    return out


def deps_of(path, text, modules, is_bin, reexported):
    mod = module_of(path)
    found = set()
    roots = ["crate"] + (["parallax"] if is_bin else [])
    paths = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        paths += expand_use(m.group(1))
    # a call of a root function (`parallax::compare(…)`) is the front door, not the module
    paths += [p + ("()" if call else "") for p, call in
              re.findall(r"\b((?:crate|super|parallax)(?:::\w+)+)(\s*\()?", text)]
    if not mod:
        # lib.rs names its modules without a prefix
        tops = "|".join(sorted({m[0] for m in modules}))
        paths += ["crate::" + p for p in re.findall(rf"(?<![\w:])(?:{tops})(?:::\w+)+", text)]
    for p in paths:
        p = re.sub(r"\s+as\s+\w+$", "", p.strip())
        call = p.endswith("()")
        segs = p.removesuffix("()").split("::")
        if segs[0] in roots:
            segs = segs[1:]
            if call and len(segs) == 1:
                found.add(("<lib>",))
                continue
            if segs and segs[0] in reexported and (segs[0],) not in modules:
                if is_bin:
                    # the binary takes the root's re-exports as the front door's own
                    found.add(("<lib>",))
                    continue
                segs = [reexported[segs[0]]] + segs[1:]
        elif segs[0] == "super":
            base = list(mod) if os.path.basename(path) == "mod.rs" else list(mod)
            while segs and segs[0] == "super":
                base = base[:-1]
                segs = segs[1:]
            segs = base + segs
        else:
            continue
        # the longest module path that exists
        for k in range(len(segs), 0, -1):
            if tuple(segs[:k]) in modules:
                target = tuple(segs[:k])
                if target != tuple(mod[: len(target)]) or len(target) > len(mod):
                    found.add(target)
                break
        else:
            if segs:
                found.add(("<lib>",))
    return found


def cycles(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", action="store_true", help="also look for circles between files")
    ap.add_argument("--tests", action="store_true", help="count unit-test modules too")
    a = ap.parse_args()
    files = []
    for root, _, names in os.walk(SRC):
        files += [os.path.join(root, f) for f in names if f.endswith(".rs")]
    files.sort()
    modules = {tuple(module_of(f)) for f in files if module_of(f)}
    with open(os.path.join(SRC, "lib.rs"), encoding="utf-8") as fh:
        reexported = reexports(fh.read())
    bins = {"main", "cli"}
    file_deps = {}
    for f in files:
        mod = module_of(f)
        with open(f, encoding="utf-8") as fh:
            text = fh.read()
        if len(text) > 200_000:  # generated tables
            text = text[:2000]
        if not a.tests:
            text = strip_tests(text)
        is_bin = bool(mod) and mod[0] in bins
        file_deps[tuple(mod) or ("<lib>",)] = deps_of(f, text, modules, is_bin, reexported)
    top = {}
    for m, ds in file_deps.items():
        for d in ds:
            if d[0] != m[0]:
                top.setdefault(m[0], set()).add(d[0])
        top.setdefault(m[0], set())
    for m in sorted(top):
        print(f"{m:10} uses {', '.join(sorted(top[m])) or '-'}")
    bad = False
    for c in cycles({k: v - {"<lib>"} for k, v in top.items() if k != "<lib>"}):
        print("circle between modules:", " <-> ".join(c))
        bad = True
    if a.files:
        g = {m: {d for d in ds if d in file_deps and d != m} for m, ds in file_deps.items()}
        # a file's use of its own parent module (mod.rs) or children is structure, not a circle
        for c in cycles(g):
            names = ["::".join(x) for x in c]
            print("circle between files:", " <-> ".join(names))
            bad = True
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
