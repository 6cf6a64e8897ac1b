#!/usr/bin/env bash
# Ablation of the pair scorer's evidence: retrains with each group of features set to 0 and
# prints the cross-validated (basil-train) and held-out (basil-dev) figures of each run, as
# scripts/train_aligner.py computes them (pairs and coverage over candidate pairs, by sentence
# id). Writes nothing to the repository. Takes about 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
run() {
  local name=$1; shift
  echo "== $name"
  python3 scripts/train_aligner.py --no-write "$@" | grep -E "^(cv|dev)"
}
run "all evidence"
run "- event-relative rarity" --ablate e_cos e_contain e_shared ez_dice rare_shared max_idf top2_shared
run "- static embedding (both cosines)" --ablate semantic has_semantic semantic_centred
run "- centred embedding only" --ablate semantic_centred
run "- clause matching" --ablate clause_dice clause_contain
run "- numbers and names" --ablate numbers_shared numbers_disjoint names_shared
run "- verbatim (bigrams, longest run)" --ablate verbatim run
run "- position (lead, order)" --ablate pos_min pos_diff lead
run "- context (ranks, margins, neighbours)" --ablate rank_min rank_max margin_min margin_max context
run "only the hand-set score's parts" --ablate e_cos e_contain e_shared ez_dice rare_shared max_idf top2_shared semantic_centred clause_dice clause_contain numbers_shared numbers_disjoint names_shared run pos_min pos_diff lead rank_min rank_max margin_min margin_max context
