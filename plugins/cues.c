/*
 * cues.c - featurizer plugin: cue classes from a lexicon, plus layout cues.
 *
 * n-grams memorise the training articles; features that name the function
 * of words ("this sentence has a denial cue") carry over to news the model
 * has never seen.  The lexicon (cues.lex beside the plugin, or the file
 * named by the `lexicon` option) is data, one pattern a line:
 *
 *     # comment
 *     CLASS PATTERN
 *
 * PATTERN is space-separated elements, each a '|'-separated set of
 * alternatives: a word (matches tokens with the same Snowball English
 * stem: "deny" matches denies/denied/denying), a prefix ending in '*',
 * '_' (any one token), or '...' (skip 0-4 tokens, never first or last).
 *
 * Each class gives two binary features: CLASS (matched) and CLASS_neg
 * (matched with a negator - not, no, never, without, nor, cannot, or a
 * n't word - in the three tokens before the match: "did not deny").
 * Layout features need no lexicon: short line, no final punctuation,
 * title case, byline, dateline, quotation, first person, question.
 *
 * The lexicon text is saved in the model bundle, so a trained model
 * keeps its features whatever happens to the installed file.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sift/plugin.h"
#include "strtab.h"

enum { O_LEXICON, O_NEGATION, O_LAYOUT, O_PAIRS, O_ORDER, O_N };

static const struct sift_option options[O_N] = {
    {"lexicon", SIFT_OPT_STRING, "cues.lex",
     "cue lexicon file, read when training and saved in the model; a "
     "relative name is looked up beside the plugin",
     NULL, 0, 0, SIFT_OPT_TRAIN, NULL, NULL},
    {"negation", SIFT_OPT_BOOL, "true",
     "separate CLASS_neg features for negated cues", NULL, 0, 0, 0, NULL, NULL},
    {"layout", SIFT_OPT_BOOL, "true",
     "layout features (byline, dateline, title case, ...)", NULL, 0, 0, 0, NULL, NULL},
    {"pairs", SIFT_OPT_BOOL, "false",
     "a feature for each two classes found together (\"report&event\": a "
     "party's claim of a hostile act, not narration)", NULL, 0, 0, 0, NULL, NULL},
    {"order", SIFT_OPT_BOOL, "false",
     "where each class first occurs (\"report@end\": a trailing \"X "
     "said\") and which of two classes comes first (\"report<event\": "
     "\"X said Y attacked\"; \"event<report\": \"Y attacked ..., X "
     "said\")", NULL, 0, 0, 0, NULL, NULL},
};

static const char *const layout_names[] = {
    "layout_short", "layout_no_final_punct", "layout_title_case",
    "layout_byline", "layout_dateline", "layout_quote", "layout_first_person",
    "layout_question"};
#define NLAYOUT (sizeof layout_names / sizeof *layout_names)

enum { ALT_STEM, ALT_PREFIX, ALT_ANY };

#define PREFIX_BUCKETS 1024

/* Bucket of a prefix or token by its first two bytes (one if shorter). */
static size_t prefix_bucket(const char *w, size_t n)
{
    unsigned a = n ? (unsigned char)w[0] : 0, b = n > 1 ? (unsigned char)w[1]
                                                        : 0;
    return (a * 31u + b * 131u + (n > 1)) & (PREFIX_BUCKETS - 1);
}

struct alt {
    uint32_t off, len; /* into cues.strings */
    uint32_t id;       /* ALT_STEM: the stem's index in cues.stems */
    int kind;
};

struct elem {
    uint32_t alt, nalt; /* into cues.alts */
    int gap;
};

struct pattern {
    uint32_t elem, nelem; /* into cues.elems */
    uint32_t cls;
};

struct cues {
    int negation, layout, pairs, order;
    char *lexicon;      /* the lexicon option: a file read by fit() */
    char *lex;          /* lexicon text, as read (saved in bundles) */
    size_t lexlen;
    struct strtab classes;
    struct strtab stems;  /* every word alternative's stem -> id */
    uint64_t lexhash;     /* of lex: scratch caches are tied to it */
    struct alt *alts;
    struct elem *elems;
    struct pattern *pats;
    size_t nalts, nelems, npats;
    char *strings;
    size_t nstrings;
    struct strtab first;  /* stem of a first-element word -> bucket */
    uint32_t **bucket;    /* per first-word entry: pattern ids, 0-ended */
    /* first-element prefixes, by their first two bytes (hashed) */
    uint32_t *byte[PREFIX_BUCKETS];
    size_t nbyte[PREFIX_BUCKETS];
    uint32_t *wild;       /* patterns whose first element is '_' */
    size_t nwild;
};

/* What matching needs of one lowercased token, resolved once per
 * distinct token: its stem id, its first-word bucket, whether it is a
 * negator or a first-person word, and the patterns of its prefix bucket
 * whose first element it matches (all of the bucket when there are more
 * than PREF_MAX, or the token was too long to cache). */
