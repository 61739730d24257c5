#!/usr/bin/env bash
# learning-curve.sh - held-out macro-F1 when training on 10%, 25%, 50% and
# 100% of the training articles (a seeded choice of whole articles), with
# and without the cue features, plus the ablation (n-grams only, cues
# only, both) with source-disjoint cross-validation on the training set.
# Usage: bench/learning-curve.sh [BUILD]
set -euo pipefail
BUILD=${1:-build}
SIFT="$PWD/$BUILD/sift"
W="$PWD/$BUILD/bench/curve"
export SIFT_NO_PROGRESS=1
bench/variants.sh "$BUILD" "$W"
macro() { "$SIFT" eval --json -m "$1" models/claims/corpus/heldout/*.tsv |
    sed 's/.*"macro_f1": \([0-9.]*\).*/\1/'; }
echo "held-out macro-F1 by share of the training articles"
printf "%-10s %8s %8s %8s %8s\n" config 10% 25% 50% 100%
for v in full ngrams; do
    row=$(printf "%-10s" "$v")
    for f in 0.1 0.25 0.5 1; do
        "$SIFT" train -c "$W/$v.ini" --fraction $f -o "$W/m-$v-$f" \
            models/claims/corpus/train/*.tsv 2>/dev/null
        row="$row $(printf "%8.3f" "$(macro "$W/m-$v-$f")")"
    done
    echo "$row"
done
echo
echo "ablation: source-disjoint 5-fold CV on train, and held-out"
printf "%-10s %10s %10s\n" config cv-source held-out
for v in ngrams cues full; do
    cv=$("$SIFT" eval --json --cv 5 --group source -c "$W/$v.ini" \
        models/claims/corpus/train/*.tsv |
        sed 's/.*"macro_f1": \([0-9.]*\).*/\1/')
    "$SIFT" train -c "$W/$v.ini" -o "$W/m-$v" \
        models/claims/corpus/train/*.tsv 2>/dev/null
    printf "%-10s %10.3f %10.3f\n" "$v" "$cv" "$(macro "$W/m-$v")"
done
