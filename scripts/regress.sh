#!/usr/bin/env bash
# Byte-for-byte regression of two builds on the regression set: the seeds pair, the
# three-report fixture and all 100 BASIL events (basil-train and basil-dev), in every output
# format. Prints the inputs whose output differs and exits 1 if any does.
#
# usage: scripts/regress.sh OLD_BINARY NEW_BINARY [SHARED_DIR]
#
# BASIL is read in place from ../shared (prepared by ../shared/eval/basil_prep.py into a
# temporary directory) and never copied into the repository.
set -euo pipefail
old=$1
new=$2
shared=${3:-$(dirname "$0")/../../shared}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

uuids=$(python3 -c 'import csv,sys; print(" ".join(r["triplet_uuid"] for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")))' "$shared/data/basil/triplets.tsv")
# shellcheck disable=SC2086
python3 "$shared/eval/basil_prep.py" "$shared/data/basil" "$tmp/basil" $uuids >/dev/null

sets=("$here/fixtures/kaspersky/rferl.txt $here/fixtures/kaspersky/moscowtimes.txt"
      "$here/fixtures/kaspersky/rferl.txt $here/fixtures/kaspersky/moscowtimes.txt $here/fixtures/kaspersky/wire.txt")
for d in "$tmp"/basil/*/; do
    sets+=("${d}fox.txt ${d}nyt.txt ${d}hpo.txt")
done

runs=0
differ=0
for s in "${sets[@]}"; do
    for args in "--format json" "--format markdown" "--format html" "--color never --width 100" \
                "--color never --width 100 --view summary" "--color never --width 100 --view side-by-side"; do
        # shellcheck disable=SC2086
        a=$("$old" $args $s | sha256sum)
        # shellcheck disable=SC2086
        b=$("$new" $args $s | sha256sum)
        runs=$((runs + 1))
        if [ "$a" != "$b" ]; then
            differ=$((differ + 1))
            echo "differs: $args $s"
        fi
    done
done
echo "$runs runs on ${#sets[@]} input sets, $differ differ"
[ "$differ" -eq 0 ]
