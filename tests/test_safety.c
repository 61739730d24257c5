/*
 * test_safety.c - the helpers issue 12 rests on: row fields that stay one
 * field whatever the bytes, label lists, reads that refuse what is not a
 * regular file, and the temporaries a killed run leaves.
 */
#define _GNU_SOURCE
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "file.h"
#include "pipeline.h"
#include "testutil.h"
#include "pipeline_int.h" /* white-box: the layout */

/* What writer(f, in, n) writes, as a static string. */
static const char *render(void (*writer)(FILE *, const char *, size_t),
                          const char *in, size_t n)
{
    static char out[256];
    FILE *f = fmemopen(out, sizeof out, "w");
    writer(f, in, n);
    fclose(f);
    return out;
}

static void test_fields(void)
{
    static const char path[] = "a\tb\nc\\d\x01\r.txt";
    CU_ASSERT_STRING_EQUAL(render(cli_put_field, path, sizeof path - 1),
                           "a\\tb\\nc\\\\d\\x01\\r.txt");
    CU_ASSERT_STRING_EQUAL(render(cli_put_flat,
                                  "a\tb\n\x1b"
                                  "c\x7f",
                                  7),
                           "a b  c ");
    /* invalid bytes, a truncated sequence, an overlong form and a
     * surrogate each become U+FFFD; valid UTF-8 passes through */
    CU_ASSERT_STRING_EQUAL(render(cli_put_json, "Bad \xff\xfe x", 8),
                           "Bad \\ufffd\\ufffd x");
    CU_ASSERT_STRING_EQUAL(render(cli_put_json, "\xc3", 1), "\\ufffd");
    CU_ASSERT_STRING_EQUAL(render(cli_put_json, "\xc0\xaf", 2),
                           "\\ufffd\\ufffd");
    CU_ASSERT_STRING_EQUAL(render(cli_put_json, "\xed\xa0\x80", 3),
                           "\\ufffd\\ufffd\\ufffd");
    CU_ASSERT_STRING_EQUAL(render(cli_put_json, "caf\xc3\xa9 \"q\"\t", 10),
                           "caf\xc3\xa9 \\\"q\\\"\\t");
}

/* sift_pipeline_set_labels on an empty pipeline: 0, or the message. */
static const char *labels(const char *list, size_t *n)
{
    static struct sift_error err;
    struct sift_pipeline p = {0};
    int rc = sift_pipeline_set_labels(&p, list, "x.ini:3: [pipeline]", &err);
    *n = p.nlabels;
    for (size_t i = 0; i < p.nlabels; i++)
        free(p.labels[i]);
    free(p.labels);
    return rc ? err.msg : NULL;
}

static void test_labels(void)
{
    size_t n;
    CU_ASSERT_PTR_NULL(labels("a, b,c", &n));
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT_PTR_NULL(labels("a b", &n));
    CU_ASSERT_EQUAL(n, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(labels("a,b,a", &n), "x.ini:3: [pipeline] "
                                                       "labels = a,b,a: a "
                                                       "label that repeats"));
    CU_ASSERT_PTR_NOT_NULL(strstr(labels("a,,b", &n), "an empty label"));
    CU_ASSERT_PTR_NOT_NULL(strstr(labels("a,b,", &n), "an empty label"));
    CU_ASSERT_PTR_NOT_NULL(strstr(labels(",a", &n), "an empty label"));
    CU_ASSERT_PTR_NOT_NULL(strstr(labels("", &n), "an empty label"));
    CU_ASSERT_PTR_NOT_NULL(strstr(labels("a,b\tc", &n), "holding a TAB"));
    CU_ASSERT_PTR_NOT_NULL(strstr(labels("a,b\xff", &n), "not UTF-8"));
}

static void test_file_read(void)
{
    char path[600], *text = NULL;
    size_t len;
    struct sift_error err = {0};
    const char *f = t_write("regular.txt", "hello", 5);
    CU_ASSERT_EQUAL(sift_file_read(f, SIFT_FILE_NOFOLLOW, 5, &text, &len, &err),
                    0);
    CU_ASSERT_EQUAL(len, 5);
    free(text);
    CU_ASSERT_EQUAL(sift_file_read(f, 0, 4, &text, &len, &err), SIFT_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "larger than 4 bytes"));
    snprintf(path, sizeof path, "%s/fifo", t_tmpdir());
    CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0600), 0);
    CU_ASSERT_EQUAL(sift_file_read(path, 0, 100, &text, &len, &err),
                    SIFT_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "fifo: not a regular file"));
    CU_ASSERT_EQUAL(sift_file_read(t_tmpdir(), 0, 100, &text, &len, &err),
                    SIFT_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, ": is a directory"));
    snprintf(path, sizeof path, "%s/link", t_tmpdir());
    CU_ASSERT_EQUAL_FATAL(symlink("regular.txt", path), 0);
    CU_ASSERT_EQUAL(
        sift_file_read(path, SIFT_FILE_NOFOLLOW, 100, &text, &len, &err),
        SIFT_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "link: is a symbolic link"));
    CU_ASSERT_PTR_NULL(strstr(err.msg, "hello"));
    CU_ASSERT_EQUAL(sift_file_read(path, 0, 100, &text, &len, &err), 0);
    free(text);
}

static void test_tmp_sweep(void)
{
    char out[600], name[700], mine[700];
    snprintf(out, sizeof out, "%s/out.tsv", t_tmpdir());
    CU_ASSERT_EQUAL(sift_tmp_template(name, sizeof name, out), 0);
    snprintf(mine, sizeof mine, "%s.tmp-%ld-XXXXXX", out, (long)getpid());
    CU_ASSERT_STRING_EQUAL(name, mine);
    snprintf(name, sizeof name, "%s.tmp-999999999-abcdef", out);
    t_write("out.tsv.tmp-999999999-abcdef", "", 0);
    t_write("out.tsv.tmp-999999999-abcde", "", 0); /* not sift's naming */
    CU_ASSERT_EQUAL(sift_tmp_sweep(out), 1);
    CU_ASSERT_NOT_EQUAL(access(name, F_OK), 0);
    snprintf(name, sizeof name, "%s.tmp-999999999-abcde", out);
    CU_ASSERT_EQUAL(access(name, F_OK), 0);
}

void suite_safety(void)
{
    CU_pSuite s = CU_add_suite("safety", NULL, NULL);
    CU_add_test(s, "row fields: escapes, flattening, U+FFFD", test_fields);
    CU_add_test(s, "labels: empty, repeated, TAB refused", test_labels);
    CU_add_test(s, "file reads refuse FIFOs, directories, symlinks",
                test_file_read);
    CU_add_test(s, "stale temporaries: only sift's, only dead makers",
                test_tmp_sweep);
}
