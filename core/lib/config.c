/*
 * config.c - reads ini files with inih (the only user of inih in sift) and
 * keeps every section and key with its line number.
 *
 * Debian's inih is built with default options, so the handler gets no
 * line number; a reader function that feeds inih one line at a time
 * counts them instead, and also records section headers (inih reports
 * a section only when it has keys).
 */
#include "config.h"
#include "file.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>

/* Sections and keys are checked for duplicates pairwise, so their
 * number is capped: an ini is refused early, not after minutes. */
#define STR_(x) #x
#define STR(x) STR_(x)
#define MAX_TEXT STR(SIFT_CONFIG_MAX)

struct parse {
    struct sift_config *cfg;
    const char *text;
    size_t len, pos;
    int line;          /* line most recently handed to inih */
    int indented;      /* that line began with white space */
    int failed;
    struct sift_error *err;
};

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static int fail_at(struct parse *ps, int code, const char *fmt, const char *a)
{
    char what[512];
    if (ps->failed)
        return 0;
    snprintf(what, sizeof what, fmt, a);
    sift_fail(ps->err, code, "%s:%d: %s", ps->cfg->path, ps->line, what);
    ps->failed = 1;
    return 0;
}

static struct sift_section *add_section(struct parse *ps, const char *name,
                                        size_t n)
{
    struct sift_config *c = ps->cfg;
    struct sift_section *s;
    if (c->nsec == SIFT_CONFIG_MAX) {
        fail_at(ps, SIFT_EFORMAT, "more than %s sections", MAX_TEXT);
        return NULL;
    }
    for (size_t i = 0; i < c->nsec; i++) {
        if (strlen(c->sec[i].name) == n && !memcmp(c->sec[i].name, name, n)) {
            char nm[128];
            snprintf(nm, sizeof nm, "%.*s", (int)(n < 100 ? n : 100), name);
            char msg[300];
            snprintf(msg, sizeof msg,
                     "duplicate section [%s] (first at line %d)", nm,
                     c->sec[i].line);
            fail_at(ps, SIFT_EFORMAT, "%s", msg);
            return NULL;
        }
    }
    s = realloc(c->sec, (c->nsec + 1) * sizeof *c->sec);
    if (!s)
        return NULL;
    c->sec = s;
    s = &c->sec[c->nsec];
    memset(s, 0, sizeof *s);
    s->name = xstrndup(name, n);
    if (!s->name)
        return NULL;
    s->line = ps->line;
    c->nsec++;
    return s;
}

/* inih reader: hand over exactly one line and note headers. */
static char *reader(char *buf, int num, void *stream)
{
    struct parse *ps = stream;
    size_t start = ps->pos, end, n, i;
    if (ps->pos >= ps->len || ps->failed)
        return NULL;
    end = start;
    while (end < ps->len && ps->text[end] != '\n')
        end++;
    ps->pos = end < ps->len ? end + 1 : end;
    ps->line++;
    n = end - start;
    if (n + 2 > (size_t)num) {
        char lim[32];
        snprintf(lim, sizeof lim, "%d", num - 2);
        fail_at(ps, SIFT_EFORMAT, "line longer than %s bytes", lim);
        return NULL;
    }
    if (memchr(ps->text + start, '\0', n)) {
        fail_at(ps, SIFT_EFORMAT, "%s", "NUL byte in line");
        return NULL;
    }
    memcpy(buf, ps->text + start, n);
    buf[n] = '\n';
    buf[n + 1] = '\0';
    ps->indented = n > 0 && (buf[0] == ' ' || buf[0] == '\t');
    for (i = 0; i < n && isspace((unsigned char)buf[i]); i++)
        ;
    if (i < n && buf[i] == '[') {
        char *close = memchr(buf + i, ']', n - i);
        if (close && !add_section(ps, buf + i + 1, close - (buf + i + 1))) {
            if (!ps->failed)
                fail_at(ps, SIFT_ENOMEM, "%s", "out of memory");
            return NULL;
        }
    }
    return buf;
}

static int handler(void *user, const char *section, const char *name,
                   const char *value)
{
    struct parse *ps = user;
    struct sift_config *c = ps->cfg;
    struct sift_section *s;
    struct sift_kv *kv;
    if (ps->failed)
        return 0;
    if (c->nsec == 0 || strcmp(c->sec[c->nsec - 1].name, section) != 0)
        return fail_at(ps, SIFT_EFORMAT, "key '%s' outside any section",
                       name);
    s = &c->sec[c->nsec - 1];
    /* A continuation line of a multi-line value repeats the last key. */
    if (ps->indented && s->nkv && !strcmp(s->kv[s->nkv - 1].key, name)) {
        kv = &s->kv[s->nkv - 1];
        size_t a = strlen(kv->value), b = strlen(value);
        char *v = realloc(kv->value, a + b + 2);
        if (!v)
            return fail_at(ps, SIFT_ENOMEM, "%s", "out of memory");
        v[a] = ' ';
        memcpy(v + a + 1, value, b + 1);
        kv->value = v;
        return 1;
    }
    if (s->nkv == SIFT_CONFIG_MAX)
        return fail_at(ps, SIFT_EFORMAT, "more than %s keys in a section",
                       MAX_TEXT);
    for (size_t i = 0; i < s->nkv; i++) {
        if (!strcmp(s->kv[i].key, name)) {
            char msg[300];
            snprintf(msg, sizeof msg,
                     "duplicate key '%.100s' in [%.100s] (first at line %d)",
                     name, s->name, s->kv[i].line);
            return fail_at(ps, SIFT_EFORMAT, "%s", msg);
        }
    }
    kv = realloc(s->kv, (s->nkv + 1) * sizeof *s->kv);
    if (!kv)
        return fail_at(ps, SIFT_ENOMEM, "%s", "out of memory");
    s->kv = kv;
    kv = &s->kv[s->nkv];
    kv->key = strdup(name);
    kv->value = strdup(value);
    kv->line = ps->line;
    s->nkv++;
    if (!kv->key || !kv->value)
        return fail_at(ps, SIFT_ENOMEM, "%s", "out of memory");
    return 1;
}

