#!/usr/bin/env bash
# bench/run.sh - sift's benchmarks (make bench).  Reproducible: the corpus
# is generated from models/claims/corpus by bench/gencorpus.py.
#   1. stage throughput: segmenter, tokenizer; the svm plugin's collapsed
#      linear path vs libsvm's svm_predict_probability (on a libsvm bundle
#      trained here: the shipped model uses the linear plugin)
#   2. end to end: sift classify -j 1 / -j 2 on >= 100 MB, with peak RSS
#   3. the same sentences through fasttext predict, liblinear-predict and
#      svm-predict
#   4. training time: sift train (LIBLINEAR and libsvm plugins) vs
#      liblinear-train, svm-train and fasttext supervised
#   5. accuracy baselines on the train / held-out split (bench/baselines.sh)
# Usage: bench/run.sh [BUILD]   (SIFT_BENCH_MB=100 by default)
set -euo pipefail
BUILD=${1:-build}
.ci/deps bench
SIFT="$PWD/$BUILD/sift"
W="$PWD/$BUILD/bench"
MB=${SIFT_BENCH_MB:-100}
MODEL=models/claims/bundle
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins" SIFT_NO_PROGRESS=1
mkdir -p "$W"
CFLAGS_B="-O2 -std=c11 -Iinclude -Icore/lib -Icore/cli -D_POSIX_C_SOURCE=200809L"
cc $CFLAGS_B -o "$W/stages" bench/stages.c core/lib/*.c core/cli/cli.c \
    $(pkg-config --libs inih) -lsvm -ldl -lpthread -lm

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo |
    cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "# sift $("$SIFT" --version | cut -d' ' -f2), model $MODEL"

[ -f "$W/corpus.ok" ] || {
    rm -rf "$W/corpus"
    python3 bench/gencorpus.py "$W/corpus" "$MB" 1 >"$W/corpus.ok"
}
cat "$W/corpus.ok"
bytes=$(find "$W/corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')

# the shipped pipeline with the libsvm plugin instead of LIBLINEAR
sed -e "s|^model = .*|model = $W/svm-bundle|" -e 's/^plugin = linear$/plugin = svm/' \
    -e '/^solver = /d' -e "s|^\[pipeline\]|[pipeline]\nplugin_path = $PWD/$BUILD/plugins|" \
    pipeline.ini >"$W/svm.ini"
# (kept between runs while this sift can still load it)
echo "The army denied it." | "$SIFT" classify -m "$W/svm-bundle" - \
    >/dev/null 2>&1 ||
    "$SIFT" train -c "$W/svm.ini" -o "$W/svm-bundle" \
        models/claims/corpus/train/*.tsv >/dev/null
SVM_MODEL="$W/svm-bundle"

echo
echo "## 0. speed and memory: ratios from one run (bench/speed.sh)"
bench/speed.sh "$BUILD"

echo
echo "## 1. stages (first 20 MB of the corpus, one thread)"
find "$W/corpus" -type f | sort >"$W/files.txt"
sed -n '1,5300p' "$W/files.txt" | xargs cat >"$W/sample.txt"
"$W/stages" "$SVM_MODEL" "$W/sample.txt"

echo
echo "## 2. sift classify on the whole corpus"
t() { # label, command...: prints seconds and peak RSS (KB); the
    # command's own output goes to $W/out-LABEL
    /usr/bin/time -f "%e %M" -o "$W/time" "${@:2}" >"$W/out-$1"
    read -r secs rss <"$W/time"
    echo "$1 $secs $rss"
}
for j in 1 2; do
    r=$(t "j$j" "$SIFT" classify -m "$MODEL" -j $j --no-header -o "$W/rows-$j.tsv" \
        "$W/corpus")
    set -- $r
    n=$(wc -l <"$W/rows-$j.tsv")
    awk -v j="$j" -v s="$2" -v k="$3" -v b="$bytes" -v n="$n" 'BEGIN {
        printf "sift classify -j %d\t%.1f s\t%.1f MB/s\t%.0f sentences/s\tpeak RSS %.1f MB\n",
            j, s, b / 1e6 / s, n / s, k / 1024 }'
    eval "secs_$j=$2"
done
cmp -s "$W/rows-1.tsv" "$W/rows-2.tsv" &&
    echo "output of -j 1 and -j 2 identical" ||
    echo "WARNING: -j 1 and -j 2 output differ"
awk -v a="$secs_1" -v b="$secs_2" 'BEGIN {printf "-j 2 speed-up: %.2fx\n", a / b}'

echo
echo "## 3. the same sentences through each classifier (one thread)"
# the text column, unquoted (docs/ROWS.md: a field holding '"' is quoted)
awk -F'\t' '{ t = $7; if (t ~ /^"/) { t = substr(t, 2, length(t) - 2)
    gsub(/""/, "\"", t) } print t }' "$W/rows-1.tsv" >"$W/sentences.txt"
ns=$(wc -l <"$W/sentences.txt")
nb=$(wc -c <"$W/sentences.txt")
# training data for the competitors: the same corpus sentences and labels
cat models/claims/corpus/train/*.tsv | grep -v '^#' | grep -v '^$' \
    >"$W/train.tsv"
cut -f2 "$W/train.tsv" >"$W/train.txt"
awk -F'\t' '{print "__label__" $1 " " tolower($2)}' "$W/train.tsv" \
    >"$W/train.ft"
r=$(t sift "$SIFT" classify -m "$MODEL" -j 1 --lines --max-bytes 4000000000 -o "$W/lines.tsv" \
    "$W/sentences.txt")
set -- $r
sift_s=$2
echo "sift classify --lines -j 1: $ns sentences in $2 s ($(awk -v n="$ns" \
    -v s="$2" 'BEGIN {printf "%.0f", n / s}') sentences/s), peak RSS $(($3 / 1024)) MB"
r=$(t ft_train fasttext supervised -input "$W/train.ft" -output "$W/ft" \
    -wordNgrams 2 -epoch 25 -lr 0.5 -thread 1 -verbose 0)
set -- $r
ft_train=$2
tr '[:upper:]' '[:lower:]' <"$W/sentences.txt" >"$W/sentences.lower"
r=$(t ft fasttext predict-prob "$W/ft.bin" "$W/sentences.lower" 1)
set -- $r
echo "fasttext predict-prob: $ns sentences in $2 s ($(awk -v n="$ns" \
    -v s="$2" 'BEGIN {printf "%.0f", n / s}') sentences/s), peak RSS $(($3 / 1024)) MB"
awk -v a="$2" -v b="$sift_s" 'BEGIN {printf "sift / fasttext throughput: %.2fx\n", a / b}'
# the training sentences as sift's own vectors with gold labels, for
# liblinear-train and svm-train ($1: bundle, $2: output)
gold_vectors() {
    "$SIFT" classify -m "$1" -j 2 --lines --max-bytes 4000000000 \
        --format libsvm -o "$2.tmp" "$W/train.txt"
    cut -f1 "$W/train.tsv" | awk '{m["allegation"]=0; m["denial"]=1;
        m["threat"]=2; m["background"]=3; print m[$1]}' |
        paste -d' ' - <(cut -d' ' -f2- "$2.tmp") >"$2"
    rm -f "$2.tmp"
}
w=$(cut -f1 "$W/train.tsv" | sort | uniq -c | awk -v n="$(wc -l <"$W/train.tsv")" '
    {m["allegation"]=0; m["denial"]=1; m["threat"]=2; m["background"]=3;
     printf " -w%d %.6f", m[$2], n / (4 * $1)}')
C=$(awk -F' *= *' '/^\[classifier\]/ {in_c = 1} /^\[/ && !/classifier/ {in_c = 0}
    in_c && $1 == "C" {print $2}' pipeline.ini)
sed -n '1,50000p' "$W/sentences.txt" >"$W/sentences-50k.txt"
# liblinear-predict on sift's own vectors: the classifier alone, no text work
gold_vectors "$MODEL" "$W/train.lin"
r=$(t lint liblinear-train -q -s 1 -c "$C" -B 1 $w "$W/train.lin" "$W/lin.model")
set -- $r
lin_train=$2
"$SIFT" classify -m "$MODEL" -j 2 --lines --format libsvm \
    -o "$W/sentences.lin" "$W/sentences.txt"
r=$(t linp liblinear-predict -q "$W/sentences.lin" "$W/lin.model" "$W/lin.out")
set -- $r
echo "liblinear-predict on sift's vectors (no text work): $ns sentences in $2 s ($(awk \
    -v n="$ns" -v s="$2" 'BEGIN {printf "%.0f", n / s}') sentences/s), peak RSS $(($3 / 1024)) MB"
awk -v a="$2" -v b="$sift_s" 'BEGIN {printf "sift end to end / liblinear-predict alone: %.2fx\n", a / b}'
# libsvm's own predictor costs one kernel evaluation per support vector:
# time it on the first 50,000 sentences, and sift (libsvm bundle) on them
"$SIFT" classify -m "$SVM_MODEL" -j 2 --lines --format libsvm \
    -o "$W/sentences.svm" "$W/sentences-50k.txt"
r=$(t svmp svm-predict -b 1 -q "$W/sentences.svm" "$SVM_MODEL/classifier.state" \
    "$W/svm-predict.out")
set -- $r
svmp=$2
echo "svm-predict -b 1 (same features, same libsvm model): 50000 sentences in $2 s ($(awk \
    -v s="$2" 'BEGIN {printf "%.0f", 50000 / s}') sentences/s)"
r=$(t sift50 "$SIFT" classify -m "$SVM_MODEL" -j 1 --lines --no-header -o "$W/lines-50k.tsv" \
    "$W/sentences-50k.txt")
set -- $r
echo "sift classify --lines -j 1, same 50000 sentences, end to end: $2 s"
awk -v a="$svmp" -v b="$2" 'BEGIN {printf "sift end to end / svm-predict alone: %.1fx\n", a / b}'
# svm-predict -b 1 starts with a "labels ..." header line
paste -d' ' <(cut -f5 "$W/lines-50k.tsv") <(tail -n +2 "$W/svm-predict.out") | awk '
    {m["allegation"]=0; m["denial"]=1; m["threat"]=2; m["background"]=3;
            n++; same += (m[$1] == $2)}
    END {printf "labels: sift and svm-predict agree on %d of %d\n", same, n}'

echo
echo "## 4. training on the $(wc -l <"$W/train.tsv") training sentences (one thread)"
sed -e "s|^model = .*|model = $W/model|" pipeline.ini >"$W/pipeline.ini"
sed -i "s|^\[pipeline\]|[pipeline]\nplugin_path = $PWD/$BUILD/plugins|" \
    "$W/pipeline.ini"
r=$(t sift_train "$SIFT" train -c "$W/pipeline.ini" \
    models/claims/corpus/train/*.tsv)
set -- $r
echo "sift train, shipped pipeline (features + LIBLINEAR + Platt calibration): $2 s"
r=$(t sift_svm_train "$SIFT" train -c "$W/svm.ini" -o "$W/svm-bundle-2" \
    models/claims/corpus/train/*.tsv)
set -- $r
echo "sift train, libsvm plugin (features + libsvm with probabilities): $2 s"
echo "liblinear-train -s 1 -c $C (same features, balanced weights): $lin_train s"
gold_vectors "$SVM_MODEL" "$W/train.svm"
r=$(t svmt svm-train -q -t 0 -c "$C" -b 1 $w "$W/train.svm" "$W/train.model")
set -- $r
echo "svm-train -t 0 -c $C -b 1 (same features, balanced weights): $2 s"
echo "fasttext supervised -wordNgrams 2 -epoch 25: $ft_train s"

echo
echo "## 5. accuracy baselines"
bench/baselines.sh "$BUILD"
