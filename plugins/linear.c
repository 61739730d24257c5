/*
 * linear.c - classifier plugin: a linear model from LIBLINEAR (one-vs-rest
 * L2-regularised SVM or logistic regression), with confidences calibrated
 * by Platt scaling.
 *
 * Training fits one weight vector per label.  To turn the decision values
 * into confidences, the same solver is first trained on K-1 of K folds of
 * the data and its decision values recorded on the held-out fold; a
 * sigmoid 1 / (1 + exp(A f + B)) is then fitted per label to those
 * out-of-fold values (Platt 2000, with the Newton method of Lin, Lin and
 * Weng 2007, as libsvm does it).  The per-label sigmoids are normalised to
 * sum to one, and the label is the one with the highest confidence.
 *
 * The model file is our own text format, one line per feature holding
 * that feature's weight for every label, so a prediction touches one
 * contiguous row per non-zero feature.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linear.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sift/plugin.h"
#include "util.h"

enum { O_SOLVER, O_C, O_WEIGHT, O_EPS, O_FOLDS, O_SEED, O_N };

static const struct sift_option options[O_N] = {
    {"solver", SIFT_OPT_ENUM, "svm",
     "svm: L2-loss SVM (dual); svm_l1: L1-loss SVM (dual); logreg: "
     "logistic regression",
     "svm|svm_l1|logreg", 0, 0, SIFT_OPT_TRAIN, NULL, NULL},
    {"C", SIFT_OPT_DOUBLE, "0.5", "cost of a margin violation", NULL, 1e-6,
     1e6, SIFT_OPT_TRAIN,
     "0.03,0.1,0.3,1,3,10", NULL},
    {"class_weight", SIFT_OPT_ENUM, "balanced",
     "per-label C weights: none, or balanced (n / (labels * n_label))",
     "none|balanced", 0, 0, SIFT_OPT_TRAIN, NULL, NULL},
    {"tolerance", SIFT_OPT_DOUBLE, "0.01", "stopping tolerance (liblinear -e)",
     NULL, 1e-9, 1, SIFT_OPT_TRAIN, NULL, NULL},
    {"calibration_folds", SIFT_OPT_INT, "5",
     "folds of out-of-fold decision values for the Platt sigmoids", NULL, 2,
     50, SIFT_OPT_TRAIN, NULL, NULL},
    {"seed", SIFT_OPT_INT, "1",
     "seed for the calibration folds and LIBLINEAR's shuffling", NULL, 0,
     2147483647, SIFT_OPT_TRAIN, NULL, NULL},
};

#define MAGIC "sift-linear 1"

struct linear {
    int solver, balanced, folds;
    double C, eps;
    unsigned seed;
    size_t k, dim;  /* labels; features */
    double *w;      /* (dim + 1) x k: row j holds feature j's weights,
                       row dim the bias */
    double *A, *B;  /* k Platt sigmoids */
};

static void quiet(const char *s)
{
    (void)s;
}

static void *lin_create(const char *const *v, struct sift_error *err)
{
    struct linear *m = calloc(1, sizeof *m);
    if (!m) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    m->solver = !strcmp(v[O_SOLVER], "logreg")   ? L2R_LR
                : !strcmp(v[O_SOLVER], "svm_l1") ? L2R_L1LOSS_SVC_DUAL
                                                 : L2R_L2LOSS_SVC_DUAL;
    m->C = strtod(v[O_C], NULL);
    m->balanced = !strcmp(v[O_WEIGHT], "balanced");
    m->eps = strtod(v[O_EPS], NULL);
    m->folds = atoi(v[O_FOLDS]);
    m->seed = (unsigned)strtoul(v[O_SEED], NULL, 10);
    return m;
}

static void drop_model(struct linear *m)
{
    free(m->w);
    free(m->A);
    free(m->B);
    m->w = m->A = m->B = NULL;
    m->k = m->dim = 0;
}

static void lin_destroy(void *inst)
{
    struct linear *m = inst;
    if (!m)
        return;
    drop_model(m);
    free(m);
}

/* No per-thread state: prediction writes only to the caller's arrays. */
static void *scratch_new(const void *inst, struct sift_error *err)
{
    static char dummy;
    (void)inst;
    (void)err;
    return &dummy;
}

static void scratch_free(void *p)
{
    (void)p;
}

static void decision(const struct linear *m, const struct sift_vector *x,
                     double *dec)
{
    const double *bias = m->w + m->dim * m->k;
    for (size_t c = 0; c < m->k; c++)
        dec[c] = bias[c];
    for (size_t i = 0; i < x->n; i++) {
        if (x->f[i].index >= m->dim)
            continue; /* unseen at training: weight 0 */
        const double *row = m->w + (size_t)x->f[i].index * m->k;
        double v = x->f[i].value;
        for (size_t c = 0; c < m->k; c++)
            dec[c] += v * row[c];
    }
}

