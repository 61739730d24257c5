/*
 * crossval.c - cross-validation (see crossval.h).
 */
#include "crossval.h"

#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "util.h"

int sift_group_parse(const char *s)
{
    if (!strcmp(s, "none"))
        return SIFT_GROUP_NONE;
    if (!strcmp(s, "doc"))
        return SIFT_GROUP_DOC;
    if (!strcmp(s, "topic"))
        return SIFT_GROUP_TOPIC;
    if (!strcmp(s, "source"))
        return SIFT_GROUP_SOURCE;
    return -1;
}

const char *sift_group_name(int group)
{
    static const char *const names[] = {"none", "doc", "topic", "source"};
    return group >= 0 && group <= SIFT_GROUP_SOURCE ? names[group] : "?";
}

/* The grouping key of document d, and its length. */
static const char *group_key(const struct sift_samples *ss, size_t d,
                             int group, size_t *len)
{
    const char *k = group == SIFT_GROUP_TOPIC ? ss->docs[d].topic
                                              : ss->docs[d].id;
    const char *dash = group == SIFT_GROUP_SOURCE ? strchr(k, '-') : NULL;
    *len = dash ? (size_t)(dash - k) : strlen(k);
    return k;
}

struct grp {
    size_t id, size, pos;
};

static int cmp_grp(const void *a, const void *b)
{
    const struct grp *x = a, *y = b;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Stratified folds: each label's shuffled samples dealt round-robin. */
static int stratified(const struct sift_samples *ss, size_t k, uint32_t *st,
                      size_t *fold, struct sift_error *err)
{
    size_t *idx = malloc((ss->n ? ss->n : 1) * sizeof *idx), off = 0;
    if (!idx)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    for (size_t l = 0; l < ss->nlabels; l++) {
        size_t n = 0;
        for (size_t i = 0; i < ss->n; i++)
            if (ss->s[i].label == (int)l)
                idx[n++] = i;
        sift_shuffle(idx, n, st);
        for (size_t i = 0; i < n; i++)
            fold[idx[i]] = (off + i) % k;
        off += n;
    }
    free(idx);
    return 0;
}

/* Number the groups: map[d] for each document, sizes in g[]; returns
 * how many groups there are. */
static size_t number_groups(const struct sift_samples *ss, int group,
                            size_t *map, struct grp *g)
{
    size_t ng = 0;
    for (size_t d = 0; d < ss->ndocs; d++) {
        size_t kl, el, e;
        const char *key = group_key(ss, d, group, &kl);
        for (e = 0; e < d; e++) {
            const char *other = group_key(ss, e, group, &el);
            if (el == kl && !memcmp(other, key, kl))
                break;
        }
        map[d] = e < d ? map[e] : ng++;
    }
    for (size_t i = 0; i < ng; i++)
        g[i].id = i;
    for (size_t i = 0; i < ss->n; i++)
        g[map[ss->s[i].doc]].size++;
    return ng;
}

/* Non-empty groups in a seeded random order (which breaks ties), then
 * largest first; returns how many there are. */
static size_t order_groups(struct grp *g, size_t ng, uint32_t *st)
{
    size_t used = 0;
    for (size_t i = 0; i < ng; i++)
        if (g[i].size)
            g[used++] = g[i];
    for (size_t i = used; i > 1; i--) {
        size_t j = sift_xorshift32(st) % i;
        struct grp x = g[i - 1];
        g[i - 1] = g[j];
        g[j] = x;
    }
    for (size_t i = 0; i < used; i++)
        g[i].pos = i;
    qsort(g, used, sizeof *g, cmp_grp);
    return used;
}

/* Grouped folds: each group, largest first, to the fold with the fewest
 * samples so far. */
static int grouped(const struct sift_samples *ss, size_t k, int group,
                   uint32_t *st, size_t *fold, struct sift_error *err)
{
    size_t nd = ss->ndocs ? ss->ndocs : 1, used;
    size_t *map = malloc(nd * sizeof *map), *gfold = malloc(nd * sizeof *gfold);
    size_t *load = calloc(k, sizeof *load);
    struct grp *g = calloc(nd, sizeof *g);
    int rc = 0;
    if (!map || !gfold || !load || !g) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    used = order_groups(g, number_groups(ss, group, map, g), st);
    if (used < k) {
        rc = sift_fail(err, SIFT_EINVAL,
                       "only %zu %s groups for %zu folds (mark articles "
                       "with '# doc: ID TOPIC' lines)",
                       used, sift_group_name(group), k);
        goto out;
    }
    for (size_t i = 0; i < used; i++) {
        size_t best = 0;
        for (size_t f = 1; f < k; f++)
            if (load[f] < load[best])
                best = f;
        gfold[g[i].id] = best;
        load[best] += g[i].size;
    }
    for (size_t i = 0; i < ss->n; i++)
        fold[i] = gfold[map[ss->s[i].doc]];
out:
    free(map);
    free(gfold);
    free(load);
    free(g);
    return rc;
}

int sift_folds(const struct sift_samples *ss, size_t k, int group,
               unsigned seed, size_t *fold, struct sift_error *err)
{
    uint32_t st = seed * 2654435761u + 1;
    if (k < 2)
        return sift_fail(err, SIFT_EINVAL, "need at least 2 folds");
    if (group == SIFT_GROUP_NONE)
        return stratified(ss, k, &st, fold, err);
    return grouped(ss, k, group, &st, fold, err);
}

/* Train on every fold but f, label fold f, and add to m (and pred). */
static int run_fold(const struct sift_config *cfg,
                    const struct sift_samples *ss, const size_t *fold,
                    size_t f, size_t *train, double *scores,
                    struct sift_metrics *m, int *pred, struct sift_error *err)
{
    struct sift_pipeline *p = sift_pipeline_new(cfg, err);
    struct sift_worker *w = NULL;
    size_t n = 0;
    int rc;
    if (!p)
        return err && err->code ? err->code : SIFT_EINVAL;
    for (size_t i = 0; i < ss->n; i++)
        if (fold[i] != f)
            train[n++] = i;
    /* the folds' label numbering must be the samples' */
    sift_pipeline_forget_labels(p);
    rc = sift_pipeline_train(p, ss, train, n, NULL, err);
    if (!rc && !(w = sift_worker_new(p, err)))
        rc = err && err->code ? err->code : SIFT_ENOMEM;
    for (size_t i = 0; i < ss->n && !rc; i++) {
        int label;
        if (fold[i] != f ||
            (rc = sift_worker_classify(w, ss->s[i].text, ss->s[i].len,
                                       &label, scores, err)))
            continue;
        sift_metrics_add(m, ss->s[i].label, label);
        if (pred)
            pred[i] = label;
    }
    sift_worker_free(w);
    sift_pipeline_free(p);
    return rc;
}

int sift_crossval(const struct sift_config *cfg, const struct sift_samples *ss,
                  size_t k, int group, unsigned seed, struct sift_metrics *m,
                  int *pred, void (*progress)(size_t fold, size_t k),
                  struct sift_error *err)
{
    size_t n = ss->n ? ss->n : 1;
    size_t *fold = malloc(n * sizeof *fold), *train = malloc(n * sizeof *train);
    double *scores = malloc((ss->nlabels ? ss->nlabels : 1) * sizeof *scores);
    int rc = 0;
    if (!fold || !train || !scores)
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (!rc)
        rc = sift_folds(ss, k, group, seed, fold, err);
    for (size_t f = 0; f < k && !rc; f++) {
        if (progress)
            progress(f, k);
        rc = run_fold(cfg, ss, fold, f, train, scores, m, pred, err);
    }
    free(fold);
    free(train);
    free(scores);
    return rc;
}
