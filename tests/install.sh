#!/usr/bin/env bash
# install.sh - `make install` gives a sift that works from anywhere: built
# for its PREFIX (also after a build for another one), with the shipped
# model and default pipeline, man pages, bash completion and sift.pc; and
# DESTDIR stages the same tree.  Part of `make test`.
set -u
# under the build tree: plugins under a world-writable /tmp would be refused
mkdir -p build
T=$(mktemp -d "$PWD/build/install-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { echo "ok    $1"; pass=$((pass + 1)); }
bad() { echo "FAIL  $1"; fail=$((fail + 1)); }
B="$T/build"
# an install is a plain build, also when make test runs with SANITIZE=1
# (which reaches these makes through MAKEFLAGS and the environment)
unset MAKEFLAGS MFLAGS SANITIZE
P="$T/prefix"
# a build for the default prefix first: install must rebuild for P
make -s BUILD="$B" all >"$T/log" 2>&1 &&
    make -s BUILD="$B" PREFIX="$P" install >>"$T/log" 2>&1 ||
    { cat "$T/log"; bad "make install PREFIX=..."; }
mkdir -p "$T/elsewhere"
cp examples/news/01.txt "$T/elsewhere/some.txt"
if (cd "$T/elsewhere" && "$P/bin/sift" classify -v some.txt \
    >"$T/rows" 2>"$T/err") && [ -s "$T/rows" ] &&
    grep -q "pipeline $P/share/sift/pipeline.ini" "$T/err"; then
    ok "installed sift classifies from another directory with its model"
else
    cat "$T/err"; bad "installed sift classifies from another directory"
fi
if cmp -s "$T/rows" <(build/sift classify -m models/claims/bundle \
    "$T/elsewhere/some.txt" | sed "s|$T/elsewhere/||"); then
    ok "installed model gives the source tree's rows"
else
    bad "installed model gives the source tree's rows"
fi
if command -v man >/dev/null && MANPATH="$P/share/man" man -w sift-classify \
    >/dev/null 2>&1 && man -l "$P/share/man/man1/sift.1" 2>/dev/null |
    grep -q "EXIT STATUS"; then
    ok "man pages for sift and its commands"
elif ! command -v man >/dev/null; then
    [ -s "$P/share/man/man1/sift-classify.1" ] &&
        ok "man pages installed (no man command to render them)" ||
        bad "man pages installed"
else
    bad "man pages for sift and its commands"
fi
if [ "$(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --variable=plugindir \
    sift)" = "$P/lib/sift/plugins" ]; then
    ok "sift.pc names the plugin directory"
else
    bad "sift.pc names the plugin directory"
fi
# a program built against the installed libsift (pkg-config) labels a
# sentence with the installed model
cat >"$T/use.c" <<'EOF'
#include <stdio.h>
#include <string.h>
#include "sift/sift.h"
int main(int argc, char **argv)
{
    struct sift_error err = {0};
    sift_model *m = argc > 1 ? sift_open(argv[1], &err) : NULL;
    sift_session *s = m ? sift_session_new(m, &err) : NULL;
    int label;
    const char *t = "The rebels denied the accusation.";
    if (!s || sift_classify_sentence(s, t, strlen(t), &label, NULL, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    printf("%s\n", sift_label(m, (size_t)label));
    sift_session_free(s);
    sift_close(m);
    return 0;
}
EOF
if cc -std=c11 -o "$T/use" "$T/use.c" \
    $(PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --cflags --libs sift) \
    2>"$T/err" &&
    LD_LIBRARY_PATH="$P/lib" "$T/use" "$P/share/sift/models/claims/bundle" \
    >"$T/label" 2>>"$T/err" && grep -qx denial "$T/label"; then
    ok "a program linked with the installed libsift labels a sentence"
else
    cat "$T/err"; bad "a program linked with the installed libsift"
fi
words=$(bash -c "source '$P/share/bash-completion/completions/sift'
    COMP_WORDS=('$P/bin/sift' classify --min); COMP_CWORD=2; _sift
    echo \${COMPREPLY[*]}")
[ "$words" = "--min-confidence" ] && ok "bash completion of long options" ||
    bad "bash completion of long options (got '$words')"
make -s BUILD="$B" PREFIX=/opt/sift DESTDIR="$T/stage" install \
    >"$T/log" 2>&1 && [ -x "$T/stage/opt/sift/bin/sift" ] &&
    [ -f "$T/stage/opt/sift/share/sift/models/claims/bundle/manifest.ini" ] &&
    ok "DESTDIR stages the tree" || bad "DESTDIR stages the tree"
echo "install: $pass passed, $fail failed"
[ "$fail" = 0 ]
