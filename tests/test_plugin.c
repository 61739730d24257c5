/*
 * test_plugin.c - loading plugins: every way a plugin file can be wrong
 * gives a clear message naming the file, and nothing stays loaded.
 */
#define _GNU_SOURCE
#include <CUnit/CUnit.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugin.h"
#include "testutil.h"

static int open_fixture(const char *name, struct sift_loaded *l,
                        struct sift_error *err, char *path)
{
    snprintf(path, PATH_MAX, "%s/tests/fixtures/%s.so", t_build(), name);
    return sift_plugin_open(path, l, err);
}

static void test_shipped_plugins_load(void)
{
    const char *names[] = {"segment", "tokenize", "ngrams", "cues", "svm"};
    const int kinds[] = {SIFT_SEGMENTER, SIFT_TOKENIZER, SIFT_FEATURIZER,
                         SIFT_FEATURIZER, SIFT_CLASSIFIER};
    for (size_t i = 0; i < 5; i++) {
        struct sift_loaded l;
        if (t_load(names[i], &l))
            continue;
        CU_ASSERT_STRING_EQUAL(l.desc->name, names[i]);
        CU_ASSERT_EQUAL((int)l.desc->kind, kinds[i]);
        CU_ASSERT_EQUAL(l.desc->abi_version, SIFT_ABI_VERSION);
        sift_plugin_close(&l);
    }
}

static void test_not_found(void)
{
    struct sift_plugin_path sp;
    struct sift_loaded l;
    struct sift_error err = {0};
    CU_ASSERT_EQUAL_FATAL(sift_plugin_path_init(&sp, "nowhere", "/tmp", &err),
                          0);
    CU_ASSERT_EQUAL(sift_plugin_load(&sp, "nosuch", "x.ini:3", &l, &err),
                    SIFT_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "x.ini:3: plugin 'nosuch' not "
                                           "found (looked for nosuch.so in: "
                                           "/tmp/nowhere"));
    CU_ASSERT_PTR_NULL(l.handle);
    sift_plugin_path_release(&sp);
}

static void test_not_elf(void)
{
    struct sift_loaded l;
    struct sift_error err = {0};
    char path[PATH_MAX], want[PATH_MAX + 64];
    CU_ASSERT_EQUAL(open_fixture("not_elf", &l, &err, path), SIFT_EABI);
    snprintf(want, sizeof want, "%s: cannot load plugin: ", path);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    CU_ASSERT_PTR_NULL(l.handle);
}

static void test_no_symbol(void)
{
    struct sift_loaded l;
    struct sift_error err = {0};
    char path[PATH_MAX], want[PATH_MAX + 64];
    CU_ASSERT_EQUAL(open_fixture("no_symbol", &l, &err, path), SIFT_EABI);
    snprintf(want, sizeof want, "%s: not a sift plugin (no 'sift_plugin' "
                                "symbol)", path);
    CU_ASSERT_STRING_EQUAL(err.msg, want);
}

static void test_wrong_abi(void)
{
    struct sift_loaded l;
    struct sift_error err = {0};
    char path[PATH_MAX], want[PATH_MAX + 128];
    CU_ASSERT_EQUAL(open_fixture("bad_abi", &l, &err, path), SIFT_EABI);
    snprintf(want, sizeof want, "%s: plugin ABI version 99, but this sift "
                                "expects version %d", path, SIFT_ABI_VERSION);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
    CU_ASSERT_EQUAL(open_fixture("small_struct", &l, &err, path), SIFT_EABI);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "plugin descriptor is 24 bytes"));
    CU_ASSERT_EQUAL(open_fixture("missing_op", &l, &err, path), SIFT_EABI);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "does not provide"));
    CU_ASSERT_EQUAL(open_fixture("reserved_option", &l, &err, path),
                    SIFT_EABI);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "option 'weight' is a name the "
                                           "host reserves"));
    CU_ASSERT_EQUAL(open_fixture("old_classifier", &l, &err, path), 0);
    CU_ASSERT_PTR_NULL(l.desc->bias);
    sift_plugin_close(&l);
}

static void test_insecure(void)
{
    char dir[PATH_MAX], src[PATH_MAX], dst[PATH_MAX + 32], cmd[3 * PATH_MAX];
    struct sift_loaded l;
    struct sift_error err = {0};
    snprintf(dir, sizeof dir, "%s/open", t_tmpdir());
    mkdir(dir, 0755);
    snprintf(src, sizeof src, "%s/plugins/segment.so", t_build());
    snprintf(dst, sizeof dst, "%s/segment.so", dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", src, dst);
    CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
    chmod(dst, 0755);
    chmod(dir, 0777);
    unsetenv("SIFT_ALLOW_INSECURE_PLUGINS");
    CU_ASSERT_EQUAL(sift_plugin_open(dst, &l, &err), SIFT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "world-writable directory"));
    chmod(dir, 0755);
    chmod(dst, 0666);
    CU_ASSERT_EQUAL(sift_plugin_open(dst, &l, &err), SIFT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "refusing to load a group- or "
                                           "world-writable plugin"));
    setenv("SIFT_ALLOW_INSECURE_PLUGINS", "1", 1);
    CU_ASSERT_EQUAL(sift_plugin_open(dst, &l, &err), 0);
    sift_plugin_close(&l);
    unsetenv("SIFT_ALLOW_INSECURE_PLUGINS");
    chmod(dst, 0755);
    CU_ASSERT_EQUAL(sift_plugin_open(dst, &l, &err), 0);
    sift_plugin_close(&l);
}

void suite_plugin(void)
{
    CU_pSuite s = CU_add_suite("plugin", NULL, NULL);
    CU_add_test(s, "shipped plugins load with the right kind",
                test_shipped_plugins_load);
    CU_add_test(s, "not found: names the search path", test_not_found);
    CU_add_test(s, "not a shared object", test_not_elf);
    CU_add_test(s, "no descriptor symbol", test_no_symbol);
    CU_add_test(s, "wrong ABI version, short struct, missing op",
                test_wrong_abi);
    CU_add_test(s, "group/world-writable plugins refused", test_insecure);
}
