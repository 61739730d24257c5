/*
 * svm.c - classifier plugin: C-SVC from libsvm, linear or RBF kernel,
 * multi-class one-vs-one as libsvm does it.
 *
 * Confidences are libsvm's probability estimates (Platt scaling of each
 * pairwise decision value, trained by libsvm's internal cross-validation,
 * then pairwise coupling): they are calibrated on held-out folds, which
 * raw decision values are not.  With probability = false the confidence
 * is the share of pairwise contests a label won.
 *
 * For the linear kernel the support vectors are collapsed at train/load
 * time into one dense weight vector per pair of classes, so predicting
 * costs k(k-1)/2 sparse dot products instead of one kernel evaluation per
 * support vector.  The coupling code reproduces libsvm's exactly, so the
 * fast path gives the same labels and probabilities as svm_predict*().
 *
 * State is libsvm's model file format (svm-predict reads it), written
 * and read here because libsvm reads and writes only named files; load()
 * validates the text before building the model from it.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <libsvm/svm.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sift/plugin.h"
#include "util.h"

enum { O_KERNEL, O_C, O_GAMMA, O_WEIGHT, O_PROB, O_CACHE, O_EPS, O_SHRINK,
       O_SEED, O_N };

static const struct sift_option options[O_N] = {
    {"kernel", SIFT_OPT_ENUM, "linear", "kernel function", "linear|rbf", 0, 0, SIFT_OPT_TRAIN, NULL, NULL},
    {"C", SIFT_OPT_DOUBLE, "1", "cost of a margin violation", NULL, 1e-6,
     1e6, SIFT_OPT_TRAIN,
     "0.03,0.1,0.3,1,3,10", NULL},
    {"gamma", SIFT_OPT_DOUBLE, "0", "RBF width; 0 means 1/dimension", NULL,
     0, 1e6, SIFT_OPT_TRAIN, NULL, NULL},
    {"class_weight", SIFT_OPT_ENUM, "balanced",
     "per-label C weights: none, or balanced (n / (labels * n_label))",
     "none|balanced", 0, 0, SIFT_OPT_TRAIN, NULL, NULL},
    {"probability", SIFT_OPT_BOOL, "true",
     "train Platt-scaled probability estimates for confidences", NULL, 0, 0, SIFT_OPT_TRAIN, NULL,
     "false"},
    {"cache_mb", SIFT_OPT_DOUBLE, "100", "kernel cache size in MB", NULL, 1,
     65536, SIFT_OPT_TRAIN, NULL, NULL},
    {"tolerance", SIFT_OPT_DOUBLE, "0.001", "stopping tolerance (libsvm -e)",
     NULL, 1e-9, 1, SIFT_OPT_TRAIN, NULL, NULL},
    {"shrinking", SIFT_OPT_BOOL, "true", "use libsvm's shrinking heuristics",
     NULL, 0, 0, SIFT_OPT_TRAIN, NULL, NULL},
    {"seed", SIFT_OPT_INT, "1",
     "seed for libsvm's internal cross-validation (probability)", NULL, 0,
     2147483647, SIFT_OPT_TRAIN, NULL, NULL},
};

struct svm {
    int rbf, balanced, probability, shrinking;
    double C, gamma, cache, eps;
    unsigned seed;
    struct svm_model *model;
    struct svm_node *xspace;  /* training vectors the model points into */
    size_t k;                 /* number of classes */
    int *label;               /* libsvm class t -> sift label index */
    double *w;                /* linear: npairs x (dim + 1) weights */
    size_t dim;               /* columns of w */
};

struct scratch {
    size_t k;
    struct svm_node *x;
    size_t cap;
    double *dec, *prob, *Qmem;
    double **Q, **r, *Qp;
    int *votes;
};

static void quiet(const char *s)
{
    (void)s;
}

