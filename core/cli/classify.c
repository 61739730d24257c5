/*
 * classify.c - `sift classify`: label every sentence of files, directory
 * trees or stdin, on N threads, writing rows in input order whatever N is.
 *
 * Inputs are listed first (directories walked in byte order of names,
 * symlinks not followed unless asked).  Then every input is read as
 * chunks of at most --chunk-bytes (chunk.c: cut at newlines with --lines,
 * at sentence boundaries otherwise); worker threads take chunks in order
 * and render their rows into memory, and the main thread writes the
 * chunks in input order.  Workers run at most a ring of chunks ahead of
 * the writer, so memory is bounded by jobs x chunk size whatever the
 * size of the input.  With -o the rows go to a temporary file renamed
 * into place only when everything succeeded.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chunk.h"
#include "cli.h"
#include "file.h"
#include "html.h"
#include "rowfmt.h"
#include "samples.h"

enum fmt { FMT_TSV, FMT_JSONL, FMT_HTML, FMT_LIBSVM };

struct opts {
    const char *ini, *model, *out, *files_from;
    char **include, **exclude;
    size_t ninclude, nexclude;
    size_t *include_hits; /* per --include: files it let through */
    int jobs, lines, summary, follow, no_header;
    enum fmt format;
    int *only;            /* per label: 1 to print */
    const char *only_arg;
    double min_conf;
    size_t max_bytes;
    size_t chunk_bytes;
};

/* An input: a path to read, or a listing problem to report. */
struct job {
    char *path;
    char *warning;        /* why the input is skipped, or NULL */
};

/* One chunk on its way from the reader to the writer. */
struct slot {
    size_t job;           /* index in run.jobs */
    struct chunk c;       /* the text, freed once rendered */
    int first;            /* the first chunk of its input */
    char *warning;        /* the input is skipped (c.last is set) */
    char *buf;            /* rendered rows */
    size_t len;
    size_t rows;          /* sentences (or lines) in this chunk */
    size_t row_end;       /* rows of the input up to the end of it */
    size_t *counts;       /* per label */
    int based, done;      /* row_end is known; rendered */
    struct sift_html_doc *hd; /* html: the document (one chunk each) */
};

struct run {
    const struct opts *o;
    const struct sift_pipeline *p;
    struct job *jobs;
    size_t njobs, job;    /* inputs; the next one to open */
    struct chunk_reader rd; /* the input being read, when rd.f is set */
    char why[600];        /* chunk_open/chunk_next's reason, formatted */
    struct slot *slots;   /* ring: chunk k lives in slots[k % nslots] */
    size_t nslots, next, written; /* ring size, chunks taken, written */
    int fed;              /* every input has been read */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int failed;
    struct sift_error err;
    struct sift_html *html; /* the report, with --format html */
};

/* What the writer has seen so far. */
struct tally {
    size_t files, skipped, sentences, bytes;
    size_t *total, *file; /* per label: everything, the current input */
    size_t file_sentences;
    struct timespec t0;
};

/* Default --chunk-bytes: lines, and documents (larger, so that nearly
 * every document is segmented whole: the segmenter's hard-wrap detection
 * looks at the whole text it is given). */
static const size_t CHUNK_LINES = 256u << 10, CHUNK_DOCS = 1u << 20;

/* ---- input listing ---- */

struct list {
    char **v;
    size_t n, cap;
};

static int list_add(struct list *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(s)))
        return -1;
    l->n++;
    return 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int wanted(const struct opts *o, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; i < o->nexclude; i++)
        if (!fnmatch(o->exclude[i], base, 0) ||
            !fnmatch(o->exclude[i], path, 0))
            return 0;
    if (!o->ninclude)
        return 1;
    for (size_t i = 0; i < o->ninclude; i++)
        if (!fnmatch(o->include[i], base, 0) ||
            !fnmatch(o->include[i], path, 0)) {
            o->include_hits[i]++;
            return 1;
        }
    return 0;
}

/* A listing problem, reported in input order: the path and why. */
struct warn {
    char *path, *why;
};

struct warnings {
    struct warn *v;
    size_t n, cap;
};

static int warn_add(struct warnings *w, const char *path, const char *why)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        struct warn *v = realloc(w->v, cap * sizeof *v);
        if (!v)
            return -1;
        w->v = v;
        w->cap = cap;
    }
    w->v[w->n].path = strdup(path);
    w->v[w->n].why = strdup(why);
    if (!w->v[w->n].path || !w->v[w->n].why) {
        free(w->v[w->n].path);
        free(w->v[w->n].why);
        return -1;
    }
    w->n++;
    return 0;
}

static int walk(const struct opts *o, const char *path, struct list *files,
                struct warnings *warn, int top, int depth);

