#!/usr/bin/env bash
# Builds the fuzzers' seed corpora in fuzz/corpus/<target>/ from fixtures/ and, when it is
# beside the checkout, ../shared/data (read by path, never committed: fuzz/corpus is ignored).
# usage: fuzz/seed.sh            then: cargo +nightly fuzz run <target> -- -max_total_time=600
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
C=fuzz/corpus
mkdir -p $C/ingest $C/segment $C/quotes $C/compare $C/html_render
n=0
add() { # add TARGET NAME FORMAT-BYTE(or -) FILE...
    local t=$1 name=$2 byte=$3; shift 3
    { if [ "$byte" != - ]; then printf "\\x$byte"; fi; cat "$@"; } > "$C/$t/$name"
}
for f in fixtures/kaspersky/*.txt; do
    b=$(basename "$f" .txt)
    add ingest "$b" 00 "$f"; add ingest "$b-text" 01 "$f"
    add segment "$b" - "$f"; add quotes "$b" - "$f"; add html_render "$b" - "$f"
done
add compare seeds 00 fixtures/kaspersky/rferl.txt <(printf '\xff') fixtures/kaspersky/moscowtimes.txt
if [ -d "$SHARED/data" ]; then
    for g in $(ls "$SHARED"/data/article-extraction/scrapinghub-aeb/html/*.html.gz | head -24); do
        b=$(basename "$g" .html.gz | cut -c1-16)
        { gunzip -c "$g" 2>/dev/null || true; } | head -c 65536 > "$C/ingest/$b.html.tmp"
        add ingest "$b-html" 03 "$C/ingest/$b.html.tmp"; add ingest "$b-auto" 00 "$C/ingest/$b.html.tmp"
        rm "$C/ingest/$b.html.tmp"
    done
    # BASIL articles are JSON: their title and body paragraphs as plain text, a triplet at a time.
    python3 - "$SHARED/data/basil/articles/2010" "$C" <<'PY'
import json, os, sys
src, out = sys.argv[1], sys.argv[2]
names = sorted(os.listdir(src))[:12]
texts = []
for n in names:
    d = json.load(open(os.path.join(src, n), encoding="utf-8"))
    paras = [p if isinstance(p, str) else " ".join(map(str, p)) for p in d["body-paragraphs"]]
    texts.append((n[:-5], (d["title"] + "\n\n" + "\n\n".join(paras) + "\n").encode()))
for i, (n, t) in enumerate(texts):
    for target in ("segment", "quotes", "html_render"):
        open(os.path.join(out, target, "basil-" + n), "wb").write(t)
    open(os.path.join(out, "ingest", "basil-" + n), "wb").write(b"\x01" + t)
    if i:
        open(os.path.join(out, "compare", "basil-" + n), "wb").write(b"\x00" + texts[i - 1][1] + b"\xff" + t)
PY
else
    echo "seed.sh: $SHARED/data not found; seeding from fixtures/ only" >&2
fi
for t in ingest segment quotes compare html_render; do echo "$t: $(ls $C/$t | wc -l) seeds"; done