static void *svm_create(const char *const *v, struct sift_error *err)
{
    struct svm *m = calloc(1, sizeof *m);
    if (!m) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    m->rbf = !strcmp(v[O_KERNEL], "rbf");
    m->C = strtod(v[O_C], NULL);
    m->gamma = strtod(v[O_GAMMA], NULL);
    m->balanced = !strcmp(v[O_WEIGHT], "balanced");
    m->probability = !strcmp(v[O_PROB], "true");
    m->cache = strtod(v[O_CACHE], NULL);
    m->eps = strtod(v[O_EPS], NULL);
    m->shrinking = !strcmp(v[O_SHRINK], "true");
    m->seed = (unsigned)strtoul(v[O_SEED], NULL, 10);
    return m;
}

static void drop_model(struct svm *m)
{
    if (m->model)
        svm_free_and_destroy_model(&m->model);
    free(m->xspace);
    free(m->label);
    free(m->w);
    m->xspace = NULL;
    m->label = NULL;
    m->w = NULL;
    m->k = 0;
}

static void svm_destroy(void *inst)
{
    struct svm *m = inst;
    if (!m)
        return;
    drop_model(m);
    free(m);
}

static void scratch_free(void *p)
{
    struct scratch *s = p;
    if (!s)
        return;
    free(s->x);
    free(s->dec);
    free(s->prob);
    free(s->Qmem);
    free(s->Q);
    free(s->r);
    free(s->Qp);
    free(s->votes);
    free(s);
}

static void *scratch_new(const void *inst, struct sift_error *err)
{
    struct scratch *s = calloc(1, sizeof *s);
    (void)inst;
    if (!s)
        sift_fail(err, SIFT_ENOMEM, "out of memory");
    return s;
}

/* Size the per-class buffers for k classes (the model may have been
 * trained or loaded after the scratch was made). */
static int scratch_fit(struct scratch *s, size_t k)
{
    size_t np = k * (k - 1) / 2;
    if (s->k == k)
        return 0;
    free(s->dec);
    free(s->prob);
    free(s->Qmem);
    free(s->Q);
    free(s->r);
    free(s->Qp);
    free(s->votes);
    s->k = 0;
    s->dec = malloc(np * sizeof *s->dec);
    s->prob = malloc(k * sizeof *s->prob);
    s->Qmem = malloc(2 * k * k * sizeof *s->Qmem);
    s->Q = malloc(k * sizeof *s->Q);
    s->r = malloc(k * sizeof *s->r);
    s->Qp = malloc(k * sizeof *s->Qp);
    s->votes = malloc(k * sizeof *s->votes);
    if (!s->dec || !s->prob || !s->Qmem || !s->Q || !s->r || !s->Qp ||
        !s->votes)
        return -1;
    for (size_t i = 0; i < k; i++) {
        s->Q[i] = s->Qmem + i * k;
        s->r[i] = s->Qmem + k * k + i * k;
    }
    s->k = k;
    return 0;
}

/* Fill the label map and, for a linear kernel, the collapsed weights. */
static int prepare(struct svm *m, struct sift_error *err)
{
    const struct svm_model *md = m->model;
    size_t k = (size_t)md->nr_class, p = 0;
    int *start;
    m->k = k;
    m->label = malloc(k * sizeof *m->label);
    if (!m->label)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    for (size_t t = 0; t < k; t++)
        m->label[t] = md->label[t];
    if (m->rbf || md->param.kernel_type != LINEAR)
        return 0;
    m->dim = 1;
    for (int i = 0; i < md->l; i++)
        for (const struct svm_node *n = md->SV[i]; n->index != -1; n++)
            if ((size_t)n->index + 1 > m->dim)
                m->dim = (size_t)n->index + 1;
    /* Dense weights cost pairs x dimension doubles: a model file with a
     * huge feature index (edited or hostile) would make that gigabytes.
     * Past 256 MiB, keep libsvm's own (slower) prediction instead. */
    if (m->dim > (256u << 20) / sizeof *m->w / (k * (k - 1) / 2)) {
        m->dim = 0;
        return 0;
    }
    m->w = calloc(k * (k - 1) / 2 * m->dim, sizeof *m->w);
    start = malloc(k * sizeof *start);
    if (!m->w || !start) {
        free(start);
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    }
    start[0] = 0;
    for (size_t t = 1; t < k; t++)
        start[t] = start[t - 1] + md->nSV[t - 1];
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++, p++) {
            double *w = m->w + p * m->dim;
            for (int s = 0; s < md->nSV[i]; s++) {
                double c = md->sv_coef[j - 1][start[i] + s];
                for (const struct svm_node *n = md->SV[start[i] + s];
                     n->index != -1; n++)
                    w[n->index] += c * n->value;
            }
            for (int s = 0; s < md->nSV[j]; s++) {
                double c = md->sv_coef[i][start[j] + s];
                for (const struct svm_node *n = md->SV[start[j] + s];
                     n->index != -1; n++)
                    w[n->index] += c * n->value;
            }
        }
    free(start);
    return 0;
}

