/*
 * test_main.c - runs every CUnit suite; exits non-zero on any failure.
 */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

const char *t_build(void)
{
    const char *b = getenv("SIFT_BUILD");
    return b && *b ? b : "build";
}

const char *t_tmpdir(void)
{
    static char dir[PATH_MAX];
    if (!dir[0]) {
        char base[PATH_MAX];
        snprintf(base, sizeof base, "%s/tests", t_build());
        mkdir(base, 0755);
        if (snprintf(dir, sizeof dir, "%.4000s/tmp-XXXXXX", base) >=
                (int)sizeof dir ||
            !mkdtemp(dir)) {
            perror("mkdtemp");
            exit(1);
        }
        chmod(dir, 0755);
    }
    return dir;
}

const char *t_write(const char *name, const char *content, size_t len)
{
    static char ring[8][PATH_MAX];
    static int at;
    char *p = ring[at++ % 8];
    FILE *f;
    if (snprintf(p, PATH_MAX, "%s/%s", t_tmpdir(), name) >= PATH_MAX)
        exit(1);
    f = fopen(p, "wb");
    if (!f) {
        perror(p);
        exit(1);
    }
    fwrite(content, 1, len, f);
    fclose(f);
    return p;
}

char *t_save(const struct sift_plugin *d, const void *inst, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    struct sift_error err = {0};
    int rc;
    if (!f)
        exit(1);
    rc = d->save(inst, f, &err);
    if (fclose(f) || rc) {
        fprintf(stderr, "\nsave: %s\n", err.msg);
        CU_FAIL("save failed");
        free(buf);
        return NULL;
    }
    return buf;
}

int t_load_bytes(const struct sift_plugin *d, void *inst, const char *data,
                 size_t len, const char *name, struct sift_error *err)
{
    char *copy = malloc(len + 1);
    int rc;
    if (!copy)
        exit(1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    rc = d->load(inst, copy, len, name, err);
    free(copy);
    return rc;
}

int t_load(const char *name, struct sift_loaded *out)
{
    char path[PATH_MAX];
    struct sift_error err = {0};
    snprintf(path, sizeof path, "%s/plugins/%s.so", t_build(), name);
    if (sift_plugin_open(path, out, &err)) {
        fprintf(stderr, "\n%s\n", err.msg);
        CU_FAIL("plugin did not load");
        return -1;
    }
    return 0;
}

char **t_values(const struct sift_plugin *d, const char *const *kv)
{
    char **v = calloc(d->noptions + 1, sizeof *v);
    for (size_t i = 0; i < d->noptions; i++) {
        const char *val = d->options[i].def;
        size_t n = strlen(d->options[i].name);
        for (const char *const *p = kv; p && *p; p++)
            if (!strncmp(*p, d->options[i].name, n) && (*p)[n] == '=')
                val = *p + n + 1;
        v[i] = strdup(val);
        /* booleans reach plugins as "true"/"false" */
    }
    return v;
}

void t_values_free(const struct sift_plugin *d, char **v)
{
    for (size_t i = 0; v && i < d->noptions; i++)
        free(v[i]);
    free(v);
}

const char *t_ini(const char *name, const char *body)
{
    char *text;
    char cwd[PATH_MAX];
    const char *b = t_build();
    if (!getcwd(cwd, sizeof cwd))
        return NULL;
    if (asprintf(&text,
                 "[pipeline]\nname = test\nplugin_path = %s%s%s/plugins\n%s",
                 b[0] == '/' ? "" : cwd, b[0] == '/' ? "" : "/", b,
                 body) < 0)
        return NULL;
    const char *p = t_write(name, text, strlen(text));
    free(text);
    return p;
}

int main(void)
{
    unsigned failed;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    suite_config();
    suite_plugin();
    suite_samples();
    suite_segment();
    suite_tokenize();
    suite_learn();
    suite_linear();
    suite_corpus();
    suite_cues();
    suite_safety();
    suite_api();
    suite_rowfmt();
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
