/*
 * sift/plugin.h - the stage ABI: the one header a sift plugin includes.
 *
 * A plugin is a shared object that exports exactly one symbol,
 * SIFT_PLUGIN_SYMBOL, a function returning a pointer to a static const
 * struct sift_plugin.  The host checks abi_version and size before it
 * touches anything else, so the struct may grow: new members are only
 * ever appended, and abi_version changes only when a member changes.
 * A plugin built against an older header of the same abi_version has a
 * smaller `size`; the host reads only the members that size covers and
 * treats the rest as absent (NULL), as LV2 and Redis modules do.
 *
 * Data flow: text -> sentences (segmenter) -> tokens (tokenizer) ->
 * sparse features (featurizer, one or more) -> label (classifier).
 *
 * Lifecycle rules (MUST / MUST NOT):
 * - create() returns an instance holding the options and, once fitted,
 *   trained or loaded, the model.  After fit/train/load the host treats
 *   the instance as read-only and MAY share it between threads: every
 *   operation taking `const void *inst` MUST NOT modify it.
 * - Per-call scratch space lives in a scratch object from scratch_new();
 *   one scratch belongs to one thread at a time.
 * - Output arrays (spans, tokens, features) are owned by the scratch and
 *   stay valid until the next call with the same scratch.
 * - Strings passed to a plugin are borrowed for the duration of the call.
 * - Plugins keep no global mutable state, never print, never exit().
 *   Errors go into the caller's struct sift_error (see sift_fail()).
 *   One exception: a plugin wrapping a library that draws from the C
 *   library's rand() (libsvm, LIBLINEAR) seeds it with srand() at the
 *   start of train(), so that a model depends on its seed alone.  The
 *   host never trains two models at once in one process.
 * - Plugins open no files.  create() parses options only; state is
 *   written to and read from streams the host provides (save/load), and
 *   the host decides where bytes live, checks their size and checksum,
 *   and writes them atomically.  Data a plugin ships beside its .so (a
 *   lexicon) is read at fit() time from the directory the host names, and
 *   saved with the state, so a model bundle is self-contained.
 *
 * Only the C standard library is needed to include this header.
 */
#ifndef SIFT_PLUGIN_H
#define SIFT_PLUGIN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped when a member of struct sift_plugin or of a struct it points to
 * changes meaning.  Appending members does not bump it (see `size`). */
#define SIFT_ABI_VERSION 2

/* The one symbol a plugin exports; its type is sift_plugin_fn. */
#define SIFT_PLUGIN_SYMBOL "sift_plugin"

#if defined(__GNUC__)
#define SIFT_EXPORT __attribute__((visibility("default")))
#else
#define SIFT_EXPORT
#endif

/* Status codes: 0 is success, failures are negative. */
enum sift_status {
    SIFT_OK = 0,
    SIFT_EINVAL = -1,   /* bad argument, option or value */
    SIFT_ENOMEM = -2,   /* allocation failed */
    SIFT_EIO = -3,      /* a file could not be read or written */
    SIFT_EFORMAT = -4,  /* a file is malformed */
    SIFT_ENOTFOUND = -5,/* a file, plugin or symbol does not exist */
    SIFT_EABI = -6,     /* a plugin does not match this host */
    SIFT_ESTATE = -7    /* operation in the wrong state (e.g. not trained) */
};

/* Caller-owned error record: nothing is allocated across the boundary. */
struct sift_error {
    int code;
    char msg[512];
};

/* Record a formatted message in err (which may be NULL) and return code,
 * so a failure reads: return sift_fail(err, SIFT_EINVAL, "bad %s", k); */
