/*
 * ngrams.c - featurizer plugin: word n-grams or character n-grams (within
 * word boundaries, each word padded with spaces as scikit-learn's
 * char_wb does), weighted binary / tf / sublinear tf, optionally times
 * smoothed idf, L2-normalised.
 *
 * fit() counts document frequencies, prunes by min_df / max_df /
 * max_features and numbers the surviving n-grams in byte order, so the
 * same data always gives the same vocabulary file.  transform() looks
 * n-grams up in a hash table built once; the per-sentence buffers live
 * in the scratch and are reused, so there is no per-token allocation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sift/plugin.h"
#include "strtab.h"

enum { O_UNIT, O_MIN, O_MAX, O_WEIGHT, O_IDF, O_NORM, O_MINDF, O_MAXDF,
       O_MAXF, O_N };

static const struct sift_option options[O_N] = {
    {"unit", SIFT_OPT_ENUM, "word", "n-grams of words, or of characters "
     "within words", "word|char", 0, 0, 0, NULL, NULL},
    {"min_n", SIFT_OPT_INT, "1", "shortest n-gram", NULL, 1, 10, 0, NULL, NULL},
    {"max_n", SIFT_OPT_INT, "2", "longest n-gram", NULL, 1, 10, 0, NULL, NULL},
    {"weighting", SIFT_OPT_ENUM, "sublinear",
     "term weight: binary (0/1), tf (count), sublinear (1 + ln count)",
     "binary|tf|sublinear", 0, 0, 0, NULL, NULL},
    {"idf", SIFT_OPT_BOOL, "true", "multiply by smoothed idf", NULL, 0, 0, 0, NULL, NULL},
    {"norm", SIFT_OPT_ENUM, "l2", "scale each vector to unit length",
     "l2|none", 0, 0, 0, NULL, NULL},
    {"min_df", SIFT_OPT_INT, "1", "drop n-grams in fewer sentences", NULL, 1,
     1e9, SIFT_OPT_TRAIN, NULL, NULL},
    {"max_df", SIFT_OPT_DOUBLE, "1.0",
     "drop n-grams in more than this fraction of sentences", NULL, 1e-9, 1, SIFT_OPT_TRAIN, NULL, NULL},
    {"max_features", SIFT_OPT_INT, "0",
     "keep only the most frequent n-grams (0 = all)", NULL, 0, 1e9, SIFT_OPT_TRAIN, NULL, NULL},
};

/* One n-gram of the hashed table (see fast_build()). */
struct hent {
    uint64_t h;         /* gram_hash(); 0 = empty slot */
    uint64_t index;     /* vocabulary entry (idf: idfv[index]) */
};

struct ng {
    int chars, idf, l2, weighting; /* weighting: 0 binary, 1 tf, 2 sub */
    size_t min_n, max_n, min_df, max_features;
    double max_df;
    struct strtab vocab;
    double *idfv;
    size_t ndocs;
    /* word n-grams keyed by a hash of their tokens' hashes, built from
     * vocab once fitted or loaded; NULL: look keys up in vocab */
    struct hent *fast;
    size_t fmask;
    const char *farena; /* vocab.arena when fast was built */
};

struct scratch {
    char *key;
    size_t kcap;
    uint64_t *th;       /* per token: tok_hash() */
    size_t thcap;
    uint32_t *hits;
    size_t nhits, hcap;
    struct sift_feature *out;
    size_t ocap;
    size_t cps[80]; /* code point starts of one padded word */
};

