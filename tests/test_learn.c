/*
 * test_learn.c - learning stages and model bundles: n-gram fit /
 * transform / save / load round trips and byte-for-byte determinism; the
 * SVM's collapsed linear path against libsvm's own predictions; bundles
 * that round-trip, refuse to replace what is not a bundle, refuse a
 * pipeline that differs, and reject truncated files.
 */
#define _GNU_SOURCE
#include <CUnit/CUnit.h>
#include <libsvm/svm.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "config.h"
#include "pipeline.h"
#include "samples.h"
#include "testutil.h"
#include "pipeline_int.h" /* white-box: the layout */

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *b = NULL;
    size_t cap = 0, len = 0, got;
    if (!f)
        return NULL;
    do {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            b = realloc(b, cap + 1);
        }
        got = fread(b + len, 1, cap - len, f);
        len += got;
    } while (got);
    fclose(f);
    b[len] = '\0';
    *n = len;
    return b;
}

/* sentences as token lists, whitespace-split */
struct sents {
    struct sift_sentence s[8];
    struct sift_token t[8][16];
};

static void make(struct sents *x, const char *const *text, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        const char *p = text[i];
        while (*p) {
            while (*p == ' ')
                p++;
            const char *w = p;
            while (*p && *p != ' ')
                p++;
            if (p > w) {
                x->t[i][k].text = w;
                x->t[i][k].len = (size_t)(p - w);
                x->t[i][k].start = (size_t)(w - text[i]);
                x->t[i][k].end = (size_t)(p - text[i]);
                k++;
            }
        }
        x->s[i].text = text[i];
        x->s[i].len = strlen(text[i]);
        x->s[i].tokens = x->t[i];
        x->s[i].ntokens = k;
    }
}

static void test_ngrams_roundtrip(void)
{
    struct sift_loaded L;
    struct sift_error err = {0};
    const char *text[] = {"we deny the claims", "they deny it",
                          "we will strike"};
    const char *kv[] = {"min_df=1", NULL};
    struct sents x;
    if (t_load("ngrams", &L))
        return;
    make(&x, text, 3);
    char **v = t_values(L.desc, kv);
    void *a = L.desc->create((const char *const *)v, &err);
    void *b = L.desc->create((const char *const *)v, &err);
    CU_ASSERT_EQUAL_FATAL(L.desc->fit(a, x.s, 3, L.dir, &err), 0);
    /* unigrams: we deny the claims they it will strike = 8;
     * bigrams: 3 + 2 + 2 = 7 */
    CU_ASSERT_EQUAL(L.desc->dimension(a), 15);
    void *sa = L.desc->scratch_new(a, &err), *sb;
    const struct sift_feature *f;
    size_t n;
    CU_ASSERT_EQUAL(L.desc->transform(a, sa, &x.s[0], &f, &n, &err), 0);
    CU_ASSERT_EQUAL(n, 7);
    double norm = 0;
    for (size_t i = 0; i < n; i++) {
        norm += f[i].value * f[i].value;
        if (i)
            CU_ASSERT(f[i].index > f[i - 1].index);
    }
    CU_ASSERT_DOUBLE_EQUAL(norm, 1.0, 1e-9);
    struct sift_feature first[16];
    size_t nfirst = n;
    memcpy(first, f, n * sizeof *f);
    size_t n1, n2;
    char *one = t_save(L.desc, a, &n1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(one);
    CU_ASSERT_EQUAL_FATAL(t_load_bytes(L.desc, b, one, n1, "ng.state", &err),
                          0);
    sb = L.desc->scratch_new(b, &err);
    CU_ASSERT_EQUAL(L.desc->transform(b, sb, &x.s[0], &f, &n, &err), 0);
    CU_ASSERT_EQUAL_FATAL(n, nfirst);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT_EQUAL(f[i].index, first[i].index);
        CU_ASSERT_DOUBLE_EQUAL(f[i].value, first[i].value, 1e-15);
    }
    /* refit gives the same state, byte for byte */
    CU_ASSERT_EQUAL(L.desc->fit(a, x.s, 3, L.dir, &err), 0);
    char *two = t_save(L.desc, a, &n2);
    CU_ASSERT_FATAL(one && two);
    CU_ASSERT(n1 == n2 && !memcmp(one, two, n1));
    char name[64];
    CU_ASSERT_EQUAL(L.desc->feature_name(a, first[0].index, name,
                                         sizeof name), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(name, "w\""));
    /* a truncated vocabulary is refused, naming what it was given */
    CU_ASSERT_EQUAL(t_load_bytes(L.desc, b, one, n1 - 20, "ng.state", &err),
                    SIFT_EFORMAT);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "ng.state"));
    free(one);
    free(two);
    L.desc->scratch_free(sa);
    L.desc->scratch_free(sb);
    L.desc->destroy(a);
    L.desc->destroy(b);
    t_values_free(L.desc, v);
    sift_plugin_close(&L);
}

