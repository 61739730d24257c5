/*
 * samples.c - reads labeled sample files strictly, so that a training run
 * never silently learns from a broken line.
 */
#define _GNU_SOURCE
#include "samples.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

size_t sift_utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, k;
    uint32_t cp;
    while (i < n && (k = sift_utf8_decode(s, i, n, &cp)))
        i += k;
    return i;
}

static int add_label(struct sift_samples *ss, const char *name, size_t n)
{
    char **v = realloc(ss->labels, (ss->nlabels + 1) * sizeof *v);
    if (!v)
        return -1;
    ss->labels = v;
    v[ss->nlabels] = strndup(name, n);
    if (!v[ss->nlabels])
        return -1;
    return (int)ss->nlabels++;
}

int sift_samples_init(struct sift_samples *ss, char *const *labels,
                      size_t nlabels, struct sift_error *err)
{
    memset(ss, 0, sizeof *ss);
    ss->checksum = SIFT_FNV1A64_INIT;
    for (size_t i = 0; i < nlabels; i++)
        if (add_label(ss, labels[i], strlen(labels[i])) < 0) {
            sift_samples_release(ss);
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        }
    ss->fixed = nlabels > 0;
    return 0;
}

void sift_samples_release(struct sift_samples *ss)
{
    for (size_t i = 0; i < ss->n; i++)
        free(ss->s[i].text);
    free(ss->s);
    for (size_t i = 0; i < ss->nlabels; i++)
        free(ss->labels[i]);
    free(ss->labels);
    for (size_t i = 0; i < ss->nfiles; i++)
        free(ss->files[i]);
    free(ss->files);
    for (size_t i = 0; i < ss->ndocs; i++) {
        free(ss->docs[i].id);
        free(ss->docs[i].topic);
    }
    free(ss->docs);
    memset(ss, 0, sizeof *ss);
}

static int add_doc(struct sift_samples *ss, const char *id, size_t idn,
                   const char *topic, size_t tn)
{
    struct sift_doc *d = realloc(ss->docs, (ss->ndocs + 1) * sizeof *d);
    if (!d)
        return -1;
    ss->docs = d;
    d[ss->ndocs].id = strndup(id, idn);
    d[ss->ndocs].topic = strndup(topic, tn);
    if (!d[ss->ndocs].id || !d[ss->ndocs].topic)
        return -1;
    ss->ndocs++;
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* `# doc: ID TOPIC` starts a new article. */
static int doc_line(struct sift_samples *ss, const char *l, size_t n)
{
    const char *p = l + 1, *e = l + n, *id, *topic;
    size_t idn, tn;
    while (p < e && is_space(*p))
        p++;
    if ((size_t)(e - p) < 4 || memcmp(p, "doc:", 4))
        return 0;
    p += 4;
    while (p < e && is_space(*p))
        p++;
    id = p;
    while (p < e && !is_space(*p))
        p++;
    idn = p - id;
    while (p < e && is_space(*p))
        p++;
    topic = p;
    while (p < e && !is_space(*p))
        p++;
    tn = p - topic;
    if (idn == 0)
        return 0;
    if (tn == 0) {
        topic = id;
        tn = idn;
    }
    return add_doc(ss, id, idn, topic, tn) ? -1 : 1;
}

static int bad_line(struct sift_samples *ss, int skip_bad,
                    void (*warn)(const char *), struct sift_error *err,
                    const char *path, long line, const char *why)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s:%ld: %s", path, line, why);
    if (!skip_bad)
        return sift_fail(err, SIFT_EFORMAT, "%s", msg);
    ss->skipped++;
    if (warn)
        warn(msg);
    return 0;
}

/* The index of label l[0..ln), adding it when labels are not fixed and
 * it is well formed; -1 with why filled when it is refused, -2 when out
 * of memory. */
static int find_label(struct sift_samples *ss, const char *l, size_t ln,
                      char *why, size_t wsize)
{
    int ok = ln > 0, label;
    char allowed[200] = "";
    size_t used = 0;
    for (size_t i = 0; i < ss->nlabels; i++)
        if (strlen(ss->labels[i]) == ln && !memcmp(ss->labels[i], l, ln))
            return (int)i;
    for (size_t i = 0; i < ln; i++)
        if (!((l[i] >= 'a' && l[i] <= 'z') || l[i] == '_' || l[i] == '-' ||
              (l[i] >= '0' && l[i] <= '9')))
            ok = 0;
    if (!ss->fixed && ok)
        return (label = add_label(ss, l, ln)) < 0 ? -2 : label;
    for (size_t i = 0; i < ss->nlabels && used < sizeof allowed; i++)
        used += snprintf(allowed + used, sizeof allowed - used, "%s%s",
                         i ? ", " : "", ss->labels[i]);
    snprintf(why, wsize, "unknown label '%.*s'%s%s%s",
             (int)(ln > 40 ? 40 : ln), l,
             ss->fixed ? " (expected one of: " : "",
             ss->fixed ? allowed
                       : " (labels are lower case: a-z, 0-9, _ and -)",
             ss->fixed ? ")" : "");
    return -1;
}

/* Append sentence t[0..tn) with label (from line lineno); the checksum
 * covers "label<TAB>sentence<LF>". */
