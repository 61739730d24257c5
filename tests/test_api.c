/*
 * test_api.c - libsift's public interface (include/sift/sift.h): train a
 * bundle, open it and an ini naming it, label a text and a sentence,
 * evaluate, and the errors a caller gets.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sift/sift.h"
#include "testutil.h"

static const char samples[] =
    "# doc: a1 t1\n"
    "allegation\tThe ministry accused the rebels of shelling the town.\n"
    "denial\tThe rebels denied any role and called the claims baseless.\n"
    "threat\tThe army warned it would strike back if attacked again.\n"
    "background\tMarkets were closed on Monday for the holiday.\n"
    "# doc: a2 t2\n"
    "allegation\tPolice accused the firm of hiding losses.\n"
    "denial\tThe firm rejected the allegations as false.\n"
    "threat\tThe regulator said it would impose further penalties.\n"
    "background\tThe company employs 4,000 people.\n";

static const char stages[] =
    "labels = allegation, denial, threat, background\n"
    "model = api-bundle\n"
    "[segmenter]\nplugin = segment\n[tokenizer]\nplugin = tokenize\n"
    "[features.words]\nplugin = ngrams\n[classifier]\nplugin = linear\n"
    "C = 10\ncalibration_folds = 2\n";

static void test_api(void)
{
    struct sift_error err = {0};
    const char *ini = t_ini("api.ini", stages);
    const char *files[] = {t_write("api.tsv", samples, sizeof samples - 1)};
    char dir[600];
    snprintf(dir, sizeof dir, "%s/api-bundle", t_tmpdir());
    CU_ASSERT_PTR_NOT_NULL(strchr(sift_version(), '.'));
    CU_ASSERT_EQUAL_FATAL(sift_train(ini, files, 1, NULL, &err), 0);
    sift_model *m = sift_open(dir, &err), *mi = sift_open(ini, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(mi);
    CU_ASSERT_EQUAL(sift_nlabels(m), 4);
    CU_ASSERT_STRING_EQUAL(sift_label(m, 2), "threat");
    CU_ASSERT_PTR_NULL(sift_label(m, 4));
    sift_session *s = sift_session_new(m, &err), *si = sift_session_new(mi,
                                                                       &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(si);
    const char text[] = "Headline here\n\nThe firm rejected the allegations. "
                        "The army warned it would strike back.";
    const struct sift_result *r, *ri;
    size_t n, ni;
    CU_ASSERT_EQUAL_FATAL(sift_classify(s, text, sizeof text - 1, &r, &n,
                                        &err), 0);
    CU_ASSERT_EQUAL_FATAL(n, 3);
    CU_ASSERT(r[1].start > r[0].end && r[2].end == sizeof text - 1);
    CU_ASSERT_STRING_EQUAL(sift_label(m, (size_t)r[1].label), "denial");
    CU_ASSERT_STRING_EQUAL(sift_label(m, (size_t)r[2].label), "threat");
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t l = 0; l < 4; l++)
            sum += r[i].scores[l];
        CU_ASSERT_DOUBLE_EQUAL(sum, 1.0, 1e-9);
        CU_ASSERT_EQUAL(r[i].confidence, r[i].scores[r[i].label]);
    }
    /* the ini's pipeline runs the same bundle: the same results */
    CU_ASSERT_EQUAL_FATAL(sift_classify(si, text, sizeof text - 1, &ri, &ni,
                                        &err), 0);
    CU_ASSERT_EQUAL_FATAL(ni, n);
    for (size_t i = 0; i < n; i++)
        CU_ASSERT(ri[i].label == r[i].label &&
                  ri[i].confidence == r[i].confidence);
    int label;
    double sc[4];
    CU_ASSERT_EQUAL(sift_classify_sentence(s, text + r[2].start,
                                           r[2].end - r[2].start, &label, sc,
                                           &err), 0);
    CU_ASSERT_EQUAL(label, r[2].label);
    struct sift_scores ev;
    CU_ASSERT_EQUAL(sift_evaluate(m, files, 1, &ev, &err), 0);
    CU_ASSERT_EQUAL(ev.samples, 8);
    CU_ASSERT(ev.accuracy > 0.5 && ev.macro_f1 > 0.4);
    sift_session_free(si);
    sift_session_free(s);
    sift_close(mi);
    sift_close(m);
}

static void test_api_errors(void)
{
    struct sift_error err = {0};
    char dir[600];
    const char *bad[] = {t_write("bad.tsv", "nolabel here\n", 13)};
    snprintf(dir, sizeof dir, "%s/no-such-bundle", t_tmpdir());
    CU_ASSERT_PTR_NULL(sift_open(dir, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no-such-bundle"));
    CU_ASSERT_PTR_NULL(sift_open(dir, NULL)); /* err may be NULL */
    CU_ASSERT(sift_train(t_ini("api2.ini", stages), bad, 1, dir, &err) < 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "bad.tsv:1"));
    sift_close(NULL);
    sift_session_free(NULL);
}

void suite_api(void)
{
    CU_pSuite s = CU_add_suite("api", NULL, NULL);
    CU_add_test(s, "train, open, classify, evaluate through sift.h",
                test_api);
    CU_add_test(s, "errors through sift.h", test_api_errors);
}