#define PREF_MAX 6
#define PREF_ALL 0xFF

enum { TOK_NEGATOR = 1, TOK_FIRST_PERSON = 2 };

struct tok_info {
    int32_t sid;   /* the token's stem in cues.stems, or -1 */
    int32_t first; /* its bucket in cues.first, or -1 */
    uint16_t pbucket; /* its bucket in cues.byte (tokens of 2+ bytes) */
    uint8_t flags;    /* TOK_* */
    uint8_t npref;    /* entries of pref, or PREF_ALL */
    uint32_t pref[PREF_MAX]; /* pattern ids */
};

/* Direct-mapped cache of recent tokens: news repeats its words, and
 * Snowball is the costliest step per token. */
#define STEM_CACHE 16384
#define STEM_MAX 30

struct stem_entry {
    uint8_t tlen;
    char tok[STEM_MAX];
    struct tok_info info;
};

struct scratch {
    struct sb_stemmer *stemmer;
    struct stem_entry *cache;
    uint64_t lexhash;     /* the lexicon the cache was filled for */
    char *low;            /* lowercased tokens */
    size_t lcap;
    uint32_t *loff, *llen;
    size_t tcap;
    struct tok_info *info; /* per token */
    uint64_t *next;       /* per pattern: see next_masks() */
    unsigned char *hit;   /* per feature */
    uint32_t *first;      /* per class: token where it first matched */
    uint32_t *present;    /* classes found, in order of first match */
    struct sift_feature *out;
    size_t ocap;
};

/* ---- lexicon parsing ---- */

static int push(void **v, size_t *n, size_t size, const void *item)
{
    if (*n == 0 || (*n >= 16 && (*n & (*n - 1)) == 0)) {
        void *nv = realloc(*v, (*n ? *n * 2 : 16) * size);
        if (!nv)
            return -1;
        *v = nv;
    }
    memcpy((char *)*v + *n * size, item, size);
    (*n)++;
    return 0;
}

static long add_string(struct cues *c, const char *s, size_t n)
{
    size_t at = c->nstrings;
    char *v = realloc(c->strings, at + n + 1);
    if (!v)
        return -1;
    c->strings = v;
    memcpy(v + at, s, n);
    v[at + n] = '\0';
    c->nstrings += n + 1;
    return (long)at;
}

static void lower_ascii(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s[i] = (char)tolower((unsigned char)s[i]);
}

static int parse_lexicon(struct cues *c, const char *name,
                         struct sift_error *err)
{
    struct sb_stemmer *st = sb_stemmer_new("english", "UTF_8");
    const char *p = c->lex, *end = c->lex + c->lexlen;
    int line = 0, rc = 0;
    if (!st)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    while (p < end && !rc) {
        const char *e = memchr(p, '\n', (size_t)(end - p)), *q, *cls;
        size_t n;
        struct pattern pat;
        int added;
        line++;
        if (!e)
            e = end;
        n = (size_t)(e - p);
        if (n && p[n - 1] == '\r')
            n--;
        q = p;
        p = e + 1;
        while (n && (*q == ' ' || *q == '\t'))
            q++, n--;
        if (n == 0 || *q == '#')
            continue;
        cls = q;
        while (n && (islower((unsigned char)*q) || isdigit((unsigned char)*q) ||
                     *q == '_'))
            q++, n--;
        if (q == cls || !n || (*q != ' ' && *q != '\t')) {
            rc = sift_fail(err, SIFT_EFORMAT,
                           "%s:%d: expected CLASS PATTERN (class: a-z, 0-9, "
                           "_)", name, line);
            break;
        }
        long ci = strtab_add(&c->classes, cls, (size_t)(q - cls), &added);
        if (ci < 0) {
            rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
            break;
        }
        pat.cls = (uint32_t)ci;
        pat.elem = (uint32_t)c->nelems;
        pat.nelem = 0;
        while (n && !rc) {
            const char *w;
            struct elem el = {(uint32_t)c->nalts, 0, 0};
            while (n && (*q == ' ' || *q == '\t'))
                q++, n--;
            if (!n)
                break;
            w = q;
            while (n && *q != ' ' && *q != '\t')
                q++, n--;
            size_t wl = (size_t)(q - w);
            if (wl == 3 && !memcmp(w, "...", 3)) {
                el.gap = 1;
            } else {
                for (const char *a = w; a < w + wl && !rc;) {
                    const char *bar = memchr(a, '|', (size_t)(w + wl - a));
                    size_t al = bar ? (size_t)(bar - a) : (size_t)(w + wl - a);
                    struct alt alt = {0, 0, 0, ALT_STEM};
                    char buf[128];
                    if (al == 0 || al >= sizeof buf) {
                        rc = sift_fail(err, SIFT_EFORMAT,
                                       "%s:%d: empty or overlong alternative",
                                       name, line);
                        break;
                    }
                    memcpy(buf, a, al);
                    buf[al] = '\0';
                    lower_ascii(buf, al);
                    if (al == 1 && buf[0] == '_') {
                        alt.kind = ALT_ANY;
                    } else if (buf[al - 1] == '*') {
                        alt.kind = ALT_PREFIX;
                        al--;
                    } else {
                        const sb_symbol *s = sb_stemmer_stem(
                            st, (const sb_symbol *)buf, (int)al);
                        if (!s) {
                            rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
                            break;
                        }
                        al = (size_t)sb_stemmer_length(st);
                        memcpy(buf, s, al);
                        int added;
                        long id = strtab_add(&c->stems, buf, al, &added);
                        if (id < 0) {
                            rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
                            break;
                        }
                        alt.id = (uint32_t)id;
                    }
                    long off = add_string(c, buf, al);
                    if (off < 0) {
                        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
                        break;
                    }
                    alt.off = (uint32_t)off;
                    alt.len = (uint32_t)al;
                    if (push((void **)&c->alts, &c->nalts, sizeof alt, &alt))
                        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
                    el.nalt++;
                    a = bar ? bar + 1 : w + wl;
                }
            }
            if (!rc && push((void **)&c->elems, &c->nelems, sizeof el, &el))
                rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
            pat.nelem++;
        }
        if (rc)
            break;
        if (pat.nelem == 0 || c->elems[pat.elem].gap ||
            c->elems[pat.elem + pat.nelem - 1].gap) {
            rc = sift_fail(err, SIFT_EFORMAT,
                           "%s:%d: a pattern needs words, and '...' cannot "
                           "be first or last", name, line);
            break;
        }
        if (push((void **)&c->pats, &c->npats, sizeof pat, &pat))
            rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
    }
    sb_stemmer_delete(st);
    if (!rc && c->npats == 0)
        rc = sift_fail(err, SIFT_EFORMAT, "%s: no patterns", name);
    return rc;
}

