#!/usr/bin/env python3
"""error-patterns.py - group a model's errors by the construction that
caused them, so that a change can be judged by which errors it fixes.

Reads `sift eval --errors` output on stdin and prints, for the errors
on sentences that accuse, deny or threaten and for those on background
sentences, how many fall under each pattern.  A sentence counts
under the first pattern that matches.  The patterns are general English
news constructions, written for this project, not phrases of any set.

    sift eval -m BUNDLE --errors SAMPLES | bench/error-patterns.py
"""
import re
import sys

WORD = r"[A-Za-z’']+"
PATTERNS = [
    ("title-case headline",
     lambda s: len([w for w in s.split() if len(w) >= 4]) >= 4 and
     sum(w[0].isupper() for w in s.split() if len(w) >= 4) * 4 >=
     3 * len([w for w in s.split() if len(w) >= 4])),
    ("diplomatic protest, condemnation, sanctions",
     lambda s: re.search(r"\b(summon\w*|protest\w*|condemn\w*|denounc\w*|"
                         r"sanction\w*|expel\w*|expulsion|persona non grata|"
                         r"envoy|ambassador|outrage)\b", s, re.I)),
    ("court, charge, plea, ruling",
     lambda s: re.search(r"\b(court|judge|charg\w+|plead\w*|plea|guilty|"
                         r"appeal\w*|ruling|ruled|verdict|indict\w*|"
                         r"prosecut\w+|complaint|lawsuit|fined?)\b", s, re.I)),
    ("attributed act (said/claimed ... attacked)",
     lambda s: re.search(r"\b(said|says|say|claim\w*|alleg\w*|according|"
                         r"told|believe\w*|insist\w*|report\w*)\b", s, re.I)
     and re.search(r"\b(attack\w*|kill\w*|shell\w*|bomb\w*|struck|strike\w*|"
                   r"fir(e|ed|ing)|raid\w*|seiz\w*|hack\w*|breach\w*|"
                   r"shot|shoot\w*|destroy\w*|burn\w*|tortur\w*|abduct\w*|"
                   r"violat\w*|intru\w*|target\w*|poison\w*|execut\w*)\b",
                   s, re.I)),
    ("other attributed statement",
     lambda s: re.search(r"\b(said|says|say|claim\w*|told|added|stated|"
                         r"according)\b", s, re.I)),
    ("quote without attribution",
     lambda s: re.search(r"[\"“”]", s) or len(s.split()) <= 8),
    ("narration, no attribution", lambda s: True),
]


def main():
    groups = {}
    gold = pred = None
    for line in sys.stdin:
        m = re.match(r"## (\w+) -> (\w+) \(", line)
        if m:
            gold, pred = m.groups()
            continue
        if gold and "\t" in line:
            text = line.rstrip("\n").split("\t", 1)[1]
            kind = "act" if gold != "background" else "background"
            name = next(n for n, f in PATTERNS if f(text))
            groups.setdefault((kind, name), 0)
            groups[(kind, name)] += 1
    for kind, what in (("act", "an accusation, denial or threat, "
                                "labeled otherwise"),
                       ("background", "background, labeled an act")):
        total = sum(v for (k, _), v in groups.items() if k == kind)
        print(f"errors on {what}: {total}")
        for name, _ in PATTERNS:
            if (kind, name) in groups:
                print(f"  {groups[(kind, name)]:4d}  {name}")


if __name__ == "__main__":
    main()
