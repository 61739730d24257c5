#!/bin/sh
# eval-real.sh - score a pipeline on real news: ../shared/realnews/dev.tsv
# (the team's real-news development set, kept outside the project and
# never committed into it), next to the corpus held-out set.
#
#   bench/eval-real.sh [-b BUILD] [INI | BUNDLE]
#
# An ini is trained on models/claims/corpus/train first (into a temporary
# bundle); a bundle directory is scored as it is.  Default: the shipped
# bundle.  REALNEWS=DIR points at another copy of the set.  When the set
# is not there, says so and exits 0: it is not part of the project.
set -eu
build=build
while getopts b:h opt; do
    case $opt in
    b) build=$OPTARG ;;
    *) sed -n 2,12p "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
target=${1:-models/claims/bundle}
top=$(cd "$(dirname "$0")/.." && pwd)
dev=${REALNEWS:-$top/../shared/realnews}/dev.tsv
if [ ! -f "$dev" ]; then
    echo "eval-real: skip: no real-news set at $dev"
    exit 0
fi
sift=$build/sift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sift-evalreal.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
bundle=$target
if [ -f "$target" ]; then
    bundle=$tmp/bundle
    "$sift" train -c "$target" -o "$bundle" models/claims/corpus/train/*.tsv \
        >/dev/null
fi
# dev.tsv is doc<TAB>n<TAB>label<TAB>sentence; sift eval reads label<TAB>text.
awk -F'\t' '!/^#/ && NF == 4 { print $3 "\t" $4 }' "$dev" >"$tmp/dev.tsv"
printf '== corpus held-out (invented text): %s\n' "$target"
"$sift" eval -m "$bundle" models/claims/corpus/heldout/*.tsv | sed -n '3,9p'
printf '\n== real news: %s\n' "$dev"
"$sift" eval -m "$bundle" "$tmp/dev.tsv"
