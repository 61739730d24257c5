/*
 * explain.c - `sift explain`: the features behind a label.
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

struct contrib {
    uint32_t index;
    double value, weight;
};

static int cmp_contrib(const void *a, const void *b)
{
    const struct contrib *x = a, *y = b;
    double ax = fabs(x->weight), ay = fabs(y->weight);
    return (ax < ay) - (ax > ay);
}

static int explain_one(struct sift_pipeline *p, struct sift_worker *w,
                       void *cls_scratch, const char *text, size_t len,
                       size_t top, double *scores, struct sift_error *err)
{
    struct sift_vector v;
    int label, rc;
    double *c = NULL;
    struct contrib *cv = NULL;
    rc = sift_worker_classify(w, text, len, &label, scores, err);
    if (rc)
        return rc;
    printf("sentence: ");
    cli_put_flat(stdout, text, len);
    printf("\nlabel: %s (%.3f)\nscores:", p->labels[label], scores[label]);
    for (size_t k = 0; k < p->nlabels; k++)
        printf(" %s %.3f", p->labels[k], scores[k]);
    putchar('\n');
    rc = sift_worker_vector(w, text, len, &v, err);
    if (rc)
        return rc;
    c = malloc((v.n ? v.n : 1) * sizeof *c);
    cv = malloc((v.n ? v.n : 1) * sizeof *cv);
    if (!c || !cv) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    rc = p->cls.plug.desc->explain(p->cls.inst, cls_scratch, &v, label, c,
                                   err);
    if (rc == SIFT_ESTATE) {
        printf("(%s)\n\n", err->msg);
        rc = 0;
        goto out;
    }
    if (rc)
        goto out;
    for (size_t i = 0; i < v.n; i++)
        cv[i] = (struct contrib){v.f[i].index, v.f[i].value, c[i]};
    qsort(cv, v.n, sizeof *cv, cmp_contrib);
    printf("features for and against %s (contribution, feature):\n",
           p->labels[label]);
    for (size_t i = 0; i < v.n && i < top; i++) {
        char name[512];
        if (sift_pipeline_feature_name(p, cv[i].index, name, sizeof name))
            snprintf(name, sizeof name, "#%u", (unsigned)cv[i].index);
        printf("  %+8.4f  %s\n", cv[i].weight, name);
    }
    if (v.n > top)
        printf("  ... %zu more\n", v.n - top);
    putchar('\n');
out:
    free(c);
    free(cv);
    return rc;
}

int cmd_explain(int argc, char **argv)
{
    static const struct option lo[] = {
        {"model", required_argument, 0, 'm'},
        {"config", required_argument, 0, 'c'},
        {"top", required_argument, 0, 'n'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *ini = NULL, *model = NULL;
    long top = 12;
    int c, status = SIFT_EXIT_OK;
    char *end, *line = NULL;
    size_t cap = 0;
    ssize_t n;
    struct sift_error err = {0};
    struct sift_pipeline *p;
    struct sift_worker *w;
    void *scratch;
    double *scores;
    while ((c = cli_getopt("explain", argc, argv, "m:c:n:h", lo)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 'c': ini = optarg; break;
        case 'n':
            top = strtol(optarg, &end, 10);
            if (*end || top < 1)
                return cli_usage("explain", "--top takes a positive number");
            break;
        case 'h':
            printf("usage: sift explain [-m DIR | -c INI] [-n N] "
                   "[SENTENCE...]\n\n"
                   "Classify each sentence (or each line of stdin) and show "
                   "the label, every\nlabel's score, and the N features "
                   "(default 12) that pushed it most towards\nor away from "
                   "that label, with their contributions.\n\n"
                   "  -m, --model DIR    model bundle\n"
                   "  -c, --config INI   pipeline (default pipeline.ini)\n"
                   "  -n, --top N        features to show\n");
            return SIFT_EXIT_OK;
        default:
            return SIFT_EXIT_USAGE; /* cli_getopt said why */
        }
    }
    p = cli_open(ini, model, 1, &err);
    if (!p)
        return cli_fail("explain", &err);
    w = sift_worker_new(p, &err);
    scratch = w ? p->cls.plug.desc->scratch_new(p->cls.inst, &err) : NULL;
    scores = malloc(p->nlabels * sizeof *scores);
    if (!w || !scratch || !scores) {
        status = cli_fail("explain", &err);
        goto out;
    }
    if (optind < argc) {
        for (int i = optind; i < argc && !status; i++)
            if (explain_one(p, w, scratch, argv[i], strlen(argv[i]),
                            (size_t)top, scores, &err))
                status = cli_fail("explain", &err);
    } else {
        while (!status && (n = getline(&line, &cap, stdin)) >= 0) {
            while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                line[--n] = '\0';
            if (n && explain_one(p, w, scratch, line, (size_t)n, (size_t)top,
                                 scores, &err))
                status = cli_fail("explain", &err);
        }
    }
out:
    free(line);
    free(scores);
    if (scratch)
        p->cls.plug.desc->scratch_free(scratch);
    sift_worker_free(w);
    sift_pipeline_free(p);
    return status;
}
