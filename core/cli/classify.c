/*
 * classify.c - `sift classify`: label every sentence of files, directory
 * trees or stdin, on N threads, writing rows in input order whatever N is.
 *
 * Files are listed first (directories walked in byte order of names,
 * symlinks not followed unless asked), then worker threads take files in
 * order and render each file's rows into a memory buffer; the main thread
 * writes the buffers in input order.  Workers run at most a window of
 * files ahead of the writer, so memory stays bounded.  With -o the rows go
 * to a temporary file renamed into place only when everything succeeded.
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

#include "cli.h"
#include "file.h"
#include "html.h"
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
};

struct job {
    char *path;
    char *buf;            /* rendered rows */
    size_t len;
    char *warning;        /* why the file was skipped, or NULL */
    size_t sentences, bytes;
    size_t *counts;       /* per label */
    int done;
};

struct run {
    const struct opts *o;
    const struct sift_pipeline *p;
    struct job *jobs;
    size_t njobs, next, written;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int failed;
    struct sift_error err;
    struct sift_html *html; /* the report, with --format html */
};

static const size_t WINDOW = 64;

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
        if (!fnmatch(o->exclude[i], base, 0) || !fnmatch(o->exclude[i], path, 0))
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

/* ---- one file ---- */

/* Why a file is not text, or NULL.  Stray NULs and bad bytes are noise
 * in real text; a tenth of control bytes, or a third of bytes that are
 * not UTF-8, is a binary file. */
static const char *binary_reason(const char *t, size_t n)
{
    size_t ctl = 0, bad = 0, look = n < 65536 ? n : 65536, i = 0;
    if (n >= 2 && ((t[0] == '\xFF' && t[1] == '\xFE') ||
                   (t[0] == '\xFE' && t[1] == '\xFF')))
        return "UTF-16 text is not supported (convert with: iconv -f UTF-16 "
               "-t UTF-8)";
    if (n >= 4 && (!memcmp(t, "\x7F" "ELF", 4) || !memcmp(t, "PK\3\4", 4) ||
                   !memcmp(t, "\x89PNG", 4) || !memcmp(t, "\xFF\xD8\xFF", 3) ||
                   !memcmp(t, "\x1F\x8B", 2) || !memcmp(t, "%PDF", 4)))
        return "binary file";
    for (size_t k = 0; k < look; k++) {
        unsigned char c = (unsigned char)t[k];
        ctl += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
    }
    while (i < look) {
        i += sift_utf8_valid(t + i, look - i);
        if (i < look && look - i > 3) {
            bad++;
            i++;
        } else {
            break;
        }
    }
    if (ctl * 10 > look || bad * 3 > look)
        return "binary file";
    return NULL;
}

/* The sentence's feature vector in libsvm's format (1-based indices),
 * after the predicted label's index: input for svm-train/svm-predict. */
static int put_libsvm(FILE *f, struct sift_worker *w, const char *text,
                      size_t n, int label, struct sift_error *err)
{
    struct sift_vector v;
    int rc = sift_worker_vector(w, text, n, &v, err);
    if (rc)
        return rc;
    fprintf(f, "%d", label);
    for (size_t i = 0; i < v.n; i++)
        fprintf(f, " %u:%.8g", (unsigned)v.f[i].index + 1, v.f[i].value);
    putc('\n', f);
    return 0;
}

