/*
 * tune.c - `sift tune`: grid search by cross-validation.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <sys/wait.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* Check every --grid value against the plugins' option declarations
 * before any work: a pipeline is built, not trained, for
 * each value.  The message names the option as given. */
static int validate_grid(struct sift_config *cfg, const char *ini,
                         const struct axis *ax, size_t nax)
{
    struct sift_error err = {0};
    for (size_t a = 0; a < nax; a++)
        for (size_t v = 0; v < ax[a].n; v++) {
            struct sift_pipeline *p = NULL;
            if (!sift_config_set(cfg, ax[a].section, ax[a].key,
                                 ax[a].values[v]))
                p = sift_pipeline_new(cfg, &err);
            sift_pipeline_free(p);
            if (!p) {
                /* "INI:LINE: " would point at the ini's value, or at
                 * no line (0), not at the --grid value given */
                const char *why = err.msg;
                size_t n = strlen(ini);
                if (!strncmp(why, ini, n) && why[n] == ':' &&
                    strchr(why + n + 1, ' '))
                    why = strchr(why + n + 1, ' ') + 1;
                return cli_usage("tune", "--grid %s.%s=%s: %s", ax[a].section,
                                 ax[a].key, ax[a].values[v], why);
            }
        }
    return 0;
}

/* --metric names a metric of these samples' labels. */
static int validate_metric(const struct sift_samples *ss, const char *metric)
{
    struct sift_metrics m;
    if (sift_metrics_init(&m, ss->nlabels))
        return SIFT_EXIT_FAIL;
    sift_metrics_finish(&m);
    double v = sift_metrics_get(&m, ss->labels, metric);
    sift_metrics_release(&m);
    if (v < 0)
        return cli_usage("tune", "unknown --metric '%s' (macro-f1, accuracy, "
                                 "micro-f1 or f1:LABEL)", metric);
    return 0;
}

/* One grid point's figures: the metric over all held-out predictions,
 * accuracy, and the metric's mean and standard deviation across folds. */
struct result {
    double score, accuracy, mean, sd;
    int rc;
    struct sift_error err;
};

struct grid {
    struct sift_config *cfg;
    const struct sift_samples *ss;
    const struct axis *ax;
    size_t nax, points, k;
    int group, jobs;
    unsigned seed;
    const char *metric;
    struct result *res;
    double t0;
    size_t done;
};

/* Set cfg to grid point pt (axes varying fastest at the end). */
static int set_point(const struct grid *g, size_t pt, size_t *at)
{
    for (size_t a = g->nax; a-- > 0;) {
        at[a] = pt % g->ax[a].n;
        pt /= g->ax[a].n;
    }
    for (size_t a = 0; a < g->nax; a++)
        if (sift_config_set(g->cfg, g->ax[a].section, g->ax[a].key,
                            g->ax[a].values[at[a]]))
            return -1;
    return 0;
}

/* The metric in each fold, from the held-out predictions: mean and sd. */
static int fold_spread(const struct grid *g, const int *pred, struct result *r)
{
    const struct sift_samples *ss = g->ss;
    size_t *fold = malloc(ss->n * sizeof *fold);
    double sum = 0, sq = 0;
    int rc = fold ? sift_folds(ss, g->k, g->group, g->seed, fold, &r->err)
                  : sift_fail(&r->err, SIFT_ENOMEM, "out of memory");
    for (size_t f = 0; f < g->k && !rc; f++) {
        struct sift_metrics m;
        if (sift_metrics_init(&m, ss->nlabels)) {
            rc = sift_fail(&r->err, SIFT_ENOMEM, "out of memory");
            break;
        }
        for (size_t i = 0; i < ss->n; i++)
            if (fold[i] == f)
                sift_metrics_add(&m, ss->s[i].label, pred[i]);
        sift_metrics_finish(&m);
        double v = sift_metrics_get(&m, ss->labels, g->metric);
        sum += v;
        sq += v * v;
        sift_metrics_release(&m);
    }
    free(fold);
    r->mean = sum / (double)g->k;
    r->sd = g->k > 1 ? sqrt(fmax(0, (sq - sum * r->mean) /
                                        (double)(g->k - 1)))
                     : 0;
    return rc;
}

static struct grid *progress_grid;

static void fold_progress(size_t fold, size_t k)
{
    struct grid *g = progress_grid;
    cli_ticker_set((double)(g->done * k + fold) / (double)(g->points * k),
                   "sift tune: point %zu/%zu, fold %zu/%zu", g->done + 1,
                   g->points, fold + 1, k);
}

/* Cross-validate grid point pt into g->res[pt].  (The classifier plugins
 * seed rand() at each training, so a point's figures do not depend on
 * which points ran before it in this process.) */
