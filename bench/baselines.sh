#!/usr/bin/env bash
# baselines.sh - sift against fastText and scikit-learn on the same split:
# trained on models/claims/corpus/train, scored on each evaluation set
# (heldout, blind, and the real-news dev set ../shared/realnews/dev.tsv
# when it is there; it is read in place, never copied into the project).
# Usage: bench/baselines.sh [BUILD]
set -euo pipefail
BUILD=${1:-build}
SIFT="$PWD/$BUILD/sift"
W="$PWD/$BUILD/bench/baselines"
mkdir -p "$W"
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins" SIFT_NO_PROGRESS=1
cat models/claims/corpus/train/*.tsv | grep -v '^#' | grep -v '^$' \
    >"$W/train.tsv"
awk -F'\t' '{print "__label__" $1 " " tolower($2)}' "$W/train.tsv" \
    >"$W/train.ft"
fasttext supervised -input "$W/train.ft" -output "$W/ft" -wordNgrams 2 \
    -epoch 25 -lr 0.5 -thread 1 -seed 1 -verbose 0
dev=${REALNEWS:-$PWD/../shared/realnews}/dev.tsv
for set in heldout blind realnews-dev; do
    if [ $set = realnews-dev ]; then
        [ -f "$dev" ] || { echo "### $set: skip, no $dev"; continue; }
        awk -F'\t' '!/^#/ && NF == 4 { print $3 "\t" $4 }' "$dev" >"$W/$set.tsv"
        what="36 real stories"
    else
        ls models/claims/corpus/$set/*.tsv >/dev/null 2>&1 || continue
        cat models/claims/corpus/$set/*.tsv | grep -v '^#' | grep -v '^$' \
            >"$W/$set.tsv"
        what="$(ls models/claims/corpus/$set/*.tsv | wc -l) articles"
    fi
    cut -f1 "$W/$set.tsv" >"$W/$set.gold"
    cut -f2 "$W/$set.tsv" >"$W/$set.txt"
    echo "### $set: $(wc -l <"$W/$set.gold") sentences, $what"
    "$SIFT" classify --lines --no-header -j 2 "$W/$set.txt" | cut -f5 >"$W/$set.sift"
    python3 bench/score.py "$W/$set.gold" "$W/$set.sift" "sift (shipped model)"
    tr '[:upper:]' '[:lower:]' <"$W/$set.txt" >"$W/$set.lower"
    fasttext predict "$W/ft.bin" "$W/$set.lower" >"$W/$set.ft"
    python3 bench/score.py "$W/$set.gold" "$W/$set.ft" \
        "fastText (wordNgrams 2, 25 epochs)"
    /usr/bin/python3 bench/sklearn_baseline.py "$W/train.tsv" \
        "$W/$set.txt" "$W/$set.sk"
    python3 bench/score.py "$W/$set.gold" "$W/$set.sk" \
        "sklearn TF-IDF + LinearSVC"
done
