/* Fuzz the classify directory walk and the row writers: a file whose
 * name and text hold any bytes is walked and written as tsv, jsonl and
 * html rows, which must stay well formed (issue 12.1, 12.4). */
#include "classify.c"
#include "pipeline_int.h" /* white-box: the layout */

#include <fcntl.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

/* The first line of input (any bytes but NUL and '/') names the file. */
static int make_file(const uint8_t *data, size_t size, size_t *text_at)
{
    char name[256];
    size_t n = 0;
    int fd;
    while (n < size && n < 255 && data[n] != '\n')
        n++;
    memcpy(name, data, n);
    name[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!name[i] || name[i] == '/')
            name[i] = '_';
    if (!n || !strcmp(name, ".") || !strcmp(name, ".."))
        strcpy(name, "x");
    *text_at = n < size ? n + 1 : n;
    int d = open(dir, O_RDONLY | O_DIRECTORY);
    fd = openat(d, name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    close(d);
    if (fd < 0)
        return -1;
    if (write(fd, data + *text_at, size - *text_at) < 0)
        __builtin_trap();
    close(fd);
    return 0;
}

static void clear_dir(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' ||
            (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")))
            unlinkat(dirfd(d), e->d_name, 0);
    closedir(d);
}

/* One line, with the expected number of TABs, nothing else in control
 * bytes; jsonl and html also valid UTF-8. */
static void check_rows(const char *buf, size_t len, int tabs, int utf8)
{
    int t = 0;
    if (!len || buf[len - 1] != '\n')
        __builtin_trap();
    for (size_t i = 0; i + 1 < len; i++) {
        if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\0')
            __builtin_trap();
        t += buf[i] == '\t';
    }
    if (tabs >= 0 && t != tabs)
        __builtin_trap();
    if (utf8 && sift_utf8_valid(buf, len) != len)
        __builtin_trap();
}

/* Occurrences of s in buf[0..len). */
static size_t count(const char *buf, size_t len, const char *s)
{
    size_t n = 0, k = strlen(s);
    for (size_t i = 0; i + k <= len; i++)
        n += !memcmp(buf + i, s, k);
    return n;
}

/* The report: valid UTF-8 without NUL, and whatever the file's name and
 * text, still exactly one script and one end of page (nothing escaped
 * into markup). */
static void check_page(const char *buf, size_t len)
{
    if (memchr(buf, '\0', len) || sift_utf8_valid(buf, len) != len ||
        count(buf, len, "<script") != 1 || count(buf, len, "</html>") != 1)
        __builtin_trap();
}

/* A classifier with no scratch: the report then shows no "why". */
static void *no_scratch(const void *inst, struct sift_error *err)
{
    (void)inst, (void)err;
    return NULL;
}

/* The rows of one sentence (the whole text) in every format; each must
 * stay well formed: TSV one line of seven fields, valid UTF-8; JSON valid
 * UTF-8 on one line; the report escaped and valid UTF-8. */
static void write_rows(const char *path, const char *text, size_t n)
{
    char *labels[] = {"a", "b"};
    struct sift_plugin cls = {.scratch_new = no_scratch};
    struct sift_pipeline p = {.labels = labels, .nlabels = 2, .name = "m"};
    struct opts o = {0};
    struct run r = {.o = &o, .p = &p};
    double scores[2] = {0.25, 0.75};
    size_t counts[2] = {0, 1};
    p.cls.plug.desc = &cls;
    for (int fmt = FMT_TSV; fmt <= FMT_HTML; fmt++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        o.format = (enum fmt)fmt;
        if (fmt == FMT_HTML) {
            struct sift_html *h = sift_html_begin(f, &p, NULL, NULL);
            struct sift_html_doc *d =
                h ? sift_html_doc_begin(h, f, NULL, 0, path, text, n) : NULL;
            if (d)
                sift_html_sentence(d, 1, 0, n, 1, scores, NULL);
            if (!h || sift_html_doc_end(d, counts))
                __builtin_trap();
            sift_html_end(h, f, counts, 1);
            sift_html_free(h);
        } else {
            put_row(f, &r, path, 1, 0, n, text, 1, scores);
        }
        fclose(f);
        if (fmt == FMT_HTML)
            check_page(buf, len);
        else
            check_rows(buf, len, fmt == FMT_TSV ? 6 : 0, 1);
        free(buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct opts o = {0};
    struct list files = {0};
    struct warnings warn = {0};
    size_t at;
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/sift-fuzz-rows-XXXXXX");
        if (!mkdtemp(dir))
            __builtin_trap();
    }
    clear_dir();
    if (make_file(data, size, &at))
        return 0;
    if (walk(&o, dir, &files, &warn, 1, 0) || files.n + warn.n != 1)
        __builtin_trap();
    for (size_t i = 0; i < files.n; i++) {
        write_rows(files.v[i], (const char *)data + at, size - at);
        free(files.v[i]);
    }
    for (size_t i = 0; i < warn.n; i++) {
        free(warn.v[i].path);
        free(warn.v[i].why);
    }
    free(files.v);
    free(warn.v);
    return 0;
}
