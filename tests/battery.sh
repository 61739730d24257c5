#!/usr/bin/env bash
# battery.sh - the bad-input battery: every case runs the real `sift`
# command, under a time limit, and states the exit status and the message
# it expects.  Nothing may crash (exit by signal), hang (time limit) or
# fail silently (every message names the file).
#
# Usage: tests/battery.sh            (SIFT_BUILD=build by default)
set -u
BUILD=${SIFT_BUILD:-build}
SIFT="$PWD/$BUILD/sift"
case $BUILD in /*) SIFT="$BUILD/sift" ;; esac
T=$(mktemp -d "$PWD/$BUILD/tests/battery-XXXXXX")
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
skipped=0
LIMIT=${SIFT_BATTERY_LIMIT:-120}

# check NAME WANT_STATUS WANT_REGEX -- COMMAND...
# WANT_REGEX is matched against stderr (extended regex; "" = anything).
check() {
    local name=$1 want=$2 pattern=$3
    shift 4
    timeout "$LIMIT" "$@" >"$T/out" 2>"$T/err"
    local got=$?
    local why=""
    if [ "$got" = 124 ]; then
        why="timed out after ${LIMIT}s"
    elif [ "$got" -gt 128 ]; then
        why="killed by signal $((got - 128))"
    elif [ "$got" != "$want" ]; then
        why="exit $got, expected $want"
    elif [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$T/err"; then
        why="stderr does not match /$pattern/"
    fi
    if [ -z "$why" ]; then
        pass=$((pass + 1))
        echo "ok    $name"
    else
        fail=$((fail + 1))
        echo "FAIL  $name: $why"
        sed 's/^/      | /' "$T/err" | head -5
    fi
}

# say NAME CONDITION...: a pass when the command succeeds, else a failure
say() {
    local name=$1
    shift
    if "$@"; then
        pass=$((pass + 1))
        echo "ok    $name"
    else
        fail=$((fail + 1))
        echo "FAIL  $name"
    fi
}

# --- a small model to run against ---------------------------------------
cat >"$T/pipeline.ini" <<EOF
[pipeline]
name = battery
labels = allegation, denial, threat, background
model = model
plugin_path = $PWD/$BUILD/plugins

[segmenter]
plugin = segment

[tokenizer]
plugin = tokenize

[features.words]
plugin = ngrams

[features.cues]
plugin = cues

[classifier]
plugin = svm
probability = false
EOF
cat >"$T/train.tsv" <<'EOF'
# doc: b1 battery
allegation	The ministry accused the rebels of shelling the market.
denial	The rebels denied the accusation and called it baseless.
threat	The army warned that it would strike back if attacked.
background	The market reopened on Monday after repairs.
allegation	Police blamed the company for the spill.
denial	The company rejected the claims as false.
threat	The regulator said it would impose further penalties.
background	The company employs about 4,000 people.
EOF
if ! "$SIFT" train -c "$T/pipeline.ini" "$T/train.tsv" 2>"$T/err"; then
    cat "$T/err"
    echo "0 passed, 1 failed"
    exit 1
fi
M="$T/model"
run() { env -C "$T" "$SIFT" "$@"; }

# --- command line -----------------------------------------------------------
check "no command" 2 "usage: sift COMMAND" -- "$SIFT"
check "unknown command suggests" 2 "did you mean 'classify'" -- "$SIFT" clasify
for c in classify segment train eval tune explain plugins; do
    check "$c --help" 0 "" -- "$SIFT" "$c" --help
    grep -q "usage: sift $c" "$T/out" || {
        fail=$((fail + 1))
        echo "FAIL  $c --help prints no usage"
    }
done
check "classify: unknown option" 2 "Try 'sift classify --help'" -- \
    "$SIFT" classify --frobnicate x
say "classify: ... in one message, sift's, not getopt's too" \
    eval '! grep -q "unrecognized option" "$T/err" &&
        test "$(grep -c "unknown option" "$T/err")" = 1'
for c in classify segment train eval tune explain plugins; do
    check "$c: a misspelt long option suggests the right one" 2 \
        "sift $c: unknown option '--hepl' \(did you mean --help\?\)" -- \
        "$SIFT" "$c" --hepl
done
check "classify: a missing option argument is not an unknown option" 2 \
    "option --config needs an argument" -- "$SIFT" classify x --config
say "classify: ... and says it once" \
    eval '! grep -q "unknown option\|requires an argument" "$T/err"'
check "tune: a missing short option argument" 2 "option -k needs an argument" -- \
    "$SIFT" tune x -k
check "classify: --summary=1 takes no argument" 2 \
    "option --summary takes no argument" -- "$SIFT" classify --summary=1 x
check "classify -m an ini file says so" 1 \
    "pipeline.ini: -m takes a model bundle directory, and this is a file \(a pipeline ini\? pass it with -c\)" -- \
    "$SIFT" classify -m "$T/pipeline.ini" "$T/train.tsv"
check "classify: labeled samples warn, suggesting eval" 0 \
    "train.tsv looks like labeled samples .*sift eval" -- \
    "$SIFT" classify -m "$M" "$T/train.tsv"
printf 'The army denied it.\tIt said so.\nThreats were made.\n' >"$T/tabs.txt"
check "classify: text with TABs is not taken for samples" 0 "" -- \
    "$SIFT" classify -m "$M" "$T/tabs.txt"
say "classify: ... no warning" eval '! grep -q "labeled samples" "$T/err"'
check "classify: --only unknown label" 2 "unknown label 'rumour'" -- \
    "$SIFT" classify -m "$M" --only rumour "$T/train.tsv"

# --- ini files ----------------------------------------------------------------
check "missing ini" 1 "nope.ini: cannot open" -- \
    "$SIFT" classify -c "$T/nope.ini" "$T/train.tsv"
mkdir "$T/dir.ini"
check "unreadable ini (a directory)" 1 "dir.ini: is a directory" -- \
    "$SIFT" segment -c "$T/dir.ini" "$T/train.tsv"
printf '[pipeline]\nname\n' >"$T/syntax.ini"
check "ini syntax error" 1 "syntax.ini:2: syntax error" -- \
    "$SIFT" segment -c "$T/syntax.ini" "$T/train.tsv"
sed 's/^plugin = tokenize$/plugin = tokenize\nlowercas = true/' \
    "$T/pipeline.ini" >"$T/key.ini"
check "ini unknown key" 1 "key.ini:1[0-9]: \[tokenizer\] unknown key 'lowercas' \(did you mean 'lowercase'\?\)" -- \
    "$SIFT" segment -c "$T/key.ini" "$T/train.tsv"
{ cat "$T/pipeline.ini"; printf '\n[segmenter]\nplugin = segment\n'; } \
    >"$T/dup.ini"
check "ini duplicate section" 1 "dup.ini:[0-9]+: duplicate section \[segmenter\]" -- \
    "$SIFT" segment -c "$T/dup.ini" "$T/train.tsv"
sed "s|^plugin = segment$|plugin = $PWD/$BUILD/tests/fixtures/not_elf.so|" \
    "$T/pipeline.ini" >"$T/elf.ini"
check "plugin not ELF" 1 "not_elf.so: cannot load plugin" -- \
    "$SIFT" segment -c "$T/elf.ini" "$T/train.tsv"
sed "s|^plugin = segment$|plugin = $PWD/$BUILD/tests/fixtures/bad_abi.so|" \
    "$T/pipeline.ini" >"$T/abi.ini"
check "plugin wrong ABI" 1 "bad_abi.so: plugin ABI version 99, but this sift expects version 2" -- \
    "$SIFT" segment -c "$T/abi.ini" "$T/train.tsv"
sed "s|^plugin = segment$|plugin = nosuchplugin|" "$T/pipeline.ini" >"$T/nf.ini"
check "plugin not found" 1 "nf.ini:8: plugin 'nosuchplugin' not found" -- \
    "$SIFT" segment -c "$T/nf.ini" "$T/train.tsv"
sed "s|^plugin = segment$|plugin = svm|" "$T/pipeline.ini" >"$T/kind.ini"
check "stage of the wrong kind" 1 "\[segmenter\] needs a segmenter plugin" -- \
    "$SIFT" segment -c "$T/kind.ini" "$T/train.tsv"

# --- the README's example plugin: one cc line, selected in the ini ------------
if cc -std=c11 -Wall -Wextra -Wpedantic -shared -fPIC -fvisibility=hidden \
    -Iinclude -o "$T/lines.so" examples/plugins/lines.c 2>"$T/err"; then
    sed "s|^plugin = segment$|plugin = $T/lines.so\nmin_chars = 3|" \
        "$T/pipeline.ini" >"$T/lines.ini"
    printf 'First line. Still first\nab\n  Second line  \n' >"$T/two.txt"
    check "README example plugin builds and segments" 0 "" -- \
        "$SIFT" segment -c "$T/lines.ini" "$T/two.txt"
    [ "$(cut -f5 "$T/out" | tr '\n' '|')" = "First line. Still first|Second line|" ] || {
        fail=$((fail + 1))
        echo "FAIL  example plugin output: $(cut -f5 "$T/out" | tr '\n' '|')"
    }
    sed "s|^plugin = segment$|plugin = $T/lines.so\nmin_char = 3|" \
        "$T/pipeline.ini" >"$T/lines2.ini"
    check "example plugin: unknown key suggests its option" 1 \
        "unknown key 'min_char' \(did you mean 'min_chars'\?\)" -- \
        "$SIFT" segment -c "$T/lines2.ini" "$T/two.txt"
else
    fail=$((fail + 1))
    echo "FAIL  the README's example plugin does not build"
    cat "$T/err"
fi

# the C listing in the README itself must compile as it stands
awk '/^## Writing a plugin/ {w = 1} w && /^```c$/ {c = 1; next}
     c && /^```$/ {exit} c' README.md >"$T/readme_plugin.c"
if [ -s "$T/readme_plugin.c" ] &&
    cc -std=c11 -Wall -Wextra -Wpedantic -Werror -shared -fPIC \
        -fvisibility=hidden -Iinclude -o "$T/readme.so" "$T/readme_plugin.c" \
        2>"$T/err" &&
    "$SIFT" plugins "$T/readme.so" >/dev/null 2>&1; then
    pass=$((pass + 1))
    echo "ok    the README's plugin listing compiles and loads"
else
    fail=$((fail + 1))
    echo "FAIL  the README's plugin listing does not compile or load"
    head -5 "$T/err"
fi

# --- documents ------------------------------------------------------------------
D="$T/docs"
mkdir "$D"
: >"$D/empty.txt"
printf '   \n\t\n  \n' >"$D/blank.txt"
printf 'The army denied it.\0 Rebels said\0 otherwise.\n' >"$D/nul.txt"
printf 'Bad \xff\xfe bytes here. The army \xc3 denied it.\n' >"$D/utf8.txt"
printf 'Headline\r\n\r\nThe army denied it.\r\nThen it threatened to strike.\r\n' \
    >"$D/crlf.txt"
check "classify odd documents" 0 "" -- "$SIFT" classify -m "$M" "$D"
for f in nul utf8 crlf; do
    grep -q "$D/$f.txt" "$T/out" || {
        fail=$((fail + 1))
        echo "FAIL  no rows for $f.txt"
    }
done
grep -q "empty.txt\|blank.txt" "$T/out" && {
    fail=$((fail + 1))
    echo "FAIL  rows for an empty document"
}
mkdir "$T/emptydir"
check "empty directory" 0 "" -- "$SIFT" classify -m "$M" "$T/emptydir"
printf '\xff\xfeH\0i\0' >"$D/utf16.txt"
check "UTF-16 file skipped, exit 3" 3 "skipped .*utf16.txt: UTF-16" -- \
    "$SIFT" classify -m "$M" "$D"
rm "$D/utf16.txt"
mkfifo "$D/fifo"
check "FIFO in a directory skipped" 3 "skipped .*fifo: not a regular file" -- \
    "$SIFT" classify -m "$M" "$D"
rm "$D/fifo"
ln -s loop "$D/loop"
check "symlink loop not followed" 0 "" -- "$SIFT" classify -m "$M" "$D"
check "symlink loop followed" 3 "skipped .*loop: " -- \
    "$SIFT" classify -m "$M" --follow-symlinks "$D"
rm "$D/loop"
printf 'secret\n' >"$D/locked.txt"
if [ "$(id -u)" != 0 ]; then
    chmod 000 "$D/locked.txt"
    check "permission denied inside a directory" 3 \
        "skipped .*locked.txt: cannot open: Permission denied" -- \
        "$SIFT" classify -m "$M" "$D"
elif command -v setpriv >/dev/null &&
    chmod -R a+rX "$T" "$PWD/$BUILD/plugins" &&
    setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$SIFT" classify -m "$M" "$T/train.tsv" >/dev/null 2>&1; then
    # root reads everything: drop to nobody to see a permission error
    chmod 000 "$D/locked.txt"
    check "permission denied inside a directory" 3 \
        "skipped .*locked.txt: cannot open: Permission denied" -- \
        setpriv --reuid=65534 --regid=65534 --clear-groups \
        "$SIFT" classify -m "$M" "$D"
else
    echo "skip  permission denied: running as root, and user nobody cannot"
    echo "      reach this checkout to drop privileges"
    skipped=$((skipped + 1))
fi
rm -f "$D/locked.txt"
check "file over --max-bytes skipped" 3 "skipped .*crlf.txt: larger than" -- \
    "$SIFT" classify -m "$M" --max-bytes 20 "$D/crlf.txt"
head -c 50000000 /dev/zero | tr '\0' 'a' | sed 's/a\{7\}/aaaaaa /g' \
    >"$T/long.txt"
check "50 MB line without punctuation" 0 "" -- \
    "$SIFT" classify -m "$M" --summary "$T/long.txt"

# --- samples ----------------------------------------------------------------------
printf 'threat\tWe will act.\nrumour\tThey say so.\n' >"$T/badlabel.tsv"
check "sample with unknown label" 1 "badlabel.tsv:2: unknown label 'rumour'" -- \
    env -C "$T" "$SIFT" train -o "$T/m2" "$T/train.tsv" "$T/badlabel.tsv"
check "same, --skip-bad" 0 "skipped .*badlabel.tsv:2" -- \
    env -C "$T" "$SIFT" train --skip-bad -o "$T/m2" "$T/train.tsv" "$T/badlabel.tsv"
printf 'threat We will act.\n' >"$T/notab.tsv"
check "sample without TAB" 1 "notab.tsv:1: missing TAB" -- \
    env -C "$T" "$SIFT" train -o "$T/m3" "$T/notab.tsv"

# --- tune -o: the ini as written, with only the tuned value changed --------
mkdir "$T/tuned"
check "tune writes an ini" 0 "wrote .*tuned/t.ini" -- \
    env -C "$T" "$SIFT" tune -c pipeline.ini -k 2 --group none \
    --grid classifier.C=0.5,2 -o tuned/t.ini train.tsv
if grep -qx "probability = false" "$T/tuned/t.ini" &&
    grep -qx "model = $T/model" "$T/tuned/t.ini" &&
    grep -Eqx "C = (0.5|2)" "$T/tuned/t.ini" &&
    env -C "$T/tuned" "$SIFT" classify -c t.ini "$T/train.tsv" >/dev/null 2>&1
then
    pass=$((pass + 1)); echo "ok    ... keeps what it did not tune, and its model resolves"
else
    fail=$((fail + 1)); echo "FAIL  ... the tuned ini changed other options or lost its model"
    sed 's/^/      | /' "$T/tuned/t.ini"
fi

# -o to a device or a FIFO writes into it: nothing is renamed over it (a
# FIFO stands for both: /dev/null itself is not put at risk here)
mkfifo "$T/fifo"
(timeout 60 cat "$T/fifo" >"$T/from-fifo") &
check "-o a named pipe" 0 "" -- "$SIFT" classify -m "$M" -o "$T/fifo" \
    "$T/train.tsv"
wait
if [ -p "$T/fifo" ] && [ "$(wc -l <"$T/from-fifo")" -gt 1 ] &&
    ! ls "$T"/fifo.tmp-* >/dev/null 2>&1; then
    pass=$((pass + 1)); echo "ok    ... the pipe is still a pipe and got the rows"
else
    fail=$((fail + 1)); echo "FAIL  ... the pipe was replaced or got nothing"
fi

# --- model bundles ------------------------------------------------------------------
# A bundle runs with nothing but the plugins' .so files (the lexicon the
# cues plugin read when training is inside the bundle), and gives the same
# rows as with the full plugin directory.
mkdir "$T/sonly" && cp "$BUILD"/plugins/*.so "$T/sonly/"
"$SIFT" classify -m "$M" "$T/train.tsv" >"$T/full.tsv" 2>/dev/null
check "a bundle runs with only the .so files" 0 "" -- \
    env SIFT_PLUGIN_PATH="$T/sonly" "$SIFT" classify -m "$M" -o "$T/sonly.tsv" \
    "$T/train.tsv"
if cmp -s "$T/full.tsv" "$T/sonly.tsv" && [ -s "$T/full.tsv" ]; then
    pass=$((pass + 1)); echo "ok    ... with the same rows"
else
    fail=$((fail + 1)); echo "FAIL  ... rows differ without the plugin data files"
fi
cp -r "$M" "$T/nofile"
rm "$T/nofile/classifier.state"
check "bundle with a missing file" 1 "nofile/classifier.state: cannot open" -- \
    "$SIFT" classify -m "$T/nofile" "$T/train.tsv"
# rehash BUNDLE FILE: record FILE's new size and checksum in the manifest,
# as someone who edits a bundle on purpose would
rehash() {
    local f="$1/$2" h=-3750763034362895579 b # FNV-1a 64 offset, signed
    for b in $(od -An -v -tu1 "$f"); do
        h=$(((h ^ b) * 1099511628211))
    done
    sed -i "s/^$2 = .*/$2 = $(stat -c %s "$f") $(printf %016x "$h")/" \
        "$1/manifest.ini"
}
cp -r "$M" "$T/trunc"
head -c 300 "$M/classifier.state" >"$T/trunc/classifier.state"
check "truncated libsvm model: checksum" 1 "trunc/classifier.state: does not match .*manifest.ini:[0-9]+ \(size differs\)" -- \
    "$SIFT" classify -m "$T/trunc" "$T/train.tsv"
