/*
 * test_corpus.c - the annotated corpus in models/claims/corpus: every
 * article is well formed, the train / heldout / blind splits share no
 * topic, and no run of six words of the real-news development set
 * (../shared/realnews/dev.tsv, read when present, never committed)
 * occurs anywhere in it, unless two writers who worked independently both
 * wrote it (a stock phrase of news, such as "said in a statement on
 * Tuesday").
 */
#include <CUnit/CUnit.h>
#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define CORPUS "models/claims/corpus"
#define DEV "../shared/realnews/dev.tsv"
#define RUN 6

static const char *const splits[] = {"train", "heldout", "blind"};

/* ---- a set of 64-bit hashes (open addressing; 0 marks a free slot) ---- */

struct set {
    uint64_t *slot;
    size_t cap, n;
};

static int set_add(struct set *s, uint64_t h);

static int set_grow(struct set *s)
{
    struct set t = {calloc(s->cap ? s->cap * 2 : 1024, sizeof *t.slot),
                    s->cap ? s->cap * 2 : 1024, 0};
    if (!t.slot)
        return -1;
    for (size_t i = 0; i < s->cap; i++)
        if (s->slot[i])
            set_add(&t, s->slot[i]);
    free(s->slot);
    *s = t;
    return 0;
}

static int set_add(struct set *s, uint64_t h)
{
    h |= 1;
    if ((s->n + 1) * 2 > s->cap && set_grow(s))
        return -1;
    size_t i = (size_t)(h % s->cap);
    while (s->slot[i] && s->slot[i] != h)
        i = (i + 1) % s->cap;
    s->n += !s->slot[i];
    s->slot[i] = h;
    return 0;
}

static int set_has(const struct set *s, uint64_t h)
{
    h |= 1;
    if (!s->cap)
        return 0;
    for (size_t i = (size_t)(h % s->cap); s->slot[i]; i = (i + 1) % s->cap)
        if (s->slot[i] == h)
            return 1;
    return 0;
}

/* Hashes of the lower-cased words of text (letters and digits; every
 * other byte separates words, so punctuation and quotes do not hide a
 * copied run); calls fn on each run of RUN consecutive words. */
static void runs(const char *text, void (*fn)(uint64_t, void *), void *arg)
{
    uint64_t w[RUN];
    size_t nw = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        while (*p && !isalnum(*p) && *p < 0x80)
            p++;
        if (!*p)
            break;
        uint64_t h = 1469598103934665603ULL;
        while (*p && (isalnum(*p) || *p >= 0x80)) {
            h = (h ^ (uint64_t)tolower(*p++)) * 1099511628211ULL;
        }
        w[nw % RUN] = h;
        if (++nw >= RUN) {
            uint64_t r = 0;
            for (size_t j = 0; j < RUN; j++)
                r = (r ^ w[(nw - RUN + j) % RUN]) * 0x9E3779B97F4A7C15ULL + j;
            fn(r, arg);
        }
    }
}

/* ---- walking the corpus ---- */

/* Calls fn(split, file name, line number, line) for every line of every
 * .tsv file of every split; returns the number of files. */
static size_t each_line(void (*fn)(int, const char *, int, char *, void *),
                        void *arg)
{
    size_t files = 0;
    char path[1024], *line = NULL;
    size_t cap = 0;
    for (int sp = 0; sp < 3; sp++) {
        snprintf(path, sizeof path, CORPUS "/%s", splits[sp]);
        DIR *d = opendir(path);
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t n = strlen(e->d_name);
            if (n < 5 || strcmp(e->d_name + n - 4, ".tsv"))
                continue;
            snprintf(path, sizeof path, CORPUS "/%s/%s", splits[sp],
                     e->d_name);
            FILE *f = fopen(path, "r");
            CU_ASSERT_PTR_NOT_NULL_FATAL(f);
            files++;
            for (int ln = 1; getline(&line, &cap, f) > 0; ln++) {
                line[strcspn(line, "\n")] = '\0';
                fn(sp, e->d_name, ln, line, arg);
            }
            fclose(f);
        }
        closedir(d);
    }
    free(line);
    return files;
}

struct topics {
    char (*name)[96];
    int *split;
    size_t n, cap;
    size_t bad;
};

