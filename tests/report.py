#!/usr/bin/env python3
"""report.py - helpers of tests/report.sh (the HTML report of classify).

  report.py gen DIR BLOCKS     write 50 documents under DIR: the news
                               examples and articles of the held-out corpus
                               laid out as headline, byline, paragraphs;
                               BLOCKS gets the number of blocks of each
  report.py static HTML TSV    check the page as read without JavaScript
                               against the TSV rows of the same run
  report.py dom DOM TSV LABEL MIN [Q]
                               check the sentence list in the DOM that
                               Chromium dumped after the script ran
Exits 1 with the first failed assertion.
"""
import collections
import glob
import html.parser
import os
import re
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Appended to one document: markup to escape, mis-encoded punctuation and
# letters to repair, and bytes that are not UTF-8.
ODD = ("The spokesman wrote <script>alert(\"x\")</script> & <b>bold</b> "
       "in a post.\n\n".encode() +
       "The minister said it\u00e2\u20ac\u2122s \u00e2\u20ac\u0153false"
       "\u00e2\u20ac\u009d and \"unfounded\", caf\u00c3\u00a9 owners "
       "accused the police.\n\n".encode() +
       b"Officials denied the report \xff\xfe in full.\n")


def corpus_docs():
    """(id, [sentences]) of the held-out and blind corpus articles."""
    for path in sorted(glob.glob(os.path.join(
            ROOT, "models/claims/corpus/*/*.tsv"))):
        if "/train/" in path:
            continue
        doc, sents = None, []
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("# doc:"):
                if doc and sents:
                    yield doc, sents
                doc, sents = line.split()[2], []
            elif "\t" in line:
                sents.append(line.split("\t", 1)[1])
        if doc and sents:
            yield doc, sents


def layout(sents, n):
    """Headline, byline when there is one, paragraphs of 1-3 sentences
    (every other one wrapped at 70 columns, unless it ends like a credit
    line, without a full stop); returns (text, paragraphs). """
    out = [sents[0] + "\n"]
    rest = sents[1:]
    if rest and rest[0].startswith("By "):
        out.append(rest.pop(0) + "\n")
    paras = 2 if len(out) == 2 else 1
    size = 0
    while rest:
        size = size % 3 + 1
        chunk, rest = rest[:size], rest[size:]
        text = " ".join(chunk)
        if (n + paras) % 2 and text[-1] in ".!?\"'\u201d\u2019)":
            text = textwrap.fill(text, 70)
        out.append("\n" + text + "\n")
        paras += 1
    return "".join(out), paras


def gen(top, blocks_path):
    os.makedirs(os.path.join(top, "corpus"))
    os.makedirs(os.path.join(top, "news"))
    for name in sorted(os.listdir(os.path.join(ROOT, "examples/news"))):
        with open(os.path.join(ROOT, "examples/news", name), "rb") as f:
            data = f.read()
        with open(os.path.join(top, "news", name), "wb") as f:
            f.write(data)
    want = 50 - len(os.listdir(os.path.join(top, "news")))
    expect = []
    for n, (doc, sents) in enumerate(corpus_docs()):
        if n == want:
            break
        text, paras = layout(sents, n)
        name = "%02d-%s.txt" % (n + 1, doc)
        data = text.encode()
        if n == 6:
            data += b"\n" + ODD
            paras += 3
        with open(os.path.join(top, "corpus", name), "wb") as f:
            f.write(data)
        expect.append("%s\t%d\n" % (name, paras))
    assert len(expect) == want, "corpus has too few articles"
    with open(blocks_path, "w") as f:
        f.writelines(expect)