/* ---- training ---- */

/* The training data in LIBLINEAR's form, built once and shared by the
 * folds (a fold's problem is a list of row pointers into it). */
struct data {
    struct feature_node *space;
    struct feature_node **row;
    double *y;
    size_t n;
};

static int data_build(struct data *d, const struct sift_vector *x,
                      const int *y, size_t n, size_t dim)
{
    size_t total = 0, pos = 0;
    for (size_t i = 0; i < n; i++)
        total += x[i].n + 2; /* + bias + terminator */
    d->space = malloc(total * sizeof *d->space);
    d->row = malloc(n * sizeof *d->row);
    d->y = malloc(n * sizeof *d->y);
    d->n = n;
    if (!d->space || !d->row || !d->y)
        return -1;
    for (size_t i = 0; i < n; i++) {
        d->row[i] = d->space + pos;
        d->y[i] = y[i];
        for (size_t j = 0; j < x[i].n; j++) {
            d->space[pos].index = (int)x[i].f[j].index + 1;
            d->space[pos++].value = x[i].f[j].value;
        }
        d->space[pos].index = (int)dim + 1; /* the bias feature */
        d->space[pos++].value = 1.0;
        d->space[pos++].index = -1;
    }
    return 0;
}

static void data_free(struct data *d)
{
    free(d->space);
    free(d->row);
    free(d->y);
}

/* Train LIBLINEAR on the rows listed in idx.  NULL and err on failure. */
static struct model *fit(const struct linear *m, const struct data *d,
                         const size_t *idx, size_t n, size_t dim, size_t k,
                         struct sift_error *err)
{
    struct problem prob = {0};
    struct parameter par = {0};
    size_t *count = calloc(k, sizeof *count);
    int *wl = malloc(k * sizeof *wl);
    double *wv = malloc(k * sizeof *wv);
    struct model *model = NULL;
    const char *msg;
    prob.l = (int)n;
    prob.n = (int)dim + 1;
    prob.bias = 1.0;
    prob.x = malloc(n * sizeof *prob.x);
    prob.y = malloc(n * sizeof *prob.y);
    if (!count || !wl || !wv || !prob.x || !prob.y) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        prob.x[i] = d->row[idx[i]];
        prob.y[i] = d->y[idx[i]];
        count[(size_t)d->y[idx[i]]]++;
    }
    par.solver_type = m->solver;
    par.eps = m->eps;
    par.C = m->C;
    if (m->balanced) {
        sift_balanced_weights(count, k, n, wl, wv);
        par.nr_weight = (int)k;
        par.weight_label = wl;
        par.weight = wv;
    }
    msg = check_parameter(&prob, &par);
    if (msg) {
        sift_fail(err, SIFT_EINVAL, "liblinear: %s", msg);
        goto out;
    }
    model = train(&prob, &par);
    if (!model)
        sift_fail(err, SIFT_ENOMEM, "liblinear: training failed");
out:
    free(count);
    free(wl);
    free(wv);
    free(prob.x);
    free(prob.y);
    return model;
}

/* Copy a LIBLINEAR model's weights into our layout: row j = feature j,
 * row dim = bias; columns in sift label order.  Labels the fold never saw
 * get weights 0 and a bias of -1 (never predicted). */
static void take_weights(const struct model *model, double *w, size_t dim,
                         size_t k)
{
    memset(w, 0, (dim + 1) * k * sizeof *w);
    for (size_t c = 0; c < k; c++)
        w[dim * k + c] = -1.0;
    for (int t = 0; t < model->nr_class; t++) {
        size_t c = (size_t)model->label[t];
        for (size_t j = 0; j < dim; j++)
            w[j * k + c] = get_decfun_coef(model, (int)j + 1, t);
        w[dim * k + c] = get_decfun_bias(model, t);
    }
}

/* Platt's sigmoid fit for one label: dec[i] decision values, t[i] 1 when
 * sample i has the label.  Newton's method with backtracking, after Lin,
 * Lin and Weng (2007), as in libsvm's sigmoid_train(). */
