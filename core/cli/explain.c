/*
 * explain.c - `sift explain`: the features behind a label.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Plain phrases for the cue classes of plugins/cues.lex. */
static const char *const cue_names[][2] = {
    {"accuse", "accusation word"},     {"wrongdoing", "wrongdoing word"},
    {"plot", "plot or staging word"},  {"deny", "denial word"},
    {"rebut", "rebuttal word"},        {"threat", "threat word"},
    {"modal_force", "'will' + force verb"},
    {"conditional", "'if ... then' consequence"},
    {"legal_threat", "threat of legal action"},
    {"report", "reporting verb"},      {"hedge", "hedge (unconfirmed)"},
    {"restraint", "restraint or diplomacy word"},
    {"event", "plain report of an event"},
    {"boilerplate", "page or wire layout"},
    {"cause", "cause or blame-shifting"}, {"we", "we/our party"},
    {"layout_short", "short line (headline, byline)"},
};

static const char *cue_name(const char *cls)
{
    for (size_t i = 0; i < sizeof cue_names / sizeof *cue_names; i++)
        if (!strcmp(cue_names[i][0], cls))
            return cue_names[i][1];
    return cls;
}

/* A cue feature ("deny", "threat@start", "deny<threat", "deny_neg") in
 * plain words. */
static void plain_cue(const char *n, char *out, size_t size)
{
    char cls[128];
    size_t k = strcspn(n, "@<");
    snprintf(cls, sizeof cls, "%.*s", (int)k, n);
    size_t cl = strlen(cls);
    int neg = cl > 4 && !strcmp(cls + cl - 4, "_neg");
    if (neg)
        cls[cl - 4] = '\0';
    const char *say = cue_name(cls), *then = cue_name(n + k + 1);
    if (n[k] == '@')
        snprintf(out, size, "%s%s, at the %s", say, neg ? " (negated)" : "",
                 n + k + 1);
    else if (n[k] == '<')
        snprintf(out, size, "%s%s, then a %s", say, neg ? " (negated)" : "",
                 then);
    else
        snprintf(out, size, "%s%s", say, neg ? " (negated)" : "");
}

/* "features.words:w\"that its\"" -> "\"that its\""; cue classes in plain
 * words; anything else as the plugin names it, without the section. */
static void plain_name(const struct sift_pipeline *p, uint32_t index,
                       char *out, size_t size)
{
    char raw[512];
    if (sift_pipeline_feature_name(p, index, raw, sizeof raw)) {
        snprintf(out, size, "feature #%u", (unsigned)index);
        return;
    }
    const char *n = strchr(raw, ':') ? strchr(raw, ':') + 1 : raw;
    if (n[0] == 'w' && n[1] == '"')
        snprintf(out, size, "%s", n + 1);
    else if (strstr(raw, "cues:"))
        plain_cue(n, out, size);
    else
        snprintf(out, size, "%s", n);
}

/* Each token's push towards label (against the runner-up): the sum of
 * the word features' contributions whose quoted words include it, an
 * n-gram's shared among its n words. */
static void token_push(const struct sift_pipeline *p,
                       const struct sift_token *t, size_t nt,
                       const struct contrib *cv, size_t n, double *push)
{
    for (size_t i = 0; i < nt; i++)
        push[i] = 0;
    for (size_t i = 0; i < n; i++) {
        char name[512];
        if (sift_pipeline_feature_name(p, cv[i].index, name, sizeof name))
            continue;
        char *q = strstr(name, ":w\"");
        if (!q)
            continue;
        q += 3;
        q[strcspn(q, "\"")] = '\0';
        size_t words = 1;
        for (char *c = q; *c; c++)
            words += *c == ' ';
        for (size_t k = 0; k < nt; k++) {
            for (char *w = q; *w;
                 w += strcspn(w, " ") + (w[strcspn(w, " ")] != 0))
                if (strcspn(w, " ") == t[k].len &&
                    !memcmp(w, t[k].text, t[k].len)) {
                    push[k] += cv[i].weight / (double)words;
                    break;
                }
        }
    }
}

/* The sentence with the words that pushed most marked: colour on a
 * terminal, else [+word] towards the label and [-word] against it. */