static void run_point(struct grid *g, size_t pt, size_t *at, int progress)
{
    struct result *r = &g->res[pt];
    struct sift_metrics m;
    int *pred = malloc(g->ss->n * sizeof *pred);
    memset(r, 0, sizeof *r);
    if (!pred || set_point(g, pt, at) ||
        sift_metrics_init(&m, g->ss->nlabels)) {
        free(pred);
        r->rc = sift_fail(&r->err, SIFT_ENOMEM, "out of memory");
        return;
    }
    progress_grid = g;
    r->rc = sift_crossval(g->cfg, g->ss, g->k, g->group, g->seed, &m, pred,
                          progress ? fold_progress : NULL, &r->err);
    if (!r->rc) {
        sift_metrics_finish(&m);
        r->score = sift_metrics_get(&m, g->ss->labels, g->metric);
        r->accuracy = m.accuracy;
        r->rc = fold_spread(g, pred, r);
    }
    sift_metrics_release(&m);
    free(pred);
}

/* Run the points in up to g->jobs child processes at once (processes,
 * not threads: training draws from the process-wide rand()); results
 * come back through a pipe.  Returns when every point has a result. */
static void run_forked(struct grid *g, size_t *at)
{
    pid_t *pid = calloc(g->points, sizeof *pid);
    int *fd = calloc(g->points, sizeof *fd);
    size_t next = 0, running = 0;
    if (!pid || !fd) {
        for (size_t pt = 0; pt < g->points; pt++)
            run_point(g, pt, at, 0);
        goto out;
    }
    while (g->done < g->points) {
        while (running < (size_t)g->jobs && next < g->points) {
            int p[2] = {-1, -1};
            if (pipe(p) || (pid[next] = fork()) < 0) {
                if (p[0] >= 0) {
                    close(p[0]);
                    close(p[1]);
                }
                pid[next] = 0;
                run_point(g, next, at, 0); /* no process: run it here */
                g->done++;
                next++;
                continue;
            }
            if (pid[next] == 0) {
                close(p[0]);
                run_point(g, next, at, 0);
                ssize_t w = write(p[1], &g->res[next], sizeof g->res[next]);
                _exit(w == (ssize_t)sizeof g->res[next] ? 0 : 1);
            }
            close(p[1]);
            fd[next++] = p[0];
            running++;
        }
        int st;
        pid_t done = running ? wait(&st) : -1;
        for (size_t pt = 0; done > 0 && pt < next; pt++) {
            if (pid[pt] != done)
                continue;
            struct result *r = &g->res[pt];
            if (read(fd[pt], r, sizeof *r) != (ssize_t)sizeof *r)
                r->rc = sift_fail(&r->err, SIFT_EINVAL, "grid point %zu: "
                                  "its process died (status %d)", pt + 1, st);
            close(fd[pt]);
            pid[pt] = 0;
            running--;
            g->done++;
            cli_ticker_set((double)g->done / (double)g->points,
                           "sift tune: %zu/%zu points done, %zu running",
                           g->done, g->points, running);
        }
    }
out:
    free(pid);
    free(fd);
}

/* Every point's result in g->res: in this process with -j 1 (with fold
 * progress), else in child processes. */
static void run_grid(struct grid *g, size_t *at)
{
    cli_ticker_start(0);
    if (g->jobs > 1 && g->points > 1) {
        cli_ticker_set(0, "sift tune: %zu points, %d at a time", g->points,
                       g->jobs);
        run_forked(g, at);
    } else {
        for (size_t pt = 0; pt < g->points; pt++, g->done++)
            if (run_point(g, pt, at, 1), g->res[pt].rc)
                break;
    }
    cli_ticker_stop();
}

/* The table on stdout, in grid order: each axis's value, the metric
 * over all held-out predictions, accuracy, and the metric's mean and
 * standard deviation across folds.  Returns the best score, with its
 * point in best, or -1 with err set when a point failed. */
static double print_table(const struct grid *g, size_t *at, size_t *best,
                          struct sift_error *err)
{
    double best_score = -1;
    for (size_t a = 0; a < g->nax; a++)
        printf("%s.%s\t", g->ax[a].section, g->ax[a].key);
    printf("%s\taccuracy\tfold_mean\tfold_sd\n", g->metric);
    for (size_t pt = 0; pt < g->points; pt++) {
        const struct result *r = &g->res[pt];
        if (r->rc || pt >= g->done) {
            *err = r->err;
            return -1;
        }
        set_point(g, pt, at);
        for (size_t a = 0; a < g->nax; a++)
            printf("%s\t", g->ax[a].values[at[a]]);
        printf("%.4f\t%.4f\t%.4f\t%.4f\n", r->score, r->accuracy, r->mean,
               r->sd);
        if (r->score > best_score) {
            best_score = r->score;
            memcpy(best, at, g->nax * sizeof *at);
        }
    }
    fflush(stdout);
    return best_score;
}