static void *ng_create(const char *const *v, struct sift_error *err)
{
    struct ng *g = calloc(1, sizeof *g);
    if (!g) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    g->chars = !strcmp(v[O_UNIT], "char");
    g->min_n = strtoul(v[O_MIN], NULL, 10);
    g->max_n = strtoul(v[O_MAX], NULL, 10);
    g->weighting = !strcmp(v[O_WEIGHT], "binary") ? 0
                   : !strcmp(v[O_WEIGHT], "tf") ? 1 : 2;
    g->idf = !strcmp(v[O_IDF], "true");
    g->l2 = !strcmp(v[O_NORM], "l2");
    g->min_df = strtoul(v[O_MINDF], NULL, 10);
    g->max_df = strtod(v[O_MAXDF], NULL);
    g->max_features = strtoul(v[O_MAXF], NULL, 10);
    if (g->min_n > g->max_n) {
        sift_fail(err, SIFT_EINVAL, "min_n (%zu) is larger than max_n (%zu)",
                  g->min_n, g->max_n);
        free(g);
        return NULL;
    }
    return g;
}

static void ng_destroy(void *inst)
{
    struct ng *g = inst;
    if (!g)
        return;
    strtab_release(&g->vocab);
    free(g->idfv);
    free(g->fast);
    free(g);
}

static void scratch_free(void *p)
{
    struct scratch *s = p;
    if (!s)
        return;
    free(s->key);
    free(s->th);
    free(s->hits);
    free(s->out);
    free(s);
}

static void *scratch_new(const void *inst, struct sift_error *err)
{
    struct scratch *s = calloc(1, sizeof *s);
    (void)inst;
    if (!s)
        sift_fail(err, SIFT_ENOMEM, "out of memory");
    return s;
}

static int key_reserve(struct scratch *s, size_t n)
{
    if (n <= s->kcap)
        return 0;
    size_t cap = s->kcap ? s->kcap : 256;
    while (cap < n)
        cap *= 2;
    char *k = realloc(s->key, cap);
    if (!k)
        return -1;
    s->key = k;
    s->kcap = cap;
    return 0;
}

typedef int (*emit_fn)(void *ctx, const char *k, size_t n);

/* Call emit for every n-gram of the sentence. */
static int generate(const struct ng *g, struct scratch *s,
                    const struct sift_sentence *st, emit_fn emit, void *ctx)
{
    const struct sift_token *t = st->tokens;
    size_t nt = st->ntokens;
    if (!g->chars) {
        for (size_t n = g->min_n; n <= g->max_n; n++)
            for (size_t i = 0; i + n <= nt; i++) {
                size_t len = 0;
                for (size_t j = 0; j < n; j++)
                    len += t[i + j].len + 1;
                if (key_reserve(s, len))
                    return -1;
                len = 0;
                for (size_t j = 0; j < n; j++) {
                    if (j)
                        s->key[len++] = ' ';
                    memcpy(s->key + len, t[i + j].text, t[i + j].len);
                    len += t[i + j].len;
                }
                if (emit(ctx, s->key, len))
                    return -1;
            }
        return 0;
    }
    for (size_t i = 0; i < nt; i++) {
        /* " word " with code point starts; long words are cut. */
        size_t len = 0, ncp = 0;
        if (key_reserve(s, t[i].len + 3))
            return -1;
        s->key[len] = ' ';
        s->cps[ncp++] = len++;
        for (size_t b = 0; b < t[i].len && ncp < 78; b++) {
            unsigned char c = (unsigned char)t[i].text[b];
            if ((c & 0xC0) != 0x80)
                s->cps[ncp++] = len;
            s->key[len++] = (char)c;
        }
        s->cps[ncp++] = len;
        s->key[len++] = ' ';
        s->cps[ncp] = len; /* end sentinel */
        for (size_t n = g->min_n; n <= g->max_n; n++)
            for (size_t a = 0; a + n <= ncp; a++) {
                size_t from = s->cps[a], to = s->cps[a + n];
                if (emit(ctx, s->key + from, to - from))
                    return -1;
            }
    }
    return 0;
}

/* ---- the hashed table of word n-grams ---- */

static uint64_t fmix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* A token's hash; *space set when it holds a space (its n-grams could
 * then be mistaken for longer ones: such sentences take the slow path). */