static void put_highlight(const char *text, size_t len,
                          const struct sift_token *t, size_t nt,
                          const double *push)
{
    int tty = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    size_t at = 0;
    for (size_t k = 0; k < nt; k++) {
        if (fabs(push[k]) < 0.02 || t[k].end > len || t[k].start < at)
            continue;
        cli_put_flat(stdout, text + at, t[k].start - at);
        if (tty)
            printf("\033[1;%dm", push[k] > 0 ? 32 : 31);
        else
            printf("[%c", push[k] > 0 ? '+' : '-');
        cli_put_flat(stdout, text + t[k].start, t[k].end - t[k].start);
        fputs(tty ? "\033[0m" : "]", stdout);
        at = t[k].end;
    }
    cli_put_flat(stdout, text + at, len - at);
    putchar('\n');
}

/* contrib(label) - contrib(other) of every feature of v into cv. */
static int contrast(struct sift_worker *w, const struct sift_vector *v,
                    int label, int other, struct contrib *cv, double *c,
                    struct sift_error *err)
{
    int rc = sift_worker_explain(w, v, label, c, err);
    for (size_t i = 0; !rc && i < v->n; i++)
        cv[i] = (struct contrib){v->f[i].index, v->f[i].value, c[i]};
    if (!rc && other >= 0)
        rc = sift_worker_explain(w, v, other, c, err);
    for (size_t i = 0; !rc && other >= 0 && i < v->n; i++)
        cv[i].weight -= c[i];
    return rc;
}

static void put_bias(const struct sift_pipeline *p, int label, int other)
{
    struct sift_error e = {0};
    double a, b = 0;
    if (sift_pipeline_bias(p, label, &a, &e) ||
        (other >= 0 && sift_pipeline_bias(p, other, &b, &e)))
        printf("  (the classifier gives no bias term: %s)\n", e.msg);
    else
        printf("  %+8.4f  (bias: the model's lean before any word)\n", a - b);
}

/* "label: L (x), runner-up R (y)" and every label's score. */
static void put_scores(const struct sift_pipeline *p, int label, int other,
                       const double *scores)
{
    size_t k;
    char *const *labels = sift_pipeline_labels(p, &k);
    printf("label: %s (%.3f)", labels[label], scores[label]);
    if (other >= 0)
        printf(", runner-up %s (%.3f)", labels[other], scores[other]);
    printf("\nscores:");
    for (size_t i = 0; i < k; i++)
        printf(" %s %.3f", labels[i], scores[i]);
    putchar('\n');
}

static int explain_one(struct sift_pipeline *p, struct sift_worker *w,
                       const char *text, size_t len, size_t top,
                       double *scores, struct sift_error *err)
{
    struct sift_vector v;
    char *const *labels = sift_pipeline_labels(p, NULL);
    int label, rc;
    double *c = NULL, *push = NULL;
    struct contrib *cv = NULL;
    size_t nt;
    if ((rc = sift_worker_vector(w, text, len, &v, err)) ||
        (rc = sift_worker_predict(w, &v, &label, scores, err)))
        return rc;
    const struct sift_token *t = sift_worker_tokens(w, &nt);
    int other = cli_runner_up(p, label, scores);
    c = malloc((v.n ? v.n : 1) * sizeof *c);
    cv = malloc((v.n ? v.n : 1) * sizeof *cv);
    push = malloc((nt ? nt : 1) * sizeof *push);
    if (!c || !cv || !push) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    put_scores(p, label, other, scores);
    rc = contrast(w, &v, label, other, cv, c, err);
    if (rc == SIFT_ESTATE) {
        printf("sentence: ");
        cli_put_flat(stdout, text, len);
        printf("\n(%s)\n\n", err->msg);
        rc = 0;
        goto out;
    }
    if (rc)
        goto out;
    token_push(p, t, nt, cv, v.n, push);
    printf("sentence: ");
    put_highlight(text, len, t, nt, push);
    qsort(cv, v.n, sizeof *cv, cmp_contrib);
    printf("why %s rather than %s (+ for %s, - for %s):\n", labels[label],
           other >= 0 ? labels[other] : "-", labels[label],
           other >= 0 ? labels[other] : "-");
    put_bias(p, label, other);
    for (size_t i = 0; i < v.n && i < top; i++) {
        char name[512];
        plain_name(p, cv[i].index, name, sizeof name);
        printf("  %+8.4f  %s\n", cv[i].weight, name);
    }
    if (v.n > top)
        printf("  ... %zu more\n", v.n - top);
    putchar('\n');
out:
    free(c);
    free(cv);
    free(push);
    return rc;
}