static void test_char_ngrams(void)
{
    struct sift_loaded L;
    struct sift_error err = {0};
    const char *text[] = {"we"};
    const char *kv[] = {"unit=char", "min_n=2", "max_n=3", NULL};
    struct sents x;
    char name[64];
    if (t_load("ngrams", &L))
        return;
    make(&x, text, 1);
    char **v = t_values(L.desc, kv);
    void *a = L.desc->create((const char *const *)v, &err);
    CU_ASSERT_EQUAL(L.desc->fit(a, x.s, 1, L.dir, &err), 0);
    /* " we ": " w", "we", "e ", " we", "we " */
    CU_ASSERT_EQUAL(L.desc->dimension(a), 5);
    CU_ASSERT_EQUAL(L.desc->feature_name(a, 0, name, sizeof name), 0);
    CU_ASSERT_STRING_EQUAL(name, "c\" w\"");
    L.desc->destroy(a);
    t_values_free(L.desc, v);
    sift_plugin_close(&L);
}

/* Three noisy Gaussian-ish clusters in 20 sparse dimensions. */
static void synth(struct sift_feature (*f)[6], struct sift_vector *x, int *y,
                  size_t n, unsigned seed)
{
    srand(seed);
    for (size_t i = 0; i < n; i++) {
        y[i] = (int)(i % 3);
        for (size_t k = 0; k < 6; k++) {
            f[i][k].index = (uint32_t)(k * 3 + (k < 3 ? (size_t)y[i] : 0));
            f[i][k].value = (k < 3 ? 1.0 : 0.0) + (rand() % 1000) / 800.0;
        }
        x[i].f = f[i];
        x[i].n = 6;
    }
}

