/*
 * test_cues.c - the cue featurizer: classes matched on stems, negation
 * scope, and the order option (where a class first occurs and which of
 * two classes comes first).
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"

static struct sift_loaded L;

static const char lexicon[] = "# test lexicon\n"
                              "accuse accuse\n"
                              "report said\n"
                              "act attack\n";

/* The names of the features of the space-separated words in text, joined
 * by ' ', under options kv (the lexicon option is added). */
static const char *features(const char *text, const char *const *extra)
{
    static char out[2048];
    struct sift_error err = {0};
    struct sift_token tok[32];
    char lexopt[700];
    const char *kv[8];
    size_t nkv = 0, nt = 0, o = 0;
    char cwd[512]; /* a relative name would mean beside the plugin */
    const char *lex = t_write("test.lex", lexicon, sizeof lexicon - 1);
    snprintf(lexopt, sizeof lexopt, "lexicon=%s/%s",
             *lex == '/' ? "" : getcwd(cwd, sizeof cwd), lex);
    kv[nkv++] = lexopt;
    for (; extra && *extra && nkv < 7; extra++)
        kv[nkv++] = *extra;
    kv[nkv] = NULL;
    for (size_t i = 0; text[i] && nt < 32;) {
        size_t n = strcspn(text + i, " ");
        tok[nt++] = (struct sift_token){text + i, n, i, i + n};
        i += n + (text[i + n] == ' ');
    }
    struct sift_sentence st = {text, strlen(text), tok, nt};
    char **v = t_values(L.desc, kv);
    void *inst = L.desc->create((const char *const *)v, &err);
    void *scr = inst && !L.desc->fit(inst, NULL, 0, L.dir, &err)
                    ? L.desc->scratch_new(inst, &err)
                    : NULL;
    const struct sift_feature *f;
    size_t n;
    snprintf(out, sizeof out, "ERROR %s", err.msg);
    if (scr && !L.desc->transform(inst, scr, &st, &f, &n, &err)) {
        out[0] = '\0';
        for (size_t i = 0; i < n; i++) {
            char name[128];
            CU_ASSERT(i == 0 || f[i].index > f[i - 1].index);
            CU_ASSERT(f[i].index < L.desc->dimension(inst));
            if (L.desc->feature_name(inst, f[i].index, name, sizeof name))
                strcpy(name, "?");
            if (!strncmp(name, "layout_", 7))
                continue;
            o += (size_t)snprintf(out + o, sizeof out - o, "%s%s",
                                  o ? " " : "", name);
        }
    }
    L.desc->scratch_free(scr);
    L.desc->destroy(inst);
    t_values_free(L.desc, v);
    return out;
}

static int setup(void)
{
    return t_load("cues", &L);
}

static int teardown(void)
{
    sift_plugin_close(&L);
    return 0;
}

static void test_classes_and_negation(void)
{
    CU_ASSERT_STRING_EQUAL(features("rebels accused the army", NULL),
                           "accuse");
    CU_ASSERT_STRING_EQUAL(features("they never accused anyone", NULL),
                           "accuse_neg");
    const char *off[] = {"negation=false", NULL};
    CU_ASSERT_STRING_EQUAL(features("they never accused anyone", off),
                           "accuse");
}

static void test_order(void)
{
    const char *on[] = {"order=true", NULL};
    /* "X said Y attacked": the claim comes first, the act at the end */
    CU_ASSERT_STRING_EQUAL(
        features("the army said rebels attacked posts", on),
        "report act report@middle act@end report<act");
    /* "Y attacked ..., X said": the other order */
    CU_ASSERT_STRING_EQUAL(
        features("rebels attacked the posts the army said", on),
        "report act report@end act@start act<report");
    /* without the option, neither place nor order */
    CU_ASSERT_STRING_EQUAL(
        features("rebels attacked the posts the army said", NULL),
        "report act");
    /* only the first occurrence of a class counts */
    CU_ASSERT_STRING_EQUAL(features("said attack said", on),
                           "report act report@start act@middle report<act");
}

void suite_cues(void)
{
    CU_pSuite s = CU_add_suite("cues", setup, teardown);
    CU_add_test(s, "cue classes, stems and negation",
                test_classes_and_negation);
    CU_add_test(s, "order: first place of each class, which comes first",
                test_order);
}
