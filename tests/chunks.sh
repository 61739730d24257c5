#!/usr/bin/env bash
# chunks.sh - sift classify reads inputs in chunks (--chunk-bytes) on N
# threads; the rows must be the same bytes whatever the chunk size and
# the number of threads.  The reference is one thread with chunks larger
# than any input.  Inputs: the corpus sentences one a line (--lines, from
# a file and from stdin), the example news documents, and the corpus
# articles laid out as documents.
set -u
BUILD=${SIFT_BUILD:-build}
SIFT="$PWD/$BUILD/sift"
T=$(mktemp -d "$PWD/$BUILD/tests/chunks-XXXXXX")
trap 'rm -rf "$T"' EXIT
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins" SIFT_NO_PROGRESS=1
M=models/claims/bundle
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok    $1"; }
bad() { fail=$((fail + 1)); echo "FAIL  $1"; }
same() { # NAME REF OUT
    if cmp -s "$2" "$3" && [ -s "$2" ]; then ok "$1"; else bad "$1"; fi
}
BIG=1073741824

cat models/claims/corpus/*/*.tsv | grep -v '^#' | grep -v '^$' |
    cut -f2 >"$T/lines.txt"
# documents: each corpus article as paragraphs of three sentences
mkdir -p "$T/docs"
for f in models/claims/corpus/*/*.tsv; do
    grep -v '^#' "$f" | grep -v '^$' | cut -f2 |
        awk 'NR % 3 == 0 {print; print ""; next} {printf "%s ", $0}' \
            >"$T/docs/$(basename "$f" .tsv).txt"
done

for fmt in tsv jsonl libsvm; do
    "$SIFT" classify -m "$M" -j 1 --chunk-bytes $BIG --lines -f $fmt \
        "$T/lines.txt" >"$T/ref" 2>&1
    for cb in 100 4096 65536; do
        "$SIFT" classify -m "$M" -j 2 --chunk-bytes $cb --lines -f $fmt \
            "$T/lines.txt" >"$T/out" 2>&1
        same "--lines $fmt: -j 2 --chunk-bytes $cb gives -j 1's rows" \
            "$T/ref" "$T/out"
    done
    "$SIFT" classify -m "$M" -j 3 --chunk-bytes 777 --lines -f $fmt - \
        <"$T/lines.txt" | sed 's/^-\t/X\t/; s/^{"path": "-"/{"path": "X"/' \
        >"$T/out" 2>&1
    sed "s|^$T/lines.txt\t|X\t|; s|^{\"path\": \"$T/lines.txt\"|{\"path\": \"X\"|" \
        "$T/ref" >"$T/ref-stdin"
    same "--lines $fmt from stdin in 777-byte chunks" "$T/ref-stdin" "$T/out"
    for in in examples/news "$T/docs"; do
        "$SIFT" classify -m "$M" -j 1 --chunk-bytes $BIG -f $fmt "$in" \
            >"$T/ref" 2>&1
        for cb in 600 8192; do
            "$SIFT" classify -m "$M" -j 2 --chunk-bytes $cb -f $fmt "$in" \
                >"$T/out" 2>&1
            same "documents $fmt (${in##*/}): -j 2 --chunk-bytes $cb" \
                "$T/ref" "$T/out"
        done
    done
done

# one document holding every article: offsets past the first chunk
cat "$T"/docs/*.txt >"$T/all.txt"
"$SIFT" classify -m "$M" -j 1 --chunk-bytes $BIG "$T/all.txt" >"$T/ref"
"$SIFT" classify -m "$M" -j 2 --chunk-bytes 5000 "$T/all.txt" >"$T/out"
same "one $(wc -c <"$T/all.txt")-byte document in 5000-byte chunks" \
    "$T/ref" "$T/out"
"$SIFT" classify -m "$M" -j 2 --chunk-bytes 5000 --summary "$T/all.txt" \
    >/dev/null 2>"$T/sum"
"$SIFT" classify -m "$M" -j 1 --chunk-bytes $BIG --summary "$T/all.txt" \
    >/dev/null 2>"$T/sum-ref"
same "... and the same --summary" "$T/sum-ref" "$T/sum"

# stdin over --max-bytes: skipped with a warning, exit 3
head -c 300000 "$T/lines.txt" >"$T/300k.txt"
"$SIFT" classify -m "$M" --lines --chunk-bytes 1000 --max-bytes 100000 - \
    <"$T/300k.txt" >/dev/null 2>"$T/err"
st=$?
[ $st = 3 ] && grep -q 'skipped -: larger than --max-bytes (100000)' "$T/err" &&
    ok "stdin over --max-bytes: warning, exit 3" ||
    bad "stdin over --max-bytes: exit $st, $(head -c 200 "$T/err")"

echo "chunks: $pass passed, $fail failed"
[ "$fail" = 0 ]