static void test_svm_equivalence(void)
{
    struct sift_loaded L;
    struct sift_error err = {0};
    static struct sift_feature f[300][6], g[100][6];
    struct sift_vector x[300], tx[100];
    int y[300], ty[100];
    if (t_load("svm", &L))
        return;
    synth(f, x, y, 300, 1);
    synth(g, tx, ty, 100, 2);
    for (int prob = 0; prob <= 1; prob++) {
        const char *kv[] = {prob ? "probability=true" : "probability=false",
                            "C=0.5", NULL};
        char **v = t_values(L.desc, kv);
        void *m = L.desc->create((const char *const *)v, &err);
        CU_ASSERT_EQUAL_FATAL(L.desc->train(m, x, y, 300, 20, 3, &err), 0);
        CU_ASSERT_EQUAL(L.desc->nlabels(m), 3);
        /* the state is libsvm's model file: libsvm itself reads it */
        size_t len;
        char *state = t_save(L.desc, m, &len), name[32];
        CU_ASSERT_PTR_NOT_NULL_FATAL(state);
        snprintf(name, sizeof name, "svm%d.svm", prob);
        const char *path = t_write(name, state, len);
        void *m2 = L.desc->create((const char *const *)v, &err);
        CU_ASSERT_EQUAL_FATAL(
            t_load_bytes(L.desc, m2, state, len, path, &err), 0);
        free(state);
        struct svm_model *ref = svm_load_model(path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
        void *s = L.desc->scratch_new(m2, &err);
        size_t agree = 0, correct = 0;
        for (size_t i = 0; i < 100; i++) {
            struct svm_node nodes[7];
            double scores[3], pr[3];
            int label;
            for (size_t k = 0; k < 6; k++) {
                nodes[k].index = (int)tx[i].f[k].index + 1;
                nodes[k].value = tx[i].f[k].value;
            }
            nodes[6].index = -1;
            CU_ASSERT_EQUAL(L.desc->predict(m2, s, &tx[i], &label, scores,
                                            &err), 0);
            double want = prob ? svm_predict_probability(ref, nodes, pr)
                               : svm_predict(ref, nodes);
            agree += label == (int)want;
            correct += label == ty[i];
            if (prob) {
                /* libsvm orders probabilities by its internal labels */
                int lab[3];
                svm_get_labels(ref, lab);
                for (size_t t = 0; t < 3; t++)
                    CU_ASSERT_DOUBLE_EQUAL(scores[lab[t]], pr[t], 1e-9);
            }
        }
        CU_ASSERT_EQUAL(agree, 100);
        CU_ASSERT(correct >= 80);
        svm_free_and_destroy_model(&ref);
        L.desc->scratch_free(s);
        L.desc->destroy(m);
        L.desc->destroy(m2);
        t_values_free(L.desc, v);
    }
    sift_plugin_close(&L);
}

static void test_svm_rejects_bad_model(void)
{
    struct sift_loaded L;
    struct sift_error err = {0};
    char path[700];
    if (t_load("svm", &L))
        return;
    char **v = t_values(L.desc, NULL);
    void *m = L.desc->create((const char *const *)v, &err);
    snprintf(path, sizeof path, "%s/svm0.svm", t_tmpdir());
    size_t n = 0;
    char *good = slurp(path, &n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(good);
    const char *cases[] = {"truncated", "nr_class", "index", "twice"};
    for (size_t c = 0; c < 4; c++) {
        char *bad = strdup(good);
        size_t len = n;
        if (c == 3) {
            /* a repeated header key (libsvm would leak the first) */
            free(bad);
            bad = malloc(n + 32);
            len = (size_t)sprintf(bad, "svm_type c_svc\n%s", good);
        } else if (c == 0)
            len = n * 2 / 3;
        else if (c == 1)
            memcpy(strstr(bad, "nr_class 3"), "nr_class 9", 10);
        else
            memcpy(strstr(bad, "SV\n") + 3 + (strchr(strstr(bad, "SV\n") + 3,
                                                     ':') - (strstr(bad,
                                                                    "SV\n") +
                                                             3)) - 1,
                   "x", 1);
        CU_ASSERT_EQUAL(t_load_bytes(L.desc, m, bad, len, path, &err),
                        SIFT_EFORMAT);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "invalid libsvm model"));
        if (!strstr(err.msg, "invalid libsvm model"))
            fprintf(stderr, "\n%s: %s\n", cases[c], err.msg);
        free(bad);
    }
    free(good);
    L.desc->destroy(m);
    t_values_free(L.desc, v);
    sift_plugin_close(&L);
}

static const char stages[] =
    "labels = allegation, denial, threat, background\n"
    "[segmenter]\nplugin = segment\n[tokenizer]\nplugin = tokenize\n"
    "[features.words]\nplugin = ngrams\nmax_n = %d\n"
    "[features.cues]\nplugin = cues\nweight = 0.5\n"
    "[classifier]\nplugin = svm\nC = 1\n";

static const char samples[] =
    "# doc: d1 t1\n"
    "allegation\tThe ministry accused the rebels of shelling the town.\n"
    "denial\tThe rebels denied any role and called the claims baseless.\n"
    "threat\tThe army warned it would strike back if attacked again.\n"
    "background\tMarkets were closed on Monday for the holiday.\n"
    "# doc: d2 t2\n"
    "allegation\tPolice accused the firm of hiding losses.\n"
    "denial\tThe firm rejected the allegations as false.\n"
    "threat\tThe regulator said it would impose further penalties.\n"
    "background\tThe company employs 4,000 people.\n"
    "# doc: d3 t3\n"
    "allegation\tThe opposition blamed the governor for the fraud.\n"
    "denial\tThe governor said he had done nothing wrong.\n"
    "threat\tHe vowed to retaliate against his critics.\n"
    "background\tThe vote will be held in May.\n";

static struct sift_pipeline *from_ini(int max_n, struct sift_error *err)
{
    char body[1024];
    snprintf(body, sizeof body, stages, max_n);
    struct sift_config *c = sift_config_load(t_ini("learn.ini", body), err);
    struct sift_pipeline *p = c ? sift_pipeline_new(c, err) : NULL;
    sift_config_free(c);
    return p;
}