/* Add pattern id p to a 0-ended bucket. */
static int bucket_add(uint32_t **b, size_t *n, uint32_t p)
{
    uint32_t *v = realloc(*b, (*n + 2) * sizeof *v);
    if (!v)
        return -1;
    v[(*n)++] = p + 1;
    v[*n] = 0;
    *b = v;
    return 0;
}

/* Index patterns by their first element, so that a token tries only the
 * patterns that can start at it: word alternatives by stem, prefixes by
 * their first byte, '_' always. */
static int build_index(struct cues *c)
{
    size_t *count = NULL;
    for (size_t p = 0; p < c->npats; p++) {
        const struct elem *e = &c->elems[c->pats[p].elem];
        int any = 0;
        for (uint32_t a = 0; a < e->nalt; a++)
            if (c->alts[e->alt + a].kind == ALT_ANY)
                any = 1;
        if (any) {
            uint32_t id = (uint32_t)p;
            if (push((void **)&c->wild, &c->nwild, sizeof id, &id))
                goto nomem;
            continue;
        }
        for (uint32_t a = 0; a < e->nalt; a++) {
            const struct alt *al = &c->alts[e->alt + a];
            if (al->kind == ALT_PREFIX) {
                /* a one-byte prefix would need every second byte: treat
                 * such rare patterns as wild */
                if (al->len < 2) {
                    uint32_t id = (uint32_t)p;
                    if (push((void **)&c->wild, &c->nwild, sizeof id, &id))
                        goto nomem;
                    continue;
                }
                size_t b0 = prefix_bucket(c->strings + al->off, 2);
                if (bucket_add(&c->byte[b0], &c->nbyte[b0], (uint32_t)p))
                    goto nomem;
                continue;
            }
            int added;
            long k = strtab_add(&c->first, c->strings + al->off, al->len,
                                &added);
            if (k < 0)
                goto nomem;
            if (added) {
                uint32_t **b = realloc(c->bucket, (k + 1) * sizeof *b);
                size_t *cn = realloc(count, (k + 1) * sizeof *cn);
                if (b)
                    c->bucket = b;
                if (cn)
                    count = cn;
                if (!b || !cn)
                    goto nomem;
                c->bucket[k] = NULL;
                count[k] = 0;
            }
            if (bucket_add(&c->bucket[k], &count[k], (uint32_t)p))
                goto nomem;
        }
    }
    free(count);
    return 0;
nomem:
    free(count);
    return -1;
}

static void clear(struct cues *c)
{
    for (size_t i = 0; i < c->first.n; i++)
        free(c->bucket[i]);
    free(c->bucket);
    strtab_release(&c->first);
    strtab_release(&c->classes);
    strtab_release(&c->stems);
    free(c->alts);
    free(c->elems);
    free(c->pats);
    free(c->strings);
    free(c->wild);
    for (size_t b = 0; b < PREFIX_BUCKETS; b++)
        free(c->byte[b]);
    free(c->lex);
    int neg = c->negation, lay = c->layout, pairs = c->pairs,
        order = c->order;
    char *lexicon = c->lexicon;
    memset(c, 0, sizeof *c);
    c->lexicon = lexicon;
    c->negation = neg;
    c->layout = lay;
    c->pairs = pairs;
    c->order = order;
}