static void check_line(int sp, const char *file, int ln, char *line,
                       void *arg)
{
    struct topics *t = arg;
    char id[96], topic[96];
    if (ln == 1) {
        size_t flen = strlen(file) - 4;
        if (sscanf(line, "# doc: %95s %95s", id, topic) != 2 ||
            strlen(id) != flen || strncmp(id, file, flen)) {
            fprintf(stderr, "\n%s:1: bad header\n", file);
            t->bad++;
            return;
        }
        for (size_t i = 0; i < t->n; i++)
            if (!strcmp(t->name[i], topic) && t->split[i] != sp) {
                fprintf(stderr, "\n%s: topic %s in two splits\n", file,
                        topic);
                t->bad++;
            }
        if (t->n == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 256;
            t->name = realloc(t->name, t->cap * sizeof *t->name);
            t->split = realloc(t->split, t->cap * sizeof *t->split);
            CU_ASSERT_PTR_NOT_NULL_FATAL(t->name);
            CU_ASSERT_PTR_NOT_NULL_FATAL(t->split);
        }
        strcpy(t->name[t->n], topic);
        t->split[t->n++] = sp;
        return;
    }
    char *tab = strchr(line, '\t');
    if (!*line)
        return;
    if (!tab || strchr(tab + 1, '\t') || !tab[1] ||
        (strncmp(line, "allegation\t", 11) && strncmp(line, "denial\t", 7) &&
         strncmp(line, "threat\t", 7) && strncmp(line, "background\t", 11))) {
        fprintf(stderr, "\n%s:%d: bad sample line\n", file, ln);
        t->bad++;
    }
}

static void test_corpus_format(void)
{
    struct topics t = {0};
    size_t files = each_line(check_line, &t);
    CU_ASSERT(files >= 300);
    CU_ASSERT_EQUAL(t.bad, 0);
    free(t.name);
    free(t.split);
}

/* ---- no run of the real-news dev set in the corpus ---- */

static void add_run(uint64_t h, void *set)
{
    CU_ASSERT_EQUAL(set_add(set, h), 0);
}

/* A run the corpus shares with the dev set.  Stock phrases of news
 * ("said in a statement on Tuesday") are shared by chance; a run that
 * writers who worked independently both wrote is taken as stock, and any
 * other shared run fails the test. */
struct hit {
    uint64_t h;
    char writer[16], where[96];
};

struct hits {
    const struct set *dev;
    struct hit *v;
    size_t n, cap;
    const char *file;
    int line;
};

static void find_run(uint64_t h, void *arg)
{
    struct hits *x = arg;
    if (!set_has(x->dev, h))
        return;
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 64;
        x->v = realloc(x->v, x->cap * sizeof *x->v);
        CU_ASSERT_PTR_NOT_NULL_FATAL(x->v);
    }
    struct hit *t = &x->v[x->n++];
    t->h = h;
    snprintf(t->writer, sizeof t->writer, "%.*s",
             (int)strcspn(x->file, "-"), x->file);
    snprintf(t->where, sizeof t->where, "%s:%d", x->file, x->line);
}

static void scan_line(int sp, const char *file, int ln, char *line,
                      void *arg)
{
    struct hits *x = arg;
    (void)sp;
    x->file = file;
    x->line = ln;
    if (ln > 1)
        runs(line, find_run, x);
}

/* Shared runs that no other writer also wrote. */
static size_t unexplained(const struct hits *x)
{
    size_t bad = 0;
    for (size_t i = 0; i < x->n; i++) {
        int stock = 0;
        for (size_t j = 0; j < x->n && !stock; j++)
            stock = x->v[j].h == x->v[i].h &&
                    strcmp(x->v[j].writer, x->v[i].writer);
        if (!stock) {
            fprintf(stderr, "\n%s: shares a %d-word run with the real-news "
                            "dev set\n", x->v[i].where, RUN);
            bad++;
        }
    }
    return bad;
}

static void test_no_dev_overlap(void)
{
    FILE *f = fopen(DEV, "r");
    struct set dev = {0};
    char *line = NULL;
    size_t cap = 0;
    if (!f) {
        fprintf(stderr, "\n  skip: %s is not there\n", DEV);
        return;
    }
    while (getline(&line, &cap, f) > 0) {
        char *s = line;
        for (int k = 0; k < 3 && s; k++) /* doc, n, label, sentence */
            s = strchr(s, '\t') ? strchr(s, '\t') + 1 : NULL;
        if (s && *line != '#')
            runs(s, add_run, &dev);
    }
    free(line);
    fclose(f);
    CU_ASSERT(dev.n > 1000);
    /* the check itself: a run taken from the dev set is found */
    struct hits self = {&dev, NULL, 0, 0, "dev", 0};
    f = fopen(DEV, "r");
    line = NULL;
    if (f && getline(&line, &cap, f) > 0 && getline(&line, &cap, f) > 0)
        runs(line, find_run, &self);
    CU_ASSERT(self.n > 0);
    if (f)
        fclose(f);
    free(line);
    free(self.v);
    struct hits x = {&dev, NULL, 0, 0, NULL, 0};
    each_line(scan_line, &x);
    CU_ASSERT_EQUAL(unexplained(&x), 0);
    free(x.v);
    free(dev.slot);
}

void suite_corpus(void)
{
    CU_pSuite s = CU_add_suite("corpus", NULL, NULL);
    CU_add_test(s, "corpus files well formed, splits share no topic",
                test_corpus_format);
    CU_add_test(s, "no 6-word run of the real-news dev set in the corpus",
                test_no_dev_overlap);
}
