/*
 * lines.c - an example sift plugin: a segmenter that makes every
 * non-blank line one sentence (for input already split into sentences).
 *
 * Build:  cc -std=c11 -shared -fPIC -fvisibility=hidden -Iinclude \
 *             -o lines.so examples/plugins/lines.c
 * Use:    [segmenter]
 *         plugin = /path/to/lines.so
 *         min_chars = 1
 */
#include <stdlib.h>

#include "sift/plugin.h"

/* Options the host validates before create(); values arrive as text. */
static const struct sift_option options[] = {
    {.name = "min_chars", .type = SIFT_OPT_INT, .def = "1",
     .help = "skip lines shorter than this", .min = 1, .max = 1000},
};

struct lines {
    size_t min_chars;
};

struct scratch {
    struct sift_span *spans;
    size_t cap;
};

static void *create(const char *const *values, struct sift_error *err)
{
    struct lines *l = malloc(sizeof *l);
    if (!l) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    l->min_chars = (size_t)strtoul(values[0], NULL, 10);
    return l;
}

static void *scratch_new(const void *inst, struct sift_error *err)
{
    struct scratch *s = calloc(1, sizeof *s);
    (void)inst;
    if (!s)
        sift_fail(err, SIFT_ENOMEM, "out of memory");
    return s;
}

static void scratch_free(void *p)
{
    struct scratch *s = p;
    if (s)
        free(s->spans);
    free(s);
}

static int segment(const void *inst, void *scratch, const char *text,
                   size_t len, const struct sift_span **out, size_t *n,
                   struct sift_error *err)
{
    const struct lines *l = inst;
    struct scratch *s = scratch;
    size_t count = 0, a = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        size_t b = i; /* trim white space at both ends */
        while (a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' ||
                         text[b - 1] == '\r'))
            b--;
        if (b - a >= l->min_chars) {
            if (count == s->cap) {
                size_t cap = s->cap ? s->cap * 2 : 64;
                struct sift_span *v = realloc(s->spans, cap * sizeof *v);
                if (!v)
                    return sift_fail(err, SIFT_ENOMEM, "out of memory");
                s->spans = v;
                s->cap = cap;
            }
            s->spans[count].start = a;
            s->spans[count++].end = b;
        }
        a = i + 1;
    }
    *out = s->spans;
    *n = count;
    return 0;
}

static const struct sift_plugin descriptor = {
    .abi_version = SIFT_ABI_VERSION,
    .size = sizeof(struct sift_plugin),
    .kind = SIFT_SEGMENTER,
    .name = "lines",
    .version = "1.0",
    .summary = "one sentence per non-blank line",
    .options = options,
    .noptions = 1,
    .create = create,
    .destroy = free,
    .scratch_new = scratch_new,
    .scratch_free = scratch_free,
    .segment = segment,
};

SIFT_EXPORT const struct sift_plugin *sift_plugin(void)
{
    return &descriptor;
}
