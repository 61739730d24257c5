/*
 * crossval.h - k-fold cross-validation of a pipeline on labeled samples:
 * stratified by label, or grouped so that whole articles (doc), whole
 * conflicts (topic) or whole sources (writers, outlets) stay on one side
 * of every split.
 */
#ifndef SIFT_CROSSVAL_H
#define SIFT_CROSSVAL_H

#include "config.h"
#include "metrics.h"
#include "samples.h"

enum sift_group {
    SIFT_GROUP_NONE,   /* stratified by label */
    SIFT_GROUP_DOC,    /* whole articles ('# doc: ID ...') */
    SIFT_GROUP_TOPIC,  /* whole conflicts ('# doc: ID TOPIC') */
    SIFT_GROUP_SOURCE  /* whole sources: the ID up to its first '-' (a
                        * writer or outlet: "t3" of "t3-14") */
};

/* Parse "none" / "doc" / "topic" / "source"; -1 if unknown. */
int sift_group_parse(const char *s);

/* "none", "doc", "topic" or "source". */
const char *sift_group_name(int group);

/* fold[i] in [0, k) for every sample, deterministic for a seed.  With
 * grouping, groups are dealt to folds largest first, each to the fold
 * with fewest samples so far.  Fails when there are fewer groups than
 * folds. */
int sift_folds(const struct sift_samples *ss, size_t k, int group,
               unsigned seed, size_t *fold, struct sift_error *err);

/* Train a fresh pipeline from cfg on k-1 folds and predict the k-th, k
 * times; add every held-out prediction to m (initialised by the caller
 * for ss->nlabels labels) and, if pred is not NULL, store it per sample.
 * Labels follow ss->labels.  `progress` may be NULL. */
int sift_crossval(const struct sift_config *cfg, const struct sift_samples *ss,
                  size_t k, int group, unsigned seed, struct sift_metrics *m,
                  int *pred, void (*progress)(size_t fold, size_t k),
                  struct sift_error *err);

#endif