static int read_all(const char *path, char **text, size_t *len,
                    struct sift_error *err)
{
    FILE *f = fopen(path, "rb");
    long n;
    if (!f)
        return sift_fail(err, errno == ENOENT ? SIFT_ENOTFOUND : SIFT_EIO,
                         "%s: cannot open: %s", path, strerror(errno));
    if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > (64L << 20) ||
        fseek(f, 0, SEEK_SET)) {
        fclose(f);
        return sift_fail(err, SIFT_EIO, "%s: cannot read (or over 64 MiB)",
                         path);
    }
    *text = malloc((size_t)n + 1);
    if (!*text || fread(*text, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(*text);
        *text = NULL;
        return sift_fail(err, SIFT_EIO, "%s: cannot read", path);
    }
    fclose(f);
    (*text)[n] = '\0';
    *len = (size_t)n;
    return 0;
}

/* Take ownership of the lexicon text lex[0..len) (NUL-terminated) and
 * build the matcher from it; `name` labels messages. */
static int use_lexicon(struct cues *c, char *lex, size_t len,
                       const char *name, struct sift_error *err)
{
    int rc;
    clear(c);
    c->lex = lex;
    c->lexlen = len;
    c->lexhash = strtab_hash(c->lex, c->lexlen);
    rc = parse_lexicon(c, name, err);
    if (!rc && build_index(c))
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (rc)
        clear(c);
    return rc;
}

