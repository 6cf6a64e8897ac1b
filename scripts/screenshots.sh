#!/usr/bin/env bash
# Remake the README's screenshots (docs/images/): the HTML report of the seeds and the terminal
# side-by-side view, both rendered by headless Chromium (apt-get install chromium fonts-dejavu-core).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/parallax
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seeds=(fixtures/kaspersky/rferl.txt fixtures/kaspersky/moscowtimes.txt --label RFE/RL --label "The Moscow Times")
shot() { # page.html out.png width height
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$3,$4" --screenshot="$PWD/$2" "file://$1" 2>/dev/null
}
"$bin" "${seeds[@]}" --format html -o "$tmp/report.html"
shot "$tmp/report.html" docs/images/html-report.png 1400 900
"$bin" "${seeds[@]}" --view side-by-side --width 112 --color always --paging never | head -48 \
  | python3 scripts/ansi_to_html.py > "$tmp/side.html"
shot "$tmp/side.html" docs/images/side-by-side.png 1000 900
ls -l docs/images