static uint64_t tok_hash(const char *t, size_t n, int *space)
{
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        *space |= c == ' ';
        h = (h ^ c) * 1099511628211ULL;
    }
    return fmix64(h);
}

/* An n-gram's hash from its tokens' hashes th[0..n); never 0. */
static uint64_t gram_hash(const uint64_t *th, size_t n)
{
    uint64_t h = th[0];
    for (size_t j = 1; j < n; j++)
        h = fmix64(h * 0x9E3779B97F4A7C15ULL + th[j]);
    return h ? h : 1;
}

static const struct hent *fast_find(const struct ng *g, uint64_t h)
{
    for (size_t i = (size_t)h & g->fmask;; i = (i + 1) & g->fmask) {
        if (g->fast[i].h == h)
            return &g->fast[i];
        if (!g->fast[i].h)
            return NULL;
    }
}

/* Hash of vocabulary key k[0..n): its space-separated tokens' hashes
 * combined as transform combines a sentence's; 0 when it has more
 * tokens than max_n. */
static uint64_t key_hash(const struct ng *g, const char *k, size_t n)
{
    uint64_t th[10];
    size_t nt = 0, a = 0;
    int space = 0;
    for (size_t b = 0; b <= n; b++)
        if (b == n || k[b] == ' ') {
            if (nt == g->max_n)
                return 0;
            th[nt++] = tok_hash(k + a, b - a, &space);
            a = b + 1;
        }
    return nt >= g->min_n ? gram_hash(th, nt) : 0;
}

/* Build g->fast from g->vocab and g->idfv: called at the end of fit and
 * load.  Word n-grams only; left NULL (the strtab path) for characters,
 * when out of memory, or when two keys' hashes collide. */
static void fast_build(struct ng *g)
{
    size_t nslot = 16;
    free(g->fast);
    g->fast = NULL;
    g->farena = NULL;
    if (g->chars || g->max_n > 10)
        return;
    while (nslot < 2 * g->vocab.n)
        nslot *= 2;
    if (!(g->fast = calloc(nslot, sizeof *g->fast)))
        return;
    g->fmask = nslot - 1;
    for (size_t e = 0; e < g->vocab.n; e++) {
        size_t len;
        const char *k = strtab_key(&g->vocab, e, &len);
        uint64_t h = key_hash(g, k, len);
        size_t i = (size_t)h & g->fmask;
        if (!h)
            continue; /* a key no sentence without spaces in tokens has */
        while (g->fast[i].h && g->fast[i].h != h)
            i = (i + 1) & g->fmask;
        if (g->fast[i].h) { /* collision: stay exact */
            free(g->fast);
            g->fast = NULL;
            return;
        }
        g->fast[i] = (struct hent){h, e};
    }
    g->farena = g->vocab.arena;
}

/* ---- fit ---- */

struct fitctx {
    struct strtab t;
    size_t *df;
    size_t *last;
    size_t doc;
};

static int fit_emit(void *c, const char *k, size_t n)
{
    struct fitctx *f = c;
    int added;
    long e = strtab_add(&f->t, k, n, &added);
    if (e < 0)
        return -1;
    if (added && f->t.n > 0 && ((f->t.n - 1) & f->t.n) == 0) {
        /* grow per-entry arrays at powers of two */
        size_t cap = f->t.n * 2;
        size_t *df = realloc(f->df, cap * sizeof *df);
        if (!df)
            return -1;
        f->df = df;
        size_t *last = realloc(f->last, cap * sizeof *last);
        if (!last)
            return -1;
        f->last = last;
    }
    if (added) {
        f->df[e] = 0;
        f->last[e] = (size_t)-1;
    }
    if (f->last[e] != f->doc) {
        f->last[e] = f->doc;
        f->df[e]++;
    }
    return 0;
}

static int cmp_key(const void *a, const void *b, void *ctx)
{
    const struct fitctx *f = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b, lx, ly;
    const char *kx = strtab_key(&f->t, x, &lx);
    const char *ky = strtab_key(&f->t, y, &ly);
    int c = memcmp(kx, ky, lx < ly ? lx : ly);
    return c ? c : (lx > ly) - (lx < ly);
}