rehash "$T/trunc" classifier.state
check "truncated libsvm model, checksum updated" 1 "trunc/classifier.state:[0-9]+: invalid libsvm model" -- \
    "$SIFT" classify -m "$T/trunc" "$T/train.tsv"
cp -r "$M" "$T/edited"
sed -i 's/^nr_class 4/nr_class 3/' "$T/edited/classifier.state"
check "edited libsvm model: checksum" 1 "edited/classifier.state: does not match .*\(checksum differs\)" -- \
    "$SIFT" classify -m "$T/edited" "$T/train.tsv"
rehash "$T/edited" classifier.state
check "edited libsvm model, checksum updated" 1 "edited/classifier.state:[0-9]+: invalid libsvm model" -- \
    "$SIFT" classify -m "$T/edited" "$T/train.tsv"
cp -r "$M" "$T/dim"
sed -i 's/^dimension = .*/dimension = 7/' "$T/dim/manifest.ini"
check "manifest edited" 1 "dim/manifest.ini: dimension 7" -- \
    "$SIFT" classify -m "$T/dim" "$T/train.tsv"
check "not a bundle" 1 "not a model bundle" -- \
    "$SIFT" classify -m "$D" "$T/train.tsv"
sed 's/^plugin = ngrams$/plugin = ngrams\nmax_n = 3/' "$T/pipeline.ini" \
    >"$T/other.ini"
