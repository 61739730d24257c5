#!/usr/bin/env python3
"""Label the sentences of text files through libsift, from Python.

    python3 examples/python/classify.py [--lib PATH] MODEL FILE...

MODEL is a bundle directory or a pipeline ini (as `sift classify -m/-c`).
Prints, for each sentence, the same columns as `sift classify`'s TSV:
path, index, start, end, label, confidence (4 places), text.  Plugins are
found as the sift command finds them (set SIFT_PLUGIN_PATH for a build
tree).  Only the standard library is needed: ctypes calls libsift.so.
"""
import argparse
import ctypes
import ctypes.util
import os
import sys


class Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("msg", ctypes.c_char * 512)]


class Result(ctypes.Structure):
    _fields_ = [("start", ctypes.c_size_t), ("end", ctypes.c_size_t),
                ("label", ctypes.c_int), ("confidence", ctypes.c_double),
                ("scores", ctypes.POINTER(ctypes.c_double))]


def load(path):
    """libsift with the argument and result types of what we call."""
    lib = ctypes.CDLL(path or ctypes.util.find_library("sift") or "libsift.so")
    vp, err = ctypes.c_void_p, ctypes.POINTER(Error)
    lib.sift_open.argtypes, lib.sift_open.restype = [ctypes.c_char_p, err], vp
    lib.sift_close.argtypes = [vp]
    lib.sift_label.argtypes, lib.sift_label.restype = \
        [vp, ctypes.c_size_t], ctypes.c_char_p
    lib.sift_session_new.argtypes, lib.sift_session_new.restype = [vp, err], vp
    lib.sift_session_free.argtypes = [vp]
    lib.sift_classify.argtypes = [
        vp, ctypes.c_char_p, ctypes.c_size_t,
        ctypes.POINTER(ctypes.POINTER(Result)),
        ctypes.POINTER(ctypes.c_size_t), err]
    return lib


class Model:
    """A model and one session on it; use from one thread."""

    def __init__(self, lib, path):
        self.lib, self.err = lib, Error()
        self.model = lib.sift_open(path.encode(), ctypes.byref(self.err))
        if not self.model:
            raise OSError(self.err.msg.decode(errors="replace"))
        self.session = lib.sift_session_new(self.model, ctypes.byref(self.err))
        if not self.session:
            lib.sift_close(self.model)
            raise OSError(self.err.msg.decode(errors="replace"))

    def close(self):
        self.lib.sift_session_free(self.session)
        self.lib.sift_close(self.model)

    def classify(self, data):
        """[(start, end, label, confidence)] for the sentences of bytes."""
        out, n = ctypes.POINTER(Result)(), ctypes.c_size_t()
        if self.lib.sift_classify(self.session, data, len(data),
                                  ctypes.byref(out), ctypes.byref(n),
                                  ctypes.byref(self.err)):
            raise OSError(self.err.msg.decode(errors="replace"))
        return [(r.start, r.end, self.lib.sift_label(self.model, r.label)
                 .decode(), r.confidence) for r in out[:n.value]]


def flat(text):
    """The TSV text column: control bytes as spaces, as sift prints it."""
    return "".join(" " if ord(c) < 32 or c == "\x7f" else c for c in text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lib", help="path of libsift.so (default: the "
                    "installed one)")
    ap.add_argument("model")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    try:
        m = Model(load(a.lib), a.model)
    except OSError as e:
        sys.exit("classify.py: %s" % e)
    for path in a.files:
        with open(path, "rb") as f:
            data = f.read()
        for i, (s, e, label, conf) in enumerate(m.classify(data), 1):
            text = flat(data[s:e].decode("utf-8", errors="replace"))
            print("%s\t%d\t%d\t%d\t%s\t%.4f\t%s" % (path, i, s, e, label,
                                                    conf, text))
    m.close()


if __name__ == "__main__":
    main()
