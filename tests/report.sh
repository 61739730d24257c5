#!/usr/bin/env bash
# report.sh - the HTML report of `sift classify -f html` on 50 documents:
# its structure as read without JavaScript (python3's html.parser) and
# after the script ran (headless Chromium's --dump-dom), both checked
# against the TSV rows of the same run, and screenshots to look at in
# $BUILD/report-shots/.  Each checker is also run on a broken page to
# show that it can fail.
set -eu
BUILD=${SIFT_BUILD:-build}
SIFT="$PWD/$BUILD/sift"
mkdir -p "$BUILD/tests"
T=$(mktemp -d "$PWD/$BUILD/tests/report-XXXXXX")
trap 'rm -rf "$T"' EXIT
SHOTS="$PWD/$BUILD/report-shots"
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins" SIFT_NO_PROGRESS=1
export SOURCE_DATE_EPOCH=1700000000
M=models/claims/bundle
PY="python3 tests/report.py"
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok    $1"; }
bad() { fail=$((fail + 1)); echo "FAIL  $1"; }
# say WHAT CMD...: CMD must succeed; its output is shown when it fails.
say() {
    local what=$1
    shift
    if "$@" >"$T/say.out" 2>&1; then ok "$what"; else
        bad "$what"
        sed 's/^/      /' "$T/say.out"
    fi
}
# refute WHAT CMD...: CMD must fail (a checker on a broken page).
refute() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then bad "$what"; else ok "$what"; fi
}

command -v python3 >/dev/null || {
    echo "FAIL  report.sh needs python3 (apt-get install python3)"
    exit 1
}
$PY gen "$T/in" "$T/blocks.txt"
"$SIFT" classify -m "$M" -f tsv -o "$T/rows.tsv" "$T/in"
"$SIFT" classify -m "$M" -f html -j 2 -o "$T/report.html" "$T/in"
"$SIFT" classify -m "$M" -f html -j 1 -o "$T/again.html" "$T/in"
say "same page from -j 1 and -j 2 with SOURCE_DATE_EPOCH set" \
    cmp "$T/report.html" "$T/again.html"

say "the page loads nothing from the network" \
    sh -c '! grep -Eiq "(src|href|action)=\"?(https?:)?//" "$1"' - "$T/report.html"
# Without JavaScript: contents, counts, sentences, stamp, escaping.
say "no-JS page: 50 documents, contents and counts match the TSV" \
    $PY static "$T/report.html" "$T/rows.tsv"
say "no-JS page: headline, byline and paragraphs are separate blocks" \
    $PY blocks "$T/report.html" "$T/blocks.txt"
sed '0,/<tr data-d=/s/<tr data-d=[^\n]*<\/tr>//' "$T/report.html" \
    >"$T/broken1.html"
refute "the no-JS check fails on a page missing a contents row" \
    $PY static "$T/broken1.html" "$T/rows.tsv"
sed '0,/<td data-l="0"><span class="pill k0">[0-9]*/s//&9/' \
    "$T/report.html" >"$T/broken2.html"
refute "the no-JS check fails on a page with a wrong count" \
    $PY static "$T/broken2.html" "$T/rows.tsv"

# Headless Chromium: the script's sentence list, and screenshots.
if ! command -v chromium >/dev/null && [ "$(id -u)" = 0 ] &&
    command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends chromium >/dev/null 2>&1 || true
fi
if ! command -v chromium >/dev/null; then
    echo "SKIP  Chromium checks and screenshots: chromium is not installed"
    echo "      and cannot be installed here (not root); run:"
    echo "      sudo apt-get install chromium"
else
    export HOME="$T/home"
    mkdir -p "$HOME" "$SHOTS"
    rm -f "$SHOTS"/*.png
    chrome() {
        timeout 120 chromium --headless --no-sandbox --disable-gpu \
            --disable-quic --no-first-run --disable-background-networking \
            --disable-component-update --disable-sync \
            --user-data-dir="$T/profile" --hide-scrollbars \
            --virtual-time-budget=5000 "$@" 2>>"$T/chromium.log"
    }
    url="file://$T/report.html"
    chrome --dump-dom "$url#view=threat&min=0.6" >"$T/threat.dom"
    say "Chromium: the threat list is every threat sentence; min 0.6 hides" \
        $PY dom "$T/threat.dom" "$T/rows.tsv" threat 0.6
    chrome --dump-dom "$url#view=allegation&q=police" >"$T/alleg.dom"
    say "Chromium: the allegation list searched for 'police'" \
        $PY dom "$T/alleg.dom" "$T/rows.tsv" allegation 0 police
    refute "the DOM check fails when the list is checked for another label" \
        $PY dom "$T/threat.dom" "$T/rows.tsv" denial 0.6
    # The "why" of the first document's first five labelled sentences
    # opened, as clicks would.
    awk '{while (n < 5 && sub(/class="wx" id/, "class=\"wx\" checked id"))
            n++; print}' "$T/report.html" >"$T/why.html"
    chrome --window-size=1280,1500 --screenshot="$SHOTS/1-top.png" "$url"
    chrome --window-size=1280,1500 --screenshot="$SHOTS/2-threats.png" \
        "$url#view=threat&min=0.6"
    chrome --window-size=1280,1500 --screenshot="$SHOTS/3-why.png" \
        "file://$T/why.html"
    chrome --window-size=420,1400 --screenshot="$SHOTS/4-narrow.png" "$url"
    # Without JavaScript: the page with its script element taken out.
    sed '/^<script>$/,/^<\/script>$/d' "$T/report.html" >"$T/nojs.html"
    chrome --window-size=1280,1500 --screenshot="$SHOTS/5-nojs.png" \
        "file://$T/nojs.html"
    for s in 1-top 2-threats 3-why 4-narrow 5-nojs; do
        [ -s "$SHOTS/$s.png" ] && ok "screenshot $BUILD/report-shots/$s.png" ||
            bad "no screenshot $s.png (see chromium's messages below)"
    done
    [ "$fail" = 0 ] || grep -v 'dbus\|DBus' "$T/chromium.log" | tail -20 || :
fi

echo "report: $pass passed, $fail failed"
[ "$fail" = 0 ]
