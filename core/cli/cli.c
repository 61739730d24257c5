/*
 * cli.c - helpers the subcommands share (see cli.h): messages, exit
 * codes, opening a pipeline from -c / -m, progress, reading files.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bundle.h"
#include "config.h"
#include "crossval.h"
#include "file.h"
#include "samples.h"
#include "util.h"

int cli_fail(const char *cmd, const struct sift_error *err)
{
    fprintf(stderr, "sift %s: %s\n", cmd,
            err && err->msg[0] ? err->msg : "failed");
    return SIFT_EXIT_FAIL;
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "sift %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'sift %s --help'.\n", cmd);
    return SIFT_EXIT_USAGE;
}

void cli_put_flat(FILE *f, const char *t, size_t n)
{
    size_t a = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x20 || c == 0x7F) {
            fwrite(t + a, 1, i - a, f);
            putc(' ', f);
            a = i + 1;
        }
    }
    fwrite(t + a, 1, n - a, f);
}

void cli_put_field(FILE *f, const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '\\')
            fputs("\\\\", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c < 0x20 || c == 0x7F)
            fprintf(f, "\\x%02x", c);
        else
            putc(c, f);
    }
}

size_t cli_utf8_char(const char *t, size_t n)
{
    uint32_t cp;
    return n ? sift_utf8_decode((const unsigned char *)t, 0, n, &cp) : 0;
}

void cli_put_json(FILE *f, const char *t, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)t[i];
        size_t k = c < 0x80 ? 1 : cli_utf8_char(t + i, n - i);
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\r')
            fputs("\\r", f);
        else if (c < 0x20 || c == 0x7F)
            fprintf(f, "\\u%04x", c);
        else if (k == 0)
            fputs("\\ufffd", f); /* a byte that is not UTF-8 */
        else
            fwrite(t + i, 1, k, f);
        i += k ? k : 1;
    }
}

