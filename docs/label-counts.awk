# label-counts.awk - reducer for sift classify TSV rows sorted by path:
# one line per file with its sentence count per label, labels in the
# order first seen in the input.
$1 != file {
    if (file != "") flush()
    file = $1
}
!($5 in seen) { seen[$5] = 1; order[++nl] = $5 }
{ n[$5]++ }
END { if (file != "") flush() }
function flush(   i, out) {
    out = file
    for (i = 1; i <= nl; i++)
        out = out "\t" order[i] "=" (n[order[i]] + 0)
    print out
    delete n
}
