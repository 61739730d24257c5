/*
 * tune.c - `sift tune`: grid search by cross-validation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "cli.h"
#include "file.h"
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

/* ---- what the plugins declare ---- */

/* The stages that learn: the featurizers and the classifier. */
static size_t learning_stages(const struct sift_pipeline *p,
                              const struct sift_stage **st)
{
    size_t n = 0;
    for (size_t f = 0; f < p->nfeat; f++)
        st[n++] = &p->feat[f];
    st[n++] = &p->cls;
    return n;
}

/* Every option of a learning stage that declares a grid, as an axis. */
static size_t default_axes(const struct sift_pipeline *p, struct axis *ax,
                           size_t max)
{
    const struct sift_stage *st[SIFT_MAX_FEATURIZERS + 1];
    size_t nst = learning_stages(p, st), nax = 0;
    for (size_t s = 0; s < nst; s++) {
        const struct sift_plugin *d = st[s]->plug.desc;
        for (size_t i = 0; i < d->noptions && nax < max; i++) {
            char spec[512];
            if (!d->options[i].grid)
                continue;
            snprintf(spec, sizeof spec, "%s.%s=%s", st[s]->section,
                     d->options[i].name, d->options[i].grid);
            if (parse_axis(spec, &ax[nax]) == 0)
                nax++;
            else
                free_axis(&ax[nax]);
        }
    }
    return nax;
}

/* While searching, options that only cost time take their tune_value
 * (libsvm's probability estimates: labels do not need them). */
static int set_tune_values(struct sift_config *cfg,
                           const struct sift_pipeline *p)
{
    const struct sift_stage *st[SIFT_MAX_FEATURIZERS + 1];
    size_t nst = learning_stages(p, st);
    for (size_t s = 0; s < nst; s++) {
        const struct sift_plugin *d = st[s]->plug.desc;
        for (size_t i = 0; i < d->noptions; i++)
            if (d->options[i].tune_value &&
                sift_config_set(cfg, st[s]->section, d->options[i].name,
                                d->options[i].tune_value))
                return -1;
    }
    return 0;
}

/* ---- the tuned ini ---- */

/* A path value relative to the ini's directory, made absolute when the
 * tuned ini goes to another directory, so that it still resolves. */
static int rebase(struct sift_config *cfg, const char *section,
                  const char *key, const char *out_dir)
{
    const struct sift_kv *kv =
        sift_section_get(sift_config_section(cfg, section), key);
    char here[PATH_MAX], there[PATH_MAX], path[2 * PATH_MAX];
    if (!kv || kv->value[0] == '/' || !*kv->value ||
        (!strcmp(key, "plugin") && !strchr(kv->value, '/')))
        return 0;
    if (!realpath(cfg->dir, here) || !realpath(out_dir, there))
        return -1;
    if (!strcmp(here, there))
        return 0;
    snprintf(path, sizeof path, "%s/%s", here, kv->value);
    return sift_config_set(cfg, section, key, path);
}

/* The ini as the user wrote it (read again, so nothing set while
 * searching leaks into it), with the best values, written to out whole
 * or not at all. */
static int write_tuned(const char *ini, const char *out,
                       const struct axis *ax, const size_t *best, size_t nax,
                       const char *metric, double score, long k,
                       struct sift_error *err)
{
    struct sift_config *cfg = sift_config_load(ini, err);
    char dir[PATH_MAX], tmp[PATH_MAX];
    const char *slash = strrchr(out, '/');
    FILE *f;
    int fd, rc = 0;
    if (!cfg)
        return -1;
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - out + 1) : 1,
             slash ? out : ".");
    for (size_t a = 0; a < nax && !rc; a++)
        rc = sift_config_set(cfg, ax[a].section, ax[a].key,
                             ax[a].values[best[a]]);
    for (size_t s = 0; s < cfg->nsec && !rc; s++) {
        rc = rebase(cfg, cfg->sec[s].name, "plugin", dir);
        if (!rc && !strcmp(cfg->sec[s].name, "pipeline"))
            rc = rebase(cfg, "pipeline", "model", dir) ||
                 rebase(cfg, "pipeline", "plugin_path", dir);
    }
    if (rc || sift_tmp_template(tmp, sizeof tmp, out) ||
        (fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "w"))) {
        sift_config_free(cfg);
        return sift_fail(err, SIFT_EIO, "%s: cannot write: %s", out,
                         strerror(errno));
    }
    fchmod(fd, sift_umask_mode(0666));
    fprintf(f, "; written by sift tune from %s (%s %.4f, %ld-fold)\n", ini,
            metric, score, k);
    sift_config_write(cfg, f);
    sift_config_free(cfg);
    if (ferror(f) | fclose(f) || rename(tmp, out)) {
        unlink(tmp);
        return sift_fail(err, SIFT_EIO, "%s: write failed: %s", out,
                         strerror(errno));
    }
    fprintf(stderr, "sift tune: wrote %s\n", out);
    return 0;
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
    "                        for more axes (default: each option whose\n"
    "                        plugin declares a grid, shown by 'sift "
    "plugins')\n"
    "      --metric M        macro-f1 (default), accuracy, micro-f1, "
    "f1:LABEL\n"
    "  -o, --output FILE     write the tuned pipeline ini here\n"
    "      --skip-bad        report bad sample lines and go on\n"
    "      --seed N          fold seed (default 1)\n"
    "\n"
    "While tuning, options that only cost time (libsvm's probability\n"
    "estimates) are switched off; the written ini keeps every option it did\n"
    "not tune as it was, and its relative paths still resolve.\n";

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
    while ((c = getopt_long(argc, argv, "c:k:o:h", lo, NULL)) != -1) {
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
        default: return cli_usage("tune", "unknown option");
        }
    }
    if (optind >= argc) {
        status = cli_usage("tune", "no sample files");
        goto done;
    }
    cfg = sift_config_load(ini, &err);
    if (!cfg || !(p = sift_pipeline_new(cfg, &err)))
        goto fail;
    if (nax == 0 && (nax = default_axes(p, ax, 8)) == 0) {
        status = cli_usage("tune", "no plugin of %s declares a tunable "
                                   "option: name one with --grid", ini);
        goto done;
    }
    if (cli_load_samples(&ss, p, argv + optind, argc - optind, skip_bad,
                         &err) ||
        sift_samples_check(&ss, &err))
        goto fail;
    if (set_tune_values(cfg, p)) {
        sift_fail(&err, SIFT_ENOMEM, "out of memory");
        goto fail;
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
    if (out && write_tuned(ini, out, ax, best, nax, metric, best_score, k,
                           &err))
        goto fail;
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
