#!/bin/sh
# mkman.sh - write the man pages of sift and of each of its commands from
# their --help text, so the pages can never disagree with the program.
#   docs/mkman.sh SIFT OUTDIR
set -eu
sift=$1
out=$2
mkdir -p "$out"
version=$("$sift" --version | cut -d' ' -f2)
# roff-escape: backslashes, and lines starting with . or '
esc() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
page() { # name, section title, one-line summary, help text on stdin
    {
        printf '.TH %s 1 "" "sift %s" "sift manual"\n' \
            "$(echo "$1" | tr a-z A-Z)" "$version"
        printf '.SH NAME\n%s \\- %s\n' "$1" "$2"
        printf '.SH SYNOPSIS\n.nf\n'
        sed -n '1,/^$/p' "$3" | sed 's/^usage: //; s/^       //; /^$/d' | esc
        printf '.fi\n.SH DESCRIPTION\n.nf\n'
        sed '1,/^$/d' "$3" | esc
        printf '.fi\n'
        cat
    }
}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$sift" --help >"$tmp"
page sift "label the sentences of news as allegation, denial, threat or \
background" "$tmp" >"$out/sift.1" <<'ROFF'
.SH EXIT STATUS
0 success; 1 failure (bad input, model, plugin or I/O, with one message
naming the file and, where there is one, the line and key); 2 usage
error; 3 finished, but some inputs were skipped.
.SH ENVIRONMENT
.TP
.B SIFT_PLUGIN_PATH
colon-separated directories searched for plugins before the install
directory.
.TP
.B SIFT_NO_PROGRESS
set to suppress the progress line that long runs print when standard
error is a terminal.
.TP
.B SIFT_ALLOW_INSECURE_PLUGINS
set to 1 to load plugins that are group- or world-writable.
.SH FILES
.TP
.I ./pipeline.ini
the pipeline used when no \-c or \-m is given; if there is none, the
installed one in the data directory (share/sift/pipeline.ini), with the
shipped model beside it.
.SH SEE ALSO
sift-classify(1), sift-segment(1), sift-train(1), sift-eval(1),
sift-tune(1), sift-explain(1), sift-plugins(1)
ROFF
"$sift" --help | sed -n '/^commands:/,/^$/p' | sed '1d;/^$/d' |
    while read -r cmd summary; do
        "$sift" "$cmd" --help >"$tmp"
        printf '.SH SEE ALSO\nsift(1)\n' |
            page "sift-$cmd" "$summary" "$tmp" >"$out/sift-$cmd.1"
    done
