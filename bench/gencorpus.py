#!/usr/bin/env python3
"""gencorpus.py - generate a reproducible corpus of news-like documents
for benchmarks, from the articles in models/claims/corpus.

Each document takes one article's sentences in order and lays them out as
users save news: a headline line, a byline, paragraphs of two to four
sentences separated by blank lines, hard-wrapped at 72 columns in a third
of the documents, CRLF line ends in a tenth, a boilerplate tail.  Sentences
of a second article are mixed in so that documents are not repeats.

usage: gencorpus.py OUTDIR MEGABYTES [SEED]
"""
import glob
import os
import random
import sys
import textwrap


def articles(root):
    out = []
    for path in sorted(glob.glob(os.path.join(root, "*", "*.tsv"))):
        sents = []
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            sents.append(line.split("\t", 1)[1])
        if len(sents) > 4:
            out.append(sents)
    return out


def main():
    outdir, mb = sys.argv[1], float(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    here = os.path.dirname(os.path.abspath(__file__))
    arts = articles(os.path.join(here, "..", "models", "claims", "corpus"))
    os.makedirs(outdir, exist_ok=True)
    total, n, target = 0, 0, int(mb * 1e6)
    tails = ["Continue reading", "Share this article",
             "Support independent journalism", "Last updated: 14:32 GMT"]
    while total < target:
        a, b = rng.choice(arts), rng.choice(arts)
        body = a[1:] + rng.sample(b[1:], min(len(b) - 1, 6))
        paras, i = [], 0
        while i < len(body):
            k = rng.randint(2, 4)
            paras.append(" ".join(body[i:i + k]))
            i += k
        if rng.random() < 1 / 3:
            paras = [textwrap.fill(p, 72) for p in paras]
        text = a[0] + "\nBy Staff Writer\n\n" + "\n\n".join(paras)
        text += "\n\n" + rng.choice(tails) + "\n"
        if rng.random() < 0.1:
            text = text.replace("\n", "\r\n")
        sub = os.path.join(outdir, "%03d" % (n // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "doc%06d.txt" % n), "w",
                  encoding="utf-8", newline="") as f:
            f.write(text)
        total += len(text.encode("utf-8"))
        n += 1
    print("%d documents, %.1f MB in %s" % (n, total / 1e6, outdir))


if __name__ == "__main__":
    main()