int cli_number(const char *s, long min, long max, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int cli_folds(const char *cmd, const char *opt, const char *arg, long *out)
{
    if (cli_number(arg, 2, 100, out))
        return cli_usage(cmd, "%s takes 2..100 folds", opt);
    return 0;
}

int cli_group(const char *cmd, const char *arg, int *out)
{
    if ((*out = sift_group_parse(arg)) < 0)
        return cli_usage(cmd, "--group takes none, doc, topic or source");
    return 0;
}

int cli_seed(const char *cmd, const char *arg, unsigned *out)
{
    long v;
    if (cli_number(arg, 0, 4294967295L, &v))
        return cli_usage(cmd, "--seed takes a number in 0..4294967295");
    *out = (unsigned)v;
    return 0;
}

static int progress_state = -1;

int cli_progress_on(void)
{
    if (progress_state < 0)
        progress_state = isatty(STDERR_FILENO) && !getenv("SIFT_NO_PROGRESS");
    return progress_state;
}

void cli_progress(const char *fmt, ...)
{
    va_list ap;
    if (!cli_progress_on())
        return;
    fputs("\r\033[K", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
}

void cli_progress_done(void)
{
    if (cli_progress_on())
        fputs("\r\033[K", stderr);
}

int cli_read_file(const char *path, char **text, size_t *len,
                  size_t max_bytes, struct sift_error *err)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    size_t n = 0, cap = 0, got;
    char *buf = NULL;
    *text = NULL;
    *len = 0;
    if (!f)
        return sift_fail(err, errno == ENOENT ? SIFT_ENOTFOUND : SIFT_EIO,
                         "%s: cannot open: %s", path, strerror(errno));
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *b = realloc(buf, cap + 1);
            if (!b) {
                free(buf);
                if (f != stdin)
                    fclose(f);
                return sift_fail(err, SIFT_ENOMEM, "%s: out of memory", path);
            }
            buf = b;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (max_bytes && n > max_bytes) {
            free(buf);
            if (f != stdin)
                fclose(f);
            return sift_fail(err, SIFT_EINVAL,
                             "%s: larger than --max-bytes (%zu)", path,
                             max_bytes);
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        if (f != stdin)
            fclose(f);
        return sift_fail(err, SIFT_EIO, "%s: read error: %s", path,
                         strerror(e));
    }
    if (f != stdin)
        fclose(f);
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

#ifndef SIFT_DATA_DIR
#define SIFT_DATA_DIR "/usr/local/share/sift"
#endif

int cli_verbose;

const char *cli_default_ini(void)
{
    static const char installed[] = SIFT_DATA_DIR "/pipeline.ini";
    if (access("pipeline.ini", F_OK) && !access(installed, R_OK))
        return installed;
    return "pipeline.ini";
}

/* -m names a file rather than a bundle directory: say so plainly (an ini
 * given as -m is the usual slip) instead of "FILE/manifest.ini: Not a
 * directory". */
static int not_a_bundle(const char *model, struct sift_error *err)
{
    struct stat st;
    size_t n = strlen(model);
    if (stat(model, &st) || S_ISDIR(st.st_mode))
        return 0;
    if (n > 4 && !strcmp(model + n - 4, ".ini"))
        return sift_fail(err, SIFT_EINVAL,
                         "%s: -m takes a model bundle directory, and this "
                         "is a file (a pipeline ini? pass it with -c)",
                         model);
    return sift_fail(err, SIFT_EINVAL,
                     "%s: -m takes a model bundle directory, and this is "
                     "a file",
                     model);
}

struct sift_pipeline *cli_open(const char *ini, const char *model,
                               int need_model, struct sift_error *err)
{
    struct sift_pipeline *p;
    int defaulted = !ini && !model;
    if (model && not_a_bundle(model, err))
        return NULL;
    if (defaulted)
        ini = cli_default_ini();
    if (cli_verbose)
        fprintf(stderr, "sift: pipeline %s\n", ini ? ini : "(the bundle's)");
    p = sift_bundle_open(ini, model, need_model, err);
    if (!p && defaulted && err && err->code == SIFT_ENOTFOUND &&
        strstr(err->msg, ini)) {
        size_t n = strlen(err->msg);
        snprintf(err->msg + n, sizeof err->msg - n,
                 " (no ./pipeline.ini, and none installed in " SIFT_DATA_DIR
                 "; pass -c INI or -m DIR)");
    }
    if (p && cli_verbose && sift_pipeline_model(p) && sift_pipeline_ready(p))
        fprintf(stderr, "sift: model %s\n", sift_pipeline_model(p));
    return p;
}

static void warn_line(const char *msg)
{
    fprintf(stderr, "sift: warning: skipped %s\n", msg);
}

int cli_load_samples(struct sift_samples *ss, const struct sift_pipeline *p,
                     char **paths, int n, int skip_bad, struct sift_error *err)
{
    int rc = sift_samples_init(ss, sift_pipeline_labels(p, NULL),
                               sift_pipeline_nlabels(p), err);
    for (int i = 0; !rc && i < n; i++)
        rc = sift_samples_read(ss, paths[i], skip_bad, warn_line, err);
    if (!rc && ss->skipped)
        fprintf(stderr, "sift: warning: %zu bad lines skipped "
                        "(--skip-bad)\n", ss->skipped);
    return rc;
}

void cli_print_counts(FILE *f, const struct sift_samples *ss, const size_t *idx,
                      size_t n)
{
    size_t *c = calloc(ss->nlabels, sizeof *c);
    if (!c)
        return;
    for (size_t i = 0; i < n; i++)
        c[ss->s[idx ? idx[i] : i].label]++;
    fprintf(f, "%zu samples (", n);
    for (size_t l = 0; l < ss->nlabels; l++)
        fprintf(f, "%s%s %zu", l ? ", " : "", ss->labels[l], c[l]);
    fprintf(f, ")");
    free(c);
}

int cli_runner_up(const struct sift_pipeline *p, int label,
                  const double *scores)
{
    int r = -1;
    for (size_t k = 0; k < sift_pipeline_nlabels(p); k++)
        if ((int)k != label && (r < 0 || scores[k] > scores[r]))
            r = (int)k;
    return r;
}

/* The long option arg ("--name" or "--name=value") names, or NULL; *amb
 * is set when it abbreviates more than one. */
static const struct option *long_match(const char *arg,
                                       const struct option *lo, int *amb)
{
    const char *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    const struct option *hit = NULL;
    *amb = 0;
    for (const struct option *o = lo; o->name; o++) {
        if (strncmp(o->name, arg, n))
            continue;
        if (strlen(o->name) == n)
            return o;
        *amb = hit != NULL;
        hit = o;
    }
    return *amb ? NULL : hit;
}

/* The message for a long option getopt_long refused: arg is "--..." */
static void long_problem(const char *cmd, const char *arg,
                         const struct option *lo)
{
    const char *names[128], *eq = strchr(arg + 2, '=');
    size_t n = 0;
    int amb;
    const struct option *o = long_match(arg + 2, lo, &amb);
    if (o && o->has_arg == required_argument && !eq) {
        cli_usage(cmd, "option --%s needs an argument", o->name);
        return;
    }
    if (o && o->has_arg == no_argument && eq) {
        cli_usage(cmd, "option --%s takes no argument", o->name);
        return;
    }
    if (amb) {
        cli_usage(cmd, "option '%.*s' is ambiguous", eq ? (int)(eq - arg)
                       : (int)strlen(arg), arg);
        return;
    }
    for (const struct option *p = lo; p->name && n < 128; p++)
        names[n++] = p->name;
    char *want = strndup(arg + 2, eq ? (size_t)(eq - arg - 2) : strlen(arg));
    const char *close = want ? sift_closest(want, names, n) : NULL;
    if (close)
        cli_usage(cmd, "unknown option '%s' (did you mean --%s?)", arg, close);
    else
        cli_usage(cmd, "unknown option '%s'", arg);
    free(want);
}

int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *lo)
{
    opterr = 0; /* sift says it, in one line */
    int c = getopt_long(argc, argv, shortopts, lo, NULL);
    if (c != '?')
        return c;
    const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
    int amb = 0;
    const struct option *o =
        !strncmp(arg, "--", 2) ? long_match(arg + 2, lo, &amb) : NULL;
    /* a long option's problem, unless a short one's in a later cluster */
    if (!strncmp(arg, "--", 2) && arg[2] &&
        (optopt == 0 || (o && o->val == optopt)))
        long_problem(cmd, arg, lo);
    else if (optopt && strchr(shortopts, optopt) &&
             strchr(shortopts, optopt)[1] == ':')
        cli_usage(cmd, "option -%c needs an argument", optopt);
    else if (optopt > 32 && optopt < 127)
        cli_usage(cmd, "unknown option -%c", optopt);
    else
        cli_usage(cmd, "unknown option '%s'", arg);
    return '?';
}

/* Whether line l[0..n) holds one of p's labels as a TAB-separated field
 * before its last (label<TAB>text, or a corpus row ending label<TAB>text). */
static int labeled_line(const char *l, size_t n, const struct sift_pipeline *p)
{
    const char *tab;
    size_t nl;
    char *const *labels = sift_pipeline_labels(p, &nl);
    while ((tab = memchr(l, '\t', n))) {
        size_t k = (size_t)(tab - l);
        for (size_t i = 0; i < nl; i++)
            if (strlen(labels[i]) == k && !memcmp(labels[i], l, k))
                return 1;
        n -= k + 1;
        l = tab + 1;
    }
    return 0;
}

int cli_looks_like_samples(const char *text, size_t len,
                           const struct sift_pipeline *p)
{
    size_t lines = 0, labeled = 0, docs = 0;
    for (size_t a = 0; a < len && lines < 20;) {
        const char *nl = memchr(text + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - text) : len;
        if (b - a >= 7 && !memcmp(text + a, "# doc: ", 7))
            docs++;
        else if (b > a && text[a] != '#' && text[a] != '\r') {
            lines++;
            labeled += labeled_line(text + a, b - a, p);
        }
        a = b + 1;
    }
    return labeled >= 2 && labeled * 5 >= lines * 4 && (docs || lines >= 2);
}

void cli_warn_samples(const char *cmd, const char *path,
                      const struct sift_pipeline *p)
{
    char buf[16384];
    size_t n;
    FILE *f;
    struct stat st;
    if (!strcmp(path, "-") || stat(path, &st) || !S_ISREG(st.st_mode) ||
        !(f = fopen(path, "rb")))
        return;
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (cli_looks_like_samples(buf, n, p))
        fprintf(stderr,
                "sift %s: warning: %s looks like labeled samples "
                "(label<TAB>text lines), not text to label; to score the "
                "model on it, use 'sift eval'\n",
                cmd, path);
}

/* ---- a progress line with elapsed time and ETA, redrawn every second ---- */

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t th;
    int running, stop;
    double t0, eta_at;
    char what[256];
} tick = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

