/*
 * test_linear.c - the LIBLINEAR classifier plugin: it learns separable
 * data, its confidences are probabilities that agree with its label, its
 * saved model reloads to the same scores bit for bit, training is
 * deterministic, and edited or truncated model files are refused.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

enum { NTRAIN = 240, NTEST = 90, NLAB = 3, NF = 5, DIM = 12 };

/* Label i % 3: two features of its own (indices 2y, 2y+1) with noise,
 * and three noise features in [6, 12). */
static void gen(struct sift_feature (*f)[NF], struct sift_vector *x, int *y,
                size_t n, unsigned seed)
{
    unsigned s = seed;
    for (size_t i = 0; i < n; i++) {
        y[i] = (int)(i % NLAB);
        for (size_t k = 0; k < NF; k++) {
            s = s * 1103515245u + 12345u;
            double noise = (double)((s >> 16) % 1000) / 1000.0;
            f[i][k].index = (uint32_t)(k < 2 ? 2 * (size_t)y[i] + k
                                             : 6 + (k - 2) * 2 + (s >> 8) % 2);
            f[i][k].value = k < 2 ? 0.6 + noise : noise;
        }
        x[i].f = f[i];
        x[i].n = NF;
    }
}

static char *slurp_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long len;
    if (!f)
        return NULL;
    if (!fseek(f, 0, SEEK_END) && (len = ftell(f)) >= 0 &&
        !fseek(f, 0, SEEK_SET) && (buf = malloc((size_t)len + 1)) &&
        fread(buf, 1, (size_t)len, f) == (size_t)len) {
        buf[len] = '\0';
        *n = (size_t)len;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

static void *trained(const struct sift_loaded *L, char **v, const char *name)
{
    static struct sift_feature f[NTRAIN][NF];
    struct sift_vector x[NTRAIN];
    int y[NTRAIN];
    struct sift_error err = {0};
    char file[600];
    size_t len;
    gen(f, x, y, NTRAIN, 7);
    void *m = L->desc->create((const char *const *)v, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL_FATAL(L->desc->train(m, x, y, NTRAIN, DIM, NLAB, &err),
                          0);
    char *state = t_save(L->desc, m, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(state);
    snprintf(file, sizeof file, "%s.linear", name);
    t_write(file, state, len);
    free(state);
    return m;
}

static void test_linear_learns(void)
{
    struct sift_loaded L;
    struct sift_error err = {0};
    static struct sift_feature g[NTEST][NF];
    struct sift_vector tx[NTEST];
    int ty[NTEST];
    char path[700];
    size_t len;
    if (t_load("linear", &L))
        return;
    char **v = t_values(L.desc, NULL);
    void *m = trained(&L, v, "lin-a");
    void *m2 = L.desc->create((const char *const *)v, &err);
    snprintf(path, sizeof path, "%s/lin-a.linear", t_tmpdir());
    char *state = slurp_file(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(state);
    CU_ASSERT_EQUAL_FATAL(t_load_bytes(L.desc, m2, state, len, path, &err),
                          0);
    free(state);
    CU_ASSERT_EQUAL(L.desc->nlabels(m2), NLAB);
    gen(g, tx, ty, NTEST, 99);
    void *s = L.desc->scratch_new(m, &err);
    size_t correct = 0;
    for (size_t i = 0; i < NTEST; i++) {
        double p[NLAB], q[NLAB], sum = 0, contrib[NF];
        int a, b;
        CU_ASSERT_EQUAL(L.desc->predict(m, s, &tx[i], &a, p, &err), 0);
        CU_ASSERT_EQUAL(L.desc->predict(m2, s, &tx[i], &b, q, &err), 0);
        CU_ASSERT_EQUAL(a, b);
        CU_ASSERT_EQUAL(memcmp(p, q, sizeof p), 0); /* reload: same bits */
        for (size_t c = 0; c < NLAB; c++) {
            CU_ASSERT(p[c] >= 0 && p[c] <= 1);
            CU_ASSERT(p[c] <= p[a]);
            sum += p[c];
        }
        CU_ASSERT_DOUBLE_EQUAL(sum, 1.0, 1e-9);
        correct += a == ty[i];
        CU_ASSERT_EQUAL(L.desc->explain(m, s, &tx[i], a, contrib, &err), 0);
    }
    CU_ASSERT(correct >= 85);
    L.desc->scratch_free(s);
    L.desc->destroy(m);
    L.desc->destroy(m2);
    t_values_free(L.desc, v);
    sift_plugin_close(&L);
}

static void test_linear_deterministic(void)
{
    struct sift_loaded L;
    char a[700], b[700];
    /* logreg is a primal solver; svm's dual solver shuffles with rand() */
    const char *solver[] = {"solver=logreg", "solver=svm"};
    if (t_load("linear", &L))
        return;
    for (int s = 0; s < 2; s++) {
        size_t na = 0, nb = 0;
        const char *kv[] = {solver[s], "C=2", NULL};
        char **v = t_values(L.desc, kv);
        L.desc->destroy(trained(&L, v, "lin-b"));
        /* whatever else in the process drew from rand() in between */
        for (int i = 0; i < 1000; i++)
            (void)rand();
        L.desc->destroy(trained(&L, v, "lin-c"));
        snprintf(a, sizeof a, "%s/lin-b.linear", t_tmpdir());
        snprintf(b, sizeof b, "%s/lin-c.linear", t_tmpdir());
        char *x = slurp_file(a, &na), *y = slurp_file(b, &nb);
        CU_ASSERT_PTR_NOT_NULL_FATAL(x);
        CU_ASSERT_PTR_NOT_NULL_FATAL(y);
        CU_ASSERT(na == nb && !memcmp(x, y, na));
        CU_ASSERT_PTR_NOT_NULL(strstr(x, "sift-linear 1\nlabels 3\n"));
        free(x);
        free(y);
        t_values_free(L.desc, v);
    }
    sift_plugin_close(&L);
}

/* Each edit of a good model file that load() must refuse. */
static char *edit(const char *good, size_t n, int c, size_t *len)
{
    char *bad = malloc(n + 64), *p;
    memcpy(bad, good, n + 1);
    *len = n;
    switch (c) {
    case 0: /* truncated mid-row */
        *len = n * 2 / 3;
        break;
    case 1: /* wrong magic */
        bad[7] = 'X';
        break;
    case 2: /* a weight that is not a number */
        p = bad + n - 2; /* the bias row: the file's last line */
        while (*p != '\n')
            p--;
        p[1] = 'x';
        break;
    case 3: /* trailing data */
        *len = (size_t)sprintf(bad + n, "1 2 3\n") + n;
        break;
    default: /* an impossible dimension */
        p = strstr(bad, "dimension ");
        memcpy(p + 10, "99999999999", 11);
        break;
    }
    return bad;
}

static void test_linear_rejects_bad_model(void)
{
    struct sift_loaded L;
    struct sift_error err = {0};
    char path[700];
    size_t n;
    if (t_load("linear", &L))
        return;
    char **v = t_values(L.desc, NULL);
    L.desc->destroy(trained(&L, v, "lin-d"));
    snprintf(path, sizeof path, "%s/lin-d.linear", t_tmpdir());
    char *good = slurp_file(path, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(good);
    void *m = L.desc->create((const char *const *)v, &err);
    for (int c = 0; c < 5; c++) {
        size_t len;
        char *bad = edit(good, n, c, &len);
        CU_ASSERT_EQUAL(t_load_bytes(L.desc, m, bad, len, path, &err),
                        SIFT_EFORMAT);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
        free(bad);
    }
    free(good);
    L.desc->destroy(m);
    t_values_free(L.desc, v);
    sift_plugin_close(&L);
}

void suite_linear(void)
{
    CU_pSuite s = CU_add_suite("linear", NULL, NULL);
    CU_add_test(s, "linear learns, calibrated, reloads bit for bit",
                test_linear_learns);
    CU_add_test(s, "linear training is deterministic",
                test_linear_deterministic);
    CU_add_test(s, "linear refuses truncated and edited model files",
                test_linear_rejects_bad_model);
}
