#!/usr/bin/env bash
# html-check.sh - renders the `sift classify --format html` report of the
# example news in headless Chromium and saves a screenshot, so a person
# can see the page as an analyst would.  Needs the chromium package.
# Usage: tests/html-check.sh [BUILD] [OUT.png]
set -euo pipefail
BUILD=${1:-build}
OUT=${2:-$BUILD/report.png}
command -v chromium >/dev/null || {
    echo "html-check: needs chromium (apt-get install chromium)" >&2
    exit 1
}
"$BUILD/sift" classify -f html -o "$BUILD/report.html" examples/news
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$D" --window-size=1100,1400 \
    --screenshot="$PWD/$OUT" "file://$PWD/$BUILD/report.html" 2>/dev/null
# the page must have rendered something, and load nothing from the network
[ -s "$OUT" ] && ! grep -Eq '(src|href)="https?:' "$BUILD/report.html"
echo "html-check: rendered $BUILD/report.html to $OUT"
