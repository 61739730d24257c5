#!/usr/bin/python3
"""rows_check.py - read sift classify's rows the way users do, and check
every field against the documents they came from (docs/ROWS.md).

  rows_check.py tsv ROWS.tsv MODEL_NAME       pandas.read_csv(sep='\\t')
  rows_check.py csvkit ROWS.tsv MODEL_NAME    csvkit's reader (agate), -t
  rows_check.py jsonl ROWS.jsonl MODEL_NAME   json.loads, line by line

Each row's text must be its document's bytes [start, end) (in TSV with
control bytes shown as spaces), its path a file that exists, and the number of rows
what the file holds.  Exits non-zero with the first difference."""
import json
import os
import sys

COLUMNS = ["path", "index", "start", "end", "label", "confidence", "text"]


def expected_text(path, start, end, flat):
    with open(path, "rb") as f:
        raw = f.read()[start:end]
    if flat:  # TSV: control bytes shown as spaces
        raw = bytes(b if b >= 0x20 and b != 0x7F else 0x20 for b in raw)
    return raw.decode("utf-8", errors="replace")


def unescape_path(field):
    """A TSV path field back to the path (docs/ROWS.md)."""
    out, i = bytearray(), 0
    raw = field.encode("utf-8")
    while i < len(raw):
        if raw[i:i + 1] == b"\\":
            c = raw[i + 1:i + 2]
            if c == b"x":
                out.append(int(raw[i + 2:i + 4], 16))
                i += 4
                continue
            out += {b"t": b"\t", b"n": b"\n", b"r": b"\r", b"\\": b"\\"}[c]
            i += 2
        else:
            out.append(raw[i])
            i += 1
    return os.fsdecode(bytes(out))


def check_row(i, path, start, end, label, conf, text, flat=True):
    if flat:
        path = unescape_path(path)
    assert os.path.exists(path), f"row {i}: no file {path!r}"
    want = expected_text(path, start, end, flat)
    assert text == want, f"row {i}: text {text!r}, file has {want!r}"
    assert label in ("allegation", "denial", "threat", "background"), \
        f"row {i}: label {label!r}"
    assert 0.0 <= conf <= 1.0, f"row {i}: confidence {conf!r}"


def data_lines(rows_path):
    with open(rows_path, "rb") as f:
        return f.read().count(b"\n")


def check_tsv(rows_path, _model):
    import pandas
    d = pandas.read_csv(rows_path, sep="\t")
    assert list(d.columns) == COLUMNS, list(d.columns)
    n = data_lines(rows_path) - 1  # the header; every row is one line
    assert len(d) == n, f"pandas read {len(d)} rows of {n}"
    for i, r in enumerate(d.itertuples(index=False)):
        check_row(i, r.path, int(r.start), int(r.end), r.label,
                  float(r.confidence), r.text)
    return len(d)


def check_csvkit(rows_path, _model):
    """csvcut -t reads the TSV and writes CSV: read that back with csv."""
    import csv
    import io
    import subprocess
    out = subprocess.run(["csvcut", "-t", "-c", ",".join(COLUMNS), rows_path],
                         check=True, capture_output=True).stdout
    rows = list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))
    assert rows[0] == COLUMNS, rows[0]
    n = data_lines(rows_path) - 1
    assert len(rows) - 1 == n, f"csvcut read {len(rows) - 1} rows of {n}"
    for i, r in enumerate(rows[1:]):
        check_row(i, r[0], int(r[2]), int(r[3]), r[4], float(r[5]), r[6])
    return n


def check_jsonl(rows_path, model):
    n = 0
    with open(rows_path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            r = json.loads(line)
            assert r["model"] == model, f"row {i}: model {r['model']!r}"
            assert r["format"] == 1, f"row {i}: format {r['format']!r}"
            assert set(r["scores"]) == {"allegation", "denial", "threat",
                                        "background"}, r["scores"]
            check_row(i, r["path"], r["start"], r["end"], r["label"],
                      r["confidence"], r["text"], flat=False)
            n += 1
    return n


if __name__ == "__main__":
    kind, rows_path, model = sys.argv[1:4]
    n = {"tsv": check_tsv, "csvkit": check_csvkit,
         "jsonl": check_jsonl}[kind](rows_path, model)
    assert n > 0, "no rows"
    print(f"{kind}: {n} rows read exactly")
