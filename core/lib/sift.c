/*
 * sift.c - libsift's public interface (include/sift/sift.h), on top of
 * the pipeline, bundle, samples and metrics modules.
 */
#define _GNU_SOURCE
#include "sift/sift.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bundle.h"
#include "config.h"
#include "metrics.h"
#include "pipeline.h"
#include "samples.h"
#include "pipeline_int.h"

#ifndef SIFT_VERSION
#define SIFT_VERSION "0.1.0"
#endif

struct sift_model {
    struct sift_pipeline *p;
};

struct sift_session {
    const struct sift_pipeline *p;
    struct sift_worker *w;
    struct sift_result *res;
    double *scores;
    size_t cap;
};

const char *sift_version(void)
{
    return SIFT_VERSION;
}

sift_model *sift_open(const char *path, struct sift_error *err)
{
    struct stat st;
    sift_model *m = calloc(1, sizeof *m);
    int dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
    if (!m) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    m->p = sift_bundle_open(dir ? NULL : path, dir ? path : NULL, 1, err);
    if (!m->p) {
        free(m);
        return NULL;
    }
    return m;
}

void sift_close(sift_model *m)
{
    if (m)
        sift_pipeline_free(m->p);
    free(m);
}

size_t sift_nlabels(const sift_model *m)
{
    return m->p->nlabels;
}

const char *sift_label(const sift_model *m, size_t i)
{
    return i < m->p->nlabels ? m->p->labels[i] : NULL;
}

sift_session *sift_session_new(const sift_model *m, struct sift_error *err)
{
    sift_session *s = calloc(1, sizeof *s);
    if (!s) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    s->p = m->p;
    if (!(s->w = sift_worker_new(m->p, err))) {
        free(s);
        return NULL;
    }
    return s;
}

void sift_session_free(sift_session *s)
{
    if (!s)
        return;
    sift_worker_free(s->w);
    free(s->res);
    free(s->scores);
    free(s);
}

/* Room for n results and their scores. */
static int reserve(sift_session *s, size_t n)
{
    size_t k = s->p->nlabels, cap = s->cap ? s->cap : 64;
    struct sift_result *r;
    double *sc;
    if (n <= s->cap)
        return 0;
    while (cap < n)
        cap *= 2;
    if (!(r = realloc(s->res, cap * sizeof *r)))
        return -1;
    s->res = r;
    if (!(sc = realloc(s->scores, cap * k * sizeof *sc)))
        return -1;
    s->scores = sc;
    s->cap = cap;
    return 0;
}

int sift_classify(sift_session *s, const char *text, size_t len,
                  const struct sift_result **out, size_t *n,
                  struct sift_error *err)
{
    const struct sift_span *sp;
    size_t ns, k = s->p->nlabels;
    int rc = sift_worker_segment(s->w, text, len, &sp, &ns, err);
    if (rc)
        return rc;
    if (reserve(s, ns))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    for (size_t i = 0; i < ns; i++) {
        struct sift_result *r = &s->res[i];
        double *sc = s->scores + i * k;
        rc = sift_worker_classify(s->w, text + sp[i].start,
                                  sp[i].end - sp[i].start, &r->label, sc,
                                  err);
        if (rc)
            return rc;
        r->start = sp[i].start;
        r->end = sp[i].end;
        r->confidence = sc[r->label];
        r->scores = sc;
    }
    *out = s->res;
    *n = ns;
    return 0;
}

int sift_classify_sentence(sift_session *s, const char *text, size_t len,
                           int *label, double *scores,
                           struct sift_error *err)
{
    if (reserve(s, 1))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    return sift_worker_classify(s->w, text, len, label,
                                scores ? scores : s->scores, err);
}

/* Read the sample files with p's labels, checked for training. */
static int read_samples(struct sift_samples *ss, const struct sift_pipeline *p,
                        const char *const *files, size_t n,
                        struct sift_error *err)
{
    int rc = sift_samples_init(ss, p->labels, p->nlabels, err);
    for (size_t i = 0; !rc && i < n; i++)
        rc = sift_samples_read(ss, files[i], 0, NULL, err);
    return rc;
}

int sift_train(const char *ini, const char *const *samples, size_t nsamples,
               const char *out_dir, struct sift_error *err)
{
    struct sift_config *cfg = sift_config_load(ini, err);
    struct sift_pipeline *p = cfg ? sift_pipeline_new(cfg, err) : NULL;
    struct sift_samples ss = {0};
    struct timespec t0, t1;
    int rc = p ? 0 : err ? err->code : SIFT_EINVAL;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (!rc && !out_dir && !(out_dir = p->model))
        rc = sift_fail(err, SIFT_EINVAL, "%s: [pipeline] names no model "
                                         "and no output was given", ini);
    if (!rc && !(rc = read_samples(&ss, p, samples, nsamples, err)) &&
        !(rc = sift_samples_check(&ss, err)) &&
        !(rc = sift_pipeline_train(p, &ss, NULL, 0, NULL, err))) {
        clock_gettime(CLOCK_MONOTONIC, &t1);
        struct sift_bundle_meta meta = {
            ss.n, ss.checksum,
            (double)(t1.tv_sec - t0.tv_sec) +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
            NULL};
        rc = sift_bundle_save(p, out_dir, &meta, err);
    }
    sift_samples_release(&ss);
    sift_pipeline_free(p);
    sift_config_free(cfg);
    return rc;
}

int sift_evaluate(const sift_model *m, const char *const *samples,
                  size_t nsamples, struct sift_scores *out,
                  struct sift_error *err)
{
    struct sift_samples ss = {0};
    struct sift_metrics mt = {0};
    sift_session *s = NULL;
    int rc = read_samples(&ss, m->p, samples, nsamples, err);
    if (!rc && sift_metrics_init(&mt, m->p->nlabels))
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (!rc && !(s = sift_session_new(m, err)))
        rc = err ? err->code : SIFT_ENOMEM;
    for (size_t i = 0; !rc && i < ss.n; i++) {
        int label;
        rc = sift_classify_sentence(s, ss.s[i].text, ss.s[i].len, &label,
                                    NULL, err);
        if (!rc)
            sift_metrics_add(&mt, ss.s[i].label, label);
    }
    if (!rc) {
        sift_metrics_finish(&mt);
        out->samples = ss.n;
        out->accuracy = mt.accuracy;
        out->macro_f1 = mt.macro_f1;
    }
    sift_session_free(s);
    sift_metrics_release(&mt);
    sift_samples_release(&ss);
    return rc;
}