static void platt(const double *dec, const unsigned char *t, size_t n,
                  double *A, double *B)
{
    double prior1 = 0, prior0, hi, lo, a = 0, b, fval = 0;
    const double sigma = 1e-12, eps = 1e-5;
    for (size_t i = 0; i < n; i++)
        prior1 += t[i];
    prior0 = (double)n - prior1;
    hi = (prior1 + 1.0) / (prior1 + 2.0);
    lo = 1 / (prior0 + 2.0);
    b = log((prior0 + 1.0) / (prior1 + 1.0));
    for (size_t i = 0; i < n; i++) {
        double ti = t[i] ? hi : lo, f = dec[i] * a + b;
        fval += f >= 0 ? ti * f + log(1 + exp(-f))
                       : (ti - 1) * f + log(1 + exp(f));
    }
    for (int it = 0; it < 100; it++) {
        double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
        for (size_t i = 0; i < n; i++) {
            double ti = t[i] ? hi : lo, f = dec[i] * a + b, p, q;
            if (f >= 0) {
                p = exp(-f) / (1.0 + exp(-f));
                q = 1.0 / (1.0 + exp(-f));
            } else {
                p = 1.0 / (1.0 + exp(f));
                q = exp(f) / (1.0 + exp(f));
            }
            double d2 = p * q;
            h11 += dec[i] * dec[i] * d2;
            h22 += d2;
            h21 += dec[i] * d2;
            double d1 = ti - p;
            g1 += dec[i] * d1;
            g2 += d1;
        }
        if (fabs(g1) < eps && fabs(g2) < eps)
            break;
        double det = h11 * h22 - h21 * h21;
        double dA = -(h22 * g1 - h21 * g2) / det;
        double dB = -(-h21 * g1 + h11 * g2) / det;
        double gd = g1 * dA + g2 * dB, step = 1;
        while (step >= 1e-10) {
            double na = a + step * dA, nb = b + step * dB, nf = 0;
            for (size_t i = 0; i < n; i++) {
                double ti = t[i] ? hi : lo, f = dec[i] * na + nb;
                nf += f >= 0 ? ti * f + log(1 + exp(-f))
                             : (ti - 1) * f + log(1 + exp(f));
            }
            if (nf < fval + 0.0001 * step * gd) {
                a = na;
                b = nb;
                fval = nf;
                break;
            }
            step /= 2.0;
        }
        if (step < 1e-10)
            break;
    }
    *A = a;
    *B = b;
}

/* Out-of-fold decision values of every sample for every label, into
 * dec (n x k). */
static int cross_decisions(struct linear *m, const struct data *d,
                           size_t dim, double *dec, struct sift_error *err)
{
    size_t n = d->n, k = m->k, *perm = malloc(n * sizeof *perm);
    size_t *idx = malloc(n * sizeof *idx);
    double *w = malloc((dim + 1) * k * sizeof *w);
    uint32_t s = m->seed ? m->seed : 1;
    int rc = 0;
    if (!perm || !idx || !w) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    sift_shuffle(perm, n, &s); /* fixed, portable calibration folds */
    for (int f = 0; f < m->folds; f++) {
        size_t a = n * (size_t)f / (size_t)m->folds;
        size_t b = n * (size_t)(f + 1) / (size_t)m->folds, nt = 0;
        for (size_t i = 0; i < n; i++)
            if (i < a || i >= b)
                idx[nt++] = perm[i];
        struct model *model = fit(m, d, idx, nt, dim, k, err);
        if (!model) {
            rc = err ? err->code : SIFT_EINVAL;
            goto out;
        }
        take_weights(model, w, dim, k);
        free_and_destroy_model(&model);
        for (size_t i = a; i < b; i++) {
            size_t r = perm[i];
            struct feature_node *p = d->row[r];
            double *out = dec + r * k;
            for (size_t c = 0; c < k; c++)
                out[c] = w[dim * k + c];
            for (; p->index > 0 && (size_t)p->index <= dim; p++)
                for (size_t c = 0; c < k; c++)
                    out[c] += p->value * w[(size_t)(p->index - 1) * k + c];
        }
    }
out:
    free(perm);
    free(idx);
    free(w);
    return rc;
}

static int calibrate(struct linear *m, const struct data *d, size_t dim,
                     struct sift_error *err)
{
    size_t n = d->n, k = m->k;
    double *dec = malloc(n * k * sizeof *dec), *col = malloc(n * sizeof *col);
    unsigned char *t = malloc(n);
    int rc;
    if (!dec || !col || !t) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    rc = cross_decisions(m, d, dim, dec, err);
    if (rc)
        goto out;
    for (size_t c = 0; c < k; c++) {
        for (size_t i = 0; i < n; i++) {
            col[i] = dec[i * k + c];
            t[i] = (size_t)d->y[i] == c;
        }
        platt(col, t, n, &m->A[c], &m->B[c]);
    }
out:
    free(dec);
    free(col);
    free(t);
    return rc;
}