static int cmp_df(const void *a, const void *b, void *ctx)
{
    const struct fitctx *f = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (f->df[x] != f->df[y])
        return f->df[x] < f->df[y] ? 1 : -1;
    return cmp_key(a, b, ctx);
}

static int ng_fit(void *inst, const struct sift_sentence *st, size_t n,
                  const char *plugin_dir, struct sift_error *err)
{
    struct ng *g = inst;
    struct fitctx f = {0};
    (void)plugin_dir;
    struct scratch *s = scratch_new(g, err);
    size_t *keep = NULL, nkeep = 0, maxdf;
    int rc = 0;
    if (!s)
        return SIFT_ENOMEM;
    strtab_release(&g->vocab);
    free(g->idfv);
    g->idfv = NULL;
    for (f.doc = 0; f.doc < n; f.doc++)
        if (generate(g, s, &st[f.doc], fit_emit, &f)) {
            rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
            goto out;
        }
    keep = malloc((f.t.n ? f.t.n : 1) * sizeof *keep);
    if (!keep) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    maxdf = (size_t)floor(g->max_df * (double)n + 1e-9);
    for (size_t e = 0; e < f.t.n; e++)
        if (f.df[e] >= g->min_df && f.df[e] <= maxdf)
            keep[nkeep++] = e;
    if (g->max_features && nkeep > g->max_features) {
        qsort_r(keep, nkeep, sizeof *keep, cmp_df, &f);
        nkeep = g->max_features;
    }
    qsort_r(keep, nkeep, sizeof *keep, cmp_key, &f);
    g->idfv = malloc((nkeep ? nkeep : 1) * sizeof *g->idfv);
    if (!g->idfv) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nkeep; i++) {
        size_t len;
        int added;
        const char *k = strtab_key(&f.t, keep[i], &len);
        if (strtab_add(&g->vocab, k, len, &added) < 0) {
            rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
            goto out;
        }
        g->idfv[i] = log((1.0 + (double)n) / (1.0 + (double)f.df[keep[i]])) +
                     1.0;
    }
    g->ndocs = n;
    fast_build(g);
out:
    strtab_release(&f.t);
    free(f.df);
    free(f.last);
    free(keep);
    scratch_free(s);
    return rc;
}

/* ---- transform ---- */

static int add_hit(struct scratch *s, uint32_t e)
{
    if (s->nhits == s->hcap) {
        size_t cap = s->hcap ? s->hcap * 2 : 256;
        uint32_t *h = realloc(s->hits, cap * sizeof *h);
        if (!h)
            return -1;
        s->hits = h;
        s->hcap = cap;
    }
    s->hits[s->nhits++] = e;
    return 0;
}

struct txctx {
    const struct ng *g;
    struct scratch *s;
};

static int tx_emit(void *c, const char *k, size_t n)
{
    struct txctx *x = c;
    long e = strtab_find(&x->g->vocab, k, n);
    return e < 0 ? 0 : add_hit(x->s, (uint32_t)e);
}

/* The hits of a sentence's word n-grams through g->fast: 1 when a token
 * holds a space (use generate() instead), -1 when out of memory. */
