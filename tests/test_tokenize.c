/*
 * test_tokenize.c - the tokenizer: contractions, apostrophes, hyphens,
 * initialisms, Unicode case folding, numbers, punctuation, stemming and
 * offsets; and that the ASCII fast path spells every corpus word as the
 * general (Unicode) path does.
 */
#include <CUnit/CUnit.h>
#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static struct sift_loaded L;

/* Tokens of text joined by '|', under options kv. */
static const char *tok(const char *text, const char *const *kv)
{
    static char out[4096];
    struct sift_error err = {0};
    char **v = t_values(L.desc, kv);
    void *inst = L.desc->create((const char *const *)v, &err);
    void *scr = inst ? L.desc->scratch_new(inst, &err) : NULL;
    const struct sift_token *t;
    size_t n, o = 0;
    out[0] = '\0';
    if (scr && !L.desc->tokenize(inst, scr, text, strlen(text), &t, &n,
                                 &err)) {
        for (size_t i = 0; i < n && o + t[i].len + 2 < sizeof out; i++) {
            if (i)
                out[o++] = '|';
            memcpy(out + o, t[i].text, t[i].len);
            o += t[i].len;
            /* offsets point back at the source */
            CU_ASSERT(t[i].end <= strlen(text) && t[i].start < t[i].end);
        }
        out[o] = '\0';
    } else {
        strcpy(out, "ERROR");
    }
    L.desc->scratch_free(scr);
    L.desc->destroy(inst);
    t_values_free(L.desc, v);
    return out;
}

static int setup(void)
{
    return t_load("tokenize", &L);
}

static int teardown(void)
{
    sift_plugin_close(&L);
    return 0;
}

static void test_words(void)
{
    CU_ASSERT_STRING_EQUAL(tok("Kyiv's army didn't deny it.", NULL),
                           "kyiv's|army|didn't|deny|it");
    CU_ASSERT_STRING_EQUAL(tok("Kyiv\xE2\x80\x99s army didn\xE2\x80\x99t",
                               NULL),
                           "kyiv's|army|didn't");
    CU_ASSERT_STRING_EQUAL(tok("cross-border U.S.-led raids", NULL),
                           "cross-border|u.s.|led|raids");
    CU_ASSERT_STRING_EQUAL(tok("The U.N. said", NULL), "the|u.n.|said");
}

static void test_case_folding(void)
{
    CU_ASSERT_STRING_EQUAL(tok("\xD0\x9C\xD0\x9E\xD0\xA1\xD0\x9A\xD0\x92\xD0\x90"
                               " \xC3\x89TAT \xC3\x96ZT\xC3\x9CRK",
                               NULL),
                           "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0|"
                           "\xC3\xA9tat|\xC3\xB6zt\xC3\xBCrk");
    const char *keep[] = {"lowercase=false", NULL};
    CU_ASSERT_STRING_EQUAL(tok("The Army", keep), "The|Army");
    /* Unicode's own folding: dotted capital I keeps its dot as a
     * combining mark (never the dotless i), Vietnamese stacked marks,
     * fullwidth letters (NFKC), Armenian, and NFD equal to NFC. */
    CU_ASSERT_STRING_EQUAL(tok("\xC4\xB0STANBUL", NULL),
                           "i\xCC\x87stanbul");
    CU_ASSERT_STRING_EQUAL(tok("N\xE1\xBA\xB4NG", NULL),
                           "n\xE1\xBA\xB5ng");
    CU_ASSERT_STRING_EQUAL(tok("\xEF\xBC\xB5\xEF\xBC\xAE", NULL), "un");
    CU_ASSERT_STRING_EQUAL(tok("\xD4\xB1\xD5\x90\xD5\x84", NULL),
                           "\xD5\xA1\xD6\x80\xD5\xB4");
    CU_ASSERT_STRING_EQUAL(tok("cafe\xCC\x81 CAF\xC3\x89", NULL),
                           "caf\xC3\xA9|caf\xC3\xA9");
}