static void *cues_create(const char *const *v, struct sift_error *err)
{
    struct cues *c = calloc(1, sizeof *c);
    if (!c || !(c->lexicon = strdup(v[O_LEXICON]))) {
        free(c);
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    c->negation = !strcmp(v[O_NEGATION], "true");
    c->layout = !strcmp(v[O_LAYOUT], "true");
    c->pairs = !strcmp(v[O_PAIRS], "true");
    c->order = !strcmp(v[O_ORDER], "true");
    return c;
}

static void cues_destroy(void *inst)
{
    struct cues *c = inst;
    if (!c)
        return;
    clear(c);
    free(c->lexicon);
    free(c);
}

static void scratch_free(void *p)
{
    struct scratch *s = p;
    if (!s)
        return;
    if (s->stemmer)
        sb_stemmer_delete(s->stemmer);
    free(s->cache);
    free(s->low);
    free(s->loff);
    free(s->llen);
    free(s->info);
    free(s->next);
    free(s->hit);
    free(s->first);
    free(s->present);
    free(s->out);
    free(s);
}

/* Features: CLASS and CLASS_neg per class, the layout cues, then (with
 * pairs) one per unordered pair of classes, then (with order) three
 * places of first occurrence per class and one per ordered pair. */
static size_t npairs(const struct cues *c)
{
    return c->pairs ? c->classes.n * (c->classes.n - 1) / 2 : 0;
}

static size_t order_base(const struct cues *c)
{
    return 2 * c->classes.n + NLAYOUT + npairs(c);
}

static size_t norder(const struct cues *c)
{
    size_t k = c->classes.n;
    return c->order ? 3 * k + k * (k - 1) : 0;
}

static size_t dimension(const struct cues *c)
{
    return order_base(c) + norder(c);
}

static const char *const places[] = {"start", "middle", "end"};

static void *scratch_new(const void *inst, struct sift_error *err)
{
    const struct cues *c = inst;
    struct scratch *s = calloc(1, sizeof *s);
    size_t dim = dimension(c);
    if (!s || !(s->stemmer = sb_stemmer_new("english", "UTF_8")) ||
        !(s->cache = calloc(STEM_CACHE, sizeof *s->cache)) ||
        !(s->hit = calloc(dim + 1, 1)) ||
        !(s->first = malloc((c->classes.n + 1) * sizeof *s->first)) ||
        !(s->present = malloc((c->classes.n + 1) * sizeof *s->present)) ||
        !(s->out = malloc((dim + 1) * sizeof *s->out))) {
        scratch_free(s);
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    s->ocap = dim;
    return s;
}

/* ---- matching ---- */

/* Whether alternative a matches the lowercased word w[0, n) of stem sid. */
static int alt_matches(const struct cues *c, const struct alt *a,
                       const char *w, size_t n, int32_t sid)
{
    if (a->kind == ALT_ANY)
        return 1;
    if (a->kind == ALT_PREFIX)
        return n >= a->len && !memcmp(w, c->strings + a->off, a->len);
    return sid == (int32_t)a->id;
}

static int elem_matches_word(const struct cues *c, const struct elem *e,
                             const char *w, size_t n, int32_t sid)
{
    for (uint32_t a = 0; a < e->nalt; a++)
        if (alt_matches(c, &c->alts[e->alt + a], w, n, sid))
            return 1;
    return 0;
}

static int elem_matches(const struct cues *c, const struct elem *e,
                        const struct scratch *s, size_t t)
{
    return elem_matches_word(c, e, s->low + s->loff[t], s->llen[t],
                             s->info[t].sid);
}

/* Match elements [ei, end) from token t. */
static int match_from(const struct cues *c, const struct pattern *p,
                      uint32_t ei, const struct scratch *s, size_t t,
                      size_t nt)
{
    if (ei == p->nelem)
        return 1;
    const struct elem *e = &c->elems[p->elem + ei];
    if (e->gap) {
        for (size_t skip = 0; skip <= 4 && t + skip <= nt; skip++)
            if (match_from(c, p, ei + 1, s, t + skip, nt))
                return 1;
        return 0;
    }
    return t < nt && elem_matches(c, e, s, t) &&
           match_from(c, p, ei + 1, s, t + 1, nt);
}

static int is_negator(const char *w, size_t n)
{
    return (n == 3 && (!memcmp(w, "not", 3) || !memcmp(w, "nor", 3))) ||
           (n == 2 && !memcmp(w, "no", 2)) ||
           (n == 5 && !memcmp(w, "never", 5)) ||
           (n == 7 && !memcmp(w, "without", 7)) ||
           (n == 6 && !memcmp(w, "cannot", 6)) ||
           (n > 3 && !memcmp(w + n - 3, "n't", 3));
}

static int is_first_person(const char *w, size_t n)
{
    return (n == 2 && (!memcmp(w, "we", 2) || !memcmp(w, "us", 2))) ||
           (n == 3 && !memcmp(w, "our", 3)) || (n == 1 && *w == 'i');
}

/* The patterns of w's prefix bucket whose first element w matches, into
 * in->pref; PREF_ALL when there are too many to keep. */
static void prefix_candidates(const struct cues *c, const char *w, size_t n,
                              struct tok_info *in)
{
    in->npref = 0;
    if (n < 2)
        return;
    in->pbucket = (uint16_t)prefix_bucket(w, 2);
    for (const uint32_t *b = c->byte[in->pbucket]; b && *b; b++) {
        const struct pattern *p = &c->pats[*b - 1];
        if (!elem_matches_word(c, &c->elems[p->elem], w, n, in->sid))
            continue;
        if (in->npref == PREF_MAX) {
            in->npref = PREF_ALL;
            return;
        }
        in->pref[in->npref++] = *b - 1;
    }
}

/* Resolve the lowercased word w[0, n): stem id, first-word bucket, flags
 * and prefix candidates. */
static void resolve(const struct cues *c, struct scratch *s, const char *w,
                    size_t n, struct tok_info *in)
{
    const sb_symbol *stem = sb_stemmer_stem(s->stemmer, (const sb_symbol *)w,
                                            (int)n);
    size_t sl = stem ? (size_t)sb_stemmer_length(s->stemmer) : 0;
    if (!stem || sl > n) {
        stem = (const sb_symbol *)w;
        sl = n;
    }
    in->sid = (int32_t)strtab_find(&c->stems, (const char *)stem, sl);
    in->first = (int32_t)strtab_find(&c->first, (const char *)stem, sl);
    in->flags = (uint8_t)((is_negator(w, n) ? TOK_NEGATOR : 0) |
                          (is_first_person(w, n) ? TOK_FIRST_PERSON : 0));
    prefix_candidates(c, w, n, in);
}

static int grow_tokens(struct scratch *s, size_t nt, size_t bytes)
{
    if (nt > s->tcap) {
        size_t cap = nt * 2;
        uint32_t *a = realloc(s->loff, cap * sizeof *a);
        if (!a)
            return -1;
        s->loff = a;
        if (!(a = realloc(s->llen, cap * sizeof *a)))
            return -1;
        s->llen = a;
        struct tok_info *in = realloc(s->info, cap * sizeof *in);
        if (!in)
            return -1;
        s->info = in;
        s->tcap = cap;
    }
    if (bytes > s->lcap) {
        char *l = realloc(s->low, bytes * 2);
        if (!l)
            return -1;
        s->low = l;
        s->lcap = bytes * 2;
    }
    return 0;
}

/* For each pattern, a filter on the token after its first: when its
 * second element is stem words only, bit (id & 63) is set for each of
 * their stem ids, and a token whose stem's bit is clear cannot match;
 * otherwise all bits are set. */
static int next_masks(const struct cues *c, struct scratch *s)
{
    uint64_t *m = realloc(s->next, (c->npats + 1) * sizeof *m);
    if (!m)
        return -1;
    s->next = m;
    for (size_t p = 0; p < c->npats; p++) {
        const struct pattern *pat = &c->pats[p];
        if (pat->nelem < 2) {
            m[p] = UINT64_MAX;
            continue;
        }
        const struct elem *e = &c->elems[pat->elem + 1];
        m[p] = e->gap ? UINT64_MAX : 0;
        for (uint32_t a = 0; a < e->nalt && m[p] != UINT64_MAX; a++) {
            const struct alt *al = &c->alts[e->alt + a];
            m[p] = al->kind == ALT_STEM ? m[p] | 1ULL << (al->id & 63)
                                        : UINT64_MAX;
        }
    }
    return 0;
}

/* Copy w[0, n) to out, ASCII letters lowercased; returns its FNV-1a hash
 * (strtab_hash of the copy). */
static uint64_t lower_copy(char *out, const char *w, size_t n)
{
    uint64_t h = SIFT_FNV1A64_INIT;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)w[i];
        b += (unsigned char)((unsigned)(b - 'A') < 26u ? 32 : 0);
        out[i] = (char)b;
        h = (h ^ b) * 1099511628211ULL;
    }
    return h;
}

