/*
 * cli.c - helpers the subcommands share (see cli.h): messages, exit
 * codes, opening a pipeline from -c / -m, progress, reading files.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "config.h"
#include "samples.h"

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
    unsigned char c = (unsigned char)t[0];
    size_t k = c < 0x80                 ? 1
               : c >= 0xC2 && c <= 0xDF ? 2
               : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4
                                        : 0;
    if (!n || !k || k > n)
        return 0;
    return sift_utf8_valid(t, k) == k ? k : 0;
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

struct sift_pipeline *cli_open(const char *ini, const char *model,
                               int need_model, struct sift_error *err)
{
    struct sift_pipeline *p;
    int defaulted = !ini && !model;
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
    if (p && cli_verbose && p->model && p->ready)
        fprintf(stderr, "sift: model %s\n", p->model);
    return p;
}

static void warn_line(const char *msg)
{
    fprintf(stderr, "sift: warning: skipped %s\n", msg);
}

int cli_load_samples(struct sift_samples *ss, const struct sift_pipeline *p,
                     char **paths, int n, int skip_bad, struct sift_error *err)
{
    int rc = sift_samples_init(ss, p->labels, p->nlabels, err);
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