/* The entries of directory path, walked in byte order of names. */
static int walk_dir(const struct opts *o, const char *path, struct list *files,
                    struct warnings *warn, int depth)
{
    DIR *d;
    struct dirent *e;
    struct list names = {0};
    size_t pl = strlen(path);
    int rc = 0;
    if (depth > 64)
        return warn_add(warn, path,
                        "directories nested too deep "
                        "(symlink loop?)");
    if (!(d = opendir(path)))
        return warn_add(warn, path, strerror(errno));
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            list_add(&names, e->d_name)) {
            rc = -1;
            break;
        }
    closedir(d);
    if (names.n > 1)
        qsort(names.v, names.n, sizeof *names.v, cmp_name);
    for (size_t i = 0; i < names.n && !rc; i++) {
        char *child;
        if (asprintf(&child, "%s%s%s", path,
                     pl && path[pl - 1] == '/' ? "" : "/", names.v[i]) < 0) {
            rc = -1;
            break;
        }
        rc = walk(o, child, files, warn, 0, depth + 1);
        free(child);
    }
    for (size_t i = 0; i < names.n; i++)
        free(names.v[i]);
    free(names.v);
    return rc;
}

/* Append path (a file, or a directory walked recursively).  Problems
 * become warnings so they are reported in order.  Returns -1 only when
 * memory runs out. */
static int walk(const struct opts *o, const char *path, struct list *files,
                struct warnings *warn, int top, int depth)
{
    struct stat st;
    if ((o->follow || top ? stat(path, &st) : lstat(path, &st)) != 0)
        return warn_add(warn, path, strerror(errno));
    if (S_ISLNK(st.st_mode))
        return 0; /* not followed: --follow-symlinks to follow */
    if (S_ISDIR(st.st_mode))
        return walk_dir(o, path, files, warn, depth);
    if (!top && !wanted(o, path))
        return 0;
    if (!S_ISREG(st.st_mode) && !top)
        return warn_add(warn, path, "not a regular file");
    return list_add(files, path);
}
/* ---- one chunk ---- */

/* The sentence's feature vector in libsvm's format (1-based indices),
 * after the predicted label's index: input for svm-train/svm-predict. */
static void put_libsvm(FILE *f, int label, const struct sift_vector *v)
{
    fprintf(f, "%d", label);
    for (size_t i = 0; i < v->n; i++)
        fprintf(f, " %u:%.8g", (unsigned)v->f[i].index + 1, v->f[i].value);
    putc('\n', f);
}

/* "\t<index>\t<start>\t<end>\t" at b; returns the length. */
static size_t fmt_place(char *b, size_t index, size_t start, size_t end)
{
    size_t n = 0;
    b[n++] = '\t';
    n += rowfmt_size(b + n, index);
    b[n++] = '\t';
    n += rowfmt_size(b + n, start);
    b[n++] = '\t';
    n += rowfmt_size(b + n, end);
    b[n++] = '\t';
    return n;
}

static void put_tsv(FILE *f, const struct sift_pipeline *p, const char *path,
                    size_t index, size_t start, size_t end, const char *s,
                    int label, const double *scores)
{
    char b[4 * ROWFMT_MAX];
    size_t n = fmt_place(b, index, start, end);
    cli_tsv_path(f, path);
    fwrite(b, 1, n, f);
    const char *name = sift_pipeline_labels(p, NULL)[label];
    cli_tsv_text(f, name, strlen(name));
    b[0] = '\t';
    n = 1 + rowfmt_fixed4(b + 1, scores[label]);
    b[n++] = '\t';
    fwrite(b, 1, n, f);
    cli_tsv_text(f, s, end - start);
    putc('\n', f);
}

static void put_jsonl(FILE *f, const struct sift_pipeline *p,
                      const char *path, size_t index, size_t start,
                      size_t end, const char *s, int label,
                      const double *scores)
{
    char b[ROWFMT_MAX];
    size_t k;
    char *const *labels = sift_pipeline_labels(p, &k);
    fputs("{\"path\": \"", f);
    cli_put_json(f, path, strlen(path));
    fputs("\", \"index\": ", f);
    fwrite(b, 1, rowfmt_size(b, index), f);
    fputs(", \"start\": ", f);
    fwrite(b, 1, rowfmt_size(b, start), f);
    fputs(", \"end\": ", f);
    fwrite(b, 1, rowfmt_size(b, end), f);
    fputs(", \"label\": \"", f);
    cli_put_json(f, labels[label], strlen(labels[label]));
    fputs("\", \"confidence\": ", f);
    fwrite(b, 1, rowfmt_fixed4(b, scores[label]), f);
    fputs(", \"scores\": {", f);
    for (size_t i = 0; i < k; i++) {
        fputs(i ? ", \"" : "\"", f);
        cli_put_json(f, labels[i], strlen(labels[i]));
        fputs("\": ", f);
        fwrite(b, 1, rowfmt_fixed4(b, scores[i]), f);
    }
    fputs("}, \"text\": \"", f);
    cli_put_json(f, s, end - start);
    fputs("\", \"model\": \"", f);
    const char *model = sift_pipeline_name(p) ? sift_pipeline_name(p) : "";
    cli_put_json(f, model, strlen(model));
    fprintf(f, "\", \"format\": %d}\n", CLI_ROWS_FORMAT);
}