static int svm_train_op(void *inst, const struct sift_vector *x, const int *y,
                        size_t n, size_t dim, size_t nlabels,
                        struct sift_error *err)
{
    struct svm *m = inst;
    struct svm_problem prob = {0};
    struct svm_parameter par = {0};
    size_t total = 0, pos = 0, *count = NULL;
    const char *msg;
    int *wl = NULL, rc = 0;
    double *wv = NULL;
    drop_model(m);
    if (n < 2 || nlabels < 2)
        return sift_fail(err, SIFT_EINVAL, "need at least two samples and "
                                           "two labels to train");
    if (n > 2147483647 || dim > 2147483646)
        return sift_fail(err, SIFT_EINVAL, "too many samples or features");
    for (size_t i = 0; i < n; i++)
        total += x[i].n + 1;
    prob.l = (int)n;
    prob.y = malloc(n * sizeof *prob.y);
    prob.x = malloc(n * sizeof *prob.x);
    m->xspace = malloc(total * sizeof *m->xspace);
    count = calloc(nlabels, sizeof *count);
    wl = malloc(nlabels * sizeof *wl);
    wv = malloc(nlabels * sizeof *wv);
    if (!prob.y || !prob.x || !m->xspace || !count || !wl || !wv) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        prob.y[i] = y[i];
        prob.x[i] = m->xspace + pos;
        count[y[i]]++;
        for (size_t j = 0; j < x[i].n; j++) {
            m->xspace[pos].index = (int)x[i].f[j].index + 1;
            m->xspace[pos++].value = x[i].f[j].value;
        }
        m->xspace[pos++].index = -1;
    }
    par.svm_type = C_SVC;
    par.kernel_type = m->rbf ? RBF : LINEAR;
    par.gamma = m->gamma > 0 ? m->gamma : 1.0 / (double)(dim ? dim : 1);
    par.cache_size = m->cache;
    par.eps = m->eps;
    par.C = m->C;
    par.shrinking = m->shrinking;
    par.probability = m->probability;
    if (m->balanced) {
        sift_balanced_weights(count, nlabels, n, wl, wv);
        par.nr_weight = (int)nlabels;
        par.weight_label = wl;
        par.weight = wv;
    }
    msg = svm_check_parameter(&prob, &par);
    if (msg) {
        rc = sift_fail(err, SIFT_EINVAL, "libsvm: %s", msg);
        goto out;
    }
    svm_set_print_string_function(quiet);
    /* libsvm's probability cross-validation shuffles with rand(). */
    srand(m->seed);
    m->model = svm_train(&prob, &par);
    if (!m->model) {
        rc = sift_fail(err, SIFT_ENOMEM, "libsvm: training failed");
        goto out;
    }
    rc = prepare(m, err);
out:
    free(prob.y);
    free(prob.x);
    free(count);
    free(wl);
    free(wv);
    if (rc)
        drop_model(m);
    return rc;
}

