/*
 * tune.c - `sift tune`: grid search by cross-validation.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bundle.h"
#include "cli.h"
#include "crossval.h"
#include "samples.h"

struct axis {
    char *section, *key;
    char **values;
    size_t n;
};

static int parse_axis(const char *spec, struct axis *a)
{
    const char *eq = strchr(spec, '='), *dot;
    memset(a, 0, sizeof *a);
    if (!eq)
        return -1;
    for (dot = eq; dot > spec && *dot != '.'; dot--)
        ;
    if (dot == spec)
        return -1;
    a->section = strndup(spec, (size_t)(dot - spec));
    a->key = strndup(dot + 1, (size_t)(eq - dot - 1));
    for (const char *q = eq + 1; *q;) {
        const char *e = strchr(q, ',');
        size_t len = e ? (size_t)(e - q) : strlen(q);
        char **v = realloc(a->values, (a->n + 1) * sizeof *v);
        if (!v)
            return -1;
        a->values = v;
        v[a->n++] = strndup(q, len);
        q = e ? e + 1 : q + len;
    }
    return a->n && *a->key ? 0 : -1;
}

static void free_axis(struct axis *a)
{
    free(a->section);
    free(a->key);
    for (size_t i = 0; i < a->n; i++)
        free(a->values[i]);
    free(a->values);
}

static const char tune_help[] =
    "usage: sift tune [-c INI] [-k K] [options] SAMPLES...\n"
    "\n"
    "Grid search by K-fold cross-validation (default 5 folds keeping whole\n"
    "topics together, so scores estimate accuracy on unseen conflicts).\n"
    "Prints every grid point and the best; -o writes the ini with the\n"
    "best settings.\n"
    "\n"
    "  -c, --config INI      pipeline to tune (default pipeline.ini)\n"
    "  -k, --folds K         folds (default 5)\n"
    "      --group G         none, doc, topic or source (the doc ID before\n"
    "                        its first '-': a writer or outlet; default "
    "topic)\n"
    "      --grid S.K=V1,..  values to try for key K of section S; repeat\n"
    "                        for more axes (default: classifier.C=\n"
    "                        0.03,0.1,0.3,1,3,10, and classifier.gamma for "
    "rbf)\n"
    "      --metric M        macro-f1 (default), accuracy, micro-f1, "
    "f1:LABEL\n"
    "  -o, --output FILE     write the tuned pipeline ini here\n"
    "      --skip-bad        report bad sample lines and go on\n"
    "      --seed N          fold seed (default 1)\n"
    "\n"
    "While tuning, probability estimates are switched off (labels only).\n";

int cmd_tune(int argc, char **argv)
{
    static const struct option lo[] = {
        {"config", required_argument, 0, 'c'},
        {"folds", required_argument, 0, 'k'},
        {"group", required_argument, 0, 'G'},
        {"grid", required_argument, 0, 'g'},
        {"metric", required_argument, 0, 'M'},
        {"output", required_argument, 0, 'o'},
        {"skip-bad", no_argument, 0, 'S'},
        {"seed", required_argument, 0, 'R'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *ini = cli_default_ini(), *metric = "macro-f1", *out = NULL;
    int c, group = SIFT_GROUP_TOPIC, skip_bad = 0, status = SIFT_EXIT_FAIL;
    long k = 5, seedv;
    unsigned seed = 1;
    char *end;
    struct axis ax[8];
    size_t nax = 0, points = 1, *at = NULL, *best = NULL;
    double best_score = -1;
    struct sift_error err = {0};
    struct sift_config *cfg = NULL;
    struct sift_pipeline *p = NULL;
    struct sift_samples ss = {0};
    while ((c = cli_getopt("tune", argc, argv, "c:k:o:h", lo)) != -1) {
        switch (c) {
        case 'c': ini = optarg; break;
        case 'o': out = optarg; break;
        case 'M': metric = optarg; break;
        case 'S': skip_bad = 1; break;
        case 'R':
            if (cli_number(optarg, 0, 4294967295L, &seedv))
                return cli_usage("tune", "--seed takes a number in "
                                         "0..4294967295");
            seed = (unsigned)seedv;
            break;
        case 'k':
            k = strtol(optarg, &end, 10);
            if (*end || k < 2 || k > 100)
                return cli_usage("tune", "-k takes 2..100 folds");
            break;
        case 'G':
            if ((group = sift_group_parse(optarg)) < 0)
                return cli_usage("tune", "--group takes none, doc, topic "
                                         "or source");
            break;
        case 'g':
            if (nax == 8)
                return cli_usage("tune", "at most 8 --grid axes");
            if (parse_axis(optarg, &ax[nax])) {
                free_axis(&ax[nax]);
                for (size_t i = 0; i < nax; i++)
                    free_axis(&ax[i]);
                return cli_usage("tune", "--grid takes SECTION.KEY=V1,V2,..."
                                         " (e.g. classifier.C=0.1,1,10)");
            }
            nax++;
            break;
        case 'h': fputs(tune_help, stdout); return SIFT_EXIT_OK;
        default: return SIFT_EXIT_USAGE; /* cli_getopt said why */
        }
    }
    if (optind >= argc) {
        status = cli_usage("tune", "no sample files");
        goto done;
    }
    cfg = sift_config_load(ini, &err);
    if (!cfg || !(p = sift_pipeline_new(cfg, &err)))
        goto fail;
    if (nax == 0) {
        parse_axis("classifier.C=0.03,0.1,0.3,1,3,10", &ax[nax++]);
        const struct sift_section *s = sift_config_section(cfg, "classifier");
        const struct sift_kv *kv = sift_section_get(s, "kernel");
        if (kv && !strcmp(kv->value, "rbf"))
            parse_axis("classifier.gamma=0.01,0.1,1", &ax[nax++]);
    }
    if (cli_load_samples(&ss, p, argv + optind, argc - optind, skip_bad,
                         &err) ||
        sift_samples_check(&ss, &err))
        goto fail;
    {
        /* Labels only while tuning: skip libsvm's internal probability
         * cross-validation when the classifier has that option. */
        const struct sift_plugin *d = p->cls.plug.desc;
        for (size_t i = 0; i < d->noptions; i++)
            if (!strcmp(d->options[i].name, "probability"))
                sift_config_set(cfg, "classifier", "probability", "false");
    }
    at = calloc(nax, sizeof *at);
    best = calloc(nax, sizeof *best);
    if (!at || !best) {
        sift_fail(&err, SIFT_ENOMEM, "out of memory");
        goto fail;
    }
    for (size_t a = 0; a < nax; a++)
        points *= ax[a].n;
    fprintf(stderr, "sift tune: ");
    cli_print_counts(stderr, &ss, NULL, ss.n);
    fprintf(stderr, ", %zu grid points x %ld folds (%s groups)\n", points, k,
            sift_group_name(group));
    for (size_t a = 0; a < nax; a++)
        printf("%s.%s\t", ax[a].section, ax[a].key);
    printf("%s\taccuracy\n", metric);
    for (size_t pt = 0; pt < points; pt++) {
        struct sift_metrics m;
        size_t r = pt;
        for (size_t a = nax; a-- > 0;) {
            at[a] = r % ax[a].n;
            r /= ax[a].n;
        }
        for (size_t a = 0; a < nax; a++)
            if (sift_config_set(cfg, ax[a].section, ax[a].key,
                                ax[a].values[at[a]])) {
                sift_fail(&err, SIFT_ENOMEM, "out of memory");
                goto fail;
            }
        cli_progress("point %zu/%zu", pt + 1, points);
        if (sift_metrics_init(&m, ss.nlabels)) {
            sift_fail(&err, SIFT_ENOMEM, "out of memory");
            goto fail;
        }
        if (sift_crossval(cfg, &ss, (size_t)k, group, seed, &m, NULL, NULL,
                          &err)) {
            sift_metrics_release(&m);
            goto fail;
        }
        sift_metrics_finish(&m);
        double score = sift_metrics_get(&m, ss.labels, metric);
        if (score < 0) {
            sift_metrics_release(&m);
            cli_progress_done();
            status = cli_usage("tune", "unknown --metric '%s'", metric);
            goto done;
        }
        cli_progress_done();
        for (size_t a = 0; a < nax; a++)
            printf("%s\t", ax[a].values[at[a]]);
        printf("%.4f\t%.4f\n", score, m.accuracy);
        fflush(stdout);
        if (score > best_score) {
            best_score = score;
            memcpy(best, at, nax * sizeof *at);
        }
        sift_metrics_release(&m);
    }
    printf("best:");
    for (size_t a = 0; a < nax; a++)
        printf(" %s.%s=%s", ax[a].section, ax[a].key,
               ax[a].values[best[a]]);
    printf(" (%s %.4f)\n", metric, best_score);
    if (out) {
        FILE *f = fopen(out, "w");
        /* the ini as given, with the best values and probability back */
        for (size_t a = 0; a < nax; a++)
            sift_config_set(cfg, ax[a].section, ax[a].key,
                            ax[a].values[best[a]]);
        {
            const struct sift_plugin *d = p->cls.plug.desc;
            const struct sift_kv *pk = NULL;
            for (size_t i = 0; i < d->noptions; i++)
                if (!strcmp(d->options[i].name, "probability"))
                    pk = sift_section_get(
                        sift_config_section(cfg, "classifier"), "probability");
            if (pk)
                sift_config_set(cfg, "classifier", "probability", "true");
        }
        if (!f) {
            sift_fail(&err, SIFT_EIO, "%s: cannot create", out);
            goto fail;
        }
        fprintf(f, "; written by sift tune from %s (%s %.4f, %ld-fold)\n",
                ini, metric, best_score, k);
        sift_config_write(cfg, f);
        if (fclose(f)) {
            sift_fail(&err, SIFT_EIO, "%s: write failed", out);
            goto fail;
        }
        fprintf(stderr, "sift tune: wrote %s\n", out);
    }
    status = SIFT_EXIT_OK;
    goto done;
fail:
    cli_progress_done();
    status = cli_fail("tune", &err);
done:
    for (size_t a = 0; a < nax; a++)
        free_axis(&ax[a]);
    free(at);
    free(best);
    sift_samples_release(&ss);
    sift_pipeline_free(p);
    sift_config_free(cfg);
    return status;
}
