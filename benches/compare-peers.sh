#!/usr/bin/env bash
# Whole-process timings of Parallax and the tools a user would otherwise reach for, on the same
# inputs in one run (issue 6). Installs what it needs (Debian: hyperfine wdiff dwdiff time;
# crates.io: difftastic; PyPI: collatex, python-Levenshtein in a venv), builds the inputs from
# ../shared/data into a scratch directory (nothing is copied into the repository), and prints a
# Markdown table: median wall time, peak RSS, and each peer's time as a multiple of Parallax's.
#
# usage: benches/compare-peers.sh [INPUT...]   inputs: seeds basil3 ecb22 basil300 long100k long1m
# env:   WORK (scratch dir, default /tmp/parallax-peers), TIMEOUT (seconds a run may take, 60)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${WORK:-/tmp/parallax-peers}
TIMEOUT=${TIMEOUT:-60}
SHARED=${SHARED:-$ROOT/../shared}
mkdir -p "$WORK/bin"
inputs=("$@")
[ ${#inputs[@]} -eq 0 ] && inputs=(seeds basil3 ecb22 basil300 long100k long1m)

# --- tools -------------------------------------------------------------------------------------
need_apt=()
for t in hyperfine wdiff dwdiff; do command -v "$t" >/dev/null || need_apt+=("$t"); done
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
DIFFT=${DIFFT:-$(command -v difft || echo "$WORK/difft/bin/difft")}
[ -x "$DIFFT" ] || cargo install difftastic --locked --quiet --root "$WORK/difft"
PY=$WORK/venv/bin/python
if ! "$PY" -c "import collatex" 2>/dev/null; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q collatex python-Levenshtein
fi
cargo build --release --quiet
PARALLAX=$ROOT/target/release/parallax

# One wrapper per tool: `tool FIRST OTHER...`. Pairwise tools compare the first report with each
# of the others (N-1 runs: as much work as a pairwise reader would do, less than Parallax does).
cat > "$WORK/bin/parallax" <<SH
#!/bin/sh
exec "$PARALLAX" compare --color never --paging never "\$@"
SH
cat > "$WORK/bin/git" <<'SH'
#!/bin/sh
first=$1; shift; for f; do git diff --no-index --word-diff=color "$first" "$f"; done; exit 0
SH
cat > "$WORK/bin/wdiff" <<'SH'
#!/bin/sh
first=$1; shift; for f; do wdiff "$first" "$f"; done; exit 0
SH
cat > "$WORK/bin/dwdiff" <<'SH'
#!/bin/sh
first=$1; shift; for f; do dwdiff "$first" "$f"; done; exit 0
SH
cat > "$WORK/bin/difft" <<SH
#!/bin/sh
first=\$1; shift; for f; do "$DIFFT" --color never "\$first" "\$f"; done; exit 0
SH
cat > "$WORK/bin/difflib" <<SH
#!/bin/sh
exec "$PY" "$ROOT/benches/peers/difflib_words.py" "\$@"
SH
cat > "$WORK/bin/collatex" <<SH
#!/bin/sh
exec "$PY" "$ROOT/benches/peers/collatex_table.py" "\$@"
SH
chmod +x "$WORK"/bin/*
tools=(parallax git wdiff dwdiff difft difflib collatex)

# --- inputs ------------------------------------------------------------------------------------
files_of() {
  case $1 in
    seeds) echo "$ROOT/fixtures/kaspersky/rferl.txt $ROOT/fixtures/kaspersky/moscowtimes.txt" ;;
    basil3)
      u=2b95d2cf-e979-4f9c-ae27-9a5370934f23
      [ -f "$WORK/basil3/$u/fox.txt" ] || python3 "$SHARED/eval/basil_prep.py" "$SHARED/data/basil" "$WORK/basil3" $u >/dev/null
      echo "$WORK/basil3/$u/fox.txt $WORK/basil3/$u/nyt.txt $WORK/basil3/$u/hpo.txt" ;;
    ecb22|basil300)
      [ -d "$WORK/scale/$1" ] || python3 "$ROOT/scripts/make_scale_inputs.py" "$WORK/scale" >/dev/null
      echo "$WORK/scale/$1"/*.txt ;;
    long100k|long1m|long10m)
      size=${1#long}; size=${size^^}
      [ -f "$WORK/$1/a.txt" ] || python3 "$ROOT/scripts/make_long_reports.py" "$WORK/$1" "$size" >/dev/null
      echo "$WORK/$1/a.txt $WORK/$1/b.txt" ;;
  esac
}

# --- timing ------------------------------------------------------------------------------------
echo "| input | tool | median | peak RSS | × Parallax |"
echo "|---|---|---|---|---|"
for input in "${inputs[@]}"; do
  files=$(files_of "$input")
  base=""
  for tool in "${tools[@]}"; do
    cmd="$WORK/bin/$tool $files"
    # One run first: peak RSS, and whether the tool finishes within the timeout at all.
    start=$(date +%s.%N)
    if ! /usr/bin/time -o "$WORK/rss" -f %M timeout "$TIMEOUT" $cmd >/dev/null 2>&1; then
      echo "| $input | $tool | > ${TIMEOUT} s | — | — |"; continue
    fi
    rss=$(tail -1 "$WORK/rss")
    one=$(echo "$(date +%s.%N) - $start" | bc)
    if [ "$(echo "$one > 20" | bc)" -eq 1 ]; then
      median=$one  # too slow to repeat: one run
    else
      runs=30; [ "$(echo "$one > 1" | bc)" -eq 1 ] && runs=5
      hyperfine -N -i -w 2 -r $runs --export-json "$WORK/h.json" "$cmd" >/dev/null 2>&1
      median=$(python3 -c "import json;print(json.load(open('$WORK/h.json'))['results'][0]['median'])")
    fi
    [ "$tool" = parallax ] && base=$median
    ratio=$(python3 -c "print(f'{$median/$base:.1f}×' if '$tool' != 'parallax' else '1')")
    human=$(python3 -c "m=$median; print(f'{m*1000:.1f} ms' if m < 1 else f'{m:.2f} s')")
    echo "| $input | $tool | $human | $((rss / 1024)) MB | $ratio |"
  done
done
