/*
 * train.c - `sift train`: fit a pipeline on labeled samples and write a
 * model bundle.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "cli.h"
#include "crossval.h"
#include "samples.h"
#include "util.h"

static void phase(const char *name)
{
    cli_ticker_set(0, "sift train: %s", name);
}

static void fold_progress(size_t fold, size_t k)
{
    cli_ticker_set((double)fold / (double)k,
                   "sift train: cross-validation, fold %zu/%zu", fold + 1, k);
}

/* Keep a seeded fraction of the articles (for learning curves): the
 * documents that have sentences, shuffled, the first frac of them. */
static size_t *pick_fraction(const struct sift_samples *ss, double frac,
                             unsigned seed, size_t *n)
{
    size_t nd = ss->ndocs ? ss->ndocs : 1, nreal = 0, used = 0;
    size_t *order = malloc(nd * sizeof *order);
    char *keep = calloc(nd, 1), *has = calloc(nd, 1);
    size_t *idx = malloc((ss->n ? ss->n : 1) * sizeof *idx);
    uint32_t st = seed * 2654435761u + 7;
    if (!order || !keep || !has || !idx) {
        free(order);
        free(keep);
        free(has);
        free(idx);
        return NULL;
    }
    for (size_t i = 0; i < ss->n; i++)
        has[ss->s[i].doc] = 1;
    for (size_t d = 0; d < ss->ndocs; d++)
        if (has[d])
            order[nreal++] = d;
    sift_shuffle(order, nreal, &st);
    size_t want = (size_t)ceil(frac * (double)nreal);
    for (size_t d = 0; d < want && d < nreal; d++)
        keep[order[d]] = 1;
    for (size_t i = 0; i < ss->n; i++)
        if (keep[ss->s[i].doc])
            idx[used++] = i;
    free(order);
    free(keep);
    free(has);
    *n = used;
    return idx;
}

static const char train_help[] =
    "usage: sift train [-c INI] [-o DIR] [options] SAMPLES...\n"
    "\n"
    "Fit the pipeline's featurizers and train its classifier on sample\n"
    "files (label<TAB>sentence lines; '# doc: ID TOPIC' lines mark\n"
    "articles), then write a model bundle: written beside DIR and swapped\n"
    "in only when complete.\n"
    "\n"
    "  -c, --config INI    pipeline to train (default pipeline.ini)\n"
    "  -o, --output DIR    bundle to write (default: the ini's [pipeline] "
    "model)\n"
    "      --skip-bad      report bad sample lines and go on (default: "
    "stop)\n"
    "      --cv K          also cross-validate with K folds and record the\n"
    "                      figures in the manifest\n"
    "      --group G       folds keep whole groups: none, doc, topic or\n"
    "                      source (the doc ID before its first '-')\n"
    "                      (default topic)\n"
    "      --fraction F    train on a seeded fraction F of the articles\n"
    "      --seed N        seed for --cv and --fraction (default 1)\n";

struct train_opts {
    const char *ini, *out;
    int skip_bad, group;
    long folds; /* 0: no cross-validation */
    double frac;
    unsigned seed;
};