/* One row: sentence `index` of path, bytes [start, end) of the input,
 * whose text is s.  (html: sift_html_sentence(), in sentence().) */
static void put_row(FILE *f, const struct run *r, const char *path,
                    size_t index, size_t start, size_t end, const char *s,
                    int label, const double *scores)
{
    if (r->o->format == FMT_TSV)
        put_tsv(f, r->p, path, index, start, end, s, label, scores);
    else
        put_jsonl(f, r->p, path, index, start, end, s, label, scores);
}

/* Classify the sentence text[a, b) of slot s and render its row, the
 * index-th of its input. */
static int sentence(struct run *r, struct sift_worker *w, struct slot *s,
                    FILE *f, size_t index, size_t a, size_t b,
                    double *scores, struct sift_error *err)
{
    const struct opts *o = r->o;
    const char *t = s->c.text + a;
    struct sift_vector v;
    int label, rc;
    /* one featurization, kept for the libsvm row and the report's "why" */
    if ((rc = sift_worker_vector(w, t, b - a, &v, err)) ||
        (rc = sift_worker_predict(w, &v, &label, scores, err)))
        return rc;
    s->counts[label]++;
    if (o->format == FMT_LIBSVM) {
        put_libsvm(f, label, &v);
        return 0;
    }
    if ((o->only && !o->only[label]) || scores[label] < o->min_conf)
        return 0;
    if (o->format == FMT_HTML)
        sift_html_sentence(s->hd, index, a, b, label, scores, &v);
    else
        put_row(f, r, r->jobs[s->job].path, index, s->c.offset + a,
                s->c.offset + b, t, label, scores);
    return 0;
}

/* Lines in text[0..n): newlines, plus a last line without one. */
static size_t count_lines(const char *t, size_t n)
{
    size_t k = 0;
    for (const char *p = t, *e = t + n; (p = memchr(p, '\n', e - p)); p++)
        k++;
    return k + (n && t[n - 1] != '\n');
}

/* The rows before slot s (chunk seq) in its input, once the chunk
 * before it has counted its own; records s's count for the next. */
static size_t row_base(struct run *r, struct slot *s, size_t seq)
{
    size_t base = 0;
    pthread_mutex_lock(&r->mu);
    if (!s->first) {
        const struct slot *prev = &r->slots[(seq - 1) % r->nslots];
        while (!prev->based && !r->failed)
            pthread_cond_wait(&r->cv, &r->mu);
        base = prev->row_end;
    }
    s->row_end = base + s->rows;
    s->based = 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    return base;
}

/* Every row of slot s: its lines, or the sentences sp[0..s->rows). */
static int render(struct run *r, struct sift_worker *w, struct slot *s,
                  FILE *f, const struct sift_span *sp, size_t base,
                  double *scores, struct sift_error *err)
{
    const char *t = s->c.text;
    size_t len = s->c.len, a = 0;
    int rc = 0;
    if (!r->o->lines) {
        for (size_t k = 0; k < s->rows && !rc; k++)
            rc = sentence(r, w, s, f, base + k + 1, sp[k].start, sp[k].end,
                          scores, err);
        return rc;
    }
    for (size_t line = base + 1; a < len && !rc; line++) {
        const char *nl = memchr(t + a, '\n', len - a);
        size_t b = nl ? (size_t)(nl - t) : len, e = b;
        if (e > a && t[e - 1] == '\r')
            e--;
        rc = sentence(r, w, s, f, line, a, e, scores, err);
        a = b + 1;
    }
    return rc;
}

static void fail_run(struct run *r, int rc, const char *path,
                     const struct sift_error *err)
{
    pthread_mutex_lock(&r->mu);
    if (!r->failed)
        sift_fail(&r->err, rc, "%s: %s", path, err->msg);
    r->failed = 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
}

/* Segment (or count the lines of) chunk seq in slot s, then render its
 * rows into s->buf. */
static int do_chunk(struct run *r, struct sift_worker *w, struct slot *s,
                    size_t seq, double *scores)
{
    const struct opts *o = r->o;
    struct sift_error err = {0};
    const struct sift_span *sp = NULL;
    FILE *f = NULL;
    size_t base;
    int rc = 0;
    if (o->lines)
        s->rows = count_lines(s->c.text, s->c.len);
    else
        rc = sift_worker_segment(w, s->c.text, s->c.len, &sp, &s->rows, &err);
    if (!rc && !(f = open_memstream(&s->buf, &s->len)))
        rc = sift_fail(&err, SIFT_ENOMEM, "out of memory");
    if (rc) {
        fail_run(r, rc, r->jobs[s->job].path, &err);
        return rc;
    }
    base = row_base(r, s, seq);
    /* html reads each input whole (parse_args): one chunk, one document */
    if (o->format == FMT_HTML)
        s->hd = sift_html_doc_begin(r->html, f, w, s->job,
                                    r->jobs[s->job].path, s->c.text,
                                    s->c.len);
    rc = render(r, w, s, f, sp, base, scores, &err);
    if (o->format == FMT_HTML && sift_html_doc_end(s->hd, s->counts) && !rc)
        rc = sift_fail(&err, SIFT_ENOMEM, "out of memory");
    if (fclose(f) && !rc)
        rc = sift_fail(&err, SIFT_ENOMEM, "out of memory");
    free(s->c.text);
    s->c.text = NULL;
    if (rc)
        fail_run(r, rc, r->jobs[s->job].path, &err);
    return rc;
}

