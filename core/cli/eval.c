/*
 * eval.c - `sift eval`: score a model, or cross-validate a pipeline, on
 * labeled samples.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "crossval.h"
#include "metrics.h"
#include "samples.h"

static const char eval_help[] =
    "usage: sift eval [-m DIR | -c INI] [options] SAMPLES...\n"
    "       sift eval -c INI --cv K [--group G] [options] SAMPLES...\n"
    "\n"
    "Score a trained model on labeled samples: per-label precision,\n"
    "recall, F1 and support, macro and micro averages, accuracy and the\n"
    "confusion matrix.  With --cv, cross-validate the ini's pipeline on the\n"
    "samples instead (a fresh model per fold).\n"
    "\n"
    "  -m, --model DIR   model bundle (default: the ini's [pipeline] model)\n"
    "  -c, --config INI  pipeline (default pipeline.ini)\n"
    "      --cv K        K-fold cross-validation of the ini's pipeline\n"
    "      --group G     with --cv, keep whole groups in one fold: none,\n"
    "                    doc (articles), topic (conflicts) or source (the\n"
    "                    doc ID before its first '-'; default topic)\n"
    "      --seed N      fold seed (default 1)\n"
    "      --json        one JSON object instead of the table\n"
    "      --errors      also list misclassified sentences, grouped by\n"
    "                    gold -> predicted label\n"
    "      --skip-bad    report bad sample lines and go on\n";

struct miss {
    size_t i;
    int gold, pred;
};

static int cmp_miss(const void *a, const void *b)
{
    const struct miss *x = a, *y = b;
    if (x->gold != y->gold)
        return x->gold - y->gold;
    if (x->pred != y->pred)
        return x->pred - y->pred;
    return (x->i > y->i) - (x->i < y->i);
}

static void print_errors(const struct sift_samples *ss, const int *pred,
                         FILE *f)
{
    struct miss *v = malloc((ss->n ? ss->n : 1) * sizeof *v);
    size_t n = 0;
    if (!v)
        return;
    for (size_t i = 0; i < ss->n; i++)
        if (pred[i] != ss->s[i].label)
            v[n++] = (struct miss){i, ss->s[i].label, pred[i]};
    qsort(v, n, sizeof *v, cmp_miss);
    fprintf(f, "\n%zu misclassified\n", n);
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && v[b].gold == v[a].gold && v[b].pred == v[a].pred)
            b++;
        fprintf(f, "\n## %s -> %s (%zu)\n", ss->labels[v[a].gold],
                v[a].pred >= 0 ? ss->labels[v[a].pred] : "?", b - a);
        for (size_t k = a; k < b; k++) {
            const struct sift_sample *s = &ss->s[v[k].i];
            cli_put_field(f, ss->files[s->file], strlen(ss->files[s->file]));
            fprintf(f, ":%d\t", s->line);
            cli_put_flat(f, s->text, s->len);
            fputc('\n', f);
        }
        a = b;
    }
    free(v);
}

struct eval_opts {
    const char *ini, *model;
    int json, errors, skip_bad, group;
    long folds; /* 0: score the model, no cross-validation */
    unsigned seed;
};

/* 0 to go on, -1 after --help, else the exit status (the message said). */
static int parse_eval(int argc, char **argv, struct eval_opts *o)
{
    static const struct option lo[] = {
        {"model", required_argument, 0, 'm'},
        {"config", required_argument, 0, 'c'},
        {"cv", required_argument, 0, 'K'},
        {"group", required_argument, 0, 'G'},
        {"seed", required_argument, 0, 'R'},
        {"json", no_argument, 0, 'J'},
        {"errors", no_argument, 0, 'E'},
        {"skip-bad", no_argument, 0, 'S'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt("eval", argc, argv, "m:c:h", lo)) != -1) {
        switch (c) {
        case 'm': o->model = optarg; break;
        case 'c': o->ini = optarg; break;
        case 'J': o->json = 1; break;
        case 'E': o->errors = 1; break;
        case 'S': o->skip_bad = 1; break;
        case 'R':
            if (cli_seed("eval", optarg, &o->seed))
                return SIFT_EXIT_USAGE;
            break;
        case 'K':
            if (cli_folds("eval", "--cv", optarg, &o->folds))
                return SIFT_EXIT_USAGE;
            break;
        case 'G':
            if (cli_group("eval", optarg, &o->group))
                return SIFT_EXIT_USAGE;
            break;
        case 'h': fputs(eval_help, stdout); return -1;
        default: return SIFT_EXIT_USAGE; /* cli_getopt said why */
        }
    }
    if (optind >= argc)
        return cli_usage("eval", "no sample files");
    if (o->folds && o->model)
        return cli_usage("eval", "--cv trains its own models: use -c, not "
                                 "-m");
    return 0;
}