static inline int sift_fail(struct sift_error *err, int code,
                            const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static inline int sift_fail(struct sift_error *err, int code,
                            const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

enum sift_kind {
    SIFT_SEGMENTER = 1,
    SIFT_TOKENIZER = 2,
    SIFT_FEATURIZER = 3,
    SIFT_CLASSIFIER = 4
};

/* Option flags (struct sift_option.flags). */
enum {
    /* Used only by fit/train: a loaded model does not need it, and a
     * different value at classify time changes nothing. */
    SIFT_OPT_TRAIN = 1
};

enum sift_opt_type {
    SIFT_OPT_STRING = 1, /* any text */
    SIFT_OPT_INT = 2,    /* decimal integer within [min, max] */
    SIFT_OPT_DOUBLE = 3, /* real number within [min, max] */
    SIFT_OPT_BOOL = 4,   /* true/false, yes/no, on/off, 1/0 */
    SIFT_OPT_ENUM = 5    /* one of the '|'-separated words in `choices` */
};

/* One option a plugin accepts.  The host validates every value against
 * this before create() and fills in `def` for keys the user left out.
 * The names "plugin", "plugin_version" and "weight" are the host's and
 * are refused. */
struct sift_option {
    const char *name;        /* ini key */
    enum sift_opt_type type;
    const char *def;         /* default, as ini text; never NULL */
    const char *help;        /* one line for `sift plugins` */
    const char *choices;     /* ENUM only: "a|b|c"; else NULL */
    double min, max;         /* INT/DOUBLE only: inclusive range */
    unsigned flags;          /* SIFT_OPT_* */
    /* Tunable: the comma-separated values `sift tune` tries when the
     * user names no grid ("0.1,1,10"); NULL when not tunable. */
    const char *grid;
    /* The value `sift tune` sets while searching, for an option that
     * costs time without changing the labels (probability estimates);
     * NULL for none.  The written ini keeps the user's value. */
    const char *tune_value;
};

/* A sentence: byte offsets [start, end) into the document. */
struct sift_span {
    size_t start, end;
};

/* A token: normalised text (owned by the tokenizer's scratch, not
 * NUL-terminated) and byte offsets [start, end) into the sentence. */
struct sift_token {
    const char *text;
    size_t len;
    size_t start, end;
};

/* What a featurizer sees of one sentence: the original bytes and the
 * tokens.  Both borrowed for the call. */
struct sift_sentence {
    const char *text;
    size_t len;
    const struct sift_token *tokens;
    size_t ntokens;
};

/* One non-zero entry of a sparse vector.  Featurizers emit indices in
 * [0, dimension) in strictly increasing order. */
struct sift_feature {
    uint32_t index;
    double value;
};

/* A sparse vector, borrowed. */
struct sift_vector {
    const struct sift_feature *f;
    size_t n;
};

struct sift_plugin {
    uint32_t abi_version; /* MUST be SIFT_ABI_VERSION */
    uint32_t size;        /* MUST be sizeof(struct sift_plugin) */
    enum sift_kind kind;
    const char *name;     /* short name, used as `plugin = name` */
    const char *version;  /* the plugin's own version, e.g. "1.0" */
    const char *summary;  /* one line for `sift plugins` */
    const struct sift_option *options;
    size_t noptions;

    /* --- every kind --- */

    /* New instance.  values[i] is the validated text of options[i]
     * (borrowed for the call).  Returns NULL and fills err on failure. */
    void *(*create)(const char *const *values, struct sift_error *err);
    void (*destroy)(void *inst);              /* NULL is a no-op */
    /* Per-thread scratch for the const operations; NULL + err on failure.
     * Plugins without scratch return a non-NULL dummy. */
    void *(*scratch_new)(const void *inst, struct sift_error *err);
    void (*scratch_free)(void *scratch);      /* NULL is a no-op */

    /* --- SIFT_SEGMENTER --- */

    /* Split text[0, len) into sentences.  *out receives spans in document
     * order that never overlap; bytes between spans are only whitespace
     * or noise the segmenter chose to skip. */
    int (*segment)(const void *inst, void *scratch, const char *text,
                   size_t len, const struct sift_span **out, size_t *n,
                   struct sift_error *err);

    /* --- SIFT_TOKENIZER --- */

    int (*tokenize)(const void *inst, void *scratch, const char *text,
                    size_t len, const struct sift_token **out, size_t *n,
                    struct sift_error *err);

    /* --- SIFT_FEATURIZER and SIFT_CLASSIFIER: state --- */

    /* Write the fitted/trained state to `out`, a stream the host owns
     * (the host checks for write errors; the plugin need not, and MUST
     * NOT close it).  Output MUST be deterministic. */
    int (*save)(const void *inst, FILE *out, struct sift_error *err);
    /* Read what save() wrote, from data[0..len) (data[len] is '\0'; the
     * bytes are borrowed for the call).  `name` labels messages
     * ("bundle/features.words.state").  Validate everything: the bytes
     * may be truncated, edited or hostile. */
    int (*load)(void *inst, const char *data, size_t len, const char *name,
                struct sift_error *err);

    /* --- SIFT_FEATURIZER --- */

    /* Learn state (vocabulary, idf...) from n training sentences.
     * plugin_dir is the directory the plugin was loaded from (for data
     * files it ships, such as a default lexicon); borrowed for the call. */
    int (*fit)(void *inst, const struct sift_sentence *s, size_t n,
               const char *plugin_dir, struct sift_error *err);
    /* Map one sentence to a sparse vector (sorted, unique indices). */
    int (*transform)(const void *inst, void *scratch,
                     const struct sift_sentence *s,
                     const struct sift_feature **out, size_t *n,
                     struct sift_error *err);
    /* Number of dimensions after fit/load. */
    size_t (*dimension)(const void *inst);
    /* Human-readable name of feature `index` into buf (for explain). */
    int (*feature_name)(const void *inst, uint32_t index, char *buf,
                        size_t size);

    /* --- SIFT_CLASSIFIER --- */

    /* Train on n vectors of dimension dim with labels y[i] in
     * [0, nlabels).  labels[] names them (borrowed). */
    int (*train)(void *inst, const struct sift_vector *x, const int *y,
                 size_t n, size_t dim, size_t nlabels,
                 struct sift_error *err);
    /* Predict: writes the label index to *label and a confidence in
     * [0, 1] for each of the nlabels labels to scores[]. */
    int (*predict)(const void *inst, void *scratch,
                   const struct sift_vector *x, int *label, double *scores,
                   struct sift_error *err);
    /* Contribution of each entry of x towards `label` (contrib has x->n
     * slots).  Returns SIFT_ESTATE when the model cannot say (e.g. a
     * non-linear kernel). */
    int (*explain)(const void *inst, void *scratch,
                   const struct sift_vector *x, int label, double *contrib,
                   struct sift_error *err);
    /* Number of labels the trained or loaded model predicts. */
    size_t (*nlabels)(const void *inst);

    /* --- appended after the first ABI 2 layout (SIFT_PLUGIN_SIZE_2_0):
     * absent (NULL) for plugins built against that header --- */

    /* SIFT_CLASSIFIER, optional: the constant term of `label`'s score, in
     * the units of explain()'s contributions, into *out.  SIFT_ESTATE
     * when the model has none it can state. */
    int (*bias)(const void *inst, int label, double *out,
                struct sift_error *err);
};

/* The size of the first published ABI 2 layout (up to `nlabels`): the
 * smallest `size` a host of this ABI version accepts. */
#define SIFT_PLUGIN_SIZE_2_0 \
    (offsetof(struct sift_plugin, nlabels) + sizeof(size_t(*)(const void *)))

typedef const struct sift_plugin *(*sift_plugin_fn)(void);

/* The entry point every plugin defines:
 *     SIFT_EXPORT const struct sift_plugin *sift_plugin(void) { ... } */
SIFT_EXPORT const struct sift_plugin *sift_plugin(void);

#ifdef __cplusplus
}
#endif

#endif /* SIFT_PLUGIN_H */
