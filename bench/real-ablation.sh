#!/usr/bin/env bash
# real-ablation.sh - what each part of the shipped pipeline is worth on
# real news, next to the invented held-out set: the learning curve (share
# of the training articles, a seeded choice of whole articles) and the
# ablation of each change, every row trained from scratch and scored on
# ../shared/realnews/dev.tsv (REALNEWS=DIR for another copy) and on
# models/claims/corpus/heldout.  Skips, saying so, when the real-news set
# is not there.  Usage: bench/real-ablation.sh [BUILD]   (about 3 minutes)
set -euo pipefail
BUILD=${1:-build}
SIFT="$PWD/$BUILD/sift"
dev=${REALNEWS:-$PWD/../shared/realnews}/dev.tsv
if [ ! -f "$dev" ]; then
    echo "real-ablation: skip: no real-news set at $dev"
    exit 0
fi
export SIFT_NO_PROGRESS=1
W=$(mktemp -d "${TMPDIR:-/tmp}/sift-ablation.XXXXXX")
trap 'rm -rf "$W"' EXIT
awk -F'\t' '!/^#/ && NF == 4 { print $3 "\t" $4 }' "$dev" >"$W/dev.tsv"
train=(models/claims/corpus/train/*.tsv)
first=(models/claims/corpus/train/t[1-9]-*.tsv models/claims/corpus/train/t1[01]-*.tsv)

# variant NAME: pipeline.ini with an edit (sed script) and a model path
variant() {
    sed -e "s|^model = .*|model = $W/m-$1|" \
        -e "s|^\[pipeline\]|[pipeline]\nplugin_path = $PWD/$BUILD/plugins|" \
        -e "$2" pipeline.ini >"$W/$1.ini"
}
macro() { "$SIFT" eval --json -m "$1" "${@:2}" |
    sed 's/.*"macro_f1": \([0-9.]*\).*/\1/'; }
score() { # name, ini, extra train flags..., then -- files
    local name=$1 ini=$2
    shift 2
    "$SIFT" train -c "$ini" -o "$W/b-$name" "$@" >/dev/null 2>&1
    printf "%-44s %8.3f %8.3f\n" "$name" \
        "$(macro "$W/b-$name" "$W/dev.tsv")" \
        "$(macro "$W/b-$name" models/claims/corpus/heldout/*.tsv)"
}

variant full ''
variant no-order 's/^order = true.*/order = false/'
variant no-cues '/^\[features.cues\]/,/^$/d'
variant svm 's/^plugin = linear$/plugin = svm/; /^solver = /d'

echo "macro-F1: real-news dev (${dev}) and corpus held-out"
printf "%-44s %8s %8s\n" "" dev held-out
echo "learning curve (share of the ${#train[@]} training articles)"
for f in 0.1 0.25 0.5; do
    score "  $f of the articles" "$W/full.ini" --fraction $f "${train[@]}"
done
score "  all (shipped)" "$W/full.ini" "${train[@]}"
echo "ablation (all training articles unless said)"
score "  first-round corpus only (${#first[@]} articles)" "$W/full.ini" \
    "${first[@]}"
score "  without cue order features" "$W/no-order.ini" "${train[@]}"
score "  without cue features" "$W/no-cues.ini" "${train[@]}"
score "  libsvm classifier instead of LIBLINEAR" "$W/svm.ini" "${train[@]}"