static void put_row(FILE *f, const struct run *r, const char *path,
                    size_t index, size_t start, size_t end, const char *text,
                    int label, const double *scores,
                    struct sift_html_doc *hd)
{
    const struct sift_pipeline *p = r->p;
    if (r->o->format == FMT_TSV) {
        cli_tsv_path(f, path);
        fprintf(f, "\t%zu\t%zu\t%zu\t", index, start, end);
        cli_tsv_text(f, p->labels[label], strlen(p->labels[label]));
        fprintf(f, "\t%.4f\t", scores[label]);
        cli_tsv_text(f, text + start, end - start);
        putc('\n', f);
        return;
    }
    if (r->o->format == FMT_HTML) {
        sift_html_sentence(hd, index, start, end, label, scores);
        return;
    }
    fputs("{\"path\": \"", f);
    cli_put_json(f, path, strlen(path));
    fprintf(f,
            "\", \"index\": %zu, \"start\": %zu, \"end\": %zu, "
            "\"label\": \"",
            index, start, end);
    cli_put_json(f, p->labels[label], strlen(p->labels[label]));
    fprintf(f, "\", \"confidence\": %.4f, \"scores\": {", scores[label]);
    for (size_t k = 0; k < p->nlabels; k++) {
        fputs(k ? ", \"" : "\"", f);
        cli_put_json(f, p->labels[k], strlen(p->labels[k]));
        fprintf(f, "\": %.4f", scores[k]);
    }
    fputs("}, \"text\": \"", f);
    cli_put_json(f, text + start, end - start);
    fputs("\", \"model\": \"", f);
    cli_put_json(f, p->name ? p->name : "", p->name ? strlen(p->name) : 0);
    fprintf(f, "\", \"format\": %d}\n", CLI_ROWS_FORMAT);
}

static int do_file(struct run *r, struct sift_worker *w, struct job *j,
                   double *scores)
{
    const struct opts *o = r->o;
    struct sift_error err = {0};
    char *text = NULL;
    size_t len, n;
    const struct sift_span *sp;
    FILE *f;
    struct sift_html_doc *hd = NULL;
    int rc = 0;
    if (cli_read_file(j->path, &text, &len, o->max_bytes, &err)) {
        const char *colon = strstr(err.msg, ": ");
        j->warning = strdup(colon ? colon + 2 : err.msg);
        return 0;
    }
    j->bytes = len;
    const char *why = binary_reason(text, len);
    if (why) {
        j->warning = strdup(why);
        free(text);
        return 0;
    }
    f = open_memstream(&j->buf, &j->len);
    if (!f) {
        free(text);
        return sift_fail(&r->err, SIFT_ENOMEM, "out of memory");
    }
    if (o->format == FMT_HTML)
        hd = sift_html_doc_begin(r->html, f, w, (size_t)(j - r->jobs),
                                 j->path, text, len);
    if (o->lines) {
        size_t a = 0, line = 0;
        while (a < len || (a == 0 && len == 0 && line == 0)) {
            const char *nl = memchr(text + a, '\n', len - a);
            size_t b = nl ? (size_t)(nl - text) : len, e = b;
            int label;
            if (a == len && !nl)
                break;
            if (e > a && text[e - 1] == '\r')
                e--;
            line++;
            if ((rc = sift_worker_classify(w, text + a, e - a, &label, scores,
                                           &err)))
                break;
            j->counts[label]++;
            j->sentences++;
            if (o->format == FMT_LIBSVM)
                rc = put_libsvm(f, w, text + a, e - a, label, &err);
            else if ((!o->only || o->only[label]) &&
                     scores[label] >= o->min_conf)
                put_row(f, r, j->path, line, a, e, text, label, scores,
                        hd);
            if (rc)
                break;
            a = b + 1;
        }
    } else if (!(rc = sift_worker_segment(w, text, len, &sp, &n, &err))) {
        for (size_t k = 0; k < n; k++) {
            int label;
            size_t a = sp[k].start, b = sp[k].end;
            if ((rc = sift_worker_classify(w, text + a, b - a, &label, scores,
                                           &err)))
                break;
            j->counts[label]++;
            j->sentences++;
            if (o->format == FMT_LIBSVM)
                rc = put_libsvm(f, w, text + a, b - a, label, &err);
            else if ((!o->only || o->only[label]) &&
                     scores[label] >= o->min_conf)
                put_row(f, r, j->path, k + 1, a, b, text, label, scores,
                        hd);
            if (rc)
                break;
        }
    }
    if (o->format == FMT_HTML && sift_html_doc_end(hd, j->counts) && !rc)
        rc = sift_fail(&err, SIFT_ENOMEM, "out of memory");
    if (fclose(f) && !rc)
        rc = sift_fail(&err, SIFT_ENOMEM, "out of memory");
    free(text);
    if (rc) {
        pthread_mutex_lock(&r->mu);
        if (!r->failed)
            sift_fail(&r->err, rc, "%s: %s", j->path, err.msg);
        r->failed = 1;
        pthread_mutex_unlock(&r->mu);
    }
    return rc;
}