/* ---- what the plugins declare ---- */

/* sift_pipeline_options() visitors: the default grid, and the values
 * set while searching. */
struct axes {
    struct axis *ax;
    size_t n, max;
};

static void add_default_axis(void *ctx, const char *section,
                             const struct sift_option *o)
{
    struct axes *a = ctx;
    char spec[512];
    if (!o->grid || a->n == a->max)
        return;
    snprintf(spec, sizeof spec, "%s.%s=%s", section, o->name, o->grid);
    if (parse_axis(spec, &a->ax[a->n]) == 0)
        a->n++;
    else
        free_axis(&a->ax[a->n]);
}

/* Every option of a learning stage that declares a grid, as an axis. */
static size_t default_axes(const struct sift_pipeline *p, struct axis *ax,
                           size_t max)
{
    struct axes a = {ax, 0, max};
    sift_pipeline_options(p, add_default_axis, &a);
    return a.n;
}

struct tune_values {
    struct sift_config *cfg;
    int failed;
};

static void set_tune_value(void *ctx, const char *section,
                           const struct sift_option *o)
{
    struct tune_values *tv = ctx;
    if (o->tune_value &&
        sift_config_set(tv->cfg, section, o->name, o->tune_value))
        tv->failed = 1;
}

/* While searching, options that only cost time take their tune_value
 * (libsvm's probability estimates: labels do not need them). */
static int set_tune_values(struct sift_config *cfg,
                           const struct sift_pipeline *p)
{
    struct tune_values tv = {cfg, 0};
    sift_pipeline_options(p, set_tune_value, &tv);
    return tv.failed ? -1 : 0;
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
    int rc = 0;
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
    if (rc || !(f = cli_output_open(out, tmp, sizeof tmp))) {
        sift_config_free(cfg);
        return sift_fail(err, SIFT_EIO, "%s: cannot write: %s", out,
                         strerror(errno));
    }
    fprintf(f, "; written by sift tune from %s (%s %.4f, %ld-fold)\n", ini,
            metric, score, k);
    sift_config_write(cfg, f);
    sift_config_free(cfg);
    if (cli_output_commit(f, tmp, out)) {
        if (tmp[0])
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
    "Prints a table of every grid point on stdout: the metric over all\n"
    "held-out predictions, accuracy, and the metric's mean and standard\n"
    "deviation across folds (fold_mean, fold_sd); then the best point on\n"
    "stderr.  -o writes the ini with the best settings.  Every --grid\n"
    "value is checked against the plugin's options before any work.\n"
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
    "  -j, --jobs N          grid points cross-validated at once, each in\n"
    "                        its own process (default 1; same results)\n"
    "\n"
    "While tuning, options that only cost time (libsvm's probability\n"
    "estimates) are switched off; the written ini keeps every option it did\n"
    "not tune as it was, and its relative paths still resolve.\n"
    "On a terminal (unless SIFT_NO_PROGRESS is set) a progress line shows\n"
    "the point and fold, elapsed time and ETA.\n";

struct tune_opts {
    const char *ini, *metric, *out;
    int group, skip_bad;
    long k, jobs;
    unsigned seed;
    struct axis ax[8]; /* from --grid, else the plugins' declared grids */
    size_t nax;
};

/* --grid: one more axis, at most 8.  A bad one frees the axes so far. */
static int add_axis(struct tune_opts *o, const char *spec)
{
    if (o->nax == 8)
        return cli_usage("tune", "at most 8 --grid axes");
    if (parse_axis(spec, &o->ax[o->nax])) {
        free_axis(&o->ax[o->nax]);
        for (size_t i = 0; i < o->nax; i++)
            free_axis(&o->ax[i]);
        o->nax = 0;
        return cli_usage("tune", "--grid takes SECTION.KEY=V1,V2,..."
                                 " (e.g. classifier.C=0.1,1,10)");
    }
    o->nax++;
    return 0;
}

/* 0 to go on, -1 after --help, else the exit status (the message said). */
static int parse_tune(int argc, char **argv, struct tune_opts *o)
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
        {"jobs", required_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt("tune", argc, argv, "c:k:o:j:h", lo)) != -1) {
        switch (c) {
        case 'c': o->ini = optarg; break;
        case 'o': o->out = optarg; break;
        case 'M': o->metric = optarg; break;
        case 'S': o->skip_bad = 1; break;
        case 'R':
            if (cli_seed("tune", optarg, &o->seed))
                return SIFT_EXIT_USAGE;
            break;
        case 'j':
            if (cli_number(optarg, 1, 256, &o->jobs))
                return cli_usage("tune", "-j takes 1..256, not '%s'", optarg);
            break;
        case 'k':
            if (cli_folds("tune", "-k", optarg, &o->k))
                return SIFT_EXIT_USAGE;
            break;
        case 'G':
            if (cli_group("tune", optarg, &o->group))
                return SIFT_EXIT_USAGE;
            break;
        case 'g':
            if (add_axis(o, optarg))
                return SIFT_EXIT_USAGE;
            break;
        case 'h': fputs(tune_help, stdout); return -1;
        default: return SIFT_EXIT_USAGE; /* cli_getopt said why */
        }
    }
    if (optind >= argc)
        return cli_usage("tune", "no sample files");
    return 0;
}