static int lin_train(void *inst, const struct sift_vector *x, const int *y,
                     size_t n, size_t dim, size_t nlabels,
                     struct sift_error *err)
{
    struct linear *m = inst;
    struct data d = {0};
    size_t *all = NULL;
    struct model *model = NULL;
    int rc = 0;
    drop_model(m);
    if (n < (size_t)m->folds || nlabels < 2)
        return sift_fail(err, SIFT_EINVAL, "need at least %d samples and two "
                                           "labels to train", m->folds);
    if (n > 2147483647 || dim > 2147483645)
        return sift_fail(err, SIFT_EINVAL, "too many samples or features");
    set_print_string_function(quiet);
    /* LIBLINEAR's dual solvers shuffle with the C library's rand():
     * seeding it here makes each training depend on the seed alone, not
     * on what ran before it in the process (earlier folds, other grid
     * points).  The host never trains two models at once in a process. */
    srand(m->seed);
    m->k = nlabels;
    m->dim = dim;
    m->w = malloc((dim + 1) * nlabels * sizeof *m->w);
    m->A = malloc(nlabels * sizeof *m->A);
    m->B = malloc(nlabels * sizeof *m->B);
    all = malloc(n * sizeof *all);
    if (!m->w || !m->A || !m->B || !all || data_build(&d, x, y, n, dim)) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        all[i] = i;
    model = fit(m, &d, all, n, dim, nlabels, err);
    if (!model) {
        rc = err ? err->code : SIFT_EINVAL;
        goto out;
    }
    take_weights(model, m->w, dim, nlabels);
    free_and_destroy_model(&model);
    rc = calibrate(m, &d, dim, err);
out:
    data_free(&d);
    free(all);
    if (rc)
        drop_model(m);
    return rc;
}

/* ---- prediction ---- */

static int lin_predict(const void *inst, void *scratch,
                       const struct sift_vector *x, int *label,
                       double *scores, struct sift_error *err)
{
    const struct linear *m = inst;
    double sum = 0;
    size_t best = 0;
    (void)scratch;
    if (!m->w)
        return sift_fail(err, SIFT_ESTATE, "linear: model not trained");
    decision(m, x, scores);
    for (size_t c = 0; c < m->k; c++) {
        double f = scores[c] * m->A[c] + m->B[c];
        scores[c] = f >= 0 ? exp(-f) / (1.0 + exp(-f)) : 1.0 / (1 + exp(f));
        sum += scores[c];
    }
    for (size_t c = 0; c < m->k; c++) {
        scores[c] = sum > 0 ? scores[c] / sum : 1.0 / (double)m->k;
        if (scores[c] > scores[best])
            best = c;
    }
    *label = (int)best;
    return 0;
}

static int lin_explain(const void *inst, void *scratch,
                       const struct sift_vector *x, int label, double *contrib,
                       struct sift_error *err)
{
    const struct linear *m = inst;
    (void)scratch;
    if (!m->w)
        return sift_fail(err, SIFT_ESTATE, "linear: model not trained");
    if (label < 0 || (size_t)label >= m->k)
        return sift_fail(err, SIFT_EINVAL, "linear: no label %d", label);
    for (size_t i = 0; i < x->n; i++)
        contrib[i] = x->f[i].index < m->dim
                         ? x->f[i].value *
                               m->w[(size_t)x->f[i].index * m->k +
                                    (size_t)label]
                         : 0.0;
    return 0;
}

static int lin_bias(const void *inst, int label, double *out,
                    struct sift_error *err)
{
    const struct linear *m = inst;
    if (!m->w)
        return sift_fail(err, SIFT_ESTATE, "linear: model not trained");
    if (label < 0 || (size_t)label >= m->k)
        return sift_fail(err, SIFT_EINVAL, "linear: no label %d", label);
    *out = m->w[m->dim * m->k + (size_t)label];
    return 0;
}

static size_t lin_nlabels(const void *inst)
{
    return ((const struct linear *)inst)->k;
}

/* ---- state ---- */

static int lin_save(const void *inst, FILE *f, struct sift_error *err)
{
    const struct linear *m = inst;
    if (!m->w)
        return sift_fail(err, SIFT_ESTATE, "linear: nothing to save");
    fprintf(f, "%s\nlabels %zu\ndimension %zu\n", MAGIC, m->k, m->dim);
    for (size_t c = 0; c < m->k; c++)
        fprintf(f, "platt %.17g %.17g\n", m->A[c], m->B[c]);
    for (size_t j = 0; j <= m->dim; j++) {
        const double *row = m->w + j * m->k;
        for (size_t c = 0; c < m->k; c++)
            fprintf(f, c ? " %.17g" : "%.17g", row[c]);
        fputc('\n', f);
    }
    return 0;
}

