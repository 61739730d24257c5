#!/usr/bin/env python3
"""score.py GOLD PRED [NAME] - per-label precision/recall/F1, macro-F1 and
accuracy for two files of labels, one a line (as sift eval reports them)."""
import sys

LABELS = ["allegation", "denial", "threat", "background"]


def main():
    gold = [l.strip() for l in open(sys.argv[1])]
    pred = [l.strip().replace("__label__", "") for l in open(sys.argv[2])]
    name = sys.argv[3] if len(sys.argv) > 3 else sys.argv[2]
    assert len(gold) == len(pred), (len(gold), len(pred))
    f1s = []
    cells = []
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        np_ = sum(p == lab for p in pred)
        ng = sum(g == lab for g in gold)
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        cells.append("%s %.3f" % (lab, f))
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    print("%-34s macro-F1 %.3f  accuracy %.3f  F1: %s" %
          (name, sum(f1s) / len(f1s), acc, ", ".join(cells)))


if __name__ == "__main__":
    main()
