#!/usr/bin/env bash
# slurm.sh - runs the Slurm recipe (examples/slurm/sift-slurm) on a real
# single-node cluster: a generated munge key, munged, slurmctld and slurmd
# on 127.0.0.1 with non-default ports, all state under a temporary
# directory.  The job array's merged rows and counts must equal one plain
# `sift classify` byte for byte; a shard that fails must be named by
# `check`, refused by `merge` and re-run on its own.  Every daemon started
# here is stopped by pid however the test ends.  Needs root (slurmd).
# With arguments, runs them as a command on the cluster instead.
set -u
BUILD=${SIFT_BUILD:-build}
SIFT="$PWD/$BUILD/sift"
RECIPE="$PWD/examples/slurm/sift-slurm"
export SIFT_PLUGIN_PATH="$PWD/$BUILD/plugins" SIFT_NO_PROGRESS=1
export PATH="$PATH:/usr/sbin:/sbin"
M="$PWD/models/claims/bundle"
name="slurm job array gives the plain rows"

skip() { echo "skip  $name: $*"; exit 0; }
[ "$(id -u)" = 0 ] || skip "slurmd needs root; run make test as root"
have() {
    for c in munged slurmctld slurmd sbatch sinfo scancel; do
        command -v "$c" >/dev/null || return 1
    done
}
have || { .ci/deps test >/dev/null 2>&1 && have; } ||
    skip "slurm-wlm and munge are not installed and could not be" \
        "installed (apt-get install slurm-wlm munge)"

T=$(mktemp -d "${TMPDIR:-/tmp}/sift-slurm-XXXXXX")
chmod 755 "$T" # munged wants its socket's directories searchable by all
pids=""        # daemons started here, stopped in reverse order
cleanup() {
    if [ -n "$pids" ]; then
        timeout 10 scancel --quiet --user=root >/dev/null 2>&1
        for p in $pids; do kill "$p" 2>/dev/null; done
        for p in $pids; do
            for _ in 1 2 3 4 5 6 7 8 9 10; do
                kill -0 "$p" 2>/dev/null || break
                sleep 0.5
            done
            kill -9 "$p" 2>/dev/null
            wait "$p" 2>/dev/null
        done
    fi
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

logs() {
    for f in "$T"/log/* "$T"/work/logs/*; do
        [ -s "$f" ] || continue
        echo "--- $f" && tail -n 15 "$f"
    done >&2
}
fail() { echo "not ok  $name: $*"; logs; exit 1; }

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

# --- munge: its own key and socket
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/log"
head -c 1024 /dev/urandom >"$T/munge/munge.key"
chmod 600 "$T/munge/munge.key"
munged -F --socket="$T/munge/sock" --key-file="$T/munge/munge.key" \
    --pid-file="$T/munge/pid" --seed-file="$T/munge/seed" \
    --log-file="$T/log/munged.log" >"$T/log/munged.out" 2>&1 &
pids="$!"

# --- slurm: one node, this host on loopback
H=$(hostname -s)
ctld_port=$(free_port) && slurmd_port=$(free_port) ||
    fail "no free port found"
[ "$ctld_port" != "$slurmd_port" ] || slurmd_port=$((ctld_port + 1))
cat >"$T/slurm.conf" <<EOF
ClusterName=sifttest
SlurmctldHost=$H(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
CommunicationParameters=NoCtldInAddrAny,NoInAddrAny
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/sock
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
NodeName=$H NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=sift Nodes=$H Default=YES MaxTime=INFINITE State=UP
EOF
# run inside a Slurm job, the caller's SLURM_* and SBATCH_* variables
# would leak into this cluster's sbatch
unset $(env | sed -n 's/^\(S\(LURM\|BATCH\)_[A-Za-z0-9_]*\)=.*/\1/p')
export SLURM_CONF="$T/slurm.conf"
for _ in $(seq 20); do [ -S "$T/munge/sock" ] && break; sleep 0.5; done
[ -S "$T/munge/sock" ] || fail "munged did not start"
slurmctld -D -f "$SLURM_CONF" >"$T/log/slurmctld.out" 2>&1 &
pids="$! $pids"
slurmd -D -f "$SLURM_CONF" >"$T/log/slurmd.out" 2>&1 &
pids="$! $pids"
state=""
for _ in $(seq 60); do
    state=$(sinfo -h -n "$H" -o %t 2>/dev/null) && [ "$state" = idle ] &&
        break
    sleep 0.5
done
[ "$state" = idle ] || fail "the node did not come up (state '$state')"

# tests/slurm.sh COMMAND...: run COMMAND on this cluster instead of the
# checks (SLURM_CONF is exported), e.g. to time the recipe, then stop it
if [ $# -gt 0 ]; then
    "$@"
    exit
fi

# --- the plain run, then the recipe with shard 1 broken on purpose
find examples/news -type f | LC_ALL=C sort >"$T/list"
"$SIFT" classify -m "$M" -j 1 --summary --files-from "$T/list" \
    >"$T/plain.tsv" 2>"$T/plain.err" || fail "plain sift classify failed"
grep '^total	' "$T/plain.err" >"$T/plain.counts"

W="$T/work"
SIFT="$SIFT" "$RECIPE" prepare "$W" 3 "$T/list" -m "$M" >/dev/null ||
    fail "prepare failed"
cp "$W/shards/0001.list" "$T/0001.list"
echo "$T/no-such-document.txt" >>"$W/shards/0001.list"
timeout 300 "$RECIPE" submit "$W" --wait --quiet >/dev/null 2>&1
"$RECIPE" check "$W" >"$T/check.txt" && fail "check missed a failed shard"
grep -q '^shard 1: sift exited 3' "$T/check.txt" &&
    [ "$(grep -c '^shard ' "$T/check.txt")" = 1 ] ||
    fail "check did not name shard 1 alone: $(cat "$T/check.txt")"
"$RECIPE" merge "$W" "$T/rows.tsv" 2>/dev/null &&
    fail "merge went ahead with a failed shard"
[ ! -e "$T/rows.tsv" ] || fail "merge wrote rows with a failed shard"

# fix the shard, re-run: only shard 1 may run again
cp "$W/shards/0000.status" "$W/shards/0002.status" "$T/"
cp "$T/0001.list" "$W/shards/0001.list"
timeout 300 "$RECIPE" submit "$W" --wait --quiet >"$T/submit.txt" 2>&1 ||
    fail "re-run of shard 1 failed: $(cat "$T/submit.txt")"
grep -q "submitting shards 1$" "$T/submit.txt" ||
    fail "re-run submitted more than shard 1: $(cat "$T/submit.txt")"
cmp -s "$T/0000.status" "$W/shards/0000.status" &&
    cmp -s "$T/0002.status" "$W/shards/0002.status" ||
    fail "shards 0 and 2 ran again"
"$RECIPE" merge "$W" "$T/rows.tsv" 2>/dev/null || fail "merge failed"
cmp -s "$T/plain.tsv" "$T/rows.tsv" || fail "merged rows differ"
cmp -s "$T/plain.counts" "$T/rows.tsv.counts" ||
    fail "counts differ: $(cat "$T/rows.tsv.counts")"
echo "ok  slurm failed shard is named, refused by merge and re-run alone"
echo "ok  $name"