static void test_title_case_names(void)
{
    const char *mask[] = {"names=mask", NULL};
    /* names are masked in running text ... */
    CU_ASSERT_STRING_EQUAL(
        tok("Officials in Varhan accused rebels from Dorsk of shelling", mask),
        "officials|in|<name>|accused|rebels|from|<name>|of|shelling");
    /* ... but not in a title-case headline, where every word is capital */
    CU_ASSERT_STRING_EQUAL(tok("Varhan Accuses Dorsk Of Staging Attack", mask),
                           "varhan|accuses|dorsk|of|staging|attack");
}

static void test_numbers_punct(void)
{
    CU_ASSERT_STRING_EQUAL(tok("3.4 million, 1,200 troops", NULL),
                           "<num>|million|<num>|troops");
    const char *shape[] = {"numbers=shape", NULL};
    CU_ASSERT_STRING_EQUAL(tok("3.4 million 06.45", shape),
                           "0.0|million|00.00");
    const char *keep[] = {"numbers=keep", "punctuation=true", NULL};
    CU_ASSERT_STRING_EQUAL(tok("Stop, now!", keep), "stop|,|now|!");
}

static void test_stemming(void)
{
    const char *stem[] = {"stem=true", NULL};
    CU_ASSERT_STRING_EQUAL(tok("denies denied denying accused", stem),
                           "deni|deni|deni|accus");
}

static void test_noise(void)
{
    CU_ASSERT_STRING_EQUAL(tok("bad \xFF\xFE bytes \xC3", NULL),
                           "bad|bytes");
    CU_ASSERT_STRING_EQUAL(tok("", NULL), "");
    /* a word of one ignorable code point (ZERO WIDTH JOINER), first in
     * a fresh scratch: folding leaves nothing, so the word stays */
    CU_ASSERT_STRING_EQUAL(tok("\xE2\x80\x8D", NULL), "\xE2\x80\x8D");
    char longw[3000];
    memset(longw, 'a', sizeof longw - 1);
    longw[sizeof longw - 1] = '\0';
    CU_ASSERT_EQUAL(strlen(tok(longw, NULL)), 64);
}

static void test_offsets(void)
{
    struct sift_error err = {0};
    char **v = t_values(L.desc, NULL);
    void *inst = L.desc->create((const char *const *)v, &err);
    void *scr = L.desc->scratch_new(inst, &err);
    const char *text = "  \xE2\x80\x9CWe  deny\xE2\x80\x9D";
    const struct sift_token *t;
    size_t n;
    CU_ASSERT_EQUAL(L.desc->tokenize(inst, scr, text, strlen(text), &t, &n,
                                     &err), 0);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_EQUAL(t[0].start, 5);
    CU_ASSERT_EQUAL(t[0].end, 7);
    CU_ASSERT_EQUAL(t[1].start, 9);
    CU_ASSERT_EQUAL(t[1].end, 13);
    L.desc->scratch_free(scr);
    L.desc->destroy(inst);
    t_values_free(L.desc, v);
}

/* ---- the ASCII fast path against the general path ---- */

#define ZWJ "\xE2\x80\x8D" /* a letter to the tokenizer; NFKC drops it */

struct run {
    void *inst, *scr;
    char **v;
};

static int run_open(struct run *r, const char *const *kv)
{
    struct sift_error err = {0};
    r->v = t_values(L.desc, kv);
    r->inst = L.desc->create((const char *const *)r->v, &err);
    r->scr = r->inst ? L.desc->scratch_new(r->inst, &err) : NULL;
    return r->scr ? 0 : -1;
}

static void run_close(struct run *r)
{
    L.desc->scratch_free(r->scr);
    L.desc->destroy(r->inst);
    t_values_free(L.desc, r->v);
}

/* The tokens of text[0, n) joined by '|' into out (cap bytes). */
static const struct sift_token *spell_all(struct run *r, const char *text,
                                          size_t n, char *out, size_t cap,
                                          size_t *nt)
{
    struct sift_error err = {0};
    const struct sift_token *t;
    size_t o = 0;
    out[0] = '\0';
    if (L.desc->tokenize(r->inst, r->scr, text, n, &t, nt, &err))
        return NULL;
    for (size_t i = 0; i < *nt && o + t[i].len + 2 < cap; i++) {
        if (i)
            out[o++] = '|';
        memcpy(out + o, t[i].text, t[i].len);
        o += t[i].len;
    }
    out[o] = '\0';
    return t;
}