/* 0 to go on, -1 after --help, else the exit status (the message said). */
static int parse_train(int argc, char **argv, struct train_opts *o)
{
    static const struct option lo[] = {
        {"config", required_argument, 0, 'c'},
        {"output", required_argument, 0, 'o'},
        {"skip-bad", no_argument, 0, 'S'},
        {"cv", required_argument, 0, 'K'},
        {"group", required_argument, 0, 'G'},
        {"fraction", required_argument, 0, 'F'},
        {"seed", required_argument, 0, 'R'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    char *end;
    while ((c = cli_getopt("train", argc, argv, "c:o:h", lo)) != -1) {
        switch (c) {
        case 'c': o->ini = optarg; break;
        case 'o': o->out = optarg; break;
        case 'S': o->skip_bad = 1; break;
        case 'K':
            if (cli_folds("train", "--cv", optarg, &o->folds))
                return SIFT_EXIT_USAGE;
            break;
        case 'G':
            if (cli_group("train", optarg, &o->group))
                return SIFT_EXIT_USAGE;
            break;
        case 'F':
            o->frac = strtod(optarg, &end);
            if (*end || !(o->frac > 0 && o->frac <= 1))
                return cli_usage("train", "--fraction takes a number in "
                                          "(0, 1]");
            break;
        case 'R':
            if (cli_seed("train", optarg, &o->seed))
                return SIFT_EXIT_USAGE;
            break;
        case 'h': fputs(train_help, stdout); return -1;
        default: return SIFT_EXIT_USAGE; /* cli_getopt said why */
        }
    }
    if (optind >= argc)
        return cli_usage("train", "no sample files");
    return 0;
}

/* --cv: cross-validate cfg on the samples first.  Says the figures on
 * stderr and puts them in *extra as manifest lines; *expect is how long
 * training on all of them should take, for the ETA. */
static int cross_validate(const struct train_opts *o,
                          const struct sift_config *cfg,
                          const struct sift_samples *ss, char **extra,
                          double *expect, struct sift_error *err)
{
    struct sift_metrics m;
    double cv0 = cli_now();
    if (sift_metrics_init(&m, ss->nlabels))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    cli_ticker_start(0);
    if (sift_crossval(cfg, ss, (size_t)o->folds, o->group, o->seed, &m, NULL,
                      fold_progress, err)) {
        sift_metrics_release(&m);
        return -1;
    }
    cli_ticker_stop();
    /* each fold trained on (k-1)/k of the samples */
    *expect = (cli_now() - cv0) / (double)(o->folds - 1);
    sift_metrics_finish(&m);
    if (asprintf(extra, "cv_folds = %ld\ncv_group = %s\n"
                        "cv_accuracy = %.4f\ncv_macro_f1 = %.4f\n",
                 o->folds, sift_group_name(o->group),
                 m.accuracy, m.macro_f1) < 0)
        *extra = NULL;
    fprintf(stderr, "sift train: %ld-fold cross-validation (%s groups): "
                    "accuracy %.3f, macro-F1 %.3f\n",
            o->folds, sift_group_name(o->group), m.accuracy, m.macro_f1);
    sift_metrics_release(&m);
    return 0;
}

/* Train p on samples idx[0..n) (all when idx is NULL) and write the
 * bundle out, with extra (may be NULL) in its manifest. */
static int train_save(struct sift_pipeline *p, const struct sift_samples *ss,
                      const size_t *idx, size_t n, const char *out,
                      const char *extra, double expect, struct sift_error *err)
{
    double t0 = cli_now();
    cli_ticker_start(expect);
    if (sift_pipeline_train(p, ss, idx, n, phase, err))
        return -1;
    cli_ticker_stop();
    struct sift_bundle_meta meta = {n, ss->checksum, cli_now() - t0, extra};
    if (sift_bundle_save(p, out, &meta, err))
        return -1;
    fprintf(stderr, "sift train: trained in %.2f s (%zu features); wrote %s\n",
            meta.seconds, sift_pipeline_dim(p), out);
    return 0;
}

static int run_train(const struct train_opts *o, char **paths, int npaths)
{
    const char *out = o->out;
    char *extra = NULL;
    double expect = 0;
    struct sift_error err = {0};
    struct sift_config *cfg = sift_config_load(o->ini, &err);
    struct sift_pipeline *p = NULL;
    struct sift_samples ss = {0};
    size_t *idx = NULL, n;
    int status;
    if (!cfg || !(p = sift_pipeline_new(cfg, &err)))
        goto fail;
    if (!out && !(out = sift_pipeline_model(p))) {
        sift_fail(&err, SIFT_EINVAL, "%s: [pipeline] names no model: pass "
                                     "-o DIR", o->ini);
        goto fail;
    }
    if (cli_load_samples(&ss, p, paths, npaths, o->skip_bad, &err) ||
        sift_samples_check(&ss, &err))
        goto fail;
    n = ss.n;
    if (o->frac < 1 && !(idx = pick_fraction(&ss, o->frac, o->seed, &n))) {
        sift_fail(&err, SIFT_ENOMEM, "out of memory");
        goto fail;
    }
    fprintf(stderr, "sift train: read ");
    cli_print_counts(stderr, &ss, idx, n);
    fprintf(stderr, " from %zu files\n", ss.nfiles);
    if ((o->folds && cross_validate(o, cfg, &ss, &extra, &expect, &err)) ||
        train_save(p, &ss, idx, n, out, extra, expect, &err))
        goto fail;
    status = SIFT_EXIT_OK;
    goto done;
fail:
    cli_ticker_stop();
    status = cli_fail("train", &err);
done:
    free(extra);
    free(idx);
    sift_samples_release(&ss);
    sift_pipeline_free(p);
    sift_config_free(cfg);
    return status;
}

int cmd_train(int argc, char **argv)
{
    struct train_opts o = {.ini = cli_default_ini(), .group = SIFT_GROUP_TOPIC,
                           .frac = 1, .seed = 1};
    int status = parse_train(argc, argv, &o);
    if (status)
        return status < 0 ? SIFT_EXIT_OK : status;
    return run_train(&o, argv + optind, argc - optind);
}
