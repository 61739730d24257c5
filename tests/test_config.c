/*
 * test_config.c - ini parsing and pipeline validation: every bad input
 * gives one message naming the file and line.
 */
#include <CUnit/CUnit.h>
#include <string.h>

#include "config.h"
#include "pipeline.h"
#include "testutil.h"
#include "pipeline_int.h" /* white-box: the layout */

static const char good[] =
    "[segmenter]\nplugin = segment\n"
    "[tokenizer]\nplugin = tokenize\n"
    "[features.words]\nplugin = ngrams\n"
    "[classifier]\nplugin = svm\n";

/* Build a pipeline from ini text; return it, or NULL with err. */
static struct sift_pipeline *build(const char *body, struct sift_error *err,
                                   const char **path)
{
    const char *p = t_ini("t.ini", body);
    struct sift_config *c = sift_config_load(p, err);
    struct sift_pipeline *pl = c ? sift_pipeline_new(c, err) : NULL;
    sift_config_free(c);
    if (path)
        *path = p;
    return pl;
}

static void test_good_pipeline(void)
{
    struct sift_error err = {0};
    struct sift_pipeline *p = build(good, &err, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(p->nfeat, 1);
    CU_ASSERT_STRING_EQUAL(p->cls.plug.desc->name, "svm");
    sift_pipeline_free(p);
}

static void test_line_numbers(void)
{
    struct sift_error err = {0};
    const char *text = "; comment\n\n[a]\nx = 1\n  y = 2\n[b]\nz = 3\n";
    struct sift_config *c = sift_config_parse(text, strlen(text), "mem.ini",
                                              ".", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_EQUAL(c->nsec, 2);
    CU_ASSERT_EQUAL(c->sec[0].line, 3);
    CU_ASSERT_EQUAL(c->sec[0].kv[0].line, 4);
    CU_ASSERT_EQUAL(c->sec[1].kv[0].line, 7);
    sift_config_free(c);
}

static void test_unknown_key(void)
{
    struct sift_error err = {0};
    const char *path;
    char want[600];
    struct sift_pipeline *p = build(
        "[segmenter]\nplugin = segment\n"
        "[tokenizer]\nplugin = tokenize\nlowercas = true\n"
        "[features]\nplugin = ngrams\n[classifier]\nplugin = svm\n",
        &err, &path);
    CU_ASSERT_PTR_NULL(p);
    snprintf(want, sizeof want, "%s:8: [tokenizer] unknown key 'lowercas'",
             path);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "did you mean 'lowercase'"));
}

static void test_bad_values(void)
{
    struct sift_error err = {0};
    const char *path;
    struct sift_pipeline *p = build(
        "[segmenter]\nplugin = segment\n[tokenizer]\nplugin = tokenize\n"
        "[features]\nplugin = ngrams\nmax_n = three\n[classifier]\n"
        "plugin = svm\n", &err, &path);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, ":10: [features] max_n = "
                                           "'three': expected a whole number"));
    p = build("[segmenter]\nplugin = segment\n[tokenizer]\nplugin = "
              "tokenize\n[features]\nplugin = ngrams\n[classifier]\n"
              "plugin = svm\nkernel = cubic\n", &err, NULL);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "expected one of linear|rbf"));
    p = build("[segmenter]\nplugin = segment\n[tokenizer]\nplugin = "
              "tokenize\n[features]\nplugin = ngrams\n[classifier]\n"
              "plugin = svm\nC = -4\n", &err, NULL);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "out of range"));
    p = build("[segmenter]\nplugin = segment\n[tokenizer]\nplugin = "
              "tokenize\nstem = maybe\n[features]\nplugin = ngrams\n"
              "[classifier]\nplugin = svm\n", &err, NULL);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "expected true or false"));
}

static void test_missing_and_duplicate_sections(void)
{
    struct sift_error err = {0};
    const char *path;
    char want[600];
    struct sift_pipeline *p = build("[segmenter]\nplugin = segment\n"
                                    "[tokenizer]\nplugin = tokenize\n"
                                    "[features]\nplugin = ngrams\n",
                                    &err, &path);
    CU_ASSERT_PTR_NULL(p);
    snprintf(want, sizeof want, "%s: missing section [classifier]", path);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    p = build("[segmenter]\nplugin = segment\n[segmenter]\nplugin = "
              "segment\n", &err, &path);
    CU_ASSERT_PTR_NULL(p);
    snprintf(want, sizeof want,
             "%s:6: duplicate section [segmenter] (first at line 4)", path);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
    p = build("[segmentr]\nplugin = segment\n", &err, &path);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "unknown section [segmentr] "
                                           "(did you mean [segmenter]?)"));
}

static void test_syntax_and_io(void)
{
    struct sift_error err = {0};
    const char *path = t_write("syntax.ini", "[pipeline]\nname\n", 16);
    char want[600];
    CU_ASSERT_PTR_NULL(sift_config_load(path, &err));
    snprintf(want, sizeof want, "%s:2: syntax error", path);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    CU_ASSERT_PTR_NULL(sift_config_load("/nonexistent/x.ini", &err));
    CU_ASSERT_EQUAL(err.code, SIFT_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/nonexistent/x.ini: cannot "
                                           "open"));
    path = t_write("dupkey.ini", "[a]\nx = 1\nx = 2\n", 16);
    CU_ASSERT_PTR_NULL(sift_config_load(path, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, ":3: duplicate key 'x' in [a] "
                                           "(first at line 2)"));
}

static void test_wrong_kind(void)
{
    struct sift_error err = {0};
    struct sift_pipeline *p = build("[segmenter]\nplugin = tokenize\n", &err,
                                    NULL);
    CU_ASSERT_PTR_NULL(p);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "[segmenter] needs a segmenter "
                                           "plugin, but 'tokenize'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is a tokenizer"));
}

static void test_closest(void)
{
    const char *w[] = {"lowercase", "numbers", "punctuation"};
    CU_ASSERT_STRING_EQUAL(sift_closest("numbrs", w, 3), "numbers");
    CU_ASSERT_PTR_NULL(sift_closest("zebra", w, 3));
}

void suite_config(void)
{
    CU_pSuite s = CU_add_suite("config", NULL, NULL);
    CU_add_test(s, "a good pipeline builds", test_good_pipeline);
    CU_add_test(s, "line numbers of sections and keys", test_line_numbers);
    CU_add_test(s, "unknown key: file:line, section, suggestion",
                test_unknown_key);
    CU_add_test(s, "bad values: type, choice, range", test_bad_values);
    CU_add_test(s, "missing, duplicate, misspelt sections",
                test_missing_and_duplicate_sections);
    CU_add_test(s, "syntax error, missing file, duplicate key",
                test_syntax_and_io);
    CU_add_test(s, "stage of the wrong kind", test_wrong_kind);
    CU_add_test(s, "closest word", test_closest);
}