struct sift_config *sift_config_parse(const char *text, size_t len,
                                      const char *name, const char *dir,
                                      struct sift_error *err)
{
    struct parse ps = {0};
    int rc;
    ps.cfg = calloc(1, sizeof *ps.cfg);
    if (!ps.cfg)
        goto nomem;
    ps.cfg->path = strdup(name);
    ps.cfg->dir = strdup(dir);
    if (!ps.cfg->path || !ps.cfg->dir)
        goto nomem;
    ps.text = text;
    ps.len = len;
    ps.err = err;
    /* Skip a UTF-8 byte order mark. */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        ps.pos = 3;
    rc = ini_parse_stream(reader, &ps, handler, &ps);
    if (ps.failed)
        goto fail;
    if (rc > 0) {
        sift_fail(err, SIFT_EFORMAT,
                  "%s:%d: syntax error (expected [section], key = value, "
                  "or a ; comment)",
                  name, rc);
        goto fail;
    }
    if (rc < 0)
        goto nomem;
    return ps.cfg;
nomem:
    sift_fail(err, SIFT_ENOMEM, "%s: out of memory", name);
fail:
    sift_config_free(ps.cfg);
    return NULL;
}

struct sift_config *sift_config_load(const char *path, struct sift_error *err)
{
    char *text = NULL, *dir, *slash;
    size_t len = 0;
    struct sift_config *c = NULL;
    /* a regular file (never a FIFO that would hang) of at most 16 MiB */
    if (sift_file_read(path, 0, 16u << 20, &text, &len, err))
        return NULL;
    dir = strdup(path);
    if (!dir) {
        sift_fail(err, SIFT_ENOMEM, "%s: out of memory", path);
        free(text);
        return NULL;
    }
    slash = strrchr(dir, '/');
    if (slash)
        slash[slash == dir ? 1 : 0] = '\0';
    else
        strcpy(dir, ".");
    c = sift_config_parse(text, len, path, dir, err);
    free(text);
    free(dir);
    return c;
}

void sift_config_free(struct sift_config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nsec; i++) {
        for (size_t j = 0; j < c->sec[i].nkv; j++) {
            free(c->sec[i].kv[j].key);
            free(c->sec[i].kv[j].value);
        }
        free(c->sec[i].kv);
        free(c->sec[i].name);
    }
    free(c->sec);
    free(c->path);
    free(c->dir);
    free(c);
}

const struct sift_section *sift_config_section(const struct sift_config *c,
                                               const char *name)
{
    for (size_t i = 0; i < c->nsec; i++)
        if (!strcmp(c->sec[i].name, name))
            return &c->sec[i];
    return NULL;
}

const struct sift_kv *sift_section_get(const struct sift_section *s,
                                       const char *key)
{
    for (size_t i = 0; s && i < s->nkv; i++)
        if (!strcmp(s->kv[i].key, key))
            return &s->kv[i];
    return NULL;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[64], prev, tmp;
    if (la >= 63 || lb >= 63)
        return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = tolower((unsigned char)a[i - 1]) !=
                          tolower((unsigned char)b[j - 1]);
            size_t best = prev + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            tmp = row[j];
            row[j] = best;
            prev = tmp;
        }
    }
    return row[lb];
}

const char *sift_closest(const char *w, const char *const *words, size_t n)
{
    const char *best = NULL;
    size_t bestd = (size_t)-1, limit = strlen(w) / 3 + 1;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(w, words[i]);
        if (d < bestd) {
            bestd = d;
            best = words[i];
        }
    }
    return bestd <= limit ? best : NULL;
}

int sift_config_set(struct sift_config *c, const char *section,
                    const char *key, const char *value)
{
    struct sift_section *s = (struct sift_section *)sift_config_section(
        c, section);
    struct sift_kv *kv;
    if (!s) {
        s = realloc(c->sec, (c->nsec + 1) * sizeof *s);
        if (!s)
            return -1;
        c->sec = s;
        s = &c->sec[c->nsec];
        memset(s, 0, sizeof *s);
        if (!(s->name = strdup(section)))
            return -1;
        c->nsec++;
    }
    kv = (struct sift_kv *)sift_section_get(s, key);
    if (kv) {
        char *v = strdup(value);
        if (!v)
            return -1;
        free(kv->value);
        kv->value = v;
        return 0;
    }
    kv = realloc(s->kv, (s->nkv + 1) * sizeof *kv);
    if (!kv)
        return -1;
    s->kv = kv;
    kv = &s->kv[s->nkv];
    kv->key = strdup(key);
    kv->value = strdup(value);
    kv->line = 0;
    if (!kv->key || !kv->value) {
        free(kv->key);
        free(kv->value);
        return -1;
    }
    s->nkv++;
    return 0;
}

void sift_config_write(const struct sift_config *c, FILE *f)
{
    for (size_t i = 0; i < c->nsec; i++) {
        fprintf(f, "%s[%s]\n", i ? "\n" : "", c->sec[i].name);
        for (size_t j = 0; j < c->sec[i].nkv; j++)
            fprintf(f, "%s = %s\n", c->sec[i].kv[j].key,
                    c->sec[i].kv[j].value);
    }
}
