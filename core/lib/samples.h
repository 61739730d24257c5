/*
 * samples.h - labeled sample files: one `label<TAB>sentence` a line,
 * `#` comments, `# doc: ID TOPIC` lines grouping sentences into articles.
 */
#ifndef SIFT_SAMPLES_H
#define SIFT_SAMPLES_H

#include <stddef.h>
#include <stdint.h>

#include "sift/plugin.h"

struct sift_sample {
    char *text;      /* NUL-terminated sentence */
    size_t len;
    int label;       /* index into samples->labels */
    int line;
    uint32_t file;   /* index into samples->files */
    uint32_t doc;    /* index into samples->docs */
};

struct sift_doc {
    char *id;        /* from `# doc: ID TOPIC`, else "FILE" */
    char *topic;     /* TOPIC, else the id */
};

struct sift_samples {
    struct sift_sample *s;
    size_t n, cap;
    char **labels;   /* label names, index = sift_sample.label */
    size_t nlabels;
    int fixed;       /* labels were declared: others are errors */
    char **files;
    size_t nfiles;
    struct sift_doc *docs;
    size_t ndocs;
    size_t skipped;  /* bad lines skipped with skip_bad */
    uint64_t checksum; /* FNV-1a over every label and sentence read */
};

/* Start an empty set.  labels (may be NULL) declares the allowed labels
 * in order; without it labels are collected as first seen. */
int sift_samples_init(struct sift_samples *ss, char *const *labels,
                      size_t nlabels, struct sift_error *err);
void sift_samples_release(struct sift_samples *ss);

/* Append the samples in path ("-" is stdin).  A bad line (missing tab,
 * unknown or malformed label, empty text, invalid UTF-8, NUL byte) is an
 * error naming file:line; with skip_bad it is reported through warn
 * (may be NULL) and skipped.  CRLF line ends are accepted. */
int sift_samples_read(struct sift_samples *ss, const char *path, int skip_bad,
                      void (*warn)(const char *msg), struct sift_error *err);

/* Check the set can train a classifier: at least two labels, and no
 * declared label without samples. */
int sift_samples_check(const struct sift_samples *ss, struct sift_error *err);

/* Length of the valid UTF-8 prefix of s[0..n) (== n when all valid). */
size_t sift_utf8_valid(const char *s, size_t n);

#endif
