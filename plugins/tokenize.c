/*
 * tokenize.c - tokenizer plugin: splits one sentence into words, numbers
 * and (optionally) punctuation, UTF-8 aware.
 *
 * Words keep internal apostrophes ("didn't", "Kyiv's") and hyphens
 * ("cross-border"), and dotted initialisms ("U.S."); curly and straight
 * apostrophes fold to "'".  Lowercasing is Unicode NFKC case folding
 * (utf8proc) for words with non-ASCII letters, so "İSTANBUL", "NẴNG",
 * fullwidth "ＵＮ" and NFD "café" fold as Unicode says; ASCII words take
 * a fast path that gives the same result.  Numbers may be kept, reduced to
 * their shape ("00.0") or replaced by one token "<num>".  Stemming uses
 * Snowball (libstemmer) for English.
 *
 * Invalid UTF-8 bytes are treated as separators, never read past.
 * Tokens carry byte offsets into the sentence.
 */
#include <libstemmer.h>
#include <stdint.h>
#include <utf8proc.h>
#include <stdlib.h>
#include <string.h>

#include "sift/plugin.h"
#include "util.h"

enum { O_LOWER, O_NUMBERS, O_PUNCT, O_STEM, O_MAXTOK, O_NAMES, O_N };

static const struct sift_option options[O_N] = {
    {"lowercase", SIFT_OPT_BOOL, "true", "fold case (Unicode-aware)", NULL, 0,
     0, 0, NULL, NULL},
    {"numbers", SIFT_OPT_ENUM, "token",
     "numbers: keep as written, shape (digits become 0), or token (<num>)",
     "keep|shape|token", 0, 0, 0, NULL, NULL},
    {"punctuation", SIFT_OPT_BOOL, "false", "emit punctuation as tokens",
     NULL, 0, 0, 0, NULL, NULL},
    {"stem", SIFT_OPT_BOOL, "false", "Snowball English stemming of words",
     NULL, 0, 0, 0, NULL, NULL},
    {"max_token_bytes", SIFT_OPT_INT, "64",
     "longer tokens are cut to this many bytes", NULL, 8, 1024, 0, NULL, NULL},
    {"names", SIFT_OPT_ENUM, "keep",
     "capitalised words after the first: keep, or mask as <name> so that "
     "a model learns what parties do, not who they are (never in a "
     "title-case headline)",
     "keep|mask", 0, 0, 0, NULL, NULL},
};

struct tok {
    int lower, punct, stem;
    int numbers; /* 0 keep, 1 shape, 2 token */
    int mask_names;
    size_t maxtok;
};

struct scratch {
    struct sift_token *t;
    size_t cap;
    char *buf;
    size_t bcap;
    size_t *off;  /* text offsets while buf may still move */
    struct sb_stemmer *stemmer;
    utf8proc_int32_t *cp; /* code points of one word being case-folded */
    size_t cpcap;
};

static void *tok_create(const char *const *v, struct sift_error *err)
{
    struct tok *t = calloc(1, sizeof *t);
    if (!t) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    t->lower = !strcmp(v[O_LOWER], "true");
    t->numbers = !strcmp(v[O_NUMBERS], "keep") ? 0
                 : !strcmp(v[O_NUMBERS], "shape") ? 1 : 2;
    t->punct = !strcmp(v[O_PUNCT], "true");
    t->stem = !strcmp(v[O_STEM], "true");
    t->maxtok = (size_t)strtoul(v[O_MAXTOK], NULL, 10);
    t->mask_names = !strcmp(v[O_NAMES], "mask");
    return t;
}

static void tok_destroy(void *inst)
{
    free(inst);
}

static void scratch_free(void *p)
{
    struct scratch *s = p;
    if (!s)
        return;
    if (s->stemmer)
        sb_stemmer_delete(s->stemmer);
    free(s->t);
    free(s->buf);
    free(s->off);
    free(s->cp);
    free(s);
}

static void *scratch_new(const void *inst, struct sift_error *err)
{
    const struct tok *t = inst;
    struct scratch *s = calloc(1, sizeof *s);
    if (!s)
        goto nomem;
    if (t->stem && !(s->stemmer = sb_stemmer_new("english", "UTF_8")))
        goto nomem;
    return s;
nomem:
    scratch_free(s);
    sift_fail(err, SIFT_ENOMEM, "out of memory");
    return NULL;
}