/* ---- the reader: chunks in input order, under r->mu ---- */

static void slot_reset(struct slot *s, size_t nlabels)
{
    size_t *counts = s->counts;
    memset(s, 0, sizeof *s);
    s->counts = counts;
    memset(counts, 0, nlabels * sizeof *counts);
}

/* Take the next chunk of input into slot s: 1 when there is one (or an
 * input to report as skipped), 0 at the end of the inputs, -1 when out
 * of memory. */
static int feed(struct run *r, struct sift_worker *w, struct slot *s)
{
    const struct opts *o = r->o;
    const char *why;
    int rc = 0;
    slot_reset(s, sift_pipeline_nlabels(r->p));
    s->job = r->job - (r->rd.f != NULL);
    if (!r->rd.f) {
        if (r->job == r->njobs)
            return 0;
        s->first = 1;
        why = r->jobs[r->job++].warning;
        rc = why ? 1
                 : chunk_open(&r->rd, r->jobs[s->job].path, o->lines,
                              o->chunk_bytes, o->max_bytes, &why, r->why,
                              sizeof r->why);
    }
    if (!rc)
        rc = chunk_next(&r->rd, w, &s->c, &why, r->why, sizeof r->why);
    if (rc || s->c.last)
        chunk_close(&r->rd);
    if (rc > 0) {
        s->c.last = s->based = 1;
        s->row_end = 0;
        if (!(s->warning = strdup(why)))
            return -1;
    }
    return rc < 0 ? -1 : 1;
}

/* Under r->mu: wait for room in the ring, then take the next chunk into
 * *seq's slot.  NULL when there is nothing more to do. */
static struct slot *take(struct run *r, struct sift_worker *w, size_t *seq)
{
    struct slot *s;
    int got;
    /* One slot stays free: chunk k's slot is not reused before chunk
     * k + 1, written after it, has read its row_end (row_base()). */
    while (!r->failed && !r->fed && r->next + 1 >= r->written + r->nslots)
        pthread_cond_wait(&r->cv, &r->mu);
    if (r->failed || r->fed)
        return NULL;
    s = &r->slots[r->next % r->nslots];
    if ((got = feed(r, w, s)) <= 0) {
        if (got < 0 && !r->failed)
            sift_fail(&r->err, SIFT_ENOMEM, "out of memory");
        r->failed |= got < 0;
        r->fed = 1;
        pthread_cond_broadcast(&r->cv);
        return NULL;
    }
    *seq = r->next++;
    return s;
}

static void *worker_main(void *arg)
{
    struct run *r = arg;
    struct sift_error err = {0};
    struct sift_worker *w = sift_worker_new(r->p, &err);
    double *scores = malloc(sift_pipeline_nlabels(r->p) * sizeof *scores);
    struct slot *s;
    size_t seq;
    pthread_mutex_lock(&r->mu);
    if (!w || !scores) {
        if (!r->failed)
            r->err = err;
        r->failed = 1;
    }
    while ((s = take(r, w, &seq))) {
        pthread_mutex_unlock(&r->mu);
        if (!s->warning)
            do_chunk(r, w, s, seq, scores);
        pthread_mutex_lock(&r->mu);
        s->done = 1;
        pthread_cond_broadcast(&r->cv);
    }
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    free(scores);
    sift_worker_free(w);
    return NULL;
}

/* ---- output file, replaced only on success ---- */

static char tmp_out[4096];

