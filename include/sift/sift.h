/*
 * sift/sift.h - libsift, the library behind the sift command: open a
 * model, label the sentences of a text, train and evaluate.
 *
 * Plugins are written against sift/plugin.h; programs that classify text
 * use this header and link with -lsift (pkg-config sift).
 *
 * Conventions (as in sqlite3.h):
 * - Every object is opaque and made by a *_new / sift_open call and freed
 *   by the matching free call; freeing NULL is a no-op.
 * - Errors: functions return 0 (SIFT_OK) or a negative enum sift_status
 *   (sift/plugin.h), or NULL, and fill the caller-owned struct sift_error
 *   when one is passed (it may be NULL).  The library never prints and
 *   never exits.
 * - Strings passed in are borrowed for the call.  Strings and arrays
 *   returned are owned by the object they come from and stay valid as
 *   stated at each declaration.
 * - Threads: a sift_model is read-only once opened and may be shared;
 *   a sift_session belongs to one thread at a time.
 */
#ifndef SIFT_SIFT_H
#define SIFT_SIFT_H

#include <stddef.h>

#include "sift/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define SIFT_API __attribute__((visibility("default")))
#else
#define SIFT_API
#endif

/* The library's version, "MAJOR.MINOR.PATCH" (static storage). */
SIFT_API const char *sift_version(void);

/* ---- models ---- */

/* A trained pipeline, ready to label text. */
typedef struct sift_model sift_model;

/* Open a model: `path` is a bundle directory written by `sift train`, or
 * a pipeline ini whose [pipeline] model names one (its segmenter is then
 * used).  Plugins are found as the sift command finds them (the ini's
 * plugin_path, $SIFT_PLUGIN_PATH, the install directory).  Returns NULL
 * and fills err on failure.  Free with sift_close(). */
SIFT_API sift_model *sift_open(const char *path, struct sift_error *err);
SIFT_API void sift_close(sift_model *m);

/* Number of labels, and the name of label i (owned by m; NULL when i is
 * out of range). */
SIFT_API size_t sift_nlabels(const sift_model *m);
SIFT_API const char *sift_label(const sift_model *m, size_t i);

/* ---- labeling ---- */

/* One thread's working memory for a model (m must outlive it). */
typedef struct sift_session sift_session;

SIFT_API sift_session *sift_session_new(const sift_model *m,
                                        struct sift_error *err);
SIFT_API void sift_session_free(sift_session *s);

/* One labeled sentence of a text. */
struct sift_result {
    size_t start, end;    /* byte offsets [start, end) into the text */
    int label;            /* index of the label (see sift_label) */
    double confidence;    /* of that label, in [0, 1] */
    const double *scores; /* sift_nlabels(m) confidences, by label index */
};

/* Split text[0..len) into sentences and label each.  *out receives n
 * results in text order, owned by s and valid until the next call with
 * s.  Any bytes are accepted (invalid UTF-8 included). */
SIFT_API int sift_classify(sift_session *s, const char *text, size_t len,
                           const struct sift_result **out, size_t *n,
                           struct sift_error *err);

/* Label text[0..len) as one sentence: the label index, and (when scores
 * is not NULL) sift_nlabels(m) confidences into scores[]. */
SIFT_API int sift_classify_sentence(sift_session *s, const char *text,
                                    size_t len, int *label, double *scores,
                                    struct sift_error *err);

/* ---- training and evaluation ---- */

/* Train the pipeline of ini on the labeled sample files (`label<TAB>
 * sentence` lines, `# doc: ID TOPIC` comments) and write the model
 * bundle to out_dir (NULL: the ini's [pipeline] model), whole or not at
 * all. */
SIFT_API int sift_train(const char *ini, const char *const *samples,
                        size_t nsamples, const char *out_dir,
                        struct sift_error *err);

/* Scores of a model on labeled samples. */
struct sift_scores {
    size_t samples;
    double accuracy;
    double macro_f1;
};

/* Label every sample in the files with m and score the labels. */
SIFT_API int sift_evaluate(const sift_model *m, const char *const *samples,
                           size_t nsamples, struct sift_scores *out,
                           struct sift_error *err);

#ifdef __cplusplus
}
#endif

#endif /* SIFT_SIFT_H */
