#!/usr/bin/env python3
"""sklearn_baseline.py TRAIN.tsv TEST.txt OUT - scikit-learn's
TfidfVectorizer (word 1-2-grams, sublinear tf) + LinearSVC (balanced class
weights), trained on label<TAB>sentence lines, predicting one label a line
of TEST.txt into OUT."""
import sys

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC


def main():
    labels, texts = [], []
    for line in open(sys.argv[1], encoding="utf-8"):
        lab, _, text = line.rstrip("\n").partition("\t")
        labels.append(lab)
        texts.append(text)
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
        LinearSVC(class_weight="balanced", C=1.0))
    model.fit(texts, labels)
    test = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")]
    with open(sys.argv[3], "w") as f:
        for p in model.predict(test):
            f.write(p + "\n")


if __name__ == "__main__":
    main()
