#!/usr/bin/env bash
# scaling.sh - runs the recipes of docs/SCALING.md on this machine and
# checks they give the same rows as one plain `sift classify`.
set -eu
BUILD=${SIFT_BUILD:-build}
SIFT="$PWD/$BUILD/sift"
T=$(mktemp -d "$PWD/$BUILD/tests/scaling-XXXXXX")
trap 'rm -rf "$T"' EXIT
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins" SIFT_NO_PROGRESS=1
M=models/claims/bundle
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok    $1"; }
bad() { fail=$((fail + 1)); echo "FAIL  $1"; }

"$SIFT" classify -m "$M" examples/news >"$T/plain.tsv"
# the recipes run sift once a batch: each passes --no-header, so their
# rows must be the plain rows after its one header line
head -n 1 "$T/plain.tsv" | grep -q '^path	index	start	end	label	confidence	text$' &&
    ok "the plain rows start with the TSV header" ||
    bad "the plain rows have no TSV header"
tail -n +2 "$T/plain.tsv" >"$T/plain.rows"

# GNU parallel: batches of files, in order, here on the local "host" ':'
if command -v parallel >/dev/null; then
    find examples/news -type f | sort |
        parallel --will-cite --pipe -N 2 --keep-order --sshlogin 2/: \
            "$SIFT" classify -m "$PWD/$M" --no-header --files-from - \
            >"$T/parallel.tsv"
    cmp -s "$T/plain.rows" "$T/parallel.tsv" && [ -s "$T/parallel.tsv" ] &&
        ok "GNU parallel --sshlogin gives the plain rows" ||
        bad "GNU parallel rows differ"
else
    bad "GNU parallel is not installed (apt-get install parallel)"
fi

# Hadoop Streaming: the mapper reads records (paths) on stdin and writes
# key<TAB>value lines; the framework sorts by key; the reducer counts.
find examples/news -type f | sort >"$T/input.txt"
split -l 3 "$T/input.txt" "$T/split-"
for s in "$T"/split-*; do
    "$SIFT" classify -m "$M" --no-header --files-from - <"$s"
done | LC_ALL=C sort -t "$(printf '\t')" -k1,1 -s |
    awk -F'\t' -f docs/label-counts.awk >"$T/hadoop.txt"
awk -F'\t' -f docs/label-counts.awk "$T/plain.rows" >"$T/plain-counts.txt"
cmp -s "$T/hadoop.txt" "$T/plain-counts.txt" && [ -s "$T/hadoop.txt" ] &&
    ok "Hadoop Streaming mapper contract gives the plain counts" ||
    bad "Hadoop Streaming simulation differs"
echo "scaling: $pass passed, $fail failed"
[ "$fail" = 0 ]