/* Parse exactly `want` finite numbers from line s into out. */
static int numbers(const char *s, double *out, size_t want)
{
    for (size_t i = 0; i < want; i++) {
        char *end;
        errno = 0;
        out[i] = strtod(s, &end);
        if (end == s || errno || !isfinite(out[i]) ||
            (*end && *end != ' ' && *end != '\n'))
            return -1;
        s = end;
    }
    while (*s == ' ')
        s++;
    return *s == '\n' || !*s ? 0 : -1;
}

static int read_header(FILE *f, const char *path, struct linear *m,
                       struct sift_error *err)
{
    char line[256];
    unsigned long long k, dim;
    char tail;
    if (!fgets(line, sizeof line, f) || strcmp(line, MAGIC "\n"))
        return sift_fail(err, SIFT_EFORMAT, "%s:1: not a sift linear model "
                                            "(expected '%s')", path, MAGIC);
    if (!fgets(line, sizeof line, f) ||
        sscanf(line, "labels %llu%c", &k, &tail) != 2 || tail != '\n' ||
        k < 2 || k > 1000)
        return sift_fail(err, SIFT_EFORMAT, "%s:2: expected 'labels K' "
                                            "with 2 <= K <= 1000", path);
    if (!fgets(line, sizeof line, f) ||
        sscanf(line, "dimension %llu%c", &dim, &tail) != 2 || tail != '\n' ||
        dim > 100000000ULL)
        return sift_fail(err, SIFT_EFORMAT, "%s:3: expected 'dimension N' "
                                            "with N <= 100000000", path);
    m->k = (size_t)k;
    m->dim = (size_t)dim;
    return 0;
}

static int lin_load(void *inst, const char *data, size_t size,
                    const char *path, struct sift_error *err)
{
    struct linear *m = inst;
    char *line = NULL;
    size_t cap = 0, lineno = 3;
    double ab[2];
    FILE *f;
    int rc;
    drop_model(m);
    if (!(f = fmemopen((void *)data, size ? size : 1, "r")))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    rc = read_header(f, path, m, err);
    if (rc)
        goto out;
    m->w = malloc((m->dim + 1) * m->k * sizeof *m->w);
    m->A = malloc(m->k * sizeof *m->A);
    m->B = malloc(m->k * sizeof *m->B);
    if (!m->w || !m->A || !m->B) {
        rc = sift_fail(err, SIFT_ENOMEM, "%s: out of memory", path);
        goto out;
    }
    for (size_t c = 0; c < m->k; c++) {
        lineno++;
        if (getline(&line, &cap, f) < 7 || strncmp(line, "platt ", 6) ||
            numbers(line + 6, ab, 2)) {
            rc = sift_fail(err, SIFT_EFORMAT, "%s:%zu: expected 'platt A B'",
                           path, lineno);
            goto out;
        }
        m->A[c] = ab[0];
        m->B[c] = ab[1];
    }
    for (size_t j = 0; j <= m->dim; j++) {
        lineno++;
        if (getline(&line, &cap, f) < 1 ||
            numbers(line, m->w + j * m->k, m->k)) {
            rc = sift_fail(err, SIFT_EFORMAT, "%s:%zu: expected %zu weights",
                           path, lineno, m->k);
            goto out;
        }
    }
    if (getline(&line, &cap, f) != -1)
        rc = sift_fail(err, SIFT_EFORMAT, "%s:%zu: trailing data", path,
                       lineno + 1);
out:
    free(line);
    fclose(f);
    if (rc)
        drop_model(m);
    return rc;
}

static const struct sift_plugin descriptor = {
    .abi_version = SIFT_ABI_VERSION,
    .size = sizeof(struct sift_plugin),
    .kind = SIFT_CLASSIFIER,
    .name = "linear",
    .version = "1.0",
    .summary = "LIBLINEAR one-vs-rest linear model with Platt-calibrated "
               "confidences",
    .options = options,
    .noptions = O_N,
    .create = lin_create,
    .destroy = lin_destroy,
    .scratch_new = scratch_new,
    .scratch_free = scratch_free,
    .save = lin_save,
    .load = lin_load,
    .train = lin_train,
    .predict = lin_predict,
    .explain = lin_explain,
    .nlabels = lin_nlabels,
    .bias = lin_bias,
};

SIFT_EXPORT const struct sift_plugin *sift_plugin(void)
{
    return &descriptor;
}