static void *worker_main(void *arg)
{
    struct run *r = arg;
    struct sift_error err = {0};
    struct sift_worker *w = sift_worker_new(r->p, &err);
    double *scores = malloc(r->p->nlabels * sizeof *scores);
    pthread_mutex_lock(&r->mu);
    if (!w || !scores) {
        if (!r->failed)
            r->err = err;
        r->failed = 1;
    }
    for (;;) {
        while (!r->failed && r->next < r->njobs &&
               r->next >= r->written + WINDOW)
            pthread_cond_wait(&r->cv, &r->mu);
        if (r->failed || r->next >= r->njobs)
            break;
        struct job *j = &r->jobs[r->next++];
        pthread_mutex_unlock(&r->mu);
        if (!j->warning)
            do_file(r, w, j, scores);
        pthread_mutex_lock(&r->mu);
        j->done = 1;
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

/* The temporary file rows go to before it is renamed to path: the mode
 * of the file it will replace, or what the umask gives a new file.
 * Temporaries a killed run left beside path are removed first. */
static FILE *open_output(const char *path)
{
    struct stat st;
    mode_t mode =
        stat(path, &st) == 0 ? st.st_mode & 07777 : sift_umask_mode(0666);
    FILE *f = NULL;
    int fd = -1;
    sift_tmp_sweep(path);
    if (sift_tmp_template(tmp_out, sizeof tmp_out, path)) {
        errno = ENAMETOOLONG;
    } else if ((fd = mkstemp(tmp_out)) >= 0 && fchmod(fd, mode) == 0) {
        f = fdopen(fd, "w");
    }
    if (!f) {
        fprintf(stderr, "sift classify: %s: cannot create: %s\n", path,
                strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp_out);
        }
        tmp_out[0] = '\0';
    }
    return f;
}

static int parse_only(struct opts *o, const struct sift_pipeline *p)
{
    const char *q = o->only_arg;
    o->only = calloc(p->nlabels, sizeof *o->only);
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
        for (k = 0; k < p->nlabels; k++)
            if (strlen(p->labels[k]) == n && !strncmp(p->labels[k], q, n))
                break;
        if (k == p->nlabels) {
            fprintf(stderr, "sift classify: --only: unknown label '%.*s' "
                            "(the model's labels:", (int)n, q);
            for (k = 0; k < p->nlabels; k++)
                fprintf(stderr, " %s", p->labels[k]);
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
    "  html:  one self-contained page with sentences highlighted by label\n"
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
    "      --max-bytes N      skip files larger than N (default 64 MiB)\n"
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
        {"verbose", no_argument, 0, 'v'},
        {"no-header", no_argument, 0, 'H'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    char *end;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cpus > 0 ? (int)cpus : 1;
    o->max_bytes = 64u << 20;
    while ((c = cli_getopt("classify", argc, argv, "c:m:j:f:o:vh", lo)) != -1) {
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
        case 'f':
            if (!strcmp(optarg, "tsv"))
                o->format = FMT_TSV;
            else if (!strcmp(optarg, "jsonl"))
                o->format = FMT_JSONL;
            else if (!strcmp(optarg, "html"))
                o->format = FMT_HTML;
            else if (!strcmp(optarg, "libsvm"))
                o->format = FMT_LIBSVM;
            else
                return cli_usage("classify", "--format takes tsv, jsonl, "
                                             "html or libsvm, not '%s'",
                                 optarg);
            break;
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
        case 'h':
            fputs(help, stdout);
            return -1;
        default:
            return SIFT_EXIT_USAGE; /* cli_getopt said why */
        }
    }
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
    for (size_t k = 0; k < p->nlabels; k++)
        fprintf(f, "\t%s %zu", p->labels[k], counts[k]);
    fputc('\n', f);
}

int cmd_classify(int argc, char **argv)
{
    struct opts o = {0};
    struct run r = {0};
    struct list inputs = {0}, files = {0};
    struct warnings warn = {0};
    struct sift_pipeline *p = NULL;
    pthread_t *th = NULL;
    FILE *out = stdout;
    size_t skipped = 0, unmatched = 0, sentences = 0, bytes = 0, *total = NULL;
    int status = parse_args(argc, argv, &o), started = 0;
    struct timespec t0, t1;
    if (status)
        return status < 0 ? SIFT_EXIT_OK : status;
    p = cli_open(o.ini, o.model, 1, &r.err);
    if (!p) {
        status = cli_fail("classify", &r.err);
        goto out;
    }
    if (o.only_arg && parse_only(&o, p)) {
        status = SIFT_EXIT_USAGE;
        goto out;
    }
    for (int i = optind; i < argc; i++) {
        list_add(&inputs, argv[i]);
        cli_warn_samples("classify", argv[i], p);
    }
    if (o.files_from && read_list(o.files_from, &inputs)) {
        status = SIFT_EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < inputs.n; i++) {
        if (!strcmp(inputs.v[i], "-"))
            list_add(&files, "-");
        else if (walk(&o, inputs.v[i], &files, &warn, 1, 0))
            goto nomem;
    }
    for (size_t i = 0; i < o.ninclude; i++)
        if (!o.include_hits[i]) {
            fprintf(stderr, "sift classify: --include '%s' matched no file\n",
                    o.include[i]);
            unmatched++;
        }
    /* Listing problems come first, then the files in order. */
    r.njobs = warn.n + files.n;
    r.jobs = calloc(r.njobs ? r.njobs : 1, sizeof *r.jobs);
    total = calloc(p->nlabels, sizeof *total);
    if (!r.jobs || !total)
        goto nomem;
    for (size_t i = 0; i < warn.n; i++) {
        r.jobs[i].path = warn.v[i].path;
        r.jobs[i].warning = warn.v[i].why;
        warn.v[i].path = warn.v[i].why = NULL;
    }
    for (size_t i = 0; i < files.n; i++) {
        r.jobs[warn.n + i].path = files.v[i];
        files.v[i] = NULL;
    }
    for (size_t i = 0; i < r.njobs; i++)
        if (!(r.jobs[i].counts = calloc(p->nlabels, sizeof(size_t))))
            goto nomem;
    if (o.out) {
        if (!(out = open_output(o.out))) {
            status = SIFT_EXIT_FAIL;
            goto out;
        }
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
        signal(SIGHUP, on_signal);
    }
    if (o.format == FMT_HTML && !(r.html = sift_html_begin(out, p, o.model,
                                                          o.ini)))
        goto nomem;
    if (o.format == FMT_TSV && !o.no_header)
        cli_tsv_header(out);
    r.o = &o;
    r.p = p;
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv, NULL);
    th = calloc((size_t)o.jobs, sizeof *th);
    if (!th)
        goto nomem;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < o.jobs; i++) {
        if (pthread_create(&th[i], NULL, worker_main, &r))
            break;
        started++;
    }
    if (!started) {
        fprintf(stderr, "sift classify: cannot start threads\n");
        status = SIFT_EXIT_FAIL;
        goto out;
    }
    for (size_t i = 0; i < r.njobs; i++) {
        struct job *j = &r.jobs[i];
        pthread_mutex_lock(&r.mu);
        while (!j->done && !r.failed)
            pthread_cond_wait(&r.cv, &r.mu);
        int failed = r.failed;
        pthread_mutex_unlock(&r.mu);
        if (failed)
            break;
        if (j->warning) {
            fprintf(stderr, "%ssift classify: skipped ",
                    cli_progress_on() ? "\r\033[K" : "");
            cli_put_field(stderr, j->path, strlen(j->path));
            fprintf(stderr, ": %s\n", j->warning);
            skipped++;
        } else if (j->len && fwrite(j->buf, 1, j->len, out) != j->len) {
            break;
        }
        sentences += j->sentences;
        bytes += j->bytes;
        for (size_t k = 0; k < p->nlabels; k++)
            total[k] += j->counts[k];
        if (o.summary && !j->warning)
            summary_line(stderr, p, j->path, j->counts, j->sentences);
        free(j->buf);
        j->buf = NULL;
        pthread_mutex_lock(&r.mu);
        r.written = i + 1;
        pthread_cond_broadcast(&r.cv);
        pthread_mutex_unlock(&r.mu);
        if (cli_progress_on()) {
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double s = (double)(t1.tv_sec - t0.tv_sec) +
                       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
            double rate = s > 0 ? (double)bytes / s : 0;
            cli_progress("%zu/%zu files, %zu sentences, %.1f MB/s, "
                         "ETA %.0fs",
                         i + 1, r.njobs, sentences, rate / 1e6,
                         rate > 0 ? (double)(r.njobs - i - 1) *
                                        ((double)bytes / (double)(i + 1)) /
                                        rate
                                  : 0.0);
        }
    }
    pthread_mutex_lock(&r.mu);
    if (r.written < r.njobs && !r.failed) {
        r.failed = 1;
        sift_fail(&r.err, SIFT_EIO, "write error: %s", strerror(errno));
    }
    pthread_cond_broadcast(&r.cv);
    pthread_mutex_unlock(&r.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    cli_progress_done();
    if (r.failed) {
        status = cli_fail("classify", &r.err);
        goto out;
    }
    if (o.format == FMT_HTML)
        sift_html_end(r.html, out, total, sentences);
    if (fflush(out) || ferror(out) || (o.out && fsync(fileno(out)))) {
        fprintf(stderr, "sift classify: %s: write error: %s\n",
                o.out ? o.out : "stdout", strerror(errno));
        status = SIFT_EXIT_FAIL;
        goto out;
    }
    if (o.out) {
        fclose(out);
        out = stdout;
        if (rename(tmp_out, o.out)) {
            fprintf(stderr, "sift classify: %s: %s\n", o.out,
                    strerror(errno));
            status = SIFT_EXIT_FAIL;
            goto out;
        }
        tmp_out[0] = '\0';
    }
    if (o.summary)
        summary_line(stderr, p, "total", total, sentences);
    if (skipped || o.summary)
        fprintf(stderr, "sift classify: %zu files, %zu sentences, %zu "
                        "skipped\n",
                r.njobs - skipped, sentences, skipped);
    status = skipped || unmatched ? SIFT_EXIT_PARTIAL : SIFT_EXIT_OK;
    goto out;
nomem:
    fprintf(stderr, "sift classify: out of memory\n");
    status = SIFT_EXIT_FAIL;
out:
    if (out && out != stdout)
        fclose(out);
    if (tmp_out[0]) {
        unlink(tmp_out);
        tmp_out[0] = '\0';
    }
    if (th && started) {
        pthread_mutex_destroy(&r.mu);
        pthread_cond_destroy(&r.cv);
    }
    free(th);
    sift_html_free(r.html);
    for (size_t i = 0; i < r.njobs; i++) {
        free(r.jobs[i].path);
        free(r.jobs[i].buf);
        free(r.jobs[i].warning);
        free(r.jobs[i].counts);
    }
    free(r.jobs);
    for (size_t i = 0; i < inputs.n; i++)
        free(inputs.v[i]);
    free(inputs.v);
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    for (size_t i = 0; i < warn.n; i++) {
        free(warn.v[i].path);
        free(warn.v[i].why);
    }
    free(warn.v);
    free(total);
    free(o.only);
    free(o.include);
    free(o.include_hits);
    free(o.exclude);
    sift_pipeline_free(p);
    return status;
}
