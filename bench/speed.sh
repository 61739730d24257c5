#!/usr/bin/env bash
# bench/speed.sh - one table of ratios measured in the same run (part of
# make bench): sift vs fasttext predict, vs liblinear-predict on sift's
# own vectors, vs a byte-loop floor; -j 2 vs -j 1 on one big --lines file
# and on a directory; peak RSS at 20, 80 and 400 MB of --lines input.
# Each timing is the best of SIFT_BENCH_RUNS (3) runs, interleaved.
# usage: bench/speed.sh [BUILD]
set -euo pipefail
BUILD=${1:-build}
SIFT="$PWD/$BUILD/sift"
W="$PWD/$BUILD/bench/speed"
M=models/claims/bundle
RUNS=${SIFT_BENCH_RUNS:-3}
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins" SIFT_NO_PROGRESS=1
mkdir -p "$W"
trap 'rm -f "$W/big.txt"' EXIT
cc -O2 -o "$W/floor" bench/floor.c

# inputs: the corpus sentences repeated to 20 and 80 MB, one a line
cat models/claims/corpus/*/*.tsv | grep -v '^#' | grep -v '^$' >"$W/train.tsv"
cut -f2 "$W/train.tsv" >"$W/sent.txt"
rep() { # MB OUT
    : >"$2"
    while [ "$(stat -c %s "$2")" -lt $(($1 * 1000000)) ]; do
        cat "$W/sent.txt" >>"$2"
    done
}
[ -s "$W/l20.txt" ] || rep 20 "$W/l20.txt"
[ -s "$W/l80.txt" ] || { for i in 1 2 3 4; do cat "$W/l20.txt"; done >"$W/l80.txt"; }
[ -d "$W/docs" ] || python3 bench/gencorpus.py "$W/docs" 20 1 >/dev/null
tr '[:upper:]' '[:lower:]' <"$W/l20.txt" >"$W/l20.lower"

# competitors' models, on the same training sentences
awk -F'\t' '{print "__label__" $1 " " tolower($2)}' "$W/train.tsv" >"$W/train.ft"
[ -f "$W/ft.bin" ] || fasttext supervised -input "$W/train.ft" -output "$W/ft" \
    -wordNgrams 2 -epoch 25 -lr 0.5 -thread 1 -verbose 0
"$SIFT" classify -m "$M" -j 2 --lines -f libsvm "$W/sent.txt" |
    cut -d' ' -f2- | paste -d' ' <(cut -f1 "$W/train.tsv" | awk '{m["allegation"]=0;
        m["denial"]=1; m["threat"]=2; m["background"]=3; print m[$1]}') - >"$W/train.lin"
liblinear-train -q -s 1 -c 0.5 "$W/train.lin" "$W/lin.model"
"$SIFT" classify -m "$M" -j 2 --lines -f libsvm "$W/l20.txt" >"$W/l20.lin"

# t NAME COMMAND...: seconds and peak RSS (KB) of the best run
t() {
    /usr/bin/time -f "%e %M" -o "$W/time" "${@:2}" >"$W/out-$1" 2>/dev/null
    read -r s k <"$W/time"
    if [ -z "${best_s[$1]:-}" ] || awk -v a="$s" -v b="${best_s[$1]}" 'BEGIN {exit !(a < b)}'; then
        best_s[$1]=$s
    fi
    [ "${best_k[$1]:-0}" -ge "$k" ] || best_k[$1]=$k
}
declare -A best_s best_k
for r in $(seq "$RUNS"); do
    t sift1 "$SIFT" classify -m "$M" -j 1 --lines "$W/l20.txt"
    t sift2 "$SIFT" classify -m "$M" -j 2 --lines "$W/l20.txt"
    t ft fasttext predict-prob "$W/ft.bin" "$W/l20.lower" 1
    t lin liblinear-predict -q "$W/l20.lin" "$W/lin.model" "$W/lin.out"
    t floor "$W/floor" "$W/l20.txt"
    t dir1 "$SIFT" classify -m "$M" -j 1 "$W/docs"
    t dir2 "$SIFT" classify -m "$M" -j 2 "$W/docs"
done
cmp -s "$W/out-sift1" "$W/out-sift2" && same20=identical || same20=DIFFER
cmp -s "$W/out-dir1" "$W/out-dir2" && samedir=identical || samedir=DIFFER
mb=$(awk -v b="$(stat -c %s "$W/l20.txt")" 'BEGIN {printf "%.1f", b / 1e6}')
n=$(wc -l <"$W/l20.txt")

# peak RSS at 20, 80 and 400 MB (400 MB generated here, then deleted)
t rss20 "$SIFT" classify -m "$M" -j 2 --lines "$W/l20.txt"
t rss80 "$SIFT" classify -m "$M" -j 2 --lines --max-bytes 4000000000 "$W/l80.txt"
free_mb=$(df -Pm "$W" | awk 'NR == 2 {print $4}')
if [ "$free_mb" -gt 2000 ]; then
    big=400
else
    big=$(((free_mb - 200) / 5 / 20 * 20)) # room for input and output
    echo "# only ${free_mb} MB free: the largest input is $big MB, not 400"
fi
for i in $(seq $((big / 20))); do cat "$W/l20.txt"; done >"$W/big.txt"
t rssbig "$SIFT" classify -m "$M" -j 2 --lines -o /dev/null --max-bytes 4000000000 "$W/big.txt"
rm -f "$W/big.txt" "$W"/out-rss*

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", a / b}'; }
echo "# $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $n sentences, $mb MB, one a line; best of $RUNS interleaved runs"
printf '%-52s %10s %10s\n' "measure" "value" "target"
printf '%-52s %10s %10s\n' "sift -j 1: sentences/s" \
    "$(awk -v n="$n" -v s="${best_s[sift1]}" 'BEGIN {printf "%.0f", n / s}')" ""
printf '%-52s %10s %10s\n' "sift -j 1 vs fasttext predict-prob (same lines)" \
    "$(ratio "${best_s[ft]}" "${best_s[sift1]}")" ">= 3.0x"
printf '%-52s %10s %10s\n' "sift -j 1 vs liblinear-predict on sift's vectors" \
    "$(ratio "${best_s[lin]}" "${best_s[sift1]}")" ""
printf '%-52s %10s %10s\n' "sift -j 1 vs byte-loop floor" \
    "$(ratio "${best_s[floor]}" "${best_s[sift1]}")" ""
printf '%-52s %10s %10s\n' "-j 2 vs -j 1, one $mb MB --lines file ($same20)" \
    "$(ratio "${best_s[sift1]}" "${best_s[sift2]}")" ">= 1.7x"
printf '%-52s %10s %10s\n' "-j 2 vs -j 1, directory of $(find "$W/docs" -type f | wc -l) documents ($samedir)" \
    "$(ratio "${best_s[dir1]}" "${best_s[dir2]}")" ">= 1.9x"
for k in 20 80; do
    printf '%-52s %7s MB %10s\n' "peak RSS, -j 2 --lines, $k MB" \
        "$((best_k[rss$k] / 1024))" "< 32 MB"
done
printf '%-52s %7s MB %10s\n' "peak RSS, -j 2 --lines, $big MB" \
    "$((best_k[rssbig] / 1024))" "< 64 MB"
printf '%-52s %7s MB %10s\n' "peak RSS, -j 2, directory" \
    "$((best_k[dir2] / 1024))" "< 64 MB"
printf '%-52s %7s MB %10s\n' "peak RSS, fasttext predict-prob" \
    "$((best_k[ft] / 1024))" ""