def read_tsv(path):
    """Rows per document path, in order: (index, label, conf, text)."""
    rows = collections.OrderedDict()
    for line in open(path, encoding="utf-8", errors="replace"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 7 or not f[1].isdigit():
            continue  # a header line, if there is one
        rows.setdefault(f[0], []).append(
            (int(f[1]), f[4], f[5], "\t".join(f[6:])))
    return rows


class Page(html.parser.HTMLParser):
    """What a reader without JavaScript gets: elements with their
    classes, ids and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.elems = [], []

    def handle_starttag(self, tag, attrs):
        e = {"tag": tag, "a": dict(attrs), "text": [], "kids": [],
             "parent": self.stack[-1] if self.stack else None}
        e["cls"] = (e["a"].get("class") or "").split()
        if e["parent"]:
            e["parent"]["kids"].append(e)
        self.elems.append(e)
        if tag not in ("input", "meta", "br", "img", "link"):
            self.stack.append(e)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for e in self.stack:
            e["text"].append(data)

    def find(self, tag=None, cls=None, within=None, **attrs):
        out = []
        for e in self.elems:
            if tag and e["tag"] != tag or cls and cls not in e["cls"]:
                continue
            if any(e["a"].get(k) != v for k, v in attrs.items()):
                continue
            if within is not None and not inside(e, within):
                continue
            out.append(e)
        return out


def inside(e, top):
    while e is not None:
        if e is top:
            return True
        e = e["parent"]
    return False


def text(e):
    return "".join(e["text"])


def check(cond, what):
    if not cond:
        sys.exit("FAIL: " + what)


def parse(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    return p


def static(html_path, tsv_path):
    rows = read_tsv(tsv_path)
    p = parse(html_path)
    labels = [text(e) for e in p.find("a", "lv")]
    check(labels, "the chart names the labels")
    bg = labels.index("background") if "background" in labels else -1
    toc = p.find("tr", within=p.find("nav", id="toc")[0])
    toc = [r for r in toc if "data-d" in r["a"]]
    docs = p.find("section", "doc")
    check(len(toc) == len(rows) == 50,
          "50 documents in the contents (%d) and the TSV (%d)"
          % (len(toc), len(rows)))
    check(len(docs) == 50, "50 document sections (%d)" % len(docs))
    check([r["a"]["data-d"] for r in toc] == [d["a"]["id"] for d in docs],
          "contents and sections in the same order")
    total = collections.Counter()
    for r, d, (path, doc_rows) in zip(toc, docs, rows.items()):
        check_doc(p, labels, bg, r, d, path, doc_rows)
        total.update(lab for _, lab, _, _ in doc_rows)
    for e in p.find("span", "num"):
        k = int(e["a"]["data-l"])
        check(text(e).split()[0] == str(total[labels[k]]),
              "chart: %s %s, TSV %d" % (labels[k], text(e),
                                        total[labels[k]]))
    check(len(p.find("script")) == 1, "exactly one script element")
    check(text(p.find("p", "stamp")[0]).endswith("2023-11-14 22:13 UTC"),
          "the stamp's date is SOURCE_DATE_EPOCH's")
    check_odd(p)
    return p


def check_doc(p, labels, bg, r, d, path, doc_rows):
    """One document: its contents row, section header and sentences."""
    name = "%s:" % path
    check(text(p.find("span", "path", within=d)[0]) == path,
          name + " section shows its path")
    e = p.find("span", "p", within=r)[0]
    check(e["a"]["title"] == path and text(e) == os.path.basename(path),
          name + " contents row shows its file name, its path on hover")
    n = collections.Counter(lab for _, lab, _, _ in doc_rows)
    for td in p.find("td", within=r):
        if "data-l" in td["a"]:
            lab = labels[int(td["a"]["data-l"])]
            check(text(td) == str(n[lab]), "%s contents says %s %s, TSV %d"
                  % (name, text(td), lab, n[lab]))
    check(text(p.find("td", "n", within=r)[0]) == str(len(doc_rows)),
          name + " contents sentence count")
    head = text(p.find("header", "dh", within=d)[0])
    check(("%d sentence" % len(doc_rows)) in head, name + " header count")
    spans = p.find("span", "s", within=d)
    check(len(spans) == len(doc_rows), "%s %d sentences on the page, TSV %d"
          % (name, len(spans), len(doc_rows)))
    for s, (i, lab, conf, _) in zip(spans, doc_rows):
        check(s["a"]["id"] == "%ss%d" % (d["a"]["id"], i),
              name + " sentence id " + s["a"]["id"])
        check(labels[int(s["a"]["data-l"])] == lab, name + " label of #%d" % i)
        check(s["a"]["data-c"] == conf, name + " confidence of #%d" % i)
        badge = p.find(cls="b", within=s)
        if int(s["a"]["data-l"]) != bg:
            shown = text(badge[0]).split() if badge else []
            check(len(shown) == 2 and shown[0] == lab and
                  abs(float(shown[1]) - float(conf)) <= 0.0051,
                  name + " visible label and confidence of #%d" % i)
            check(p.find("q", within=s), name + " top words of #%d" % i)


def check_odd(p):
    t = [text(e) for e in p.find("span", "t")]
    check('The spokesman wrote <script>alert("x")</script> & <b>bold</b> '
          'in a post.' in t, "markup in the text shown as text")
    check(any('it\u2019s \u201cfalse\u201d and "unfounded", caf\u00e9' in x
              for x in t), "mis-encoded punctuation and letters repaired")
    check(any("\ufffd\ufffd" in x for x in t), "invalid bytes as U+FFFD")


def blocks(html_path, want_path):
    """Generated documents: headline, byline and paragraphs as blocks."""
    p = parse(html_path)
    want = dict(l.split("\t") for l in open(want_path).read().splitlines())
    for d in p.find("section", "doc"):
        path = text(p.find("span", "path", within=d)[0])
        got = [e for e in p.find("p", within=d)]
        name = os.path.basename(path)
        if name in want:
            check(len(got) == int(want[name]), "%s: %d blocks, want %s"
                  % (path, len(got), want[name]))
            check("hd" in got[0]["cls"], path + ": headline first")
        if path.endswith("news/01.txt"):
            check([text(e) for e in got[:2]] == [
                "Border clashes resume as talks stall in Varnesk",
                "By Anna Kell"], path + ": headline, then byline")
            check(got[1]["cls"] == ["ln"], path + ": byline block")
            check(text(got[-1]).startswith("Reporting by Anna Kell"),
                  path + ": last line its own block")
            check(len(got) == 10, path + ": %d blocks, want 10" % len(got))


def dom(dom_path, tsv_path, label, minimum, q=""):
    """The list of `label` sentences after the script ran."""
    rows = read_tsv(tsv_path)
    p = parse(dom_path)
    check("js" in p.find("html")[0]["cls"], "the script ran")
    view = p.find("section", id="view")[0]
    check("hidden" not in view["a"], "the list is shown")
    ids = {text(p.find("span", "path", within=d)[0]): d["a"]["id"]
           for d in p.find("section", "doc")}
    want = ["%ss%d" % (ids[path], i) for path, rs in rows.items()
            for i, lab, _, _ in rs if lab == label]
    conf = {"%ss%d" % (ids[path], i): float(c) for path, rs in rows.items()
            for i, lab, c, _ in rs}
    items = p.find("li", within=view)
    got = [li["a"]["data-s"] for li in items]
    check(got == want, "the %s list has the %d %s sentences (%d listed)"
          % (label, len(want), label, len(got)))
    shown = 0
    for li in items:
        t = text(li).lower()
        ok = conf[li["a"]["data-s"]] >= minimum and q.lower() in t
        check(("hidden" not in li["a"]) == ok,
              "%s shown iff confidence >= %s and has '%s'"
              % (li["a"]["data-s"], minimum, q))
        shown += ok
    vn = text(p.find("span", id="vn")[0])
    check(vn == "%d of %d shown" % (shown, len(want)), "count line: " + vn)
    check(0 < shown < len(want), "the filter keeps some and hides some")
    print("%s: %d listed, %d shown" % (label, len(want), shown))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(sys.argv[2], sys.argv[3])
    elif cmd == "static":
        static(sys.argv[2], sys.argv[3])
    elif cmd == "blocks":
        blocks(sys.argv[2], sys.argv[3])
    elif cmd == "dom":
        dom(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]),
            *sys.argv[6:])
    else:
        sys.exit(__doc__)
