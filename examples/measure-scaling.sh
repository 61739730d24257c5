#!/usr/bin/env bash
# measure-scaling.sh - times the scale-out recipes of docs/SCALING.md on
# this machine next to plain `sift classify -j 1` and `-j 2`, on documents
# generated from models/claims/corpus by bench/gencorpus.py, and checks
# that every recipe gives the plain rows.  The Slurm cluster and the sshd
# are the throwaway ones of tests/slurm.sh and tests/ssh.sh (root needed
# for Slurm).  Usage: examples/measure-scaling.sh [BUILD] [MB]
set -euo pipefail
BUILD=${1:-build}
MB=${2:-100}
R=$PWD
W="$R/$BUILD/scale"
export SIFT="$R/$BUILD/sift" SIFT_PLUGIN_PATH="$R/$BUILD/plugins"
export SIFT_NO_PROGRESS=1 M="$R/models/claims/bundle" W
mkdir -p "$W"
[ -f "$W/corpus.ok" ] || {
    rm -rf "$W/corpus"
    python3 bench/gencorpus.py "$W/corpus" "$MB" 1 >"$W/corpus.ok"
}
cd "$W"
find corpus -type f | LC_ALL=C sort >list
n=$(wc -l <list)
bytes=$(xargs cat <list | wc -c)
echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg);" \
    "$n documents, $bytes bytes"

# report LABEL SECONDS ROWS-FILE: one line of figures, checked against -j 1
report() {
    awk -v l="$1" -v s="$2" -v n="$n" -v b="$bytes" 'BEGIN {
        printf "%-38s %6.1f s  %7.0f docs/s  %5.1f MB/s\n",
            l, s, n / s, b / 1e6 / s }'
    [ "$3" = plain-1.tsv ] || cmp -s plain-1.tsv "$3" ||
        echo "WARNING: $3 differs from the plain rows"
}
export -f report
export n bytes
now() { date +%s.%N; }
export -f now
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }
export -f secs

for j in 1 2; do
    t=$(now)
    "$SIFT" classify -m "$M" -j "$j" --files-from list -o "plain-$j.tsv"
    report "sift classify -j $j" "$(secs "$t")" "plain-$j.tsv"
done

if [ "$(id -u)" = 0 ]; then
    (cd "$R" && tests/slurm.sh bash -c '
        set -e
        cd "$W"
        for shards in 2 8; do
            rm -rf "slurm-$shards"
            t=$(now)
            '"$R"'/examples/slurm/sift-slurm prepare "slurm-$shards" \
                "$shards" list -m "$M" >/dev/null
            # poll every 0.5 s: sbatch --wait polls at 2, 8, 32... s
            job=$('"$R"'/examples/slurm/sift-slurm submit "slurm-$shards" \
                --parsable | tail -n 1)
            while [ -n "$(squeue -h -j "$job" 2>/dev/null)" ]; do
                sleep 0.5
            done
            '"$R"'/examples/slurm/sift-slurm merge "slurm-$shards" \
                "slurm-$shards.tsv" 2>/dev/null
            report "slurm array, $shards shards x 1 CPU" "$(secs "$t")" \
                "slurm-$shards.tsv"
        done')
fi

# ssh: each job opens several ssh connections (transfer, command, return,
# cleanup); "mux" shares one connection, held open by a master started
# here and stopped by pid (ssh's ControlMaster, as docs/SCALING.md advises)
(cd "$R" && tests/ssh.sh bash -c '
    set -e
    cd "$W"
    mux="-o ControlPath=$W/ssh-mux -o ControlMaster=no"
    $SIFT_SSH -M -N -o ControlPath="$W/ssh-mux" -o ControlPersist=no \
        "$SIFT_SSHLOGIN" &
    master=$!
    trap "kill $master; wait $master" EXIT
    until $SIFT_SSH -o ControlPath="$W/ssh-mux" -O check "$SIFT_SSHLOGIN" \
        2>/dev/null; do sleep 0.2; done
    for run in "2000 " "500 $mux" "2000 $mux" "6400 $mux"; do
        per=${run%% *} opts=${run#* }
        rm -rf "ssh-$per.tsv"* remote
        t=$(now)
        '"$R"'/examples/ssh/sift-ssh -S "2/$SIFT_SSHLOGIN" \
            --ssh "$SIFT_SSH $opts" -N "$per" --sift "$SIFT" \
            --workdir "$W/remote" "ssh-$per.tsv" list -m "$M" 2>/dev/null
        report "parallel over ssh, 2 slots, -N $per${opts:+, mux}" \
            "$(secs "$t")" "ssh-$per.tsv"
    done')