static double sigmoid_predict(double dec, double A, double B)
{
    double f = dec * A + B;
    if (f >= 0)
        return exp(-f) / (1.0 + exp(-f));
    return 1.0 / (1 + exp(f));
}

/* Pairwise coupling, method 2 of Wu, Lin and Weng (2004), step for step
 * as libsvm's multiclass_probability(). */
static void couple(size_t k, double **r, double **Q, double *Qp, double *p)
{
    size_t max_iter = k > 100 ? k : 100;
    double eps = 0.005 / (double)k;
    for (size_t t = 0; t < k; t++) {
        p[t] = 1.0 / (double)k;
        Q[t][t] = 0;
        for (size_t j = 0; j < t; j++) {
            Q[t][t] += r[j][t] * r[j][t];
            Q[t][j] = Q[j][t];
        }
        for (size_t j = t + 1; j < k; j++) {
            Q[t][t] += r[j][t] * r[j][t];
            Q[t][j] = -r[j][t] * r[t][j];
        }
    }
    for (size_t iter = 0; iter < max_iter; iter++) {
        double pQp = 0, max_error = 0;
        for (size_t t = 0; t < k; t++) {
            Qp[t] = 0;
            for (size_t j = 0; j < k; j++)
                Qp[t] += Q[t][j] * p[j];
            pQp += p[t] * Qp[t];
        }
        for (size_t t = 0; t < k; t++) {
            double e = fabs(Qp[t] - pQp);
            if (e > max_error)
                max_error = e;
        }
        if (max_error < eps)
            break;
        for (size_t t = 0; t < k; t++) {
            double diff = (-Qp[t] + pQp) / Q[t][t];
            p[t] += diff;
            pQp = (pQp + diff * (diff * Q[t][t] + 2 * Qp[t])) / (1 + diff) /
                  (1 + diff);
            for (size_t j = 0; j < k; j++) {
                Qp[j] = (Qp[j] + diff * Q[t][j]) / (1 + diff);
                p[j] /= (1 + diff);
            }
        }
    }
}

static int to_nodes(struct scratch *s, const struct sift_vector *x)
{
    if (x->n + 1 > s->cap) {
        size_t cap = (x->n + 1) * 2;
        struct svm_node *v = realloc(s->x, cap * sizeof *v);
        if (!v)
            return -1;
        s->x = v;
        s->cap = cap;
    }
    for (size_t i = 0; i < x->n; i++) {
        s->x[i].index = (int)x->f[i].index + 1;
        s->x[i].value = x->f[i].value;
    }
    s->x[x->n].index = -1;
    return 0;
}

/* Pairwise decision values into s->dec, libsvm's order. */
static int decisions(const struct svm *m, struct scratch *s,
                     const struct sift_vector *x)
{
    size_t np = m->k * (m->k - 1) / 2;
    if (m->w) {
        for (size_t p = 0; p < np; p++) {
            const double *w = m->w + p * m->dim;
            double sum = 0;
            for (size_t i = 0; i < x->n; i++) {
                size_t idx = (size_t)x->f[i].index + 1;
                if (idx < m->dim)
                    sum += w[idx] * x->f[i].value;
            }
            s->dec[p] = sum - m->model->rho[p];
        }
        return 0;
    }
    if (to_nodes(s, x))
        return -1;
    svm_predict_values(m->model, s->x, s->dec);
    return 0;
}