static int fast_hits(const struct ng *g, struct scratch *s,
                     const struct sift_sentence *st)
{
    const struct sift_token *t = st->tokens;
    size_t nt = st->ntokens;
    int space = 0;
    if (nt > s->thcap) {
        uint64_t *th = realloc(s->th, nt * sizeof *th);
        if (!th)
            return -1;
        s->th = th;
        s->thcap = nt;
    }
    for (size_t i = 0; i < nt; i++)
        s->th[i] = tok_hash(t[i].text, t[i].len, &space);
    if (space)
        return 1;
    for (size_t n = g->min_n; n <= g->max_n; n++)
        for (size_t i = 0; i + n <= nt; i++) {
            const struct hent *e = fast_find(g, gram_hash(s->th + i, n));
            if (e && add_hit(s, (uint32_t)e->index))
                return -1;
        }
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int ng_transform(const void *inst, void *scratch,
                        const struct sift_sentence *st,
                        const struct sift_feature **out, size_t *nout,
                        struct sift_error *err)
{
    const struct ng *g = inst;
    struct scratch *s = scratch;
    struct txctx x = {g, s};
    size_t n = 0;
    double norm = 0;
    int rc = 1;
    s->nhits = 0;
    if (g->fast && g->farena == g->vocab.arena)
        rc = fast_hits(g, s, st);
    if (rc > 0)
        s->nhits = 0, rc = generate(g, s, st, tx_emit, &x);
    if (rc)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (s->nhits > 64) {
        qsort(s->hits, s->nhits, sizeof *s->hits, cmp_u32);
    } else {
        /* a sentence's few dozen hits: insertion sort beats qsort */
        for (size_t i = 1; i < s->nhits; i++) {
            uint32_t v = s->hits[i];
            size_t j = i;
            while (j > 0 && s->hits[j - 1] > v) {
                s->hits[j] = s->hits[j - 1];
                j--;
            }
            s->hits[j] = v;
        }
    }
    if (s->nhits > s->ocap) {
        struct sift_feature *o = realloc(s->out, s->nhits * sizeof *o);
        if (!o)
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        s->out = o;
        s->ocap = s->nhits;
    }
    for (size_t i = 0; i < s->nhits;) {
        size_t j = i;
        while (j < s->nhits && s->hits[j] == s->hits[i])
            j++;
        double c = (double)(j - i), v;
        v = g->weighting == 0 ? 1.0 : g->weighting == 1 ? c : 1.0 + log(c);
        if (g->idf)
            v *= g->idfv[s->hits[i]];
        s->out[n].index = s->hits[i];
        s->out[n++].value = v;
        norm += v * v;
        i = j;
    }
    if (g->l2 && norm > 0) {
        norm = 1.0 / sqrt(norm);
        for (size_t i = 0; i < n; i++)
            s->out[i].value *= norm;
    }
    *out = s->out;
    *nout = n;
    return 0;
}

static size_t ng_dimension(const void *inst)
{
    return ((const struct ng *)inst)->vocab.n;
}

static int ng_feature_name(const void *inst, uint32_t index, char *buf,
                           size_t size)
{
    const struct ng *g = inst;
    size_t len;
    if (index >= g->vocab.n)
        return -1;
    const char *k = strtab_key(&g->vocab, index, &len);
    int n = snprintf(buf, size, "%s\"%.*s\"", g->chars ? "c" : "w",
                     (int)len, k);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* ---- save / load ---- */

static void put_escaped(FILE *f, const char *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (k[i] == '\\')
            fputs("\\\\", f);
        else if (k[i] == '\t')
            fputs("\\t", f);
        else if (k[i] == '\n')
            fputs("\\n", f);
        else
            fputc(k[i], f);
    }
}

static int ng_save(const void *inst, FILE *f, struct sift_error *err)
{
    const struct ng *g = inst;
    (void)err;
    fprintf(f, "sift-ngrams 1\nunit %s\nmin_n %zu\nmax_n %zu\ndocs %zu\n"
               "terms %zu\n",
            g->chars ? "char" : "word", g->min_n, g->max_n, g->ndocs,
            g->vocab.n);
    for (size_t i = 0; i < g->vocab.n; i++) {
        size_t len;
        const char *k = strtab_key(&g->vocab, i, &len);
        fprintf(f, "%.17g\t", g->idfv[i]);
        put_escaped(f, k, len);
        fputc('\n', f);
    }
    return 0;
}

static int load_fail(struct sift_error *err, const char *path, long line,
                     const char *what)
{
    return sift_fail(err, SIFT_EFORMAT, "%s:%ld: %s", path, line, what);
}

static int ng_load(void *inst, const char *data, size_t size,
                   const char *path, struct sift_error *err)
{
    struct ng *g = inst;
    char unit[16];
    char *line = NULL;
    size_t cap = 0, mn, mx, docs, terms;
    long lineno = 6;
    ssize_t len;
    int rc = 0;
    FILE *f;
    strtab_release(&g->vocab);
    free(g->idfv);
    g->idfv = NULL;
    if (!(f = fmemopen((void *)data, size ? size : 1, "r")))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (fscanf(f, "sift-ngrams 1\nunit %15s\nmin_n %zu\nmax_n %zu\n"
                  "docs %zu\nterms %zu",
               unit, &mn, &mx, &docs, &terms) != 5 ||
        fgetc(f) != '\n') {
        rc = load_fail(err, path, 1, "not an ngrams vocabulary (bad header)");
        goto out;
    }
    if (strcmp(unit, g->chars ? "char" : "word") || mn != g->min_n ||
        mx != g->max_n) {
        rc = load_fail(err, path, 2, "unit or n-gram range differs from the "
                                     "manifest's options");
        goto out;
    }
    if (terms > 100000000) {
        rc = load_fail(err, path, 6, "implausible term count");
        goto out;
    }
    g->idfv = malloc((terms ? terms : 1) * sizeof *g->idfv);
    if (!g->idfv) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < terms; i++) {
        char *tab, *end, *w;
        int added;
        lineno++;
        if ((len = getline(&line, &cap, f)) <= 0) {
            rc = load_fail(err, path, lineno, "fewer terms than the header "
                                              "says (truncated?)");
            goto out;
        }
        if (line[len - 1] == '\n')
            line[--len] = '\0';
        tab = strchr(line, '\t');
        errno = 0;
        g->idfv[i] = strtod(line, &end);
        if (!tab || end != tab || errno || !isfinite(g->idfv[i]) ||
            g->idfv[i] <= 0) {
            rc = load_fail(err, path, lineno, "expected idf<TAB>term");
            goto out;
        }
        w = tab + 1;
        size_t o = 0;
        for (char *r = w; *r; r++) {
            if (*r == '\\' && r[1]) {
                r++;
                w[o++] = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
            } else {
                w[o++] = *r;
            }
        }
        if (o == 0) {
            rc = load_fail(err, path, lineno, "empty term");
            goto out;
        }
        if (strtab_add(&g->vocab, w, o, &added) < 0) {
            rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
            goto out;
        }
        if (!added) {
            rc = load_fail(err, path, lineno, "duplicate term");
            goto out;
        }
    }
    if (getline(&line, &cap, f) > 0) {
        rc = load_fail(err, path, lineno + 1, "more terms than the header "
                                              "says");
        goto out;
    }
    g->ndocs = docs;
    fast_build(g);
out:
    free(line);
    fclose(f);
    if (rc) {
        strtab_release(&g->vocab);
        free(g->idfv);
        g->idfv = NULL;
    }
    return rc;
}

static const struct sift_plugin descriptor = {
    .abi_version = SIFT_ABI_VERSION,
    .size = sizeof(struct sift_plugin),
    .kind = SIFT_FEATURIZER,
    .name = "ngrams",
    .version = "1.0",
    .summary = "word or character n-grams with tf/idf weighting and L2 "
               "normalisation",
    .options = options,
    .noptions = O_N,
    .create = ng_create,
    .destroy = ng_destroy,
    .scratch_new = scratch_new,
    .scratch_free = scratch_free,
    .save = ng_save,
    .load = ng_load,
    .fit = ng_fit,
    .transform = ng_transform,
    .dimension = ng_dimension,
    .feature_name = ng_feature_name,
};

SIFT_EXPORT const struct sift_plugin *sift_plugin(void)
{
    return &descriptor;
}