check "bundle from a different pipeline" 1 "other.ini: \[features.words\] max_n = 3, but the bundle" -- \
    "$SIFT" classify -c "$T/other.ini" -m "$M" "$T/train.tsv"
check "train refuses to replace a non-bundle" 1 "is not a model bundle" -- \
    env -C "$T" "$SIFT" train -o "$D" "$T/train.tsv"

# --- interrupted work loses nothing ----------------------------------------------
cp "$M/manifest.ini" "$T/manifest.before"
# a run long enough to interrupt: the corpus if present, else repeats
big=$(ls "$PWD"/models/claims/corpus/train/*.tsv 2>/dev/null | head -n 60)
if [ -z "$big" ]; then
    for i in $(seq 1 400); do sed "s/\.\$/ $i./" "$T/train.tsv"; done \
        >"$T/big.tsv"
    big="$T/big.tsv"
fi
(cd "$T" && exec "$SIFT" train --cv 10 --group none $big 2>/dev/null) &
pid=$!
sleep 1
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
if cmp -s "$M/manifest.ini" "$T/manifest.before" &&
    [ -z "$(ls "$T" | grep 'model.tmp-')" ] &&
    "$SIFT" classify -m "$M" "$T/train.tsv" >/dev/null 2>&1; then
    pass=$((pass + 1))
    echo "ok    train killed mid-run leaves the previous model intact"
else
    fail=$((fail + 1))
    echo "FAIL  train killed mid-run damaged the previous model"
fi
printf 'previous output\n' >"$T/report.tsv"
"$SIFT" classify -m "$M" -j 1 -o "$T/report.tsv" "$T/long.txt" 2>/dev/null &
pid=$!
sleep 0.5
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
if [ "$(cat "$T/report.tsv")" = "previous output" ] &&
    [ -z "$(ls "$T" | grep 'report.tsv.tmp-')" ]; then
    pass=$((pass + 1))
    echo "ok    classify -o killed mid-run leaves the previous output"
else
    fail=$((fail + 1))
    echo "FAIL  classify -o killed mid-run damaged the output"
fi
check "classify -o writes on success" 0 "" -- \
    "$SIFT" classify -m "$M" -o "$T/report.tsv" "$T/train.tsv"
grep -q "threat" "$T/report.tsv" || {
    fail=$((fail + 1))
    echo "FAIL  classify -o wrote no rows"
}

# --- issue 12: data loss, foreign code, crashes, corrupt rows ---------------
long=$(head -c 700 /dev/zero | tr '\0' x)
check "1: a 700-byte missing path is skipped, not a crash" 3 \
    "skipped .*xxxx: File name too long" -- "$SIFT" classify -m "$M" "$T/$long"
deep="$T/deep/$(head -c 200 /dev/zero | tr '\0' d)/$(head -c 200 /dev/zero | tr '\0' e)/$(head -c 200 /dev/zero | tr '\0' f)"
mkdir -p "$deep"
mkfifo "$deep/fifo"
cp "$T/train.tsv" "$deep/a.txt"
check "1: a FIFO with a 600+ byte path in a tree is skipped" 3 \
    "skipped .*fffff/fifo: not a regular file" -- \
    "$SIFT" classify -m "$M" "$T/deep"
say "1: ... and the tree's other files still give rows" \
    grep -q "a.txt" "$T/out"
rm -rf "$T/deep"

R4="$T/rows"
mkdir "$R4"
printf 'The army denied it. Bad \xff\xfe text.\n' >"$R4/$(printf 'a\tb.txt')"
printf 'They warned that they would strike.\n' >"$R4/$(printf 'n\nl\\x.txt')"
check "4: odd names and bytes, tsv" 0 "" -- "$SIFT" classify -m "$M" "$R4"
say "4: every tsv row has 7 columns, after the header" \
    awk -F'\t' 'NF != 7 {bad = 1} END {exit bad || NR != 4}' "$T/out"
say "4: ... the header names them" \
    test "$(head -n 1 "$T/out")" = "$(printf 'path\tindex\tstart\tend\tlabel\tconfidence\ttext')"
say "4: a path's TAB, newline and backslash are escaped" \
    grep -qF "rows/n\\nl\\\\x.txt	1	" "$T/out"
check "4: odd names and bytes, jsonl" 0 "" -- \
    "$SIFT" classify -m "$M" -f jsonl "$R4"
if command -v python3 >/dev/null; then
    say "4: every jsonl row is one JSON object, invalid bytes as U+FFFD" \
        python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) == 3, rows
assert "Bad \ufffd\ufffd text." in [r["text"] for r in rows], rows
assert any(r["path"].endswith("a\tb.txt") for r in rows), rows
' "$T/out"
    check "4: html" 0 "" -- "$SIFT" classify -m "$M" -f html "$R4"
    say "4: the html page is valid UTF-8" \
        python3 -c 'open(__import__("sys").argv[1], encoding="utf-8").read()' \
        "$T/out"
fi
check "4: sift segment escapes paths too" 0 "" -- "$SIFT" segment \
    -c "$T/pipeline.ini" "$R4/$(printf 'n\nl\\x.txt')"
say "4: ... one row, 5 columns" \
    awk -F'\t' 'NF != 5 {bad = 1} END {exit bad || NR != 1}' "$T/out"
mkfifo "$R4/$(printf 'f\nifo')"
check "4: a skipped file's warning is one line" 3 \
    'skipped .*/rows/f\\nifo: not a regular file' -- "$SIFT" classify -m "$M" "$R4"
rm -rf "$R4"

mkdir "$T/list.d"
check "9: --files-from a directory is a read error" 1 \
    "list.d: read error: Is a directory" -- \
    "$SIFT" classify -m "$M" --files-from "$T/list.d"
check "9: --only '' is a usage error" 2 "--only takes labels" -- \
    "$SIFT" classify -m "$M" --only '' "$T/train.tsv"
check "9: --only with an empty label is a usage error" 2 "--only takes labels" -- \
    "$SIFT" classify -m "$M" --only 'threat,' "$T/train.tsv"
cp "$T/train.tsv" "$T/list.d/a.txt"
check "9: --include that matches nothing warns, exit 3" 3 \
    "--include '\*.md' matched no file" -- \
    "$SIFT" classify -m "$M" --include '*.md' "$T/list.d"
check "9: --include that matches gives no warning" 0 "" -- \
    "$SIFT" classify -m "$M" --include '*.txt' "$T/list.d"
rm -rf "$T/list.d"
check "12: -j 4294967297 is refused, not taken as 1" 2 \
    "-j takes 1..256, not '4294967297'" -- \
    "$SIFT" classify -m "$M" -j 4294967297 "$T/train.tsv"
check "12: --max-bytes -1 is refused" 2 "--max-bytes takes" -- \
    "$SIFT" classify -m "$M" --max-bytes -1 "$T/train.tsv"
check "12: --seed junk is refused" 2 "--seed takes" -- \
    "$SIFT" train -c "$T/pipeline.ini" -o "$T/mseed" --seed 1x "$T/train.tsv"

U="$T/umask"
mkdir "$U"
(umask 077 && "$SIFT" classify -m "$M" -o "$U/p.tsv" "$T/train.tsv")
say "7: classify -o under umask 077 creates a 0600 file" \
    test "$(stat -c %a "$U/p.tsv")" = 600
chmod 640 "$U/p.tsv"
"$SIFT" classify -m "$M" -o "$U/p.tsv" "$T/train.tsv"
say "7: classify -o keeps the mode of the file it replaces" \
    test "$(stat -c %a "$U/p.tsv")" = 640
(umask 022 && "$SIFT" classify -m "$M" -o "$U/q.tsv" "$T/train.tsv")
say "7: ... and gives 0644 under umask 022" \
    test "$(stat -c %a "$U/q.tsv")" = 644
# a run killed with SIGKILL leaves its temporary; the next run removes it
"$SIFT" classify -m "$M" -j 1 -o "$U/r.tsv" "$T/long.txt" 2>/dev/null &
pid=$!
sleep 0.5
kill -KILL $pid 2>/dev/null
wait $pid 2>/dev/null
say "also: SIGKILL during classify -o leaves a temporary" \
    test -n "$(ls "$U" | grep "^r.tsv.tmp-$pid-")"
: >"$U/r.tsv.tmp-999999999-abcdef"     # a process that is gone
: >"$U/r.tsv.tmp-1-abcdef"             # PID 1 started after this file:
touch -d 2000-01-01 "$U/r.tsv.tmp-1-abcdef"
: >"$U/r.tsv.tmp-$$-abcdef"            # this shell, still running
: >"$U/r.tsv.tmp-abcdef"               # not sift's naming
: >"$U/other.tsv.tmp-999999999-abcdef" # another output's
"$SIFT" classify -m "$M" -o "$U/r.tsv" "$T/train.tsv"
say "also: the next classify -o removes stale temporaries of its own" \
    test "$(ls "$U" | grep tmp- | tr '\n' ' ')" = \
    "other.tsv.tmp-999999999-abcdef r.tsv.tmp-$$-abcdef r.tsv.tmp-abcdef "
rm -rf "$U"

B="$T/b12"
cp -r "$M" "$B"
# another bundle with the same pipeline (libsvm), trained on other text
(cd "$T" && "$SIFT" train -o "$T/other-bundle" \
    "$OLDPWD/models/claims/corpus/train/t1-01.tsv" >/dev/null 2>&1)
cp "$T/other-bundle/classifier.state" "$B/classifier.state"
check "5: a classifier from another bundle is refused" 1 \
    "b12/classifier.state: does not match .*manifest.ini:[0-9]+ .*another bundle" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
cp "$M/classifier.state" "$B/classifier.state"
cp "$T/other-bundle/features.words.state" "$B/features.words.state"
check "5: a vocabulary from another bundle is refused" 1 \
    "b12/features.words.state: does not match" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
cp "$M/features.words.state" "$B/"
cp "$M/features.words.state" "$B/features.words.extra"
check "5: a stage file the manifest does not list is refused" 1 \
    "b12/features.words.extra: not listed in the manifest" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
rm "$B/features.words.extra"
sed '/^\[files\]/,$d' "$M/manifest.ini" >"$B/manifest.ini"
check "5: a manifest without [files] is refused" 1 "no \[files\] section" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
for f in manifest.ini classifier.state features.words.state; do
    rm -rf "$B"
    cp -r "$M" "$B"
    rm "$B/$f"
    mkfifo "$B/$f"
    check "6: a FIFO in place of $f fails at once" 1 \
        "b12/$f: not a regular file" -- "$SIFT" classify -m "$B" "$T/train.tsv"
    rm "$B/$f"
    mkdir "$B/$f"
    check "6: a directory in place of $f" 1 "b12/$f: is a directory" -- \
        "$SIFT" classify -m "$B" "$T/train.tsv"
    rmdir "$B/$f"
    ln -s /etc/passwd "$B/$f"
    check "12: a symlink in place of $f is refused" 1 \
        "b12/$f: is a symbolic link" -- "$SIFT" classify -m "$B" "$T/train.tsv"
    say "12: ... and nothing of its target is echoed" \
        eval '! grep -q "root" "$T/err"'
done
rm -rf "$B"
cp -r "$M" "$B"
mkfifo "$T/fifo.ini"
check "6: a FIFO as -c INI fails at once" 1 "fifo.ini: not a regular file" -- \
    "$SIFT" segment -c "$T/fifo.ini" "$T/train.tsv"
rm "$T/fifo.ini"
sed -i 's/^labels = .*/labels = threat,threat,threat,threat/' "$B/manifest.ini"
check "10: a manifest whose labels repeat is refused" 1 \
    "b12/manifest.ini:[0-9]+: \[bundle\] labels = threat,threat,threat,threat: a label that repeats" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
sed -i 's/^labels = .*/labels = allegation,,threat,background/' "$B/manifest.ini"
check "10: a manifest with an empty label is refused" 1 "an empty label" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
sed -i "s/^labels = .*/labels = allegation,den$(printf '\t')ial,threat,background/" \
    "$B/manifest.ini"
check "10: a manifest label holding a TAB is refused" 1 "holding a TAB" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
sed 's/^labels = .*/labels = threat, denial, threat/' "$T/pipeline.ini" \
    >"$T/labels.ini"
check "10: an ini whose labels repeat is refused" 1 \
    "labels.ini:3: \[pipeline\] labels = threat, denial, threat: a label that repeats" -- \
    "$SIFT" train -c "$T/labels.ini" -o "$T/m10" "$T/train.tsv"
sed 's/^labels = .*/labels = threat,,denial/' "$T/pipeline.ini" >"$T/labels.ini"
check "10: an ini with an empty label is refused" 1 "an empty label" -- \
    "$SIFT" train -c "$T/labels.ini" -o "$T/m10" "$T/train.tsv"
cp "$M/manifest.ini" "$B/manifest.ini"
sed -i 's/^dimension = \(.*\)/dimension = \1 junk/' "$B/manifest.ini"
check "12: dimension = N junk is refused" 1 \
    "b12/manifest.ini:[0-9]+: \[bundle\] dimension = [0-9]+ junk: expected a whole number" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
cp "$M/manifest.ini" "$B/manifest.ini"
sed -i 's/^format = .*/format = 2abc/' "$B/manifest.ini"
check "12: format = 2abc is refused" 1 "b12/manifest.ini:[0-9]+: format = 2abc: unsupported" -- \
    "$SIFT" classify -m "$B" "$T/train.tsv"
rm -rf "$B"
# huge N: the battery ini with N more [features.fN] sections
huge() {
    sed '/^\[classifier\]/,$d' "$T/pipeline.ini"
    for i in $(seq 1 "$1"); do printf '[features.f%d]\nplugin = cues\n' "$i"; done
    printf '[classifier]\nplugin = svm\n'
}
huge 10000 >"$T/huge.ini"
huge 100 >"$T/many.ini"
start=$SECONDS
check "11: an ini with 10,000 featurizers is refused" 1 \
    "huge.ini:[0-9]+: more than 1000 sections" -- \
    "$SIFT" classify -c "$T/huge.ini" -m "$M" "$T/train.tsv"
check "11: an ini with 100 featurizers is refused" 1 \
    "many.ini: 102 featurizer sections; at most 64" -- \
    "$SIFT" classify -c "$T/many.ini" -m "$M" "$T/train.tsv"
seq 1 200000 | awk 'BEGIN {print "[pipeline]"} {print "k" $1 " = 1"}' \
    >"$T/keys.ini"
check "11: an ini with 200,000 keys is refused" 1 \
    "keys.ini:1002: more than 1000 keys in a section" -- \
    "$SIFT" segment -c "$T/keys.ini" "$T/train.tsv"
say "11: ... each within seconds" test $((SECONDS - start)) -le 5

R="$T/deploy"
mkdir "$R"
cp -r "$M" "$R/v1"
printf 'my notes\n' >"$R/v1/NOTES.txt"
ln -s v1 "$R/current"
(cd "$R" && find v1 -type f -exec md5sum {} + | sort) >"$T/v1.before"
check "2: train -o through a symlink" 0 "wrote .*current" -- \
    "$SIFT" train -c "$T/pipeline.ini" -o "$R/current" "$T/train.tsv"
say "2: ... leaves the link's old target as it was" \
    eval '(cd "$R" && find v1 -type f -exec md5sum {} + | sort) | cmp -s - "$T/v1.before"'
say "2: ... and the link, still a link, points at a new bundle beside it" \
    eval 'test -L "$R/current" && case $(readlink "$R/current") in current-??????) true ;; *) false ;; esac'
say "2: ... which classify can use" \
    eval '"$SIFT" classify -m "$R/current" "$T/train.tsv" >/dev/null 2>&1'
say "2: ... and no temporary is left" \
    test -z "$(ls "$R" | grep tmp-)"
ln -s "$R/v1" "$R/abs"
check "2: an absolute symlink is swapped too" 0 "" -- \
    "$SIFT" train -c "$T/pipeline.ini" -o "$R/abs" "$T/train.tsv"
say "2: ... to an absolute target" \
    eval 'case $(readlink "$R/abs") in "$R"/abs-??????) true ;; *) false ;; esac'
check "2: a bundle holding a user's file is not replaced" 1 \
    "v1 holds NOTES.txt, which sift did not write; refusing" -- \
    "$SIFT" train -c "$T/pipeline.ini" -o "$R/v1" "$T/train.tsv"
mkdir "$R/plain"
ln -s plain "$R/p"
check "2: a link to a directory that is not a bundle is refused" 1 \
    "plain: exists and is not a model bundle" -- \
    "$SIFT" train -c "$T/pipeline.ini" -o "$R/p" "$T/train.tsv"
mkdir "$R/model.tmp-999999999-abcdef"
cp "$M/manifest.ini" "$R/model.tmp-999999999-abcdef/"
mkdir "$R/model.tmp-$$-abcdef"
(umask 077 && "$SIFT" train -c "$T/pipeline.ini" -o "$R/model" \
    "$T/train.tsv" 2>/dev/null)
say "7: a new bundle directory gets the umask's mode" \
    test "$(stat -c %a "$R/model")" = 700
say "also: train -o removes stale temporaries of its own" \
    test "$(ls "$R" | grep tmp- | tr '\n' ' ')" = "model.tmp-$$-abcdef "
chmod 750 "$R/model"
"$SIFT" train -c "$T/pipeline.ini" -o "$R/model" "$T/train.tsv" 2>/dev/null
say "7: a replaced bundle directory keeps its mode" \
    test "$(stat -c %a "$R/model")" = 750
rm -rf "$R"

E="$T/evil"
mkdir "$E"
cat >"$E/evil.c" <<EOF
#include <stdlib.h>
__attribute__((constructor)) static void run(void)
{
    system("touch $E/pwned");
}
EOF
if cc -shared -fPIC -o "$E/segment.so" "$E/evil.c" 2>"$T/err"; then
    cp -r "$M" "$E/bundle"
    cp "$E/segment.so" "$E/bundle/segment.so"
    { printf '[pipeline]\nplugin_path = .\n'; cat "$M/manifest.ini"; } \
        >"$E/bundle/manifest.ini"
    check "3: a bundle's plugin_path is refused" 1 \
        "manifest.ini:2: \[pipeline\] plugin_path is not allowed in a model bundle" -- \
        "$SIFT" classify -m "$E/bundle" "$T/train.tsv"
    sed "s|^plugin = segment\$|plugin = ./segment.so|" "$M/manifest.ini" \
        >"$E/bundle/manifest.ini"
    check "3: a bundle naming a plugin by path is refused" 1 \
        "\[segmenter\] plugin = ./segment.so: a bundle names plugins by name only" -- \
        "$SIFT" classify -m "$E/bundle" "$T/train.tsv"
    sed "s|^plugin = segment\$|plugin = $E/segment.so|" "$M/manifest.ini" \
        >"$E/bundle/manifest.ini"
    check "3: ... or by absolute path" 1 "a bundle names plugins by name only" -- \
        "$SIFT" classify -m "$E/bundle" "$T/train.tsv"
    say "3: ... and the bundle's code never ran" test ! -e "$E/pwned"
else
    fail=$((fail + 1))
    echo "FAIL  3: cannot build the hostile plugin"
fi
sed "s|^plugin = segment\$|plugin = /tmp|" "$T/pipeline.ini" >"$T/tmp.ini"
check "12: plugin = /tmp is 'not a regular file'" 1 \
    "/tmp: not a regular file" -- \
    "$SIFT" segment -c "$T/tmp.ini" "$T/train.tsv"
if [ "$(id -u)" = 0 ]; then
    mkdir "$E/nobody"
    cp "$PWD/$BUILD/plugins/segment.so" "$E/nobody/segment.so"
    chmod 755 "$E/nobody/segment.so"
    chown 65534 "$E/nobody/segment.so"
    check "3: a plugin owned by another user is refused" 1 \
        "segment.so: refusing to load a plugin owned by uid 65534" -- \
        "$SIFT" plugins "$E/nobody/segment.so"
    check "3: ... unless SIFT_ALLOW_INSECURE_PLUGINS=1" 0 "" -- \
        env SIFT_ALLOW_INSECURE_PLUGINS=1 "$SIFT" plugins "$E/nobody/segment.so"
    chown 0 "$E/nobody/segment.so"
    chown 65534 "$E/nobody"
    check "3: a plugin in a directory owned by another user is refused" 1 \
        "refusing to load a plugin from .*/nobody, owned by uid 65534" -- \
        "$SIFT" plugins "$E/nobody/segment.so"
    chown 0 "$E/nobody"
else
    echo "skip  3: plugin ownership (needs root to chown a plugin to another user)"
    skipped=$((skipped + 1))
fi
ln -s "$PWD/$BUILD/plugins/segment.so" "$E/link.so"
check "3: a symlink to a trusted plugin loads" 0 "" -- "$SIFT" plugins "$E/link.so"
rm -rf "$E"

LIMIT_SAVED=$LIMIT
LIMIT=30
check "8: sift segment /dev/zero stops at the default --max-bytes" 3 \
    "skipped /dev/zero: larger than --max-bytes \(67108864\)" -- \
    "$SIFT" segment -c "$T/pipeline.ini" /dev/zero
LIMIT=$LIMIT_SAVED
check "8: sift segment --max-bytes skips a larger file, exit 3" 3 \
    "skipped .*train.tsv: larger than --max-bytes \(10\)" -- \
    "$SIFT" segment -c "$T/pipeline.ini" --max-bytes 10 "$T/train.tsv"
check "8: --max-bytes junk is a usage error" 2 "--max-bytes takes" -- \
    "$SIFT" segment -c "$T/pipeline.ini" --max-bytes 10x "$T/train.tsv"

sed -e 's/^model = model$/model = mq/' \
    -e 's/^labels = .*/labels = say"so, back\\slash/' "$T/pipeline.ini" \
    >"$T/quote.ini"
printf 'say"so\tThe army warned it would strike.\nback\\slash\tThe market reopened.\n' \
    >"$T/quote.tsv"
"$SIFT" train -c "$T/quote.ini" "$T/quote.tsv" 2>/dev/null
check "4: eval --json with labels holding a quote and a backslash" 0 "" -- \
    "$SIFT" eval -m "$T/mq" --json "$T/quote.tsv"
if command -v python3 >/dev/null; then
    say "4: ... is valid JSON" python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
assert set(m["labels"]) == {"say\"so", "back\\slash"}, m
' "$T/out"
fi

# --- issue 15: rows every tool reads (docs/ROWS.md) -------------------------
Q="$T/quotes"
mkdir "$Q"
{
    printf '"We will respond. They will regret it," he said.\n'
    printf '"Leading quote only. And a\ttab inside. ""Doubled"" quotes.\n'
    printf 'Back\\slash \\"x\\" and \\t here. A line\nbroken "in" the\r\nmiddle.\n'
    printf '""" Triple. "\n"\n\n\t"Tab-led quote" she said.\n'
    printf 'Bad \xff bytes "here". Mojibake â€œokâ€\x9d kept.\n'
} >"$Q/quotes.txt"
printf 'The army said "no".\n' >"$Q/$(printf 'say "hi"\tthere.txt')"
cp examples/news/*.txt "$Q/"
check "15: classify a file full of quotes, tsv" 0 "" -- \
    "$SIFT" classify -m "$M" -o "$T/q.tsv" "$Q"
check "15: ... jsonl" 0 "" -- "$SIFT" classify -m "$M" -f jsonl -o "$T/q.jsonl" "$Q"
if /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
    check "15: pandas.read_csv(sep='\t') reads every row exactly" 0 "" -- \
        /usr/bin/python3 tests/rows_check.py tsv "$T/q.tsv" battery
else
    fail=$((fail + 1))
    echo "FAIL  15: pandas is not installed (apt-get install python3-pandas)"
fi
check "15: every jsonl line parses with json, model and format in each" 0 "" -- \
    /usr/bin/python3 tests/rows_check.py jsonl "$T/q.jsonl" battery
if command -v csvcut >/dev/null; then
    check "15: csvkit's csvcut -t reads every row exactly" 0 "" -- \
        /usr/bin/python3 tests/rows_check.py csvkit "$T/q.tsv" battery
else
    echo "skip  15: csvkit is not installed (optional: apt-get install csvkit)"
    skipped=$((skipped + 1))
fi
say "15: every tsv row is one line" \
    test "$(wc -l <"$T/q.tsv")" = "$(($(wc -l <"$T/q.jsonl") + 1))"
check "15: --no-header drops the header line only" 0 "" -- \
    "$SIFT" classify -m "$M" --no-header "$Q"
say "15: ... the same rows after it" \
    eval 'tail -n +2 "$T/q.tsv" | cmp -s - "$T/out"'
rm -f ./-
check "15: -o - writes to stdout" 0 "" -- \
    "$SIFT" classify -m "$M" -o - "$Q/quotes.txt"
say "15: ... and makes no file named '-'" test ! -e ./-
say "15: ... the rows on stdout" grep -q "quotes.txt" "$T/out"
rm -rf "$Q"

# --- issue 15: tune ----------------------------------------------------------
check "15: tune checks a bad --grid value before any work, naming it" 2 \
    "sift tune: --grid classifier.C=abc: \[classifier\] C = 'abc': expected a number" -- \
    "$SIFT" tune -c pipeline.ini --grid classifier.C=1,abc models/claims/corpus/train/t1-0*.tsv
say "15: ... without blaming pipeline.ini:0 or starting a point" \
    eval '! grep -q "pipeline.ini:\|point\|samples" "$T/err"'
check "15: tune --grid with an unknown key suggests" 2 \
    "--grid classifier.CC=1: \[classifier\] unknown key 'CC' \(did you mean 'C'\?\)" -- \
    "$SIFT" tune -c pipeline.ini --grid classifier.CC=1 models/claims/corpus/train/t1-0*.tsv
TUNE=(tune -c pipeline.ini -k 3 --group doc --grid classifier.C=0.5,2
    --grid features.cues.weight=0.1,0.5 models/claims/corpus/train/t1-0*.tsv)
check "15: tune -j 1" 0 "best: classifier.C=" -- "$SIFT" "${TUNE[@]}"
cp "$T/out" "$T/tune1.out"
say "15: ... the table on stdout: mean and sd across folds, no best: line" \
    eval 'head -n 1 "$T/tune1.out" | grep -q "macro-f1	accuracy	fold_mean	fold_sd$" &&
        test "$(wc -l <"$T/tune1.out")" = 5 && ! grep -q best "$T/tune1.out"'
check "15: tune -j 3" 0 "3 at a time" -- "$SIFT" "${TUNE[@]}" -j 3
say "15: ... the same table as -j 1" cmp -s "$T/tune1.out" "$T/out"
check "15: tune -j 0 is refused" 2 "-j takes 1..256" -- "$SIFT" tune -j 0 x

# --- issue 15: explain -------------------------------------------------------
check "15: explain splits stdin into sentences" 0 "" -- sh -c \
    'printf "The army denied it. Rebels vowed to retaliate.\n" |
        "$1" explain -m models/claims/bundle -n 40' sh "$SIFT"
say "15: ... two sentences, each against its runner-up, with the bias" \
    eval 'test "$(grep -c "^label: .*runner-up" "$T/out")" = 2 &&
        test "$(grep -c "(bias: " "$T/out")" = 2'
say "15: ... the words marked (not a terminal: [+word] / [-word])" \
    grep -q "^sentence: .*\[+denied\]" "$T/out"
say "15: ... plain feature names: words quoted, cue classes in words" \
    eval 'grep -q "^ *[-+][0-9.]*  \"vowed to\"$" "$T/out" &&
        grep -q "^ *[-+][0-9.]*  threat word$" "$T/out" &&
        ! grep -q "features\.\|w\"" "$T/out"'
say "15: ... Rebels vowed to retaliate: the bias is what makes it background" \
    eval 'grep -A1 "^why background rather than threat" "$T/out" | grep -q "+[0-9.]*  (bias"'

echo "battery: $pass passed, $fail failed, $skipped skipped"
[ "$fail" = 0 ]