/* "best: S.K=V ... (METRIC SCORE)" on stderr. */
static void print_best(const struct tune_opts *o, const size_t *best,
                       double score)
{
    fprintf(stderr, "sift tune: best:");
    for (size_t a = 0; a < o->nax; a++)
        fprintf(stderr, " %s.%s=%s", o->ax[a].section, o->ax[a].key,
                o->ax[a].values[best[a]]);
    fprintf(stderr, " (%s %.4f)\n", o->metric, score);
}

/* Cross-validate every point of the grid, print the table and the best
 * point, and with -o write the ini with the best values. */
static int search(const struct tune_opts *o, struct sift_config *cfg,
                  const struct sift_samples *ss, struct sift_error *err)
{
    size_t points = 1, *at = calloc(o->nax, sizeof *at),
           *best = calloc(o->nax, sizeof *best);
    int rc = -1;
    for (size_t a = 0; a < o->nax; a++)
        points *= o->ax[a].n;
    struct grid g = {cfg, ss, o->ax, o->nax, points, (size_t)o->k, o->group,
                     (int)o->jobs, o->seed, o->metric,
                     calloc(points, sizeof(struct result)), 0, 0};
    if (!at || !best || !g.res) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    fprintf(stderr, "sift tune: ");
    cli_print_counts(stderr, ss, NULL, ss->n);
    fprintf(stderr, ", %zu grid points x %ld folds (%s groups), %ld at a "
                    "time\n", points, o->k, sift_group_name(o->group),
            o->jobs < (long)points ? o->jobs : (long)points);
    run_grid(&g, at);
    double score = print_table(&g, at, best, err);
    if (score >= 0) {
        print_best(o, best, score);
        rc = o->out && write_tuned(o->ini, o->out, o->ax, best, o->nax,
                                   o->metric, score, o->k, err);
    }
out:
    free(g.res);
    free(at);
    free(best);
    return rc;
}

static int run_tune(struct tune_opts *o, char **paths, int npaths)
{
    struct sift_error err = {0};
    struct sift_config *cfg = sift_config_load(o->ini, &err);
    struct sift_pipeline *p = NULL;
    struct sift_samples ss = {0};
    int status;
    if (!cfg || !(p = sift_pipeline_new(cfg, &err)))
        goto fail;
    if (o->nax == 0 && (o->nax = default_axes(p, o->ax, 8)) == 0) {
        status = cli_usage("tune", "no plugin of %s declares a tunable "
                                   "option: name one with --grid", o->ini);
        goto done;
    }
    if ((status = validate_grid(cfg, o->ini, o->ax, o->nax)))
        goto done;
    if (cli_load_samples(&ss, p, paths, npaths, o->skip_bad, &err) ||
        sift_samples_check(&ss, &err))
        goto fail;
    if ((status = validate_metric(&ss, o->metric)))
        goto done;
    if (set_tune_values(cfg, p)) {
        sift_fail(&err, SIFT_ENOMEM, "out of memory");
        goto fail;
    }
    if (search(o, cfg, &ss, &err))
        goto fail;
    status = SIFT_EXIT_OK;
    goto done;
fail:
    cli_ticker_stop();
    status = cli_fail("tune", &err);
done:
    sift_samples_release(&ss);
    sift_pipeline_free(p);
    sift_config_free(cfg);
    return status;
}

int cmd_tune(int argc, char **argv)
{
    struct tune_opts o = {.ini = cli_default_ini(), .metric = "macro-f1",
                          .group = SIFT_GROUP_TOPIC, .k = 5, .jobs = 1,
                          .seed = 1};
    int status = parse_tune(argc, argv, &o);
    if (!status)
        status = run_tune(&o, argv + optind, argc - optind);
    for (size_t a = 0; a < o.nax; a++)
        free_axis(&o.ax[a]);
    return status < 0 ? SIFT_EXIT_OK : status;
}