/* The token info of the lowercased word w[0, n) of hash h, through the
 * cache (tokens too long for it are resolved into *tmp). */
static const struct tok_info *lookup(const struct cues *c, struct scratch *s,
                                     const char *w, size_t n, uint64_t h,
                                     struct tok_info *tmp)
{
    if (n >= STEM_MAX) {
        resolve(c, s, w, n, tmp);
        return tmp;
    }
    struct stem_entry *ce = &s->cache[h & (STEM_CACHE - 1)];
    if (ce->tlen != n || memcmp(ce->tok, w, n)) {
        resolve(c, s, w, n, &ce->info);
        memcpy(ce->tok, w, n);
        ce->tlen = (uint8_t)n;
    }
    return &ce->info;
}

/* Lowercase each token and resolve what matching needs of it, once per
 * distinct token (see struct tok_info). */
static int prepare_tokens(const struct cues *c, struct scratch *s,
                          const struct sift_sentence *st)
{
    size_t nt = st->ntokens, bytes = 0, lo = 0;
    for (size_t t = 0; t < nt; t++)
        bytes += st->tokens[t].len + 1;
    if (grow_tokens(s, nt, bytes))
        return -1;
    if (s->lexhash != c->lexhash || !s->next) { /* another lexicon */
        for (size_t i = 0; i < STEM_CACHE; i++)
            s->cache[i].tlen = 0;
        if (next_masks(c, s))
            return -1;
        s->lexhash = c->lexhash;
    }
    for (size_t t = 0; t < nt; t++) {
        const struct sift_token *tk = &st->tokens[t];
        char *w = s->low + lo;
        uint64_t h = lower_copy(w, tk->text, tk->len);
        s->loff[t] = (uint32_t)lo;
        s->llen[t] = (uint32_t)tk->len;
        lo += tk->len;
        s->info[t] = *lookup(c, s, w, tk->len, h, &s->info[t]);
    }
    return 0;
}

/* Try pattern p at token t, whose first element t is known to match. */
static void try_pattern(const struct cues *c, struct scratch *s, uint32_t p,
                        size_t t, size_t nt, int neg)
{
    const struct pattern *pat = &c->pats[p];
    unsigned char *hit = &s->hit[2 * pat->cls + (size_t)neg];
    uint64_t m = s->next[p];
    if (m != UINT64_MAX && (t + 1 >= nt || s->info[t + 1].sid < 0 ||
                            !(m >> (s->info[t + 1].sid & 63) & 1)))
        return; /* the token after cannot match the second element */
    if (*hit || !match_from(c, pat, 1, s, t + 1, nt))
        return; /* already found: another match adds nothing */
    *hit = 1;
    if (s->first[pat->cls] == UINT32_MAX) /* tokens come in order */
        s->first[pat->cls] = (uint32_t)t;
}

/* With order: the place (start, middle, end third of the tokens) where
 * each class first matched, and for each two classes which came first. */
static void order_features(const struct cues *c, struct scratch *s,
                           size_t nt)
{
    size_t k = c->classes.n, np = 0;
    unsigned char *place = s->hit + order_base(c), *pair = place + 3 * k;
    for (size_t i = 0; i < k; i++)
        if (s->first[i] != UINT32_MAX) {
            size_t j = np++;
            while (j > 0 && s->first[s->present[j - 1]] > s->first[i]) {
                s->present[j] = s->present[j - 1];
                j--;
            }
            s->present[j] = (uint32_t)i;
            size_t third = 3 * (size_t)s->first[i] / (nt ? nt : 1);
            place[3 * i + (third > 2 ? 2 : third)] = 1;
        }
    for (size_t x = 0; x < np; x++)
        for (size_t y = x + 1; y < np; y++) {
            size_t a = s->present[x], b = s->present[y];
            pair[a * (k - 1) + (b > a ? b - 1 : b)] = 1;
        }
}

/* Try the patterns of a 0-ended bucket (ids + 1) at token t; unless
 * known, first check that t matches their first element. */