static int svm_predict_op(const void *inst, void *scratch,
                          const struct sift_vector *x, int *label,
                          double *scores, struct sift_error *err)
{
    const struct svm *m = inst;
    struct scratch *s = scratch;
    size_t k = m->k, best = 0, p = 0;
    if (!m->model)
        return sift_fail(err, SIFT_ESTATE, "svm: no model");
    if (scratch_fit(s, k) || decisions(m, s, x))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (m->model->probA && m->model->probB) {
        const double min_prob = 1e-7;
        for (size_t i = 0; i < k; i++)
            for (size_t j = i + 1; j < k; j++, p++) {
                double v = sigmoid_predict(s->dec[p], m->model->probA[p],
                                           m->model->probB[p]);
                v = fmin(fmax(v, min_prob), 1 - min_prob);
                s->r[i][j] = v;
                s->r[j][i] = 1 - v;
            }
        if (k == 2) {
            s->prob[0] = s->r[0][1];
            s->prob[1] = s->r[1][0];
        } else {
            couple(k, s->r, s->Q, s->Qp, s->prob);
        }
        for (size_t t = 1; t < k; t++)
            if (s->prob[t] > s->prob[best])
                best = t;
        for (size_t t = 0; t < k; t++)
            scores[m->label[t]] = s->prob[t];
    } else {
        for (size_t t = 0; t < k; t++)
            s->votes[t] = 0;
        for (size_t i = 0; i < k; i++)
            for (size_t j = i + 1; j < k; j++, p++)
                s->votes[s->dec[p] > 0 ? i : j]++;
        for (size_t t = 1; t < k; t++)
            if (s->votes[t] > s->votes[best])
                best = t;
        for (size_t t = 0; t < k; t++)
            scores[m->label[t]] = (double)s->votes[t] / (double)(k - 1);
    }
    *label = m->label[best];
    return 0;
}

static int svm_explain(const void *inst, void *scratch,
                       const struct sift_vector *x, int label,
                       double *contrib, struct sift_error *err)
{
    const struct svm *m = inst;
    size_t k = m->k, p = 0, t;
    (void)scratch;
    if (!m->w)
        return sift_fail(err, SIFT_ESTATE,
                         "svm: explanations need the linear kernel (and a "
                         "model small enough to collapse)");
    for (t = 0; t < k && m->label[t] != label; t++)
        ;
    if (t == k)
        return sift_fail(err, SIFT_EINVAL, "svm: no label %d", label);
    for (size_t i = 0; i < x->n; i++)
        contrib[i] = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = i + 1; j < k; j++, p++) {
            double sign = i == t ? 1 : j == t ? -1 : 0;
            if (sign == 0)
                continue;
            for (size_t f = 0; f < x->n; f++) {
                size_t idx = (size_t)x->f[f].index + 1;
                if (idx < m->dim)
                    contrib[f] += sign * m->w[p * m->dim + idx] *
                                  x->f[f].value;
            }
        }
    return 0;
}

static size_t svm_nlabels(const void *inst)
{
    return ((const struct svm *)inst)->k;
}

/* libsvm's own model format (as svm_save_model() writes it, so
 * svm-predict reads a bundle's file), written to the host's stream. */
static void put_doubles(FILE *f, const char *key, const double *v, int n)
{
    fputs(key, f);
    for (int i = 0; i < n; i++)
        fprintf(f, " %.17g", v[i]);
    fputc('\n', f);
}

static void put_ints(FILE *f, const char *key, const int *v, int n)
{
    fputs(key, f);
    for (int i = 0; i < n; i++)
        fprintf(f, " %d", v[i]);
    fputc('\n', f);
}

static int svm_save(const void *inst, FILE *f, struct sift_error *err)
{
    const struct svm_model *md = ((const struct svm *)inst)->model;
    int k, pairs;
    if (!md)
        return sift_fail(err, SIFT_ESTATE, "svm: nothing to save");
    k = md->nr_class;
    pairs = k * (k - 1) / 2;
    fprintf(f, "svm_type c_svc\nkernel_type %s\n",
            md->param.kernel_type == RBF ? "rbf" : "linear");
    if (md->param.kernel_type == RBF)
        fprintf(f, "gamma %.17g\n", md->param.gamma);
    fprintf(f, "nr_class %d\ntotal_sv %d\n", k, md->l);
    put_doubles(f, "rho", md->rho, pairs);
    put_ints(f, "label", md->label, k);
    if (md->probA && md->probB) {
        put_doubles(f, "probA", md->probA, pairs);
        put_doubles(f, "probB", md->probB, pairs);
    }
    put_ints(f, "nr_sv", md->nSV, k);
    fputs("SV\n", f);
    for (int i = 0; i < md->l; i++) {
        for (int j = 0; j < k - 1; j++)
            fprintf(f, "%.17g ", md->sv_coef[j][i]);
        for (const struct svm_node *x = md->SV[i]; x->index != -1; x++)
            fprintf(f, "%d:%.8g ", x->index, x->value);
        fputc('\n', f);
    }
    return 0;
}