/* With --cv, the ini's pipeline untrained (each fold trains its own), its
 * config in *cfg; else the trained model, as cli_open finds it. */
static struct sift_pipeline *open_eval(const struct eval_opts *o,
                                       struct sift_config **cfg,
                                       struct sift_error *err)
{
    if (!o->folds)
        return cli_open(o->ini, o->model, 1, err);
    *cfg = sift_config_load(o->ini ? o->ini : cli_default_ini(), err);
    return *cfg ? sift_pipeline_new(*cfg, err) : NULL;
}

/* Label every sample with the trained model p: pred[i], and m. */
static int predict_all(const struct sift_pipeline *p,
                       const struct sift_samples *ss, int *pred,
                       double *scores, struct sift_metrics *m,
                       struct sift_error *err)
{
    struct sift_worker *w = sift_worker_new(p, err);
    if (!w)
        return -1;
    for (size_t i = 0; i < ss->n; i++) {
        int label;
        if (sift_worker_classify(w, ss->s[i].text, ss->s[i].len, &label,
                                 scores, err)) {
            sift_worker_free(w);
            return -1;
        }
        /* sample labels are the model's labels, same order */
        pred[i] = label;
        sift_metrics_add(m, ss->s[i].label, label);
        if (cli_progress_on() && i % 500 == 0)
            cli_progress("%zu/%zu", i, ss->n);
    }
    cli_progress_done();
    sift_worker_free(w);
    return 0;
}

/* The figures on stdout (a JSON object, or what was scored and the
 * table); then with --errors the misclassified samples, on stderr
 * beside JSON so that stdout stays one object. */
static void print_eval(const struct eval_opts *o,
                       const struct sift_samples *ss,
                       const struct sift_metrics *m, const int *pred)
{
    if (o->json) {
        sift_metrics_json(m, ss->labels, stdout);
        putchar('\n');
    } else {
        if (o->folds)
            printf("%ld-fold cross-validation, %s groups, ", o->folds,
                   sift_group_name(o->group));
        cli_print_counts(stdout, ss, NULL, ss->n);
        printf("\n\n");
        sift_metrics_print(m, ss->labels, stdout);
    }
    if (o->errors)
        print_errors(ss, pred, o->json ? stderr : stdout);
}

static int run_eval(const struct eval_opts *o, char **paths, int npaths)
{
    struct sift_error err = {0};
    struct sift_config *cfg = NULL;
    struct sift_pipeline *p;
    struct sift_samples ss = {0};
    struct sift_metrics m = {0};
    int *pred = NULL, status;
    double *scores = NULL;
    if (!(p = open_eval(o, &cfg, &err)) ||
        cli_load_samples(&ss, p, paths, npaths, o->skip_bad, &err))
        goto fail;
    if (ss.n == 0) {
        sift_fail(&err, SIFT_EINVAL, "no samples read");
        goto fail;
    }
    pred = malloc(ss.n * sizeof *pred);
    scores =
        malloc((sift_pipeline_nlabels(p) > ss.nlabels ? sift_pipeline_nlabels(p)
                                                      : ss.nlabels) *
               sizeof *scores);
    if (!pred || !scores || sift_metrics_init(&m, ss.nlabels)) {
        sift_fail(&err, SIFT_ENOMEM, "out of memory");
        goto fail;
    }
    if (o->folds ? (sift_samples_check(&ss, &err) ||
                    sift_crossval(cfg, &ss, (size_t)o->folds, o->group,
                                  o->seed, &m, pred, NULL, &err))
                 : predict_all(p, &ss, pred, scores, &m, &err))
        goto fail;
    sift_metrics_finish(&m);
    print_eval(o, &ss, &m, pred);
    status = SIFT_EXIT_OK;
    goto done;
fail:
    cli_progress_done();
    status = cli_fail("eval", &err);
done:
    sift_metrics_release(&m);
    free(pred);
    free(scores);
    sift_samples_release(&ss);
    sift_pipeline_free(p);
    sift_config_free(cfg);
    return status;
}

int cmd_eval(int argc, char **argv)
{
    struct eval_opts o = {.group = SIFT_GROUP_TOPIC, .seed = 1};
    int status = parse_eval(argc, argv, &o);
    if (status)
        return status < 0 ? SIFT_EXIT_OK : status;
    return run_eval(&o, argv + optind, argc - optind);
}
