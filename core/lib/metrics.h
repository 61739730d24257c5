/*
 * metrics.h - classification metrics: confusion matrix, per-label
 * precision / recall / F1 / support, macro and micro averages, accuracy.
 */
#ifndef SIFT_METRICS_H
#define SIFT_METRICS_H

#include <stdio.h>
#include <stddef.h>

struct sift_metrics {
    size_t k;             /* labels */
    size_t *confusion;    /* k x k: [gold * k + predicted] */
    double *precision, *recall, *f1;
    size_t *support;
    size_t total, correct;
    double accuracy, macro_p, macro_r, macro_f1, micro_f1;
};

/* Zeroed metrics for k labels; 0 or -1 (out of memory). */
int sift_metrics_init(struct sift_metrics *m, size_t k);
void sift_metrics_release(struct sift_metrics *m);
void sift_metrics_add(struct sift_metrics *m, int gold, int predicted);
/* Compute the derived figures from the confusion counts. */
void sift_metrics_finish(struct sift_metrics *m);

/* Human-readable report (table and confusion matrix). */
void sift_metrics_print(const struct sift_metrics *m, char *const *labels,
                        FILE *f);
/* One JSON object (no trailing newline). */
void sift_metrics_json(const struct sift_metrics *m, char *const *labels,
                       FILE *f);
/* Value of a metric by name ("macro-f1", "accuracy", "micro-f1",
 * "f1:LABEL"); returns -1 for an unknown name. */
double sift_metrics_get(const struct sift_metrics *m, char *const *labels,
                        const char *name);

#endif
