#!/usr/bin/env bash
# python.sh - the ctypes example (examples/python/classify.py) labels the
# example news through libsift.so exactly as `sift classify` does: same
# sentences, offsets, labels and confidences.
set -eu
BUILD=${SIFT_BUILD:-build}
T=$(mktemp -d "$PWD/$BUILD/tests/python-XXXXXX")
trap 'rm -rf "$T"' EXIT
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins"
# A sanitizer build (make test SANITIZE=1): python3 is not built with
# ASan, so its runtime must be loaded first, and python's own allocations
# are not ours to leak-check.
if nm -D "$BUILD/libsift.so" 2>/dev/null | grep -q __asan_init; then
    export LD_PRELOAD="$(cc -print-file-name=libasan.so)"
    export ASAN_OPTIONS=detect_leaks=0
fi
MODEL=models/claims/bundle
python3 examples/python/classify.py --lib "$BUILD/libsift.so" "$MODEL" \
    examples/news/*.txt >"$T/py.tsv"
"$BUILD/sift" classify -m "$MODEL" examples/news/*.txt >"$T/cli.tsv"
# start, end, label, confidence of each sentence (rows whose third
# column is a number: not a header)
rows() { awk -F'\t' '$3 ~ /^[0-9]+$/ {print $3 "\t" $4 "\t" $5 "\t" $6}' "$1"; }
n=$(rows "$T/cli.tsv" | wc -l)
if [ "$n" -gt 50 ] && cmp -s <(rows "$T/py.tsv") <(rows "$T/cli.tsv"); then
    echo "python: ok ($n sentences labeled through libsift.so as by sift)"
else
    echo "python: FAIL: the ctypes example differs from sift classify"
    diff <(rows "$T/py.tsv") <(rows "$T/cli.tsv") | head -5
    exit 1
fi
# a bad model path is an error message, not a crash
if python3 examples/python/classify.py --lib "$BUILD/libsift.so" \
    "$T/nothing" examples/news/01.txt 2>"$T/err"; then
    echo "python: FAIL: a missing model did not fail"; exit 1
fi
grep -q "classify.py: .*nothing" "$T/err" ||
    { echo "python: FAIL: no message naming the model"; cat "$T/err"; exit 1; }
echo "python: ok (a missing model is reported)"
