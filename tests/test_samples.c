/*
 * test_samples.c - sample files (every bad line names file:line, with and
 * without --skip-bad), metrics arithmetic, and cross-validation folds
 * that keep whole articles or topics together.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "crossval.h"
#include "metrics.h"
#include "samples.h"
#include "testutil.h"

static char *const labels[] = {"allegation", "denial", "threat",
                               "background"};

static int read_text(struct sift_samples *ss, const char *name,
                     const char *text, size_t len, int skip,
                     struct sift_error *err)
{
    const char *p = t_write(name, text, len);
    sift_samples_init(ss, labels, 4, err);
    return sift_samples_read(ss, p, skip, NULL, err);
}

static void expect_bad(const char *text, size_t len, const char *want)
{
    struct sift_samples ss;
    struct sift_error err = {0};
    CU_ASSERT_EQUAL(read_text(&ss, "bad.tsv", text, len, 0, &err),
                    SIFT_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    if (!strstr(err.msg, want))
        fprintf(stderr, "\n  got: %s\n  want: %s\n", err.msg, want);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "bad.tsv:"));
    sift_samples_release(&ss);
    /* --skip-bad: the bad line is counted and the rest read */
    CU_ASSERT_EQUAL(read_text(&ss, "bad.tsv", text, len, 1, &err), 0);
    CU_ASSERT_EQUAL(ss.skipped, 1);
    CU_ASSERT_EQUAL(ss.n, 1);
    sift_samples_release(&ss);
}

static void test_good(void)
{
    struct sift_samples ss;
    struct sift_error err = {0};
    const char t[] = "# doc: a1 war\r\nthreat\tWe will strike.\r\n\r\n"
                     "# a comment\ndenial\t  We never did.  \n"
                     "# doc: a2 trade\nbackground\tMarkets fell.\n";
    CU_ASSERT_EQUAL(read_text(&ss, "good.tsv", t, sizeof t - 1, 0, &err), 0);
    CU_ASSERT_EQUAL_FATAL(ss.n, 3);
    CU_ASSERT_STRING_EQUAL(ss.s[0].text, "We will strike.");
    CU_ASSERT_STRING_EQUAL(ss.s[1].text, "We never did.");
    CU_ASSERT_EQUAL(ss.s[1].line, 5);
    CU_ASSERT_EQUAL(ss.s[0].label, 2);
    CU_ASSERT_STRING_EQUAL(ss.docs[ss.s[0].doc].topic, "war");
    CU_ASSERT_STRING_EQUAL(ss.docs[ss.s[2].doc].id, "a2");
    CU_ASSERT_EQUAL(sift_samples_check(&ss, &err), SIFT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "label 'allegation' has no "
                                           "samples"));
    sift_samples_release(&ss);
}

static void test_bad_lines(void)
{
    const char unknown[] = "accusation\tThey lied.\nthreat\tWe will act.\n";
    expect_bad(unknown, sizeof unknown - 1,
               "bad.tsv:1: unknown label 'accusation' (expected one of: "
               "allegation, denial, threat, background)");
    const char notab[] = "threat We will act.\nthreat\tWe will act.\n";
    expect_bad(notab, sizeof notab - 1, "bad.tsv:1: missing TAB");
    const char empty[] = "threat\tWe act.\ndenial\t   \n";
    expect_bad(empty, sizeof empty - 1, "bad.tsv:2: empty sentence");
    const char utf[] = "threat\tWe \xC3\x28 act.\ndenial\tNo.\n";
    expect_bad(utf, sizeof utf - 1, "bad.tsv:1: invalid UTF-8 at byte 11");
    const char nul[] = "threat\tWe\0 act.\ndenial\tNo.\n";
    expect_bad(nul, sizeof nul - 1, "bad.tsv:1: NUL byte");
}

