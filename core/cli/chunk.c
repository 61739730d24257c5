/*
 * chunk.c - an input read as chunks of bounded size (see chunk.h): the
 * text check on its first bytes, newline cuts for --lines, and cuts at
 * sentence boundaries for documents.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chunk.h"
#include "samples.h"

/* The text check looks at this many bytes, whatever the chunk size. */
static const size_t PEEK = 65536;

/* Why the first bytes of an input are not text, or NULL.  Stray NULs and
 * bad bytes are noise in real text; a tenth of control bytes, or a third
 * of bytes that are not UTF-8, is a binary file. */
static const char *binary_reason(const char *t, size_t n)
{
    size_t ctl = 0, bad = 0, look = n < PEEK ? n : PEEK, i = 0;
    if (n >= 2 && ((t[0] == '\xFF' && t[1] == '\xFE') ||
                   (t[0] == '\xFE' && t[1] == '\xFF')))
        return "UTF-16 text is not supported (convert with: iconv -f UTF-16 "
               "-t UTF-8)";
    if (n >= 4 && (!memcmp(t, "\x7F" "ELF", 4) || !memcmp(t, "PK\3\4", 4) ||
                   !memcmp(t, "\x89PNG", 4) || !memcmp(t, "\xFF\xD8\xFF", 3) ||
                   !memcmp(t, "\x1F\x8B", 2) || !memcmp(t, "%PDF", 4)))
        return "binary file";
    for (size_t k = 0; k < look; k++) {
        unsigned char c = (unsigned char)t[k];
        ctl += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
    }
    while (i < look) {
        i += sift_utf8_valid(t + i, look - i);
        if (i < look && look - i > 3) {
            bad++;
            i++;
        } else {
            break;
        }
    }
    if (ctl * 10 > look || bad * 3 > look)
        return "binary file";
    return NULL;
}

static int skip(const char **why, char *buf, size_t size, const char *what,
                size_t arg)
{
    if (arg)
        snprintf(buf, size, "%s (%zu)", what, arg);
    else
        snprintf(buf, size, "%s: %s", what, strerror(errno));
    *why = buf;
    return 1;
}

/* Read until rd holds `want` unconsumed bytes or the input ends. */
static int fill(struct chunk_reader *rd, size_t want, const char **why,
                char *wb, size_t ws)
{
    if (want + 1 > rd->cap) {
        char *b = realloc(rd->buf, want + 1);
        if (!b)
            return -1;
        rd->buf = b;
        rd->cap = want + 1;
    }
    while (rd->n < want && !rd->eof) {
        size_t got = fread(rd->buf + rd->n, 1, want - rd->n, rd->f);
        rd->n += got;
        rd->total += got;
        if (rd->total > rd->max_bytes)
            return skip(why, wb, ws, "larger than --max-bytes",
                        rd->max_bytes);
        if (got == 0 && ferror(rd->f))
            return skip(why, wb, ws, "read error", 0);
        rd->eof = got == 0;
    }
    return 0;
}

int chunk_open(struct chunk_reader *rd, const char *path, int lines,
               size_t size, size_t max_bytes, const char **why,
               char *why_buf, size_t why_size)
{
    struct stat st;
    int rc;
    rd->f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    rd->n = rd->offset = rd->total = 0;
    rd->eof = 0;
    rd->lines = lines;
    rd->size = size;
    rd->max_bytes = max_bytes;
    if (!rd->f)
        return skip(why, why_buf, why_size, "cannot open", 0);
    if (!fstat(fileno(rd->f), &st) && S_ISREG(st.st_mode) &&
        (unsigned long long)st.st_size > max_bytes)
        return skip(why, why_buf, why_size, "larger than --max-bytes",
                    max_bytes);
    if ((rc = fill(rd, size > PEEK ? size : PEEK, why, why_buf, why_size)))
        return rc;
    *why = binary_reason(rd->buf, rd->n);
    return *why != NULL;
}

static int is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int bom_at(const char *t, size_t i, size_t n)
{
    return i + 3 <= n && !memcmp(t + i, "\xEF\xBB\xBF", 3);
}

/* After the last blank line in the second half of t[0..n): the segmenter
 * always ends a sentence at a blank line, and the lines after it are
 * laid out the same whatever came before. */
static size_t cut_blank(const char *t, size_t n)
{
    for (size_t i = n; i > n / 2; i--) {
        size_t k = i - 1;
        if (t[k] != '\n')
            continue;
        while (k > 0 && is_blank_byte(t[k - 1]))
            k--;
        if (k > 0 && t[k - 1] == '\n' && !bom_at(t, i, n))
            return i;
    }
    return 0;
}

/* Before a sentence the segmenter finds in t[0..n), well before the end
 * of the window and with another sentence after it; at the start of its
 * line when one begins a line (the lines stay whole). */
static size_t cut_sentence(const char *t, size_t n, struct sift_worker *w)
{
    const struct sift_span *sp;
    size_t ns, any = 0, line = 0, limit = n - n / 8;
    struct sift_error err = {0};
    if (sift_worker_segment(w, t, n, &sp, &ns, &err))
        return 0;
    for (size_t k = 0; k + 2 < ns && sp[k + 1].start <= limit; k++) {
        size_t a = sp[k].end, b = sp[k + 1].start, nl = b;
        while (nl > a && t[nl - 1] != '\n')
            nl--;
        if (bom_at(t, b, n))
            continue;
        any = b;
        if (nl > a && !bom_at(t, nl, n))
            line = nl;
    }
    return line ? line : any;
}

/* Where to end the chunk taken from rd's first `window` bytes; 0 when
 * no cut fits (a line or sentence longer than the window). */
static size_t cut_at(struct chunk_reader *rd, struct sift_worker *w,
                     size_t window)
{
    size_t cut;
    if (rd->lines) {
        const char *nl = memrchr(rd->buf, '\n', window);
        return nl ? (size_t)(nl - rd->buf) + 1 : 0;
    }
    if ((cut = cut_blank(rd->buf, window)))
        return cut;
    return w ? cut_sentence(rd->buf, window, w) : 0;
}

int chunk_next(struct chunk_reader *rd, struct sift_worker *w,
               struct chunk *c, const char **why, char *why_buf,
               size_t why_size)
{
    size_t window = rd->size, cut;
    int rc;
    for (;;) {
        if ((rc = fill(rd, window, why, why_buf, why_size)))
            return rc;
        if (rd->eof && rd->n <= window) {
            cut = rd->n;
            break;
        }
        if ((cut = cut_at(rd, w, window)))
            break;
        window *= 2;
    }
    if (!(c->text = malloc(cut + 1)))
        return -1;
    memcpy(c->text, rd->buf, cut);
    c->text[cut] = '\0';
    c->len = cut;
    c->offset = rd->offset;
    c->last = rd->eof && cut == rd->n;
    memmove(rd->buf, rd->buf + cut, rd->n - cut);
    rd->n -= cut;
    rd->offset += cut;
    return 0;
}

void chunk_close(struct chunk_reader *rd)
{
    if (rd->f && rd->f != stdin)
        fclose(rd->f);
    rd->f = NULL;
    free(rd->buf);
    rd->buf = NULL;
    rd->n = rd->cap = 0;
}
