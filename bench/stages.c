/*
 * stages.c - stage micro-benchmarks: segmenter and tokenizer throughput in
 * MB/s over a text file, and the svm classifier's collapsed linear path
 * against libsvm's svm_predict_probability() on the same vectors.
 *
 * usage: stages BUNDLE TEXTFILE
 * (plugins are found through $SIFT_PLUGIN_PATH, as for sift itself)
 */
#define _GNU_SOURCE
#include <libsvm/svm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle.h"
#include "cli.h"
#include "pipeline_int.h" /* per-stage timing: white-box */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    struct sift_error err = {0};
    struct sift_pipeline *p;
    struct sift_worker *w;
    char *text, path[4096];
    size_t len, n, ntok = 0, nvec = 0;
    const struct sift_span *sp;
    double t0, t1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc != 3) {
        fprintf(stderr, "usage: stages BUNDLE TEXTFILE\n");
        return 2;
    }
    if (!(p = sift_bundle_load(argv[1], &err)) ||
        !(w = sift_worker_new(p, &err)) ||
        cli_read_file(argv[2], &text, &len, 0, &err)) {
        fprintf(stderr, "stages: %s\n", err.msg);
        return 1;
    }
    /* segmenter */
    t0 = now();
    if (sift_worker_segment(w, text, len, &sp, &n, &err)) {
        fprintf(stderr, "stages: %s\n", err.msg);
        return 1;
    }
    t1 = now();
    struct sift_span *spans = malloc(n * sizeof *spans);
    memcpy(spans, sp, n * sizeof *spans);
    printf("segmenter\t%.1f MB/s\t%zu sentences in %.2f MB\n",
           (double)len / 1e6 / (t1 - t0), n, (double)len / 1e6);
    /* tokenizer */
    const struct sift_plugin *td = p->tok.plug.desc;
    void *ts = td->scratch_new(p->tok.inst, &err);
    t0 = now();
    for (size_t i = 0; i < n; i++) {
        const struct sift_token *t;
        size_t nt;
        td->tokenize(p->tok.inst, ts, text + spans[i].start,
                     spans[i].end - spans[i].start, &t, &nt, &err);
        ntok += nt;
    }
    t1 = now();
    printf("tokenizer\t%.1f MB/s\t%zu tokens\n",
           (double)len / 1e6 / (t1 - t0), ntok);
    td->scratch_free(ts);
    /* vectors for the classifier comparison (first 20,000 sentences) */
    size_t m = n < 20000 ? n : 20000;
    struct svm_node **nodes = malloc(m * sizeof *nodes);
    struct sift_vector *vecs = malloc(m * sizeof *vecs);
    for (size_t i = 0; i < m; i++) {
        struct sift_vector v;
        sift_worker_vector(w, text + spans[i].start,
                           spans[i].end - spans[i].start, &v, &err);
        struct sift_feature *f = malloc((v.n + 1) * sizeof *f);
        memcpy(f, v.f, v.n * sizeof *f);
        vecs[i].f = f;
        vecs[i].n = v.n;
        nodes[i] = malloc((v.n + 1) * sizeof **nodes);
        for (size_t k = 0; k < v.n; k++) {
            nodes[i][k].index = (int)v.f[k].index + 1;
            nodes[i][k].value = v.f[k].value;
        }
        nodes[i][v.n].index = -1;
        nvec += v.n;
    }
    const struct sift_plugin *cd = p->cls.plug.desc;
    void *cs = cd->scratch_new(p->cls.inst, &err);
    double *scores = malloc(p->nlabels * sizeof *scores), prob[64];
    int label;
    size_t agree = 0;
    int *mine = malloc(m * sizeof *mine);
    t0 = now();
    for (size_t i = 0; i < m; i++) {
        cd->predict(p->cls.inst, cs, &vecs[i], &label, scores, &err);
        mine[i] = label;
    }
    t1 = now();
    double fast = (double)m / (t1 - t0);
    snprintf(path, sizeof path, "%s/classifier.state", argv[1]);
    struct svm_model *ref = svm_load_model(path);
    if (!ref) {
        fprintf(stderr, "stages: cannot load %s\n", path);
        return 1;
    }
    t0 = now();
    for (size_t i = 0; i < m; i++)
        agree += (int)svm_predict_probability(ref, nodes[i], prob) ==
                 mine[i];
    t1 = now();
    double slow = (double)m / (t1 - t0);
    printf("svm predict, collapsed linear\t%.0f sentences/s\n", fast);
    printf("svm predict, libsvm svm_predict_probability\t%.0f sentences/s\n",
           slow);
    printf("speed-up\t%.1fx\t(%d support vectors, %.1f features a "
           "sentence; labels agree on %zu of %zu)\n",
           fast / slow, svm_get_nr_sv(ref), (double)nvec / (double)m, agree,
           m);
    return agree == m ? 0 : 1;
}