static void test_too_few_labels(void)
{
    struct sift_samples ss;
    struct sift_error err = {0};
    const char t[] = "threat\tA.\nthreat\tB.\n";
    const char *p = t_write("one.tsv", t, sizeof t - 1);
    sift_samples_init(&ss, NULL, 0, &err);
    CU_ASSERT_EQUAL(sift_samples_read(&ss, p, 0, NULL, &err), 0);
    CU_ASSERT_EQUAL(sift_samples_check(&ss, &err), SIFT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "only one label (threat)"));
    sift_samples_release(&ss);
    CU_ASSERT_EQUAL(sift_samples_read(&ss, "/no/such.tsv", 0, NULL, &err),
                    SIFT_ENOTFOUND);
}

static void test_metrics(void)
{
    struct sift_metrics m;
    char *const lab[] = {"a", "b", "c"};
    /* gold a: 3 (2 right, 1 as b); gold b: 2 (1 right, 1 as a); c: 1 as c */
    CU_ASSERT_EQUAL_FATAL(sift_metrics_init(&m, 3), 0);
    sift_metrics_add(&m, 0, 0);
    sift_metrics_add(&m, 0, 0);
    sift_metrics_add(&m, 0, 1);
    sift_metrics_add(&m, 1, 1);
    sift_metrics_add(&m, 1, 0);
    sift_metrics_add(&m, 2, 2);
    sift_metrics_finish(&m);
    CU_ASSERT_DOUBLE_EQUAL(m.precision[0], 2.0 / 3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(m.recall[0], 2.0 / 3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(m.precision[1], 0.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(m.f1[2], 1.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(m.accuracy, 4.0 / 6, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(m.macro_f1, (2.0 / 3 + 0.5 + 1) / 3, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(sift_metrics_get(&m, lab, "f1:b"), 0.5, 1e-12);
    CU_ASSERT_EQUAL(sift_metrics_get(&m, lab, "nonsense"), -1);
    sift_metrics_release(&m);
}

static void test_grouped_folds(void)
{
    struct sift_samples ss;
    struct sift_error err = {0};
    char text[8192];
    size_t o = 0, fold[200];
    const char *topics[] = {"war", "trade", "sport", "court", "cyber",
                            "coup"};
    for (int d = 0; d < 18; d++) {
        o += (size_t)snprintf(text + o, sizeof text - o, "# doc: d%d %s\n",
                              d, topics[d % 6]);
        for (int k = 0; k < 4 + d % 3; k++)
            o += (size_t)snprintf(text + o, sizeof text - o, "%s\tS%d.\n",
                                  labels[k % 4], k);
    }
    CU_ASSERT_EQUAL_FATAL(read_text(&ss, "folds.tsv", text, o, 0, &err), 0);
    CU_ASSERT_EQUAL_FATAL(sift_folds(&ss, 3, SIFT_GROUP_TOPIC, 7, fold, &err),
                          0);
    /* no topic has sentences in two folds */
    for (size_t i = 0; i < ss.n; i++)
        for (size_t j = 0; j < ss.n; j++)
            if (!strcmp(ss.docs[ss.s[i].doc].topic,
                        ss.docs[ss.s[j].doc].topic))
                CU_ASSERT_EQUAL(fold[i], fold[j]);
    size_t used[3] = {0};
    for (size_t i = 0; i < ss.n; i++)
        used[fold[i]]++;
    CU_ASSERT(used[0] && used[1] && used[2]);
    CU_ASSERT_EQUAL(sift_folds(&ss, 7, SIFT_GROUP_TOPIC, 7, fold, &err),
                    SIFT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "only 6 topic groups for 7 "
                                           "folds"));
    CU_ASSERT_EQUAL(sift_folds(&ss, 5, SIFT_GROUP_NONE, 7, fold, &err), 0);
    sift_samples_release(&ss);
}

void suite_samples(void)
{
    CU_pSuite s = CU_add_suite("samples", NULL, NULL);
    CU_add_test(s, "good file: CRLF, comments, docs, trimming", test_good);
    CU_add_test(s, "bad lines: stop by default, skip with skip_bad",
                test_bad_lines);
    CU_add_test(s, "fewer than two labels, missing file",
                test_too_few_labels);
    CU_add_test(s, "precision, recall, F1, macro, accuracy", test_metrics);
    CU_add_test(s, "topic-grouped folds never split a topic",
                test_grouped_folds);
}
