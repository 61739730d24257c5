#!/usr/bin/env bash
# valgrind.sh - a train -> classify round trip under valgrind memcheck:
# any memory error, or any leak "definitely lost", fails.
# Usage: tests/valgrind.sh [BUILD]
set -eu
BUILD=${1:-build}
SIFT="$PWD/$BUILD/sift"
T=$(mktemp -d "$PWD/$BUILD/tests/valgrind-XXXXXX")
trap 'rm -rf "$T"' EXIT
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins"
VG="valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite"
sed -e "s|^model = .*|model = $T/model|" pipeline.ini >"$T/pipeline.ini"
# a small, topic-diverse slice of the corpus keeps this to a minute
ls models/claims/corpus/train/*.tsv | awk 'NR % 12 == 1' >"$T/files"
echo "valgrind: sift train on $(wc -l <"$T/files") articles"
$VG "$SIFT" train -c "$T/pipeline.ini" $(cat "$T/files")
echo "valgrind: sift classify -j 2 (tsv, jsonl, html)"
$VG "$SIFT" classify -c "$T/pipeline.ini" -j 2 examples/news >"$T/out.tsv"
$VG "$SIFT" classify -c "$T/pipeline.ini" -f jsonl --only threat,denial \
    examples/news >/dev/null
$VG "$SIFT" classify -c "$T/pipeline.ini" -f html -o "$T/r.html" \
    examples/news
echo "valgrind: sift eval --errors and sift explain"
$VG "$SIFT" eval -c "$T/pipeline.ini" --errors \
    models/claims/corpus/heldout/h1-01.tsv >/dev/null
echo "The ministry denied it." | $VG "$SIFT" explain -c "$T/pipeline.ini" \
    >/dev/null
[ -s "$T/out.tsv" ]
echo "valgrind: 1 passed, 0 failed"