static int add_sample(struct sift_samples *ss, const char *l, size_t ln,
                      const char *t, size_t tn, int label, long lineno,
                      struct sift_error *err)
{
    struct sift_sample *s;
    if (ss->n == ss->cap) {
        size_t cap = ss->cap ? ss->cap * 2 : 1024;
        if (!(s = realloc(ss->s, cap * sizeof *s)))
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        ss->s = s;
        ss->cap = cap;
    }
    s = &ss->s[ss->n];
    if (!(s->text = strndup(t, tn)))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    s->len = tn;
    s->label = label;
    s->line = (int)lineno;
    s->file = (uint32_t)(ss->nfiles - 1);
    s->doc = (uint32_t)(ss->ndocs - 1);
    ss->checksum = sift_fnv1a64_add(ss->checksum, l, ln);
    ss->checksum = sift_fnv1a64_add(ss->checksum, "\t", 1);
    ss->checksum = sift_fnv1a64_add(ss->checksum, t, tn);
    ss->checksum = sift_fnv1a64_add(ss->checksum, "\n", 1);
    ss->n++;
    return 0;
}

/* Why line l[0..n) cannot be a sample (NUL, invalid UTF-8, no TAB), or
 * NULL; why is the buffer for a composed reason. */
static const char *malformed(const char *l, size_t n, char *why, size_t wsize)
{
    size_t bad;
    if (memchr(l, '\0', n))
        return "NUL byte in line";
    if ((bad = sift_utf8_valid(l, n)) != n) {
        snprintf(why, wsize, "invalid UTF-8 at byte %zu", bad + 1);
        return why;
    }
    if (!memchr(l, '\t', n))
        return "missing TAB between label and sentence (expected "
               "label<TAB>sentence)";
    return NULL;
}

static int parse_line(struct sift_samples *ss, char *l, size_t n,
                      const char *path, long lineno, int skip_bad,
                      void (*warn)(const char *), struct sift_error *err)
{
    char *tab, why[300];
    const char *reason;
    size_t ln, tn;
    int label;
    if (n && l[n - 1] == '\r')
        l[--n] = '\0';
    if (n == 0)
        return 0;
    if (l[0] == '#')
        return doc_line(ss, l, n) < 0
                   ? sift_fail(err, SIFT_ENOMEM, "out of memory")
                   : 0;
    if ((reason = malformed(l, n, why, sizeof why)))
        return bad_line(ss, skip_bad, warn, err, path, lineno, reason);
    tab = memchr(l, '\t', n);
    ln = (size_t)(tab - l);
    tn = n - ln - 1;
    while (tn && is_space(tab[1]))
        tab++, tn--;
    while (tn && is_space(tab[tn]))
        tn--;
    if (tn == 0)
        return bad_line(ss, skip_bad, warn, err, path, lineno,
                        "empty sentence after the label");
    label = find_label(ss, l, ln, why, sizeof why);
    if (label == -2)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (label < 0)
        return bad_line(ss, skip_bad, warn, err, path, lineno, why);
    return add_sample(ss, l, ln, tab + 1, tn, label, lineno, err);
}

int sift_samples_read(struct sift_samples *ss, const char *path, int skip_bad,
                      void (*warn)(const char *msg), struct sift_error *err)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    char *line = NULL, **files;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    if (!f)
        return sift_fail(err, errno == ENOENT ? SIFT_ENOTFOUND : SIFT_EIO,
                         "%s: cannot open: %s", path, strerror(errno));
    files = realloc(ss->files, (ss->nfiles + 1) * sizeof *files);
    if (!files || !(files[ss->nfiles] = strdup(path))) {
        if (files)
            ss->files = files;
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    ss->files = files;
    ss->nfiles++;
    /* Sentences before any `# doc:` line form a document named after the
     * file. */
    if (add_doc(ss, path, strlen(path), path, strlen(path))) {
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        goto out;
    }
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (n && line[n - 1] == '\n')
            line[--n] = '\0';
        if (lineno == 1 && n >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) {
            memmove(line, line + 3, n - 2);
            n -= 3;
        }
        rc = parse_line(ss, line, (size_t)n, path, lineno, skip_bad, warn,
                        err);
        if (rc)
            goto out;
    }
    if (ferror(f))
        rc = sift_fail(err, SIFT_EIO, "%s: read error: %s", path,
                       strerror(errno));
out:
    free(line);
    if (f != stdin)
        fclose(f);
    return rc;
}

int sift_samples_check(const struct sift_samples *ss, struct sift_error *err)
{
    size_t *count, nonempty = 0;
    int rc = 0;
    if (ss->n == 0)
        return sift_fail(err, SIFT_EINVAL, "no samples read");
    count = calloc(ss->nlabels, sizeof *count);
    if (!count)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    for (size_t i = 0; i < ss->n; i++)
        count[ss->s[i].label]++;
    for (size_t i = 0; i < ss->nlabels; i++) {
        if (count[i])
            nonempty++;
        else if (!rc)
            rc = sift_fail(err, SIFT_EINVAL,
                           "label '%s' has no samples (every declared "
                           "label needs at least one)",
                           ss->labels[i]);
    }
    if (!rc && nonempty < 2)
        rc = sift_fail(err, SIFT_EINVAL,
                       "only one label (%s) in %zu samples: a classifier "
                       "needs at least two",
                       ss->labels[ss->s[0].label], ss->n);
    free(count);
    return rc;
}