static void test_bundle(void)
{
    struct sift_error err = {0};
    struct sift_pipeline *p = from_ini(2, &err), *b, *other;
    struct sift_samples ss;
    struct sift_bundle_meta meta = {0};
    char dir[600];
    if (!p)
        fprintf(stderr, "\n%s\n", err.msg);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    const char *sp = t_write("learn.tsv", samples, sizeof samples - 1);
    CU_ASSERT_EQUAL_FATAL(sift_samples_init(&ss, p->labels, p->nlabels, &err),
                          0);
    CU_ASSERT_EQUAL_FATAL(sift_samples_read(&ss, sp, 0, NULL, &err), 0);
    CU_ASSERT_EQUAL_FATAL(sift_pipeline_train(p, &ss, NULL, 0, NULL, &err),
                          0);
    meta.samples = ss.n;
    meta.checksum = ss.checksum;
    snprintf(dir, sizeof dir, "%s/bundle", t_tmpdir());
    CU_ASSERT_EQUAL_FATAL(sift_bundle_save(p, dir, &meta, &err), 0);
    CU_ASSERT_EQUAL(sift_bundle_save(p, dir, &meta, &err), 0); /* replace */
    b = sift_bundle_load(dir, &err);
    if (!b)
        fprintf(stderr, "\n%s\n", err.msg);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    struct sift_worker *w1 = sift_worker_new(p, &err),
                       *w2 = sift_worker_new(b, &err);
    for (size_t i = 0; i < ss.n; i++) {
        int l1, l2;
        double s1[4], s2[4];
        CU_ASSERT_EQUAL(sift_worker_classify(w1, ss.s[i].text, ss.s[i].len,
                                             &l1, s1, &err), 0);
        CU_ASSERT_EQUAL(sift_worker_classify(w2, ss.s[i].text, ss.s[i].len,
                                             &l2, s2, &err), 0);
        CU_ASSERT_EQUAL(l1, l2);
        for (size_t k = 0; k < 4; k++)
            CU_ASSERT_DOUBLE_EQUAL(s1[k], s2[k], 1e-6);
    }
    sift_worker_free(w1);
    sift_worker_free(w2);
    /* a pipeline whose features differ is refused, naming the key */
    other = from_ini(3, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(other);
    CU_ASSERT_EQUAL(sift_bundle_check(b, dir, other, "x.ini", &err),
                    SIFT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "x.ini: [features.words] max_n = "
                                           "3, but the bundle"));
    sift_pipeline_free(other);
    other = from_ini(2, &err);
    CU_ASSERT_EQUAL(sift_bundle_check(b, dir, other, "x.ini", &err), 0);
    sift_pipeline_free(other);
    /* never replaces a directory that is not a bundle */
    CU_ASSERT_EQUAL(sift_bundle_save(p, t_tmpdir(), &meta, &err),
                    SIFT_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "is not a model bundle"));
    /* a missing file in the bundle is named */
    char f[700];
    snprintf(f, sizeof f, "%s/features.words.state", dir);
    unlink(f);
    CU_ASSERT_PTR_NULL(sift_bundle_load(dir, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "features.words.state"));
    sift_pipeline_free(b);
    sift_pipeline_free(p);
    sift_samples_release(&ss);
}

/* A classifier built against the first ABI 2 header (before `bias` was
 * appended) loads, trains, saves, loads and predicts; the host sees its
 * smaller size and treats `bias` as absent instead of reading past the
 * plugin's descriptor. */
