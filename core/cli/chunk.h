/*
 * chunk.h - reading one input (a file or stdin) as a series of chunks of
 * bounded size for `sift classify`, so that memory depends on the chunk
 * size and never on the size of the input.
 *
 * With --lines a chunk ends at a newline.  A document is cut where the
 * segmenter would end a sentence anyway: at a blank line when there is
 * one in the second half of the window, else before a sentence the
 * segmenter found well inside the window.  A line or sentence longer
 * than the chunk size makes that one chunk larger.
 */
#ifndef SIFT_CHUNK_H
#define SIFT_CHUNK_H

#include <stdio.h>

#include "pipeline.h"

/* One input being read.  Caller-owned; zero it before chunk_open(). */
struct chunk_reader {
    FILE *f;
    char *buf;            /* unconsumed bytes buf[0..n) */
    size_t n, cap;
    size_t offset;        /* input offset of buf[0] */
    size_t total;         /* bytes read from the input so far */
    size_t max_bytes;     /* larger inputs are refused */
    size_t size;          /* chunk size */
    int lines;            /* cut at newlines, not sentences */
    int eof;
};

/* A piece of an input: text[0..len) (malloc'd, NUL-terminated, owned by
 * the caller) at byte `offset` of the input. */
struct chunk {
    char *text;
    size_t len, offset;
    int last;             /* the input ends with this chunk */
};

/* Open path ("-" is stdin) and check its first bytes are text.  Returns
 * 0, -1 when out of memory, or 1 with *why saying why the input is
 * skipped (static text, or formatted into why_buf). */
int chunk_open(struct chunk_reader *rd, const char *path, int lines,
               size_t size, size_t max_bytes, const char **why,
               char *why_buf, size_t why_size);

/* The next chunk of rd.  w (documents only) is the segmenter used to
 * find a cut.  Returns 0, -1 when out of memory, or 1 with *why set as
 * for chunk_open() (a read error, or the input grew past max_bytes). */
int chunk_next(struct chunk_reader *rd, struct sift_worker *w,
               struct chunk *c, const char **why, char *why_buf,
               size_t why_size);

/* Close the input and free the buffer; rd may be reused. */
void chunk_close(struct chunk_reader *rd);

#endif