double cli_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* "42s", "3m07s", "1h02m" */
static void put_duration(char *buf, size_t size, double s)
{
    long t = s > 0 ? (long)(s + 0.5) : 0;
    if (t < 60)
        snprintf(buf, size, "%lds", t);
    else if (t < 3600)
        snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
    else
        snprintf(buf, size, "%ldh%02ldm", t / 3600, t / 60 % 60);
}

static void tick_draw(void) /* with tick.mu held */
{
    char el[32], eta[32];
    double now = cli_now();
    put_duration(el, sizeof el, now - tick.t0);
    put_duration(eta, sizeof eta, tick.eta_at - now);
    cli_progress("%s, %s elapsed%s%s", tick.what, el,
                 tick.eta_at > 0 ? ", ETA " : "", tick.eta_at > 0 ? eta : "");
}

static void *tick_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&tick.mu);
    while (!tick.stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&tick.cv, &tick.mu, &until);
        if (!tick.stop)
            tick_draw();
    }
    pthread_mutex_unlock(&tick.mu);
    return NULL;
}

void cli_ticker_start(double expect)
{
    tick.t0 = cli_now();
    tick.eta_at = expect > 0 ? tick.t0 + expect : 0;
    tick.what[0] = '\0';
    tick.stop = 0;
    if (cli_progress_on() && !tick.running &&
        !pthread_create(&tick.th, NULL, tick_main, NULL))
        tick.running = 1;
}