/* ---- validating libsvm's model file ---- */

struct reader {
    const char *path;
    char *buf;
    size_t len, pos;
    int line;
};

static char *next_line(struct reader *r)
{
    if (r->pos >= r->len)
        return NULL;
    char *l = r->buf + r->pos, *e = memchr(l, '\n', r->len - r->pos);
    if (e) {
        *e = '\0';
        r->pos = (size_t)(e - r->buf) + 1;
    } else {
        r->buf[r->len] = '\0';
        r->pos = r->len;
    }
    r->line++;
    return l;
}

static int bad(struct reader *r, struct sift_error *err, const char *what)
{
    return sift_fail(err, SIFT_EFORMAT, "%s:%d: invalid libsvm model: %s",
                     r->path, r->line, what);
}

static int count_numbers(const char *s, size_t want, int integers)
{
    size_t n = 0;
    while (*s) {
        char *end;
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        errno = 0;
        double v = integers ? (double)strtol(s, &end, 10) : strtod(s, &end);
        if (end == s || errno || !isfinite(v) || (*end && *end != ' '))
            return -1;
        s = end;
        n++;
    }
    return n == want ? 0 : -1;
}

static int validate(struct reader *r, struct sift_error *err)
{
    static const char *const keys[] = {"svm_type", "kernel_type", "gamma",
                                       "nr_class", "total_sv", "rho",
                                       "label", "probA", "probB", "nr_sv"};
    long k = -1, l = -1, got_sv = 0, seen_nr_sv = 0;
    unsigned seen = 0;
    char *line;
    while ((line = next_line(r))) {
        char *val = strchr(line, ' ');
        if (!strcmp(line, "SV")) {
            got_sv = 1;
            break;
        }
        if (!val)
            return bad(r, err, "expected 'key value'");
        *val++ = '\0';
        /* libsvm allocates for every occurrence of a key: a repeated key
         * leaks, and a later nr_class would disagree with earlier counts */
        for (unsigned i = 0; i < sizeof keys / sizeof *keys; i++)
            if (!strcmp(line, keys[i])) {
                if (seen & (1u << i))
                    return bad(r, err, "header key given twice");
                seen |= 1u << i;
            }
        if (!strcmp(line, "svm_type")) {
            if (strcmp(val, "c_svc"))
                return bad(r, err, "svm_type is not c_svc");
        } else if (!strcmp(line, "kernel_type")) {
            if (strcmp(val, "linear") && strcmp(val, "rbf"))
                return bad(r, err, "kernel_type is not linear or rbf");
        } else if (!strcmp(line, "gamma")) {
            if (count_numbers(val, 1, 0))
                return bad(r, err, "bad gamma");
        } else if (!strcmp(line, "nr_class")) {
            k = strtol(val, NULL, 10);
            if (count_numbers(val, 1, 1) || k < 2 || k > 1000)
                return bad(r, err, "nr_class must be 2..1000");
        } else if (!strcmp(line, "total_sv")) {
            l = strtol(val, NULL, 10);
            if (count_numbers(val, 1, 1) || l < 1 || l > 100000000)
                return bad(r, err, "bad total_sv");
        } else if (!strcmp(line, "rho") || !strcmp(line, "probA") ||
                   !strcmp(line, "probB")) {
            if (k < 2 || count_numbers(val, (size_t)(k * (k - 1) / 2), 0))
                return bad(r, err, "wrong count of pairwise values "
                                   "(or nr_class missing)");
        } else if (!strcmp(line, "label")) {
            if (k < 2 || count_numbers(val, (size_t)k, 1))
                return bad(r, err, "label needs nr_class integers");
            char *s = val;
            for (long i = 0; i < k; i++) {
                long v = strtol(s, &s, 10);
                if (v < 0 || v >= k)
                    return bad(r, err, "label out of range");
            }
        } else if (!strcmp(line, "nr_sv")) {
            long sum = 0;
            char *s = val;
            if (k < 2 || count_numbers(val, (size_t)k, 1))
                return bad(r, err, "nr_sv needs nr_class integers");
            for (long i = 0; i < k; i++) {
                long v = strtol(s, &s, 10);
                if (v < 0)
                    return bad(r, err, "negative nr_sv");
                sum += v;
            }
            if (sum != l)
                return bad(r, err, "nr_sv does not add up to total_sv");
            seen_nr_sv = 1;
        } else {
            return bad(r, err, "unknown header key");
        }
    }
    if (!got_sv || k < 2 || l < 1 || !seen_nr_sv)
        return bad(r, err, "missing header lines or SV section");
    if (!(seen & (1u << 5)) || !(seen & (1u << 6)) ||
        !!(seen & (1u << 7)) != !!(seen & (1u << 8)))
        return bad(r, err, "rho and label are required, and probA and "
                           "probB come together");
    for (long i = 0; i < l; i++) {
        char *s = next_line(r), *end;
        long last = 0;
        if (!s)
            return bad(r, err, "fewer support vectors than total_sv");
        for (long c = 0; c < k - 1; c++) {
            errno = 0;
            double v = strtod(s, &end);
            if (end == s || errno || !isfinite(v) || *end != ' ')
                return bad(r, err, "bad coefficient");
            s = end + 1;
        }
        while (*s) {
            long idx;
            double v;
            errno = 0;
            idx = strtol(s, &end, 10);
            if (end == s || *end != ':' || idx <= last || idx > 2147483646)
                return bad(r, err, "bad or unsorted feature index");
            last = idx;
            s = end + 1;
            v = strtod(s, &end);
            if (end == s || errno || !isfinite(v) ||
                (*end && *end != ' '))
                return bad(r, err, "bad feature value");
            s = end;
            while (*s == ' ')
                s++;
        }
    }
    while ((line = next_line(r)))
        if (*line)
            return bad(r, err, "text after the last support vector");
    return 0;
}

