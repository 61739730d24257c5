/*
 * pipeline.h - a pipeline of stages built from an ini file or a model
 * bundle: one segmenter, one tokenizer, one or more featurizers whose
 * vectors are concatenated, one classifier.
 *
 * A pipeline holds the shared, read-only (once trained or loaded) stage
 * instances; a worker holds one thread's scratch space.  The command line
 * sees a pipeline only through these functions; the library's modules
 * share its layout through pipeline_int.h.
 */
#ifndef SIFT_PIPELINE_H
#define SIFT_PIPELINE_H

#include <stddef.h>

#include "config.h"
#include "plugin.h"
#include "sift/plugin.h"

struct sift_samples;

/* Opaque outside the library: read it through the functions below. */
struct sift_pipeline;

/* Build a pipeline from cfg: checks sections, keys, option types and
 * ranges against the plugins' declarations; loads and creates every
 * stage.  Errors name file:line, section and key.  Returns NULL on
 * failure. */
struct sift_pipeline *sift_pipeline_new(const struct sift_config *cfg,
                                        struct sift_error *err);

/* At most this many [features] sections. */
#define SIFT_MAX_FEATURIZERS 64

/* sift_pipeline_open() flags. */
enum {
    /* cfg is a bundle's manifest, i.e. data from anywhere: plugins are
     * named by name only and [pipeline] plugin_path is refused, so they
     * load only from the trusted search path. */
    SIFT_PIPELINE_UNTRUSTED = 1
};

/* sift_pipeline_new() with flags. */
struct sift_pipeline *sift_pipeline_open(const struct sift_config *cfg,
                                         int flags, struct sift_error *err);

/* Replace p's labels with the comma- or space-separated list.  Refuses,
 * with `where` ("file:line: [section]") in the message, an empty label,
 * one that repeats, or one holding a TAB or other control character. */
int sift_pipeline_set_labels(struct sift_pipeline *p, const char *list,
                             const char *where, struct sift_error *err);
void sift_pipeline_free(struct sift_pipeline *p);

/* Exchange the segmenters of a and b (a bundle runs with its ini's). */
void sift_pipeline_swap_segmenter(struct sift_pipeline *a,
                                  struct sift_pipeline *b);

/* Fit featurizers and train the classifier on samples idx[0..n) of ss
 * (all of them when idx is NULL).  Labels are taken from p->labels when
 * declared, else from ss.  `progress` (may be NULL) is called with a
 * short phase name. */
int sift_pipeline_train(struct sift_pipeline *p, const struct sift_samples *ss,
                        const size_t *idx, size_t n,
                        void (*progress)(const char *phase),
                        struct sift_error *err);

/* Give each featurizer its offset in the concatenated vector (after
 * fitting or loading) and set p->dim; refuses a total over 2^32 - 1. */
int sift_pipeline_layout(struct sift_pipeline *p, struct sift_error *err);

/* Drop p's declared labels: training then takes the samples' labels, in
 * the samples' numbering (cross-validation scores against it). */
void sift_pipeline_forget_labels(struct sift_pipeline *p);

/* The labels (declared, learnt or loaded) and their number in *n (n may
 * be NULL); owned by p. */
char *const *sift_pipeline_labels(const struct sift_pipeline *p, size_t *n);
size_t sift_pipeline_nlabels(const struct sift_pipeline *p);
/* [pipeline] name, or the bundle's. */
const char *sift_pipeline_name(const struct sift_pipeline *p);
/* The model bundle: [pipeline] model (resolved), or the directory a
 * bundle was loaded from; NULL when there is none. */
const char *sift_pipeline_model(const struct sift_pipeline *p);
/* Featurizers fitted and classifier trained (or loaded): it can label. */
int sift_pipeline_ready(const struct sift_pipeline *p);
/* The concatenated feature dimension, once fitted or loaded. */
size_t sift_pipeline_dim(const struct sift_pipeline *p);

/* Call fn for every option of every stage that learns (featurizers, then
 * the classifier), with its section name; for `sift tune`. */
void sift_pipeline_options(const struct sift_pipeline *p,
                           void (*fn)(void *ctx, const char *section,
                                      const struct sift_option *o),
                           void *ctx);

/* Index of label name in the pipeline's labels, or -1. */
int sift_pipeline_label(const struct sift_pipeline *p, const char *name);

/* One thread's scratch for running a pipeline. */
struct sift_worker;

struct sift_worker *sift_worker_new(const struct sift_pipeline *p,
                                    struct sift_error *err);
void sift_worker_free(struct sift_worker *w);

/* Sentence spans of a document (owned by the worker, valid until the
 * next call). */
int sift_worker_segment(struct sift_worker *w, const char *text, size_t len,
                        const struct sift_span **spans, size_t *n,
                        struct sift_error *err);

/* Tokenize and featurize one sentence: the concatenated, weighted
 * vector (owned by the worker). */
int sift_worker_vector(struct sift_worker *w, const char *text, size_t len,
                       struct sift_vector *out, struct sift_error *err);

/* Classify one sentence: label index and p->nlabels confidences. */
int sift_worker_classify(struct sift_worker *w, const char *text, size_t len,
                         int *label, double *scores, struct sift_error *err);

/* The classifier's contribution of each entry of v toward label
 * (contrib has v->n slots); SIFT_ESTATE when it cannot say. */
int sift_worker_explain(struct sift_worker *w, const struct sift_vector *v,
                        int label, double *contrib, struct sift_error *err);

/* Classify a vector from sift_worker_vector() (for callers that also
 * want the vector: explain, the libsvm format), without featurizing the
 * sentence again. */
int sift_worker_predict(struct sift_worker *w, const struct sift_vector *v,
                        int *label, double *scores, struct sift_error *err);

/* Tokens of the last sentence given to sift_worker_vector/classify. */
const struct sift_token *sift_worker_tokens(const struct sift_worker *w,
                                            size_t *n);

/* The constant term of `label`'s score in the units of the classifier's
 * explain() contributions; SIFT_ESTATE when the classifier does not
 * provide one (a plugin built before `bias` existed, or a model without
 * one). */
int sift_pipeline_bias(const struct sift_pipeline *p, int label, double *out,
                       struct sift_error *err);

/* Name of concatenated feature `index` ("features.words:w=accused"). */
int sift_pipeline_feature_name(const struct sift_pipeline *p, uint32_t index,
                               char *buf, size_t size);

#endif