/* Decode one code point at s[i..n); *len gets its byte length.  Invalid
 * sequences give 0xFFFD with length 1. */
static uint32_t decode(const unsigned char *s, size_t i, size_t n,
                       size_t *len)
{
    uint32_t cp;
    *len = sift_utf8_decode(s, i, n, &cp);
    if (*len)
        return cp;
    *len = 1;
    return 0xFFFD;
}

static size_t encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* NFKC case folding of the UTF-8 word w[0, n) in place; returns its new
 * length, at most max bytes (cut at a code point), or n unchanged when
 * memory runs out.  The code points go through the scratch's buffer, so
 * a folded word costs no allocation once the buffer is large enough. */
static size_t fold_word(struct scratch *s, char *w, size_t n, size_t max)
{
    const utf8proc_option_t opt = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                  UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                  UTF8PROC_IGNORE;
    utf8proc_ssize_t k;
    for (;;) {
        k = utf8proc_decompose((const utf8proc_uint8_t *)w,
                               (utf8proc_ssize_t)n, s->cp,
                               (utf8proc_ssize_t)s->cpcap, opt);
        if (k < 0)
            return n; /* invalid UTF-8 cannot reach here: decode() */
        if ((size_t)k <= s->cpcap)
            break;
        utf8proc_int32_t *c = realloc(s->cp, (size_t)k * 2 * sizeof *c);
        if (!c)
            return n;
        s->cp = c;
        s->cpcap = (size_t)k * 2;
    }
    if (k == 0)
        return n; /* only ignorable characters: keep the word as it was
                   * (and s->cp may still be NULL: nothing to re-encode) */
    k = utf8proc_reencode(s->cp, k, opt);
    if (k <= 0)
        return n;
    const unsigned char *u = (const unsigned char *)s->cp;
    size_t len = (size_t)k;
    if (len > max) {
        len = max;
        while (len > 0 && (u[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(w, u, len);
    return len;
}

static uint32_t lower_ascii(uint32_t c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

enum cls { SPACE, LETTER, DIGIT, APOS, HYPHEN, DOT, COMMA, PUNCT };

static enum cls classify(uint32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v' || c == 0 || c == 0xA0 || c == 0xFFFD || c == 0xFEFF ||
        (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x3000)
        return SPACE;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return LETTER;
    if (c >= '0' && c <= '9')
        return DIGIT;
    if (c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC)
        return APOS;
    if (c == '-' || c == 0x2010 || c == 0x2011)
        return HYPHEN;
    if (c == '.')
        return DOT;
    if (c == ',')
        return COMMA;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7 ||
        (c >= 0x2010 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF) ||
        (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF00 && c <= 0xFF0F))
        return PUNCT;
    return LETTER;
}

/* classify() of each ASCII byte, so that plain text needs no decoding:
 * S space, L letter, D digit, A apostrophe, H hyphen, O dot, C comma,
 * P punctuation. */
#define S SPACE
#define L LETTER
#define D DIGIT
#define P PUNCT
static const unsigned char ascii_cls[128] = {
    S, P, P, P, P, P, P, P, P, S, S, S, S, S, P, P, /* NUL, \t-\r */
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    S, P, P, P, P, P, P, APOS, P, P, P, P, COMMA, HYPHEN, DOT, P,
    D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* @, A-O */
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P,
    P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, /* `, a-o */
    L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P,
};
#undef S
#undef L
#undef D
#undef P

/* The class of the code point at u[i..n); *len gets its byte length. */
static enum cls class_at(const unsigned char *u, size_t i, size_t n,
                         size_t *len)
{
    if (u[i] < 0x80) {
        *len = 1;
        return (enum cls)ascii_cls[u[i]];
    }
    return classify(decode(u, i, n, len));
}

static int reserve(struct scratch *s, size_t ntok, size_t nbytes)
{
    if (ntok > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        while (cap < ntok)
            cap *= 2;
        struct sift_token *t = realloc(s->t, cap * sizeof *t);
        size_t *o = realloc(s->off, cap * sizeof *o);
        if (t)
            s->t = t;
        if (o)
            s->off = o;
        if (!t || !o)
            return -1;
        s->cap = cap;
    }
    if (nbytes > s->bcap) {
        size_t cap = s->bcap ? s->bcap * 2 : 1024;
        while (cap < nbytes)
            cap *= 2;
        char *b = realloc(s->buf, cap);
        if (!b)
            return -1;
        s->buf = b;
        s->bcap = cap;
    }
    return 0;
}

/* End of the token starting at i of class c (byte offset). */
static size_t scan_word(const unsigned char *u, size_t i, size_t n)
{
    size_t len, j = i, nl;
    while (j < n) {
        enum cls k = class_at(u, j, n, &len);
        if (k == LETTER || k == DIGIT) {
            j += len;
            continue;
        }
        if (k == APOS || k == HYPHEN || k == DOT) {
            if (j + len < n) {
                enum cls nk = class_at(u, j + len, n, &nl);
                if (nk == LETTER || (nk == DIGIT && k == HYPHEN)) {
                    /* "U.S" but not "end.Next": a dot joins only after a
                     * single letter */
                    if (k == DOT && !(j >= i + 1 && (j == i + 1 ||
                                                     u[j - 2] == '.')))
                        break;
                    j += len;
                    continue;
                }
            }
            /* keep the final dot of an initialism: "U.S." */
            if (k == DOT && j >= i + 2 && u[j - 2] == '.')
                j += len;
        }
        break;
    }
    return j;
}

static size_t scan_number(const unsigned char *u, size_t i, size_t n)
{
    size_t j = i, len;
    while (j < n) {
        enum cls k = class_at(u, j, n, &len);
        if (k == DIGIT || k == LETTER) {
            j += len;
            continue;
        }
        if ((k == DOT || k == COMMA) && j + 1 < n && u[j + 1] >= '0' &&
            u[j + 1] <= '9') {
            j += 1;
            continue;
        }
        break;
    }
    return j;
}

static int is_upper_cp(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    int k = utf8proc_category((utf8proc_int32_t)c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

static int is_lower_cp(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LL;
}

/* A capitalised word with a lower-case letter after the first ("Varhan",
 * "Kyiv's"), not an initialism ("U.S.") or a shouted word ("NATO"). */
static int is_name(const unsigned char *u, size_t a, size_t b, size_t n)
{
    size_t len;
    if (!is_upper_cp(decode(u, a, n, &len)))
        return 0;
    for (size_t j = a + len; j < b; j += len) {
        uint32_t c = decode(u, j, n, &len);
        if (is_lower_cp(c))
            return 1;
    }
    return 0;
}

/* A headline in title case ("Ministry Denies Shelling Claims") capitalises
 * every word, so masking names there would erase the verbs that decide its
 * label.  Title case: at least four words of four letters or more, and
 * three in four of them begin with a capital. */
static int title_case(const unsigned char *u, size_t n)
{
    size_t words = 0, caps = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && ((u[j] | 0x20) >= 'a' && (u[j] | 0x20) <= 'z'))
            j++;
        if (j - i >= 4 && (i == 0 || u[i - 1] == ' ' || u[i - 1] == '\'' ||
                           u[i - 1] == '"' || u[i - 1] == '(')) {
            words++;
            caps += u[i] >= 'A' && u[i] <= 'Z';
        }
        i = j > i ? j : i + 1;
    }
    return words >= 4 && caps * 4 >= words * 3;
}

/* Whether u[a, b) is all ASCII. */
static int ascii_span(const unsigned char *u, size_t a, size_t b)
{
    unsigned char any = 0;
    for (size_t j = a; j < b; j++)
        any |= u[j];
    return any < 0x80;
}

/* The ASCII token w[0, n) as the general path spells it: one byte a
 * character, so cut at maxtok; digits of a number shaped, letters
 * lowercased by table; "'" and "-" are already their own folding. */
static size_t spell_ascii(const struct tok *t, char *o,
                          const unsigned char *w, size_t n, int number)
{
    int shape = number && t->numbers == 1;
    if (n > t->maxtok)
        n = t->maxtok;
    for (size_t j = 0; j < n; j++) {
        unsigned c = w[j];
        if (shape && c - '0' < 10u)
            c = '0';
        else if (t->lower && c - 'A' < 26u)
            c += 32;
        o[j] = (char)c;
    }
    return n;
}

/* The token u[a, b) with any code point: apostrophes and hyphens folded,
 * digits shaped, then (for non-ASCII words) NFKC case folding; cut at
 * maxtok bytes. */
static size_t spell_wide(const struct tok *t, struct scratch *s, char *o,
                         const unsigned char *u, size_t a, size_t b,
                         size_t n, int number)
{
    size_t w = 0, len;
    int wide = 0;
    for (size_t j = a; j < b; j += len) {
        char enc[4];
        uint32_t cp = decode(u, j, n, &len);
        enum cls ck = classify(cp);
        if (ck == APOS)
            cp = '\'';
        else if (ck == HYPHEN)
            cp = '-';
        else if (number && t->numbers == 1 && ck == DIGIT)
            cp = '0';
        else if (t->lower)
            cp = lower_ascii(cp);
        wide |= cp >= 0x80;
        size_t k = encode(cp, enc);
        if (w + k > t->maxtok)
            break;
        memcpy(o + w, enc, k);
        w += k;
    }
    if (wide && t->lower)
        w = fold_word(s, o, w, t->maxtok);
    return w;
}

/* Replace the word o[0, *w) by its Snowball stem (when not longer). */
static int stem_word(struct scratch *s, char *o, size_t *w)
{
    const sb_symbol *st = sb_stemmer_stem(s->stemmer, (const sb_symbol *)o,
                                          (int)*w);
    if (!st)
        return -1;
    size_t sl = (size_t)sb_stemmer_length(s->stemmer);
    if (sl <= *w) {
        memcpy(o, st, sl);
        *w = sl;
    }
    return 0;
}

/* Spell the token u[a, b) of class k into o: "<num>", "<name>", or its
 * folded text, stemmed when asked; returns its length, or -1 when out of
 * memory.  mask: names are masked in this sentence; nt: tokens before. */
static long spell(const struct tok *t, struct scratch *s, char *o,
                  const unsigned char *u, size_t a, size_t b, size_t n,
                  enum cls k, int mask, size_t nt)
{
    int number = k == DIGIT;
    size_t w;
    if (number && t->numbers == 2) {
        memcpy(o, "<num>", 5);
        return 5;
    }
    if (mask && k == LETTER && nt > 0 && is_name(u, a, b, n)) {
        memcpy(o, "<name>", 6);
        w = 6;
    } else if (ascii_span(u, a, b)) {
        w = spell_ascii(t, o, u + a, b - a, number);
    } else {
        w = spell_wide(t, s, o, u, a, b, n, number);
    }
    if (t->stem && k == LETTER && stem_word(s, o, &w))
        return -1;
    return (long)w;
}

static int tok_tokenize(const void *inst, void *scratch, const char *text,
                        size_t n, const struct sift_token **out,
                        size_t *nout, struct sift_error *err)
{
    const struct tok *t = inst;
    struct scratch *s = scratch;
    const unsigned char *u = (const unsigned char *)text;
    size_t i = 0, nt = 0, used = 0, len;
    int mask = t->mask_names && !title_case(u, n);
    while (i < n) {
        enum cls k = class_at(u, i, n, &len);
        size_t end, need;
        if (k == SPACE || (k != LETTER && k != DIGIT && !t->punct)) {
            i += len;
            continue;
        }
        end = k == LETTER  ? scan_word(u, i, n)
              : k == DIGIT ? scan_number(u, i, n)
                           : i + len;
        need = (end - i) * 2 + 8;
        if (need > t->maxtok * 2 + 8)
            need = t->maxtok * 2 + 8;
        if (reserve(s, nt + 1, used + need + 64))
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        long w = spell(t, s, s->buf + used, u, i, end, n, k, mask, nt);
        if (w < 0)
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        s->off[nt] = used;
        s->t[nt].len = (size_t)w;
        s->t[nt].start = i;
        s->t[nt].end = end;
        nt++;
        used += (size_t)w;
        i = end;
    }
    for (size_t j = 0; j < nt; j++)
        s->t[j].text = s->buf + s->off[j];
    *out = s->t;
    *nout = nt;
    return 0;
}

static const struct sift_plugin descriptor = {
    .abi_version = SIFT_ABI_VERSION,
    .size = sizeof(struct sift_plugin),
    .kind = SIFT_TOKENIZER,
    .name = "tokenize",
    .version = "1.2",
    .summary = "UTF-8 word tokenizer: contractions, hyphens, initialisms, "
               "case folding, optional Snowball stemming",
    .options = options,
    .noptions = O_N,
    .create = tok_create,
    .destroy = tok_destroy,
    .scratch_new = scratch_new,
    .scratch_free = scratch_free,
    .tokenize = tok_tokenize,
};

SIFT_EXPORT const struct sift_plugin *sift_plugin(void)
{
    return &descriptor;
}