static void on_signal(int sig)
{
    if (tmp_out[0])
        unlink(tmp_out);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Where -o's rows go until they are complete (cli_output_open()). */
static FILE *open_output(const char *path)
{
    FILE *f = cli_output_open(path, tmp_out, sizeof tmp_out);
    if (!f)
        fprintf(stderr, "sift classify: %s: cannot create: %s\n", path,
                strerror(errno));
    return f;
}

static int parse_only(struct opts *o, const struct sift_pipeline *p)
{
    char *const *labels = sift_pipeline_labels(p, NULL);
    const char *q = o->only_arg;
    o->only = calloc(sift_pipeline_nlabels(p), sizeof *o->only);
    if (!o->only)
        return -1;
    do {
        const char *e = strchr(q, ',');
        size_t n = e ? (size_t)(e - q) : strlen(q);
        size_t k;
        if (n == 0) {
            cli_usage("classify",
                      "--only takes labels separated by commas, "
                      "not '%s'",
                      o->only_arg);
            return 1;
        }
        for (k = 0; k < sift_pipeline_nlabels(p); k++)
            if (strlen(labels[k]) == n && !strncmp(labels[k], q, n))
                break;
        if (k == sift_pipeline_nlabels(p)) {
            fprintf(stderr, "sift classify: --only: unknown label '%.*s' "
                            "(the model's labels:", (int)n, q);
            for (k = 0; k < sift_pipeline_nlabels(p); k++)
                fprintf(stderr, " %s", labels[k]);
            fprintf(stderr, ")\n");
            return 1;
        }
        o->only[k] = 1;
        q = e ? e + 1 : q + n;
    } while (*q || q[-1] == ',');
    return 0;
}

static const char help[] =
    "usage: sift classify [-c INI | -m DIR] [options] PATH...\n"
    "\n"
    "Label every sentence of each file, of every file under each directory,\n"
    "or of stdin ('-').  Rows come out in input order whatever -j is\n"
    "(docs/ROWS.md describes them):\n"
    "  tsv:   a header line, then path, index, start, end, label,\n"
    "         confidence, text; a field holding a double quote is quoted\n"
    "         (\"...\", inner quotes doubled) as pandas and csvkit read it\n"
    "  jsonl: the same fields plus every label's score, model and format\n"
    "  html:  one self-contained page to read: contents, documents with\n"
    "         sentences highlighted by label, a list of each label\n"
    "  libsvm: each sentence's feature vector (for svm-train/svm-predict)\n"
    "\n"
    "  -c, --config INI       pipeline (default ./pipeline.ini, else the\n"
    "                         installed one); its [pipeline] model is the\n"
    "                         bundle to use\n"
    "  -v, --verbose          say which pipeline and model are used\n"
    "  -m, --model DIR        model bundle (checked against -c when both)\n"
    "  -j, --jobs N           worker threads (default: number of CPUs)\n"
    "  -f, --format FMT       tsv (default), jsonl, html or libsvm\n"
    "  -o, --output FILE      write here (replaced only when complete;\n"
    "                         '-' is stdout)\n"
    "      --no-header        tsv: no header line\n"
    "      --lines            input is one sentence a line: one row a line\n"
    "      --only L1,L2       print only these labels\n"
    "      --min-confidence X print only rows with confidence >= X\n"
    "      --summary          per-file and total counts per label (stderr)\n"
    "      --files-from FILE  read paths from FILE, one a line ('-' stdin)\n"
    "      --include GLOB     in directories, only files matching GLOB\n"
    "      --exclude GLOB     skip files matching GLOB\n"
    "      --follow-symlinks  follow symbolic links inside directories\n"
    "      --max-bytes N      skip files larger than N (default 64 MiB;\n"
    "                         from stdin or a pipe, rows before the\n"
    "                         limit are kept)\n"
    "      --chunk-bytes N    read inputs in pieces of about N bytes, cut\n"
    "                         at lines or sentences (default 256 KiB\n"
    "                         with --lines, else 1 MiB): memory is about\n"
    "                         2 x jobs x N.  Documents longer than N may\n"
    "                         be segmented a little differently (hard\n"
    "                         wrapping is detected per piece); html\n"
    "                         reads each input whole\n"
    "\n"
    "Binary, unreadable and oversized files are skipped with a warning\n"
    "each.  A progress line shows on stderr when it is a terminal and\n"
    "SIFT_NO_PROGRESS is not set.  Exit status: 0 all done, 1 failure,\n"
    "2 usage, 3 some files skipped.\n";

static int add_glob(char ***v, size_t *n, const char *g)
{
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv)
        return -1;
    nv[(*n)++] = (char *)g;
    *v = nv;
    return 0;
}

/* The options that take a value to check (-j, -f, --min-confidence,
 * --max-bytes, --chunk-bytes, --include, --exclude); 0, or an exit
 * status.  Any other c is cli_getopt()'s report of a bad option. */