static void try_bucket(const struct cues *c, struct scratch *s,
                       const uint32_t *b, size_t t, size_t nt, int neg,
                       int known)
{
    for (; b && *b; b++)
        if (known || elem_matches(c, &c->elems[c->pats[*b - 1].elem], s, t))
            try_pattern(c, s, *b - 1, t, nt, neg);
}

/* Every pattern at every token: those of the token's first-word bucket,
 * its prefix candidates, and the wild ones. */
static void match_tokens(const struct cues *c, struct scratch *s, size_t nt)
{
    unsigned window = 0; /* negators among the three tokens before t */
    for (size_t t = 0; t < nt; t++) {
        const struct tok_info *in = &s->info[t];
        int neg = c->negation && (window & 7u) != 0;
        window = window << 1 | ((in->flags & TOK_NEGATOR) != 0);
        if (in->first >= 0)
            try_bucket(c, s, c->bucket[in->first], t, nt, neg, 1);
        if (in->npref == PREF_ALL)
            try_bucket(c, s, c->byte[in->pbucket], t, nt, neg, 0);
        for (size_t i = 0; i < in->npref && in->npref != PREF_ALL; i++)
            try_pattern(c, s, in->pref[i], t, nt, neg);
        for (size_t w = 0; w < c->nwild; w++) {
            uint32_t p = c->wild[w];
            if (elem_matches(c, &c->elems[c->pats[p].elem], s, t))
                try_pattern(c, s, p, t, nt, neg);
        }
    }
}

/* The features set in s->hit[0, dim), in order, into s->out; returns
 * their number.  Whole words of zeros are skipped. */
static size_t collect(struct scratch *s, size_t dim)
{
    size_t n = 0;
    for (size_t i = 0; i < dim;) {
        uint64_t word = 0;
        if (i + 8 <= dim && (memcpy(&word, s->hit + i, 8), word == 0)) {
            i += 8;
            continue;
        }
        if (s->hit[i]) {
            s->out[n].index = (uint32_t)i;
            s->out[n++].value = 1.0;
        }
        i++;
    }
    return n;
}

/* Layout cues from the raw sentence. */
static void layout(const struct cues *c, struct scratch *s,
                   const struct sift_sentence *st)
{
    const unsigned char *t = (const unsigned char *)st->text;
    size_t n = st->len, base = 2 * c->classes.n, words = 0, caps = 0;
    while (n && isspace(t[n - 1]))
        n--;
    if (st->ntokens <= 5)
        s->hit[base + 0] = 1;
    if (n) {
        size_t k = n - 1;
        while (k > 0 && (t[k] == '"' || t[k] == '\'' || t[k] == ')' ||
                         (t[k] & 0xC0) == 0x80 || t[k] == 0xE2))
            k--;
        if (!(t[k] == '.' || t[k] == '!' || t[k] == '?'))
            s->hit[base + 1] = 1;
    }
    for (size_t i = 0; i < st->ntokens; i++) {
        const char *w = st->text + st->tokens[i].start;
        if (!isalpha((unsigned char)*w))
            continue;
        words++;
        caps += isupper((unsigned char)*w) != 0;
    }
    if (words >= 3 && caps * 10 >= words * 7)
        s->hit[base + 2] = 1;
    if (n > 3 && !memcmp(t, "By ", 3) && isupper(t[3]))
        s->hit[base + 3] = 1;
    {
        /* "CITY, Month 3 (Agency) -" or "CITY (Agency) -": a run of upper
         * case letters then ',' or '(' early in the sentence */
        size_t i = 0, up = 0;
        while (i < n && i < 40 && (isupper(t[i]) || t[i] == ' ' ||
                                   t[i] == '-' || t[i] == '.'))
            up += isupper(t[i++]) != 0;
        if (up >= 3 && i < n && (t[i] == ',' || t[i] == '('))
            s->hit[base + 4] = 1;
    }
    for (size_t i = 0; i < n; i++)
        if (t[i] == '"' || (t[i] == 0xE2 && i + 2 < n && t[i + 1] == 0x80 &&
                            (t[i + 2] == 0x9C || t[i + 2] == 0x9D))) {
            s->hit[base + 5] = 1;
            break;
        }
    for (size_t i = 0; i < st->ntokens; i++)
        if (s->info[i].flags & TOK_FIRST_PERSON)
            s->hit[base + 6] = 1;
    if (n && t[n - 1] == '?')
        s->hit[base + 7] = 1;
}