/* ---- building a model from a validated file ---- */

static double *get_doubles(const char *s, int n)
{
    double *v = malloc((size_t)n * sizeof *v);
    for (int i = 0; v && i < n; i++)
        v[i] = strtod(s, (char **)&s);
    return v;
}

static int *get_ints(const char *s, int n)
{
    int *v = malloc((size_t)n * sizeof *v);
    for (int i = 0; v && i < n; i++)
        v[i] = (int)strtol(s, (char **)&s, 10);
    return v;
}

/* The header lines up to "SV" (validate() checked them). */
static int read_header(struct reader *r, struct svm_model *md)
{
    char *line;
    int k = 2, pairs = 1;
    while ((line = next_line(r)) && strcmp(line, "SV")) {
        char *val = strchr(line, ' ');
        *val++ = '\0';
        if (!strcmp(line, "kernel_type"))
            md->param.kernel_type = strcmp(val, "rbf") ? LINEAR : RBF;
        else if (!strcmp(line, "gamma"))
            md->param.gamma = strtod(val, NULL);
        else if (!strcmp(line, "nr_class")) {
            md->nr_class = k = atoi(val);
            pairs = k * (k - 1) / 2;
        } else if (!strcmp(line, "total_sv"))
            md->l = atoi(val);
        else if (!strcmp(line, "rho") && !(md->rho = get_doubles(val, pairs)))
            return -1;
        else if (!strcmp(line, "probA") &&
                 !(md->probA = get_doubles(val, pairs)))
            return -1;
        else if (!strcmp(line, "probB") &&
                 !(md->probB = get_doubles(val, pairs)))
            return -1;
        else if (!strcmp(line, "label") && !(md->label = get_ints(val, k)))
            return -1;
        else if (!strcmp(line, "nr_sv") && !(md->nSV = get_ints(val, k)))
            return -1;
    }
    return 0;
}

