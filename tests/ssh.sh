#!/usr/bin/env bash
# ssh.sh - runs the ssh recipe (examples/ssh/sift-ssh: GNU parallel
# --sshlogin with --transferfile/--return) against a real sshd on
# 127.0.0.1, started here on a free port with generated keys, as the
# invoking user.  The documents reach the "host" only by transfer and the
# rows come back only by --return; the merged rows must equal one plain
# `sift classify` byte for byte.  A job that fails must be named, and a
# second run must re-run it alone.  sshd is stopped by pid however the
# test ends.  With arguments, runs them as a command instead.
set -u
BUILD=${SIFT_BUILD:-build}
SIFT="$PWD/$BUILD/sift"
RECIPE="$PWD/examples/ssh/sift-ssh"
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins" SIFT_NO_PROGRESS=1
export PATH="$PATH:/usr/sbin:/sbin"
M="$PWD/models/claims/bundle"
name="parallel over ssh gives the plain rows"

skip() { echo "skip  $name: $*"; exit 0; }
have() {
    for c in sshd ssh ssh-keygen rsync parallel perl; do
        command -v "$c" >/dev/null || return 1
    done
}
have || { [ "$(id -u)" = 0 ] && .ci/deps test >/dev/null 2>&1 && have; } ||
    skip "openssh-server, openssh-client, rsync and parallel are needed" \
        "(apt-get install openssh-server openssh-client rsync parallel)"

T=$(mktemp -d "${TMPDIR:-/tmp}/sift-ssh-XXXXXX")
sshd_pid=""
cleanup() {
    if [ -n "$sshd_pid" ]; then
        kill "$sshd_pid" 2>/dev/null
        wait "$sshd_pid" 2>/dev/null
    fi
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
fail() {
    echo "not ok  $name: $*"
    [ -s "$T/sshd.log" ] && tail -n 20 "$T/sshd.log" >&2
    exit 1
}

# as root the test controls the whole setup, so a setup failure is a
# failure; as another user, sshd or the login may be impossible here (a
# nologin shell, a policy), which is no fault of the recipe
setup_failed() {
    [ "$(id -u)" = 0 ] || {
        echo "skip  $name: $1 (as $(id -un); run make test as root)"
        exit 0
    }
    fail "$1"
}

# a TCP port nobody listens on: not in /proc/net/tcp{,6}
free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 30000))
        grep -qi ":$(printf '%04X' "$p") " /proc/net/tcp /proc/net/tcp6 \
            2>/dev/null || { echo "$p"; return; }
    done
    return 1
}

# --- sshd on loopback, this user only, keys made here
user=$(id -un)
port=$(free_port) || fail "no free port found"
ssh-keygen -q -t ed25519 -N '' -C sift-test-host -f "$T/host_key" &&
    ssh-keygen -q -t ed25519 -N '' -C sift-test-user -f "$T/user_key" ||
    fail "ssh-keygen failed"
cp "$T/user_key.pub" "$T/authorized_keys"
cat >"$T/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $T/host_key
PidFile $T/sshd.pid
AuthorizedKeysFile $T/authorized_keys
AllowUsers $user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
EOF
echo "[127.0.0.1]:$port $(cat "$T/host_key.pub")" >"$T/known_hosts"
cat >"$T/ssh_config" <<EOF
Host sift-loop
    HostName 127.0.0.1
    Port $port
    User $user
    IdentityFile $T/user_key
    IdentitiesOnly yes
    UserKnownHostsFile $T/known_hosts
    StrictHostKeyChecking yes
    BatchMode yes
EOF
# as root, sshd wants its privilege separation directory (the Debian
# service creates it at boot; a machine that never started sshd has none)
[ "$(id -u)" != 0 ] || [ -d /run/sshd ] || mkdir -m 755 /run/sshd
"$(command -v sshd)" -D -e -f "$T/sshd_config" 2>"$T/sshd.log" &
sshd_pid=$!
for _ in $(seq 40); do
    ssh -F "$T/ssh_config" sift-loop true 2>/dev/null && break
    kill -0 "$sshd_pid" 2>/dev/null || setup_failed "sshd did not start"
    sleep 0.25
done
ssh -F "$T/ssh_config" sift-loop true 2>"$T/ssh.err" ||
    setup_failed "cannot log in to the test sshd: $(cat "$T/ssh.err")"

# tests/ssh.sh COMMAND...: run COMMAND instead of the checks, with
# SIFT_SSH (the ssh command) and SIFT_SSHLOGIN (the host) set, then stop
if [ $# -gt 0 ]; then
    SIFT_SSH="ssh -F $T/ssh_config" SIFT_SSHLOGIN=sift-loop "$@"
    exit
fi

# --- the plain run
find examples/news -type f | LC_ALL=C sort >"$T/list"
"$SIFT" classify -m "$M" -j 1 --summary --files-from "$T/list" \
    >"$T/plain.tsv" 2>"$T/plain.err" || fail "plain sift classify failed"
grep '^total	' "$T/plain.err" >"$T/plain.counts"

# --- the recipe, with a sift that fails the job holding 09.txt while
# $T/break exists; the workdir on the "host" is apart from the documents
cat >"$T/flaky-sift" <<EOF
#!/bin/sh
prev=
for a; do
    [ "\$prev" != --files-from ] || [ ! -e "$T/break" ] ||
        ! grep -q 09.txt "\$a" || exit 1
    prev=\$a
done
exec "$SIFT" "\$@"
EOF
chmod +x "$T/flaky-sift"
run() {
    "$RECIPE" -S 2/sift-loop --ssh "ssh -F $T/ssh_config" -N 2 \
        --sift "$T/flaky-sift" --workdir "$T/remote" \
        "$T/rows.tsv" "$T/list" -m "$M" 2>"$T/run.err"
}
touch "$T/break"
run && fail "a failing job went unnoticed"
grep -q "failed jobs: 2 (of 3" "$T/run.err" ||
    fail "the failed job was not named: $(tail -n 3 "$T/run.err")"
[ ! -e "$T/rows.tsv" ] || fail "rows were written with a failed job"
rm "$T/break"
run || fail "the re-run failed: $(tail -n 3 "$T/run.err")"
# the joblog: three lines from the first run, one (job 2) from the second
[ "$(wc -l <"$T/rows.tsv.parts/joblog")" = 5 ] &&
    [ "$(tail -n 1 "$T/rows.tsv.parts/joblog" | cut -f1)" = 2 ] ||
    fail "the re-run ran more than job 2: $(cat "$T/rows.tsv.parts/joblog")"
[ ! -e "$T/remote" ] || fail "the remote workdir was not cleaned up"
echo "ok  parallel over ssh names a failed job and re-runs it alone"
cmp -s "$T/plain.tsv" "$T/rows.tsv" || fail "merged rows differ"
cmp -s "$T/plain.counts" "$T/rows.tsv.counts" ||
    fail "counts differ: $(cat "$T/rows.tsv.counts")"
echo "ok  $name"