static int cues_transform(const void *inst, void *scratch,
                          const struct sift_sentence *st,
                          const struct sift_feature **out, size_t *nout,
                          struct sift_error *err)
{
    const struct cues *c = inst;
    struct scratch *s = scratch;
    size_t nt = st->ntokens, dim = dimension(c), k = c->classes.n;
    if (s->ocap < dim)
        return sift_fail(err, SIFT_ESTATE, "cues: scratch made for another "
                                           "lexicon");
    memset(s->hit, 0, dim);
    for (size_t i = 0; i < k; i++)
        s->first[i] = UINT32_MAX;
    if (prepare_tokens(c, s, st))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    match_tokens(c, s, nt);
    if (c->layout)
        layout(c, s, st);
    if (c->order)
        order_features(c, s, nt);
    if (c->pairs) {
        unsigned char *pair = s->hit + 2 * k + NLAYOUT;
        for (size_t i = 0, p = 0; i < k; i++)
            for (size_t j = i + 1; j < k; j++, p++)
                pair[p] = (s->hit[2 * i] | s->hit[2 * i + 1]) &
                          (s->hit[2 * j] | s->hit[2 * j + 1]);
    }
    *out = s->out;
    *nout = collect(s, dim);
    return 0;
}

/* Nothing to learn from the sentences: the state is the lexicon, read
 * here (a relative name is in the plugin's directory) and saved with
 * the model, which never reads it again. */
static int cues_fit(void *inst, const struct sift_sentence *s, size_t n,
                    const char *plugin_dir, struct sift_error *err)
{
    struct cues *c = inst;
    char path[4096], *lex;
    size_t len = 0;
    int rc;
    (void)s, (void)n;
    if ((size_t)snprintf(path, sizeof path, "%s%s%s",
                         c->lexicon[0] == '/' ? "" : plugin_dir,
                         c->lexicon[0] == '/' ? "" : "/", c->lexicon) >=
        sizeof path)
        return sift_fail(err, SIFT_EINVAL, "%s: path too long", c->lexicon);
    rc = read_all(path, &lex, &len, err);
    return rc ? rc : use_lexicon(c, lex, len, path, err);
}

static size_t cues_dimension(const void *inst)
{
    return dimension(inst);
}

static int cues_feature_name(const void *inst, uint32_t index, char *buf,
                             size_t size)
{
    const struct cues *c = inst;
    size_t len;
    int n;
    size_t k = c->classes.n;
    if (index >= dimension(c))
        return -1;
    if (index >= order_base(c) + 3 * k) {
        size_t p = index - order_base(c) - 3 * k, a = p / (k - 1),
               b = p % (k - 1), la, lb;
        b += b >= a;
        const char *x = strtab_key(&c->classes, a, &la);
        const char *y = strtab_key(&c->classes, b, &lb);
        n = snprintf(buf, size, "%.*s<%.*s", (int)la, x, (int)lb, y);
    } else if (index >= order_base(c)) {
        size_t p = index - order_base(c), la;
        const char *x = strtab_key(&c->classes, p / 3, &la);
        n = snprintf(buf, size, "%.*s@%s", (int)la, x, places[p % 3]);
    } else if (index >= 2 * k + NLAYOUT) {
        size_t p = index - 2 * k - NLAYOUT, i = 0, la, lb;
        while (p >= k - 1 - i)
            p -= k - 1 - i++;
        const char *a = strtab_key(&c->classes, i, &la);
        const char *b = strtab_key(&c->classes, i + 1 + p, &lb);
        n = snprintf(buf, size, "%.*s&%.*s", (int)la, a, (int)lb, b);
    } else if (index >= 2 * k)
        n = snprintf(buf, size, "%s", layout_names[index - 2 * k]);
    else {
        const char *k = strtab_key(&c->classes, index / 2, &len);
        n = snprintf(buf, size, "%.*s%s", (int)len, k,
                     index % 2 ? "_neg" : "");
    }
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The state is the lexicon's text, as read at fit time. */
static int cues_save(const void *inst, FILE *out, struct sift_error *err)
{
    const struct cues *c = inst;
    if (!c->lex)
        return sift_fail(err, SIFT_ESTATE, "cues: nothing to save (not "
                                           "fitted)");
    fwrite(c->lex, 1, c->lexlen, out);
    return 0;
}

static int cues_load(void *inst, const char *data, size_t len,
                     const char *name, struct sift_error *err)
{
    char *lex = malloc(len + 1);
    if (!lex)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    memcpy(lex, data, len);
    lex[len] = '\0';
    return use_lexicon(inst, lex, len, name, err);
}

static const struct sift_plugin descriptor = {
    .abi_version = SIFT_ABI_VERSION,
    .size = sizeof(struct sift_plugin),
    .kind = SIFT_FEATURIZER,
    .name = "cues",
    .version = "1.1",
    .summary = "cue classes from a lexicon (accusation, denial, threat, ...) "
               "with negation, plus layout cues",
    .options = options,
    .noptions = O_N,
    .create = cues_create,
    .destroy = cues_destroy,
    .scratch_new = scratch_new,
    .scratch_free = scratch_free,
    .save = cues_save,
    .load = cues_load,
    .fit = cues_fit,
    .transform = cues_transform,
    .dimension = cues_dimension,
    .feature_name = cues_feature_name,
};

SIFT_EXPORT const struct sift_plugin *sift_plugin(void)
{
    return &descriptor;
}