static int parse_value(int c, struct opts *o)
{
    char *end;
    switch (c) {
    case 'j': {
        long j;
        errno = 0;
        j = strtol(optarg, &end, 10);
        if (errno || end == optarg || *end || j < 1 || j > 256)
            return cli_usage("classify", "-j takes 1..256, not '%s'",
                             optarg);
        o->jobs = (int)j;
        break;
    }
    case 'f': {
        static const char *const names[] = {"tsv", "jsonl", "html",
                                            "libsvm"};
        int k = 0;
        while (k < 4 && strcmp(optarg, names[k]))
            k++;
        if (k == 4)
            return cli_usage("classify", "--format takes tsv, jsonl, "
                                         "html or libsvm, not '%s'",
                             optarg);
        o->format = (enum fmt)k; /* FMT_TSV .. FMT_LIBSVM, in this order */
        break;
    }
    case 'C':
        o->min_conf = strtod(optarg, &end);
        if (*end || !(o->min_conf >= 0 && o->min_conf <= 1))
            return cli_usage("classify", "--min-confidence takes a "
                                         "number in [0, 1]");
        break;
    case 'B':
        errno = 0;
        o->max_bytes = strtoull(optarg, &end, 10);
        if (errno || *end || !o->max_bytes ||
            !isdigit((unsigned char)*optarg))
            return cli_usage("classify", "--max-bytes takes a positive "
                                         "number of bytes");
        break;
    case 'K': {
        long k;
        if (cli_number(optarg, 1, 1L << 30, &k))
            return cli_usage("classify", "--chunk-bytes takes 1..%ld, "
                                         "not '%s'", 1L << 30, optarg);
        o->chunk_bytes = (size_t)k;
        break;
    }
    case 'I':
        if (add_glob(&o->include, &o->ninclude, optarg) ||
            !(o->include_hits =
                  realloc(o->include_hits, o->ninclude * sizeof(size_t))))
            return SIFT_EXIT_FAIL;
        o->include_hits[o->ninclude - 1] = 0;
        break;
    case 'X':
        if (add_glob(&o->exclude, &o->nexclude, optarg))
            return SIFT_EXIT_FAIL;
        break;
    default:
        return SIFT_EXIT_USAGE; /* cli_getopt said why */
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option lo[] = {
        {"config", required_argument, 0, 'c'},
        {"model", required_argument, 0, 'm'},
        {"jobs", required_argument, 0, 'j'},
        {"format", required_argument, 0, 'f'},
        {"output", required_argument, 0, 'o'},
        {"lines", no_argument, 0, 'L'},
        {"only", required_argument, 0, 'O'},
        {"min-confidence", required_argument, 0, 'C'},
        {"summary", no_argument, 0, 'S'},
        {"files-from", required_argument, 0, 'F'},
        {"include", required_argument, 0, 'I'},
        {"exclude", required_argument, 0, 'X'},
        {"follow-symlinks", no_argument, 0, 'Y'},
        {"max-bytes", required_argument, 0, 'B'},
        {"chunk-bytes", required_argument, 0, 'K'},
        {"verbose", no_argument, 0, 'v'},
        {"no-header", no_argument, 0, 'H'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cpus > 0 ? (int)cpus : 1;
    o->max_bytes = 64u << 20;
    while ((c = cli_getopt("classify", argc, argv, "c:m:j:f:o:vh", lo)) !=
           -1) {
        switch (c) {
        case 'c': o->ini = optarg; break;
        case 'm': o->model = optarg; break;
        case 'o': o->out = strcmp(optarg, "-") ? optarg : NULL; break;
        case 'H': o->no_header = 1; break;
        case 'L': o->lines = 1; break;
        case 'S': o->summary = 1; break;
        case 'Y': o->follow = 1; break;
        case 'v': cli_verbose = 1; break;
        case 'F': o->files_from = optarg; break;
        case 'O': o->only_arg = optarg; break;
        case 'h':
            fputs(help, stdout);
            return -1;
        default: {
            int rc = parse_value(c, o);
            if (rc)
                return rc;
        }
        }
    }
    if (o->format == FMT_HTML)
        o->chunk_bytes = o->max_bytes; /* the report shows documents */
    else if (!o->chunk_bytes)
        o->chunk_bytes = o->lines ? CHUNK_LINES : CHUNK_DOCS;
    if (optind >= argc && !o->files_from)
        return cli_usage("classify", "no input: give files, directories, "
                                     "'-' or --files-from");
    return 0;
}

static int read_list(const char *from, struct list *paths)
{
    FILE *f = strcmp(from, "-") ? fopen(from, "r") : stdin;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0;
    if (!f) {
        fprintf(stderr, "sift classify: %s: cannot open: %s\n", from,
                strerror(errno));
        return -1;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n && list_add(paths, line)) {
            rc = -1;
            errno = ENOMEM;
            break;
        }
    }
    if (!rc && ferror(f))
        rc = -1;
    if (rc)
        fprintf(stderr, "sift classify: %s: read error: %s\n", from,
                strerror(errno));
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

static void summary_line(FILE *f, const struct sift_pipeline *p,
                         const char *name, const size_t *counts, size_t n)
{
    cli_put_field(f, name, strlen(name));
    fprintf(f, "\t%zu sentences", n);
    for (size_t k = 0; k < sift_pipeline_nlabels(p); k++)
        fprintf(f, "\t%s %zu", sift_pipeline_labels(p, NULL)[k], counts[k]);
    fputc('\n', f);
}

/* ---- the writer: chunks in input order ---- */

static void progress(const struct run *r, const struct tally *t)
{
    struct timespec t1;
    size_t done = t->files + t->skipped;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t->t0.tv_sec) +
               (double)(t1.tv_nsec - t->t0.tv_nsec) / 1e9;
    double rate = s > 0 ? (double)t->bytes / s : 0;
    cli_progress("%zu/%zu files, %zu sentences, %.1f MB/s, ETA %.0fs", done,
                 r->njobs, t->sentences, rate / 1e6,
                 rate > 0 && done ? (double)(r->njobs - done) *
                                        ((double)t->bytes / (double)done) /
                                        rate
                                  : 0.0);
}

/* Write slot s's rows (or its warning) and count them.  -1 on a write
 * error. */
static int put_slot(const struct run *r, struct slot *s, FILE *out,
                    struct tally *t)
{
    const struct sift_pipeline *p = r->p;
    const char *path = r->jobs[s->job].path;
    if (s->first) {
        memset(t->file, 0, sift_pipeline_nlabels(p) * sizeof *t->file);
        t->file_sentences = 0;
    }
    if (s->warning) {
        fprintf(stderr, "%ssift classify: skipped ",
                cli_progress_on() ? "\r\033[K" : "");
        cli_put_field(stderr, path, strlen(path));
        fprintf(stderr, ": %s\n", s->warning);
        t->skipped++;
    } else if (s->len && fwrite(s->buf, 1, s->len, out) != s->len) {
        return -1;
    }
    t->bytes += s->c.len;
    t->sentences += s->rows;
    t->file_sentences += s->rows;
    for (size_t k = 0; k < sift_pipeline_nlabels(p); k++) {
        t->total[k] += s->counts[k];
        t->file[k] += s->counts[k];
    }
    if (s->c.last && !s->warning) {
        t->files++;
        if (r->o->summary)
            summary_line(stderr, p, path, t->file, t->file_sentences);
    }
    free(s->buf);
    free(s->warning);
    s->buf = s->warning = NULL;
    if (s->c.last && cli_progress_on())
        progress(r, t);
    return 0;
}

/* Write every chunk in order as the workers finish them.  -1 when the
 * run failed (r->err says why). */
static int write_all(struct run *r, FILE *out, struct tally *t)
{
    for (size_t seq = 0;; seq++) {
        struct slot *s = &r->slots[seq % r->nslots];
        int stop, rc, e;
        pthread_mutex_lock(&r->mu);
        while (!r->failed && !(seq < r->next && s->done) &&
               !(r->fed && seq >= r->next))
            pthread_cond_wait(&r->cv, &r->mu);
        stop = r->failed || seq >= r->next;
        pthread_mutex_unlock(&r->mu);
        if (stop)
            return r->failed ? -1 : 0;
        rc = put_slot(r, s, out, t);
        e = errno;
        pthread_mutex_lock(&r->mu);
        if (rc && !r->failed)
            sift_fail(&r->err, SIFT_EIO, "write error: %s", strerror(e));
        r->failed |= rc != 0;
        r->written = seq + 1;
        pthread_cond_broadcast(&r->cv);
        pthread_mutex_unlock(&r->mu);
        if (rc)
            return -1;
    }
}

/* ---- the command ---- */

/* The inputs as jobs: listing problems first, then the files in order.
 * Returns an exit status, or -1 to go on. */
static int list_inputs(struct opts *o, int argc, char **argv, struct run *r)
{
    struct list inputs = {0}, files = {0};
    struct warnings warn = {0};
    int status = -1;
    for (int i = optind; i < argc; i++) {
        if (list_add(&inputs, argv[i]))
            goto nomem;
        cli_warn_samples("classify", argv[i], r->p);
    }
    if (o->files_from && read_list(o->files_from, &inputs)) {
        status = SIFT_EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < inputs.n; i++)
        if (!strcmp(inputs.v[i], "-") ? list_add(&files, "-")
                                       : walk(o, inputs.v[i], &files, &warn,
                                              1, 0))
            goto nomem;
    if (!(r->jobs = calloc(warn.n + files.n + 1, sizeof *r->jobs)))
        goto nomem;
    r->njobs = warn.n + files.n;
    for (size_t i = 0; i < warn.n; i++) {
        r->jobs[i].path = warn.v[i].path;
        r->jobs[i].warning = warn.v[i].why;
    }
    for (size_t i = 0; i < files.n; i++)
        r->jobs[warn.n + i].path = files.v[i];
    warn.n = files.n = 0;
    goto out;
nomem:
    fprintf(stderr, "sift classify: out of memory\n");
    status = SIFT_EXIT_FAIL;
out:
    for (size_t i = 0; i < warn.n; i++) {
        free(warn.v[i].path);
        free(warn.v[i].why);
    }
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    for (size_t i = 0; i < inputs.n; i++)
        free(inputs.v[i]);
    free(warn.v);
    free(files.v);
    free(inputs.v);
    return status;
}

/* --include patterns that let no file through, each said on stderr. */
static size_t unmatched_includes(const struct opts *o)
{
    size_t n = 0;
    for (size_t i = 0; i < o->ninclude; i++)
        if (!o->include_hits[i]) {
            fprintf(stderr, "sift classify: --include '%s' matched no file\n",
                    o->include[i]);
            n++;
        }
    return n;
}

/* The ring of chunks and the writer's counters. */
static int alloc_run(struct run *r, struct tally *t)
{
    size_t nl = sift_pipeline_nlabels(r->p);
    r->nslots = 2 * (size_t)r->o->jobs + 2;
    r->slots = calloc(r->nslots, sizeof *r->slots);
    t->total = calloc(nl, sizeof *t->total);
    t->file = calloc(nl, sizeof *t->file);
    if (!r->slots || !t->total || !t->file)
        return -1;
    for (size_t i = 0; i < r->nslots; i++)
        if (!(r->slots[i].counts = calloc(nl, sizeof(size_t))))
            return -1;
    return 0;
}

static void free_run(struct run *r, struct tally *t)
{
    for (size_t i = 0; i < r->njobs; i++) {
        free(r->jobs[i].path);
        free(r->jobs[i].warning);
    }
    for (size_t i = 0; r->slots && i < r->nslots; i++) {
        free(r->slots[i].c.text);
        free(r->slots[i].buf);
        free(r->slots[i].warning);
        free(r->slots[i].counts);
    }
    chunk_close(&r->rd);
    sift_html_free(r->html);
    free(r->jobs);
    free(r->slots);
    free(t->total);
    free(t->file);
}

/* Start o->jobs workers, write every chunk, join the workers.  -1 when
 * the run failed (r->err says why), -2 when no thread started. */
static int run_workers(struct run *r, FILE *out, struct tally *t)
{
    pthread_t *th = calloc((size_t)r->o->jobs, sizeof *th);
    int started = 0, rc;
    if (!th)
        return sift_fail(&r->err, SIFT_ENOMEM, "out of memory"), -1;
    clock_gettime(CLOCK_MONOTONIC, &t->t0);
    for (int i = 0; i < r->o->jobs; i++) {
        if (pthread_create(&th[i], NULL, worker_main, r))
            break;
        started++;
    }
    if (!started) {
        free(th);
        return -2;
    }
    rc = write_all(r, out, t);
    pthread_mutex_lock(&r->mu);
    r->failed |= rc != 0;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(th);
    cli_progress_done();
    return r->failed ? -1 : 0;
}

/* Flush the rows and, with -o, rename the temporary into place (a
 * device or FIFO was written in place: there is no temporary). */
static int finish_output(const struct opts *o, FILE **out)
{
    FILE *f = *out;
    *out = stdout;
    if (o->out ? cli_output_commit(f, tmp_out, o->out)
               : fflush(f) || ferror(f)) {
        fprintf(stderr, "sift classify: %s: write error: %s\n",
                o->out ? o->out : "stdout", strerror(errno));
        return SIFT_EXIT_FAIL;
    }
    return 0;
}

/* Open -o's temporary (or take stdout), with signals that remove it. */
static FILE *start_output(const struct opts *o)
{
    FILE *out = stdout;
    if (o->out) {
        if (!(out = open_output(o->out)))
            return NULL;
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        signal(SIGHUP, on_signal);
    }
    return out;
}

/* Run the classification proper; returns the exit status. */
static int classify(struct run *r, struct tally *t, FILE **out,
                    size_t unmatched)
{
    const struct opts *o = r->o;
    int rc;
    if (alloc_run(r, t)) {
        fprintf(stderr, "sift classify: out of memory\n");
        return SIFT_EXIT_FAIL;
    }
    if (!(*out = start_output(o)))
        return SIFT_EXIT_FAIL;
    if (o->format == FMT_HTML &&
        !(r->html = sift_html_begin(*out, r->p, o->model, o->ini))) {
        fprintf(stderr, "sift classify: out of memory\n");
        return SIFT_EXIT_FAIL;
    }
    if (o->format == FMT_TSV && !o->no_header)
        cli_tsv_header(*out);
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv, NULL);
    rc = run_workers(r, *out, t);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
    if (rc == -2) {
        fprintf(stderr, "sift classify: cannot start threads\n");
        return SIFT_EXIT_FAIL;
    }
    if (rc)
        return cli_fail("classify", &r->err);
    if (o->format == FMT_HTML)
        sift_html_end(r->html, *out, t->total, t->sentences);
    if ((rc = finish_output(o, out)))
        return rc;
    if (o->summary)
        summary_line(stderr, r->p, "total", t->total, t->sentences);
    if (t->skipped || o->summary)
        fprintf(stderr, "sift classify: %zu files, %zu sentences, %zu "
                        "skipped\n",
                r->njobs - t->skipped, t->sentences, t->skipped);
    return t->skipped || unmatched ? SIFT_EXIT_PARTIAL : SIFT_EXIT_OK;
}

int cmd_classify(int argc, char **argv)
{
    struct opts o = {0};
    struct run r = {0};
    struct tally t = {0};
    struct sift_pipeline *p = NULL;
    FILE *out = NULL;
    int status = parse_args(argc, argv, &o);
    if (status)
        return status < 0 ? SIFT_EXIT_OK : status;
    r.o = &o;
    if (!(r.p = p = cli_open(o.ini, o.model, 1, &r.err)))
        status = cli_fail("classify", &r.err);
    else if (o.only_arg && parse_only(&o, p))
        status = SIFT_EXIT_USAGE;
    else if ((status = list_inputs(&o, argc, argv, &r)) < 0)
        status = classify(&r, &t, &out, unmatched_includes(&o));
    if (out && out != stdout)
        fclose(out);
    if (tmp_out[0]) {
        unlink(tmp_out);
        tmp_out[0] = '\0';
    }
    free_run(&r, &t);
    free(o.only);
    free(o.include);
    free(o.include_hits);
    free(o.exclude);
    sift_pipeline_free(p);
    return status;
}