/* A plain ASCII word ending in a letter, without dots (whose rules look
 * at the bytes before them): ZWJ after it sends it down the general
 * path, which must spell it the same. */
static int forceable(const char *text, const struct sift_token *t)
{
    const unsigned char *u = (const unsigned char *)text;
    if (!isalpha(u[t->start]) || !isalpha(u[t->end - 1]))
        return 0;
    for (size_t j = t->start; j < t->end; j++)
        if (u[j] >= 0x80 || u[j] == '.')
            return 0;
    return 1;
}

/* Tokenize line, then line with ZWJ after each forceable word; the
 * spellings must agree.  Returns the words forced. */
static size_t compare_paths(struct run *r, const char *line, size_t n)
{
    static char a[65536], b[65536], var[65536];
    size_t nt, nv, m = 0, forced = 0, at = 0;
    const struct sift_token *t = spell_all(r, line, n, a, sizeof a, &nt);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    for (size_t i = 0; i < nt && m + n + 4 < sizeof var; i++) {
        if (!forceable(line, &t[i]))
            continue;
        memcpy(var + m, line + at, t[i].end - at);
        m += t[i].end - at;
        memcpy(var + m, ZWJ, 3);
        m += 3;
        at = t[i].end;
        forced++;
    }
    memcpy(var + m, line + at, n - at);
    m += n - at;
    CU_ASSERT_PTR_NOT_NULL(spell_all(r, var, m, b, sizeof b, &nv));
    CU_ASSERT_EQUAL(nv, nt);
    CU_ASSERT_STRING_EQUAL(b, a);
    if (strcmp(a, b))
        fprintf(stderr, "\n  fast path differs: %.*s\n", (int)n, line);
    return forced;
}

/* Every corpus sentence, as written and upper-cased, under three option
 * sets. */
static void test_fast_path(void)
{
    const char *sets[][4] = {{"max_token_bytes=1024", NULL},
                             {"max_token_bytes=1024", "names=mask", NULL},
                             {"max_token_bytes=1024", "stem=true",
                              "numbers=shape", NULL}};
    glob_t g;
    size_t forced = 0;
    CU_ASSERT_EQUAL_FATAL(glob("models/claims/corpus/*/*.tsv", 0, NULL, &g),
                          0);
    for (size_t k = 0; k < sizeof sets / sizeof *sets; k++) {
        struct run r;
        CU_ASSERT_EQUAL_FATAL(run_open(&r, sets[k]), 0);
        for (size_t f = 0; f < g.gl_pathc; f++) {
            FILE *in = fopen(g.gl_pathv[f], "r");
            char line[16384];
            CU_ASSERT_PTR_NOT_NULL_FATAL(in);
            while (fgets(line, sizeof line, in)) {
                char *s = strchr(line, '\t');
                if (line[0] == '#' || !s++)
                    continue;
                size_t n = strcspn(s, "\n");
                forced += compare_paths(&r, s, n);
                for (size_t j = 0; j < n; j++)
                    s[j] = (char)toupper((unsigned char)s[j]);
                forced += compare_paths(&r, s, n);
            }
            fclose(in);
        }
        run_close(&r);
    }
    globfree(&g);
    CU_ASSERT(forced > 100000); /* the corpus was there and was read */
}

void suite_tokenize(void)
{
    CU_pSuite s = CU_add_suite("tokenize", setup, teardown);
    CU_add_test(s, "contractions, apostrophes, hyphens, initialisms",
                test_words);
    CU_add_test(s, "Unicode case folding", test_case_folding);
    CU_add_test(s, "names kept in title-case headlines",
                test_title_case_names);
    CU_add_test(s, "numbers and punctuation options", test_numbers_punct);
    CU_add_test(s, "Snowball stemming", test_stemming);
    CU_add_test(s, "invalid UTF-8, empty, overlong tokens", test_noise);
    CU_add_test(s, "byte offsets into the sentence", test_offsets);
    CU_add_test(s, "ASCII fast path spells corpus words as the general path",
                test_fast_path);
}
