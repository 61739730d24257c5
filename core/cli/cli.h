/*
 * cli.h - what the sift subcommands share: exit codes, error printing,
 * opening a pipeline from -c INI and/or -m BUNDLE, progress on a terminal.
 * Only the command-line front end prints or exits.
 */
#ifndef SIFT_CLI_H
#define SIFT_CLI_H

#include <stdio.h>

#include "pipeline.h"

/* Exit codes scripts can rely on. */
enum {
    SIFT_EXIT_OK = 0,      /* success */
    SIFT_EXIT_FAIL = 1,    /* failure: bad input, model, plugin, I/O */
    SIFT_EXIT_USAGE = 2,   /* bad command line */
    SIFT_EXIT_PARTIAL = 3  /* finished, but some inputs were skipped */
};

int cmd_plugins(int argc, char **argv);
int cmd_segment(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_tune(int argc, char **argv);
int cmd_explain(int argc, char **argv);

/* "sift CMD: message" on stderr; returns SIFT_EXIT_FAIL. */
int cli_fail(const char *cmd, const struct sift_error *err);
/* Usage error: message plus a pointer to --help; returns SIFT_EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The pipeline a command runs.  ini or model may be NULL: with only a
 * model, the bundle alone; with only an ini, the ini (and, if need_model,
 * the bundle its [pipeline] model names, checked against it); with both,
 * the bundle checked against the ini, using the ini's segmenter.  With
 * neither, cli_default_ini().  With cli_verbose set, says on stderr which
 * pipeline and model it opened. */
struct sift_pipeline *cli_open(const char *ini, const char *model,
                               int need_model, struct sift_error *err);

/* The pipeline used when no -c is given: ./pipeline.ini when it exists,
 * else the installed one (SIFT_DATA_DIR/pipeline.ini) when that exists,
 * else "pipeline.ini" (so that the error names what was looked for). */
const char *cli_default_ini(void);
/* Set by -v: cli_open says what it opened. */
extern int cli_verbose;

/* Write text[0..n) with every control byte (tab, newline, CR, NUL...)
 * shown as a space: a TSV text column. */
void cli_put_flat(FILE *f, const char *text, size_t n);
/* Write text[0..n) as one TSV field that keeps every byte: backslash,
 * tab, newline and CR as \\, \t, \n, \r, other control bytes as \xHH
 * (paths, which must stay findable). */
void cli_put_field(FILE *f, const char *text, size_t n);
/* Row fields (rows.c, docs/ROWS.md).  The TSV header line; a text field
 * with control bytes shown as spaces; a path field with backslash, TAB,
 * LF, CR as \\, \t, \n, \r and other control bytes as \xHH.  A field
 * holding a double quote is wrapped in double quotes, inner ones doubled
 * (what pandas and csvkit read); every row stays one line. */
#define CLI_ROWS_FORMAT 1
void cli_tsv_header(FILE *f);
void cli_tsv_text(FILE *f, const char *text, size_t n);
void cli_tsv_path(FILE *f, const char *path);
/* Write text[0..n) as a JSON string body (no quotes): always valid
 * JSON, with each byte that is not part of valid UTF-8 as \ufffd. */
void cli_put_json(FILE *f, const char *text, size_t n);
/* Length of the valid UTF-8 character at t[0..n), or 0 when invalid. */
size_t cli_utf8_char(const char *t, size_t n);

struct option;
/* getopt_long with sift's messages (opterr off): returns the option, or
 * -1 at the end, or '?' after printing one usage line: "unknown option
 * '--frobnicate' (did you mean --format?)", "option --config needs an
 * argument", "option --summary takes no argument", "unknown option -x".
 * On '?' the command returns SIFT_EXIT_USAGE. */
int cli_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
               const struct option *lo);

/* Parse s as a whole decimal number in [min, max] into *out; -1 when
 * it is not one (junk, overflow, out of range). */
int cli_number(const char *s, long min, long max, long *out);

/* The options eval, train and tune share.  Each parses arg into *out,
 * or prints the usage message for cmd and returns SIFT_EXIT_USAGE.
 * cli_folds: 2..100 folds, opt naming the option ("--cv", "-k");
 * cli_group: none, doc, topic or source; cli_seed: 0..4294967295. */
int cli_folds(const char *cmd, const char *opt, const char *arg, long *out);
int cli_group(const char *cmd, const char *arg, int *out);
int cli_seed(const char *cmd, const char *arg, unsigned *out);

/* Progress line on stderr when it is a terminal ("\r..." updates). */
int cli_progress_on(void);
void cli_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_progress_done(void);

/* A progress line that says how long a step has run and, once some of
 * it is done, how long it has left: "WHAT, 1m02s elapsed, ETA 3m10s",
 * redrawn every second by a thread while the step runs.  Only when
 * cli_progress_on().  cli_ticker_set: what is being done and the
 * fraction done (0 when unknown: the ETA stays as it was). */
double cli_now(void);
void cli_ticker_start(double expect_seconds); /* 0: unknown */
void cli_ticker_set(double done, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_ticker_stop(void);

/* An output written whole or not at all: a temporary beside path (its
 * name into tmp, size bytes), with the mode of the file it will replace
 * or else what the umask gives, after sweeping temporaries a killed run
 * left; or, for a device or FIFO, path itself (tmp is then ""), since
 * renaming over those would replace them.  NULL with errno set on
 * failure. */
FILE *cli_output_open(const char *path, char *tmp, size_t size);
/* Flush, sync and close f, then rename tmp (when not "") over path.
 * 0, or -1 with errno set (tmp is left for the caller to unlink). */
int cli_output_commit(FILE *f, char *tmp, const char *path);

/* Read a whole file ("-" = stdin) into a malloc'd buffer. */
int cli_read_file(const char *path, char **text, size_t *len,
                  size_t max_bytes, struct sift_error *err);

/* Whether text (the start of a file) looks like labeled samples: most
 * of its first lines hold one of p's labels as a TAB-separated field. */
int cli_looks_like_samples(const char *text, size_t len,
                           const struct sift_pipeline *p);
/* Warn on stderr when the regular file path looks like labeled samples,
 * suggesting 'sift eval'. */
void cli_warn_samples(const char *cmd, const char *path,
                      const struct sift_pipeline *p);

/* Index of the best-scoring of p's labels other than label (scores
 * holds one per label), or -1 when there is no other. */
int cli_runner_up(const struct sift_pipeline *p, int label,
                  const double *scores);

struct sift_samples;

/* Read sample files, labels fixed to p's declared labels (if any); bad
 * lines are reported on stderr when skip_bad. */
int cli_load_samples(struct sift_samples *ss, const struct sift_pipeline *p,
                     char **paths, int n, int skip_bad, struct sift_error *err);
/* "N samples (label n, ...)" for samples idx[0..n) (all when NULL). */
void cli_print_counts(FILE *f, const struct sift_samples *ss, const size_t *idx,
                      size_t n);

#endif
