#!/usr/bin/env bash
# variants.sh - writes the ablation variants of pipeline.ini into DIR:
# full (the shipped pipeline), ngrams (no cue features), cues (cue
# features only).  Usage: bench/variants.sh BUILD DIR
set -eu
BUILD=$1
DIR=$2
mkdir -p "$DIR"
base() { sed -e "s|^model = .*|model = $DIR/model-$1|" \
    -e "s|^\[pipeline\]|[pipeline]\nplugin_path = $PWD/$BUILD/plugins|" \
    pipeline.ini; }
base full >"$DIR/full.ini"
base ngrams | awk '/^\[features.cues\]/ {skip = 1; next}
    /^\[/ {skip = 0} !skip' >"$DIR/ngrams.ini"
base cues | awk '/^\[features.words\]/ {skip = 1; next}
    /^\[/ {skip = 0} !skip' >"$DIR/cues.ini"