/* stdin, split into sentences by the pipeline's segmenter, each
 * explained. */
static int explain_stdin(struct sift_pipeline *p, struct sift_worker *w,
                         size_t top, double *scores, struct sift_error *err)
{
    char *text;
    size_t len, n;
    const struct sift_span *sp;
    struct sift_span *own = NULL;
    int rc = cli_read_file("-", &text, &len, 64u << 20, err);
    if (!rc)
        rc = sift_worker_segment(w, text, len, &sp, &n, err);
    if (!rc && n && !(own = malloc(n * sizeof *own)))
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (!rc && n)
        memcpy(own, sp, n * sizeof *own); /* spans last until the next call */
    for (size_t k = 0; !rc && k < n; k++)
        rc = explain_one(p, w, text + own[k].start,
                         own[k].end - own[k].start, top, scores, err);
    free(own);
    free(text);
    return rc;
}

static const char explain_help[] =
    "usage: sift explain [-m DIR | -c INI] [-n N] [SENTENCE...]\n\n"
    "Classify each SENTENCE argument (or stdin, split into sentences) and "
    "show\nthe label, the runner-up label, every label's score, the "
    "sentence with\nthe words that pushed it marked (in colour on a "
    "terminal, else [+word]\ntowards the label, [-word] towards the "
    "runner-up), and the N features\n(default 12) and the bias that weigh "
    "most for the label against the\nrunner-up: each contribution(label) - "
    "contribution(runner-up).\n\n"
    "  -m, --model DIR    model bundle\n"
    "  -c, --config INI   pipeline (default pipeline.ini)\n"
    "  -n, --top N        features to show\n";

struct explain_opts {
    const char *ini, *model;
    long top; /* features to show */
};

/* 0 to go on, -1 after --help, else the exit status (the message said). */
static int parse_explain(int argc, char **argv, struct explain_opts *o)
{
    static const struct option lo[] = {
        {"model", required_argument, 0, 'm'},
        {"config", required_argument, 0, 'c'},
        {"top", required_argument, 0, 'n'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    char *end;
    while ((c = cli_getopt("explain", argc, argv, "m:c:n:h", lo)) != -1) {
        switch (c) {
        case 'm': o->model = optarg; break;
        case 'c': o->ini = optarg; break;
        case 'n':
            o->top = strtol(optarg, &end, 10);
            if (*end || o->top < 1)
                return cli_usage("explain", "--top takes a positive number");
            break;
        case 'h': fputs(explain_help, stdout); return -1;
        default: return SIFT_EXIT_USAGE; /* cli_getopt said why */
        }
    }
    return 0;
}

/* Explain each sentence given, or with none, stdin's. */
static int run_explain(const struct explain_opts *o, char **sentences, int n)
{
    struct sift_error err = {0};
    struct sift_pipeline *p = cli_open(o->ini, o->model, 1, &err);
    struct sift_worker *w;
    double *scores;
    int status = SIFT_EXIT_OK;
    if (!p)
        return cli_fail("explain", &err);
    w = sift_worker_new(p, &err);
    scores = malloc(sift_pipeline_nlabels(p) * sizeof *scores);
    if (!w || !scores) {
        status = cli_fail("explain", &err);
        goto out;
    }
    if (n > 0) {
        for (int i = 0; i < n && !status; i++)
            if (explain_one(p, w, sentences[i], strlen(sentences[i]),
                            (size_t)o->top, scores, &err))
                status = cli_fail("explain", &err);
    } else if (explain_stdin(p, w, (size_t)o->top, scores, &err)) {
        status = cli_fail("explain", &err);
    }
out:
    free(scores);
    sift_worker_free(w);
    sift_pipeline_free(p);
    return status;
}

int cmd_explain(int argc, char **argv)
{
    struct explain_opts o = {NULL, NULL, 12};
    int status = parse_explain(argc, argv, &o);
    if (status)
        return status < 0 ? SIFT_EXIT_OK : status;
    return run_explain(&o, argv + optind, argc - optind);
}