void cli_ticker_set(double done, const char *fmt, ...)
{
    va_list ap;
    if (!tick.running)
        return;
    pthread_mutex_lock(&tick.mu);
    va_start(ap, fmt);
    vsnprintf(tick.what, sizeof tick.what, fmt, ap);
    va_end(ap);
    if (done > 0 && done <= 1) {
        double now = cli_now();
        tick.eta_at = now + (now - tick.t0) * (1 - done) / done;
    }
    tick_draw();
    pthread_mutex_unlock(&tick.mu);
}

void cli_ticker_stop(void)
{
    if (!tick.running)
        return;
    pthread_mutex_lock(&tick.mu);
    tick.stop = 1;
    pthread_cond_signal(&tick.cv);
    pthread_mutex_unlock(&tick.mu);
    pthread_join(tick.th, NULL);
    tick.running = 0;
    cli_progress_done();
}

FILE *cli_output_open(const char *path, char *tmp, size_t size)
{
    struct stat st;
    int exists = stat(path, &st) == 0, fd;
    mode_t mode = exists ? st.st_mode & 07777 : sift_umask_mode(0666);
    FILE *f = NULL;
    tmp[0] = '\0';
    /* A device or FIFO (-o /dev/null, a named pipe) is written in place:
     * renaming a file over it would replace it, and it was not ours. */
    if (exists && !S_ISREG(st.st_mode)) {
        if (!S_ISDIR(st.st_mode))
            return fopen(path, "w");
        errno = EISDIR;
        return NULL;
    }
    sift_tmp_sweep(path);
    if (sift_tmp_template(tmp, size, path)) {
        errno = ENAMETOOLONG;
        tmp[0] = '\0';
        return NULL;
    }
    if ((fd = mkstemp(tmp)) >= 0 && fchmod(fd, mode) == 0)
        f = fdopen(fd, "w");
    if (!f) {
        int e = errno;
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        tmp[0] = '\0';
        errno = e;
    }
    return f;
}

int cli_output_commit(FILE *f, char *tmp, const char *path)
{
    int bad = fflush(f) || ferror(f) || (tmp[0] && fsync(fileno(f)));
    if (fclose(f) || bad || (tmp[0] && rename(tmp, path)))
        return -1;
    tmp[0] = '\0';
    return 0;
}