/* The support vectors, all nodes in one block at SV[0] (free_sv). */
static int read_vectors(struct reader *r, struct svm_model *md)
{
    size_t nodes = (size_t)md->l, pos = 0;
    struct svm_node *x;
    for (size_t i = r->pos; i < r->len; i++)
        nodes += r->buf[i] == ':';
    md->SV = calloc((size_t)md->l, sizeof *md->SV);
    md->sv_coef = calloc((size_t)md->nr_class - 1, sizeof *md->sv_coef);
    if (!md->SV || !md->sv_coef || !(x = malloc(nodes * sizeof *x)))
        return -1;
    md->SV[0] = x;
    for (int j = 0; j < md->nr_class - 1; j++)
        if (!(md->sv_coef[j] = malloc((size_t)md->l * sizeof(double))))
            return -1;
    for (int i = 0; i < md->l; i++) {
        char *s = next_line(r);
        md->SV[i] = x + pos;
        for (int j = 0; j < md->nr_class - 1; j++)
            md->sv_coef[j][i] = strtod(s, &s);
        while (*s == ' ')
            s++;
        while (*s) {
            x[pos].index = (int)strtol(s, &s, 10);
            x[pos++].value = strtod(s + 1, &s);
            while (*s == ' ')
                s++;
        }
        x[pos++].index = -1;
    }
    return 0;
}

/* What svm_load_model() would build from text[0..len), which validate()
 * accepted; NULL when out of memory. */
static struct svm_model *build_model(const char *text, size_t len)
{
    struct svm_model *md = calloc(1, sizeof *md);
    struct reader r = {0};
    if (!md || !(r.buf = malloc(len + 1))) {
        free(md);
        return NULL;
    }
    memcpy(r.buf, text, len);
    r.len = len;
    md->param.svm_type = C_SVC;
    md->free_sv = 1;
    if (read_header(&r, md) || read_vectors(&r, md))
        svm_free_and_destroy_model(&md);
    free(r.buf);
    return md;
}

static int svm_load(void *inst, const char *data, size_t len,
                    const char *name, struct sift_error *err)
{
    struct svm *m = inst;
    struct reader r = {name, NULL, len, 0, 0};
    int rc;
    drop_model(m);
    if (memchr(data, '\0', len))
        return sift_fail(err, SIFT_EFORMAT, "%s: NUL byte in model file",
                         name);
    if (!(r.buf = malloc(len + 1)))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    memcpy(r.buf, data, len);
    rc = validate(&r, err);
    free(r.buf);
    if (rc)
        return rc;
    if (!(m->model = build_model(data, len)))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    m->rbf = m->model->param.kernel_type == RBF;
    rc = prepare(m, err);
    if (rc)
        drop_model(m);
    return rc;
}

static const struct sift_plugin descriptor = {
    .abi_version = SIFT_ABI_VERSION,
    .size = sizeof(struct sift_plugin),
    .kind = SIFT_CLASSIFIER,
    .name = "svm",
    .version = "1.0",
    .summary = "libsvm C-SVC (linear or RBF) with calibrated confidences",
    .options = options,
    .noptions = O_N,
    .create = svm_create,
    .destroy = svm_destroy,
    .scratch_new = scratch_new,
    .scratch_free = scratch_free,
    .save = svm_save,
    .load = svm_load,
    .train = svm_train_op,
    .predict = svm_predict_op,
    .explain = svm_explain,
    .nlabels = svm_nlabels,
};

SIFT_EXPORT const struct sift_plugin *sift_plugin(void)
{
    return &descriptor;
}