static void test_grown_abi(void)
{
    struct sift_error err = {0};
    struct sift_samples ss;
    char body[2048], cwd[512];
    const char *b = t_build();
    snprintf(body, sizeof body,
             "labels = allegation, denial, threat, background\n"
             "[segmenter]\nplugin = segment\n[tokenizer]\nplugin = "
             "tokenize\n[features.words]\nplugin = ngrams\n"
             "[classifier]\nplugin = %s%s%s/tests/fixtures/old_classifier.so\n",
             b[0] == '/' ? "" : getcwd(cwd, sizeof cwd),
             b[0] == '/' ? "" : "/", b);
    struct sift_config *c = sift_config_load(t_ini("old.ini", body), &err);
    struct sift_pipeline *p = c ? sift_pipeline_new(c, &err) : NULL;
    if (!p)
        fprintf(stderr, "\n%s\n", err.msg);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    const struct sift_plugin *d = p->cls.plug.desc;
    CU_ASSERT_EQUAL(d->size, SIFT_PLUGIN_SIZE_2_0);
    CU_ASSERT(d->size < sizeof(struct sift_plugin));
    CU_ASSERT_PTR_NULL(d->bias);
    const char *sp = t_write("old.tsv", samples, sizeof samples - 1);
    CU_ASSERT_EQUAL_FATAL(sift_samples_init(&ss, p->labels, p->nlabels, &err),
                          0);
    CU_ASSERT_EQUAL_FATAL(sift_samples_read(&ss, sp, 0, NULL, &err), 0);
    CU_ASSERT_EQUAL_FATAL(sift_pipeline_train(p, &ss, NULL, 0, NULL, &err),
                          0);
    double bias = 42;
    CU_ASSERT_EQUAL(sift_pipeline_bias(p, 0, &bias, &err), SIFT_ESTATE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no bias term"));
    CU_ASSERT_EQUAL(bias, 42);
    struct sift_worker *w = sift_worker_new(p, &err);
    int label = -1;
    double scores[4];
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(sift_worker_classify(w, "They said so.", 13, &label,
                                         scores, &err), 0);
    CU_ASSERT(label >= 0 && label < 4 && scores[label] == 1.0);
    sift_worker_free(w);
    sift_samples_release(&ss);
    sift_pipeline_free(p);
    sift_config_free(c);
}

/* The linear classifier states its bias, and a bundle keeps it. */
static void test_bias(void)
{
    struct sift_error err = {0};
    char body[1024];
    snprintf(body, sizeof body,
             "labels = allegation, denial, threat, background\n"
             "[segmenter]\nplugin = segment\n[tokenizer]\nplugin = "
             "tokenize\n[features.words]\nplugin = ngrams\n"
             "[classifier]\nplugin = linear\n");
    struct sift_config *c = sift_config_load(t_ini("bias.ini", body), &err);
    struct sift_pipeline *p = c ? sift_pipeline_new(c, &err) : NULL, *b;
    struct sift_samples ss;
    struct sift_bundle_meta meta = {0};
    char dir[600];
    double x[4], y;
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    const char *sp = t_write("bias.tsv", samples, sizeof samples - 1);
    CU_ASSERT_EQUAL_FATAL(sift_samples_init(&ss, p->labels, p->nlabels, &err),
                          0);
    CU_ASSERT_EQUAL_FATAL(sift_samples_read(&ss, sp, 0, NULL, &err), 0);
    CU_ASSERT_EQUAL(sift_pipeline_bias(p, 0, x, &err), SIFT_ESTATE);
    CU_ASSERT_EQUAL_FATAL(sift_pipeline_train(p, &ss, NULL, 0, NULL, &err),
                          0);
    snprintf(dir, sizeof dir, "%s/bias-bundle", t_tmpdir());
    CU_ASSERT_EQUAL_FATAL(sift_bundle_save(p, dir, &meta, &err), 0);
    b = sift_bundle_load(dir, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    for (int l = 0; l < 4; l++) {
        CU_ASSERT_EQUAL(sift_pipeline_bias(p, l, &x[l], &err), 0);
        CU_ASSERT_EQUAL(sift_pipeline_bias(b, l, &y, &err), 0);
        CU_ASSERT_EQUAL(x[l], y);
    }
    CU_ASSERT(x[0] != x[1] || x[1] != x[2] || x[2] != x[3]);
    CU_ASSERT_EQUAL(sift_pipeline_bias(p, 4, &y, &err), SIFT_EINVAL);
    sift_pipeline_free(b);
    sift_samples_release(&ss);
    sift_pipeline_free(p);
    sift_config_free(c);
}

void suite_learn(void)
{
    CU_pSuite s = CU_add_suite("learn", NULL, NULL);
    CU_add_test(s, "ngrams fit/transform/save/load, determinism",
                test_ngrams_roundtrip);
    CU_add_test(s, "char n-grams within word boundaries", test_char_ngrams);
    CU_add_test(s, "svm collapsed linear path == libsvm svm_predict*",
                test_svm_equivalence);
    CU_add_test(s, "svm refuses truncated and edited model files",
                test_svm_rejects_bad_model);
    CU_add_test(s, "a plugin built before a member was appended loads",
                test_grown_abi);
    CU_add_test(s, "the classifier's bias, through a bundle", test_bias);
    CU_add_test(s, "bundle round trip, mismatch refusal, missing file",
                test_bundle);
}
