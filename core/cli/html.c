/*
 * html.c - renders the classify report page (see html.h): documents as
 * blocks of highlighted sentences, the contents, the chart and the
 * script that lists sentences by label.  Styles and script are in
 * html_page.c.
 */
#include "html.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "html_page.h"

/* A written document, for the contents. */
struct entry {
    size_t seq;
    char *path, *title;
    size_t *counts;
};

struct sift_html {
    const struct sift_pipeline *p;
    int bg; /* index of the "background" label, or -1 */
    pthread_mutex_t mu;
    struct entry *v;
    size_t n, cap;
};

enum block { NONE, HEAD, LINE, PARA };

struct sift_html_doc {
    struct sift_html *h;
    FILE *f, *body;     /* the caller's stream; the blocks, buffered */
    char *buf;
    size_t len;
    struct sift_worker *w;
    double *contrib;
    size_t ncontrib;
    size_t seq, blocks;
    const char *path, *text;
    size_t tlen;
    enum block kind;    /* of the open block */
    char *title;
};

/* Words and other features (cues) the classifier weighed most, shown
 * on demand beside a sentence. */
#define TOP_WORDS 5
#define TOP_CUES 3

struct sift_html *sift_html_begin(FILE *out, const struct sift_pipeline *p,
                                  const char *model, const char *ini)
{
    struct sift_html *h = calloc(1, sizeof *h);
    if (!h || pthread_mutex_init(&h->mu, NULL)) {
        free(h);
        return NULL;
    }
    h->p = p;
    h->bg = sift_pipeline_label(p, "background");
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width\">"
          "<title>sift report</title>\n<style>\n", out);
    for (size_t i = 0; html_css[i]; i++)
        fputs(html_css[i], out);
    for (size_t k = 0; k < sift_pipeline_nlabels(p); k++)
        fprintf(out, ".l%zu{background:%s}.k%zu{background:%s}\n", k,
                (int)k == h->bg ? "transparent" : html_colour(k), k,
                (int)k == h->bg ? "#ddd" : html_colour(k));
    fputs("</style></head><body>\n<header id=\"top\"><h1>sift report</h1>",
          out);
    html_put_stamp(out, p, model, ini);
    fputs("<p class=\"skip\"><a href=\"#toc\">Contents</a> · "
          "<a href=\"#sum\">Label counts</a></p></header>\n"
          "<main id=\"docs\">\n", out);
    return h;
}

void sift_html_free(struct sift_html *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n; i++) {
        free(h->v[i].path);
        free(h->v[i].title);
        free(h->v[i].counts);
    }
    free(h->v);
    pthread_mutex_destroy(&h->mu);
    free(h);
}

/* ---- one document ---- */

struct sift_html_doc *sift_html_doc_begin(struct sift_html *h, FILE *f,
                                          struct sift_worker *w, size_t seq,
                                          const char *path, const char *text,
                                          size_t len)
{
    struct sift_html_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    *d = (struct sift_html_doc){.h = h, .f = f, .w = w, .seq = seq,
                                .path = path, .text = text, .tlen = len};
    d->body = open_memstream(&d->buf, &d->len);
    if (!d->body) {
        free(d);
        return NULL;
    }
    return d;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/* Newlines in the white space just before text[start]. */
static size_t newlines_before(const struct sift_html_doc *d, size_t start)
{
    size_t nl = 0;
    while (start > 0 && is_space(d->text[start - 1]))
        nl += d->text[--start] == '\n';
    return nl;
}

/* text[start, end) is a line of its own: nothing else on its line(s). */
static int alone_on_line(const struct sift_html_doc *d, size_t start,
                         size_t end)
{
    size_t a = start, b = end;
    while (a > 0 && d->text[a - 1] != '\n' && is_space(d->text[a - 1]))
        a--;
    while (b < d->tlen && d->text[b] != '\n' && is_space(d->text[b]))
        b++;
    return (a == 0 || d->text[a - 1] == '\n') &&
           (b == d->tlen || d->text[b] == '\n') &&
           !memchr(d->text + start, '\n', end - start);
}

/* Ends like a sentence: . ! ? : or a closing quote or bracket. */
static int ends_sentence(const char *t, size_t n)
{
    if (!n)
        return 0;
    unsigned char c = (unsigned char)t[n - 1];
    if (strchr(".!?:;\"')]", c))
        return 1;
    return n >= 3 && !memcmp(t + n - 3, "\xE2\x80", 2) &&
           (c == 0x9D || c == 0x99);
}

/* Nothing but white space from text[end] to a blank line or the end. */
static int blank_line_after(const struct sift_html_doc *d, size_t end)
{
    size_t nl = 0;
    while (end < d->tlen && is_space(d->text[end]))
        nl += d->text[end++] == '\n';
    return end == d->tlen || nl >= 2;
}

/* The kind of block text[start, end) opens, or NONE when it continues
 * the open one.  A headline is a first block alone on its line; a lone
 * line without final punctuation (byline, dateline, caption) is a block
 * of its own when a blank line follows, or it comes right under the
 * headline or another such line; else it is a sentence the segmenter
 * cut at a line break.  Blank lines separate paragraphs. */
static enum block block_for(const struct sift_html_doc *d, size_t start,
                            size_t end)
{
    size_t nl = newlines_before(d, start);
    int alone = alone_on_line(d, start, end);
    int line = alone && !ends_sentence(d->text + start, end - start) &&
               (blank_line_after(d, end) ||
                (nl == 1 && (d->kind == HEAD || d->kind == LINE)));
    if (d->kind == NONE && !d->blocks)
        return alone && end - start <= 300 ? HEAD : line ? LINE : PARA;
    if (d->kind == NONE || nl >= 2 || (nl && (d->kind != PARA || line)))
        return line ? LINE : PARA;
    return NONE;
}

static void open_block(struct sift_html_doc *d, enum block k, size_t start,
                       size_t end)
{
    static const char *const tags[] = {"", "<p class=\"hd\">",
                                       "<p class=\"ln\">", "<p>"};
    if (d->kind != NONE)
        fputs("</p>\n", d->body);
    fputs(tags[k], d->body);
    d->kind = k;
    d->blocks++;
    if (!d->title && (k == HEAD || d->blocks == 1)) {
        size_t n = end - start;
        if (n > 160) /* cut at a character boundary */
            for (n = 160; n > 0 && (d->text[start + n] & 0xC0) == 0x80;)
                n--;
        d->title = strndup(d->text + start, n);
    }
}

/* ---- why a sentence got its label ---- */

struct top {
    double c;
    uint32_t index;
};

/* Keep c among the max strongest in top[0, *k), strongest first. */
static void push_top(struct top *top, size_t *k, size_t max, double c,
                     uint32_t index)
{
    size_t j = *k;
    if (*k == max && c <= top[max - 1].c)
        return;
    if (*k < max)
        (*k)++;
    else
        j = max - 1;
    for (; j > 0 && top[j - 1].c < c; j--)
        top[j] = top[j - 1];
    top[j] = (struct top){c, index};
}

/* A word or character n-gram: its name has a quoted part. */
static int is_words(const char *name)
{
    const char *s = strchr(name, ':');
    s = s ? s + 1 : name;
    return (*s == 'w' || *s == 'c') && s[1] == '"';
}

/* The words (up to TOP_WORDS) and other features (up to TOP_CUES) of
 * the sentence with vector v that pushed it hardest towards label,
 * strongest first.  Returns 0 when the classifier cannot say. */
static int top_features(struct sift_html_doc *d, const struct sift_vector *vp,
                        int label, struct top *words, size_t *nw,
                        struct top *cues, size_t *nc)
{
    const struct sift_pipeline *p = d->h->p;
    struct sift_error err = {0};
    struct sift_vector v;
    char name[512];
    *nw = *nc = 0;
    /* without a worker or vector (a caller that only lays out), no "why" */
    if (!d->w || !vp || !vp->n)
        return 0;
    v = *vp;
    if (v.n > d->ncontrib) {
        double *c = realloc(d->contrib, v.n * sizeof *c);
        if (!c)
            return 0;
        d->contrib = c;
        d->ncontrib = v.n;
    }
    if (sift_worker_explain(d->w, &v, label, d->contrib, &err))
        return 0;
    for (size_t i = 0; i < v.n; i++) {
        uint32_t x = v.f[i].index;
        if (d->contrib[i] <= 0 ||
            sift_pipeline_feature_name(p, x, name, sizeof name))
            continue;
        if (is_words(name))
            push_top(words, nw, TOP_WORDS, d->contrib[i], x);
        else
            push_top(cues, nc, TOP_CUES, d->contrib[i], x);
    }
    return *nw + *nc > 0;
}

/* A feature as a reader sees it: words and characters quoted, a cue
 * ("features.cues:threat@start") as "threat at start cue". */
static void put_feature(FILE *f, const char *name)
{
    const char *s = strchr(name, ':'), *q;
    s = s ? s + 1 : name;
    if ((*s == 'w' || *s == 'c') && s[1] == '"' &&
        (q = strrchr(s + 2, '"')) && q > s + 1) {
        fputs("<q>", f);
        html_put_text(f, s + 2, (size_t)(q - s - 2), 0);
        fputs("</q>", f);
        return;
    }
    fputs("<i>", f);
    while (*s) {
        size_t n = strcspn(s, "_@<&");
        html_put_text(f, s, n, 0);
        s += n;
        if (*s)
            fputs(*s == '_' ? " " : *s == '@' ? " at " : *s == '<'
                                                     ? " before "
                                                     : " and ",
                  f);
        s += *s != 0;
    }
    fputs(" cue</i>", f);
}

static void put_features(FILE *f, const struct sift_pipeline *p,
                         const struct top *top, size_t n, const char *sep)
{
    char name[512];
    for (size_t i = 0; i < n; i++)
        if (!sift_pipeline_feature_name(p, top[i].index, name, sizeof name)) {
            fputs(i ? sep : "", f);
            put_feature(f, name);
        }
}

/* The label and confidence, and (when the classifier can say) a click
 * on them shows the top words: a checkbox, so no script is needed. */
static void put_badge(struct sift_html_doc *d, size_t index, int label,
                      const double *scores, const struct sift_vector *v)
{
    const struct sift_pipeline *p = d->h->p;
    FILE *b = d->body;
    struct top words[TOP_WORDS], cues[TOP_CUES];
    size_t nw, nc;
    int why = top_features(d, v, label, words, &nw, cues, &nc);
    int r = cli_runner_up(p, label, scores);
    if (why)
        fprintf(b, "<label class=\"b k%d\" for=\"w%zus%zu\" title=\"why? "
                   "(click)\">", label, d->seq, index);
    else
        fprintf(b, "<span class=\"b k%d\">", label);
    html_put_str(b, sift_pipeline_labels(p, NULL)[label]);
    fprintf(b, " <b>%.2f</b>%s", scores[label], why ? "</label>" : "</span>");
    if (!why)
        return;
    fprintf(b, "<input type=\"checkbox\" class=\"wx\" id=\"w%zus%zu\">"
               "<span class=\"why\">", d->seq, index);
    if (nw) {
        fputs("words: ", b);
        put_features(b, p, words, nw, " ");
    }
    if (nc) {
        fputs(nw ? "; " : "", b);
        put_features(b, p, cues, nc, ", ");
    }
    if (r >= 0) {
        fputs(" · next best: ", b);
        html_put_str(b, sift_pipeline_labels(p, NULL)[r]);
        fprintf(b, " %.2f", scores[r]);
    }
    fputs("</span>", b);
}

void sift_html_sentence(struct sift_html_doc *d, size_t index, size_t start,
                        size_t end, int label, const double *scores,
                        const struct sift_vector *v)
{
    if (!d)
        return;
    const struct sift_pipeline *p = d->h->p;
    FILE *b = d->body;
    enum block k = block_for(d, start, end);
    int r = cli_runner_up(p, label, scores);
    if (k != NONE)
        open_block(d, k, start, end);
    else
        putc(' ', b);
    fprintf(b, "<span class=\"s l%d\" id=\"d%zus%zu\" data-l=\"%d\" "
               "data-c=\"%.4f\"><span class=\"t\">",
            label, d->seq, index, label, scores[label]);
    html_put_text(b, d->text + start, end - start, 1);
    fputs("</span>", b);
    if (label != d->h->bg) {
        put_badge(d, index, label, scores, v);
    } else if (r >= 0 && scores[r] >= 0.3) {
        /* background, but a close call: say what it nearly was */
        fprintf(b, "<span class=\"b u\" title=\"background %.2f, ",
                scores[label]);
        html_put_str(b, sift_pipeline_labels(p, NULL)[r]);
        fprintf(b, " %.2f\">", scores[r]);
        html_put_str(b, sift_pipeline_labels(p, NULL)[r]);
        fprintf(b, "? <b>%.2f</b></span>", scores[r]);
    }
    fputs("</span>", b);
}

/* Label counts as coloured pills (background, if any, left out), then
 * the number of sentences. */
static void put_pills(FILE *f, const struct sift_html *h,
                      const size_t *counts)
{
    size_t total = 0;
    for (size_t k = 0; k < sift_pipeline_nlabels(h->p); k++) {
        total += counts[k];
        if ((int)k == h->bg || !counts[k])
            continue;
        fprintf(f, "<span class=\"pill k%zu\">%zu ", k, counts[k]);
        html_put_str(f, sift_pipeline_labels(h->p, NULL)[k]);
        fputs("</span>", f);
    }
    fprintf(f, "<span class=\"n\">%zu sentence%s</span>", total,
            total == 1 ? "" : "s");
}

static int add_entry(struct sift_html *h, struct sift_html_doc *d,
                     const size_t *counts)
{
    int rc = SIFT_ENOMEM;
    pthread_mutex_lock(&h->mu);
    if (h->n == h->cap) {
        size_t cap = h->cap ? 2 * h->cap : 64;
        struct entry *v = realloc(h->v, cap * sizeof *v);
        if (!v)
            goto out;
        h->v = v;
        h->cap = cap;
    }
    struct entry *e = &h->v[h->n];
    *e = (struct entry){d->seq, strdup(d->path), d->title,
                        malloc(sift_pipeline_nlabels(h->p) * sizeof *counts)};
    if (!e->path || !e->counts) {
        free(e->path);
        free(e->counts);
        goto out;
    }
    memcpy(e->counts, counts, sift_pipeline_nlabels(h->p) * sizeof *counts);
    d->title = NULL;
    h->n++;
    rc = 0;
out:
    pthread_mutex_unlock(&h->mu);
    return rc;
}

int sift_html_doc_end(struct sift_html_doc *d, const size_t *counts)
{
    int rc = 0;
    if (!d)
        return SIFT_ENOMEM;
    if (d->kind != NONE)
        fputs("</p>\n", d->body);
    if (fclose(d->body)) {
        rc = SIFT_ENOMEM;
    } else {
        fprintf(d->f, "<section class=\"doc\" id=\"d%zu\">"
                      "<header class=\"dh\"><span class=\"path\">", d->seq);
        html_put_str(d->f, d->path);
        fputs("</span>", d->f);
        put_pills(d->f, d->h, counts);
        fputs("</header>\n", d->f);
        if (d->len)
            fwrite(d->buf, 1, d->len, d->f);
        else
            fputs("<p class=\"ln\">(no sentences)</p>\n", d->f);
        fputs("<footer><a href=\"#toc\">&uarr; contents</a></footer>"
              "</section>\n", d->f);
        rc = add_entry(d->h, d, counts);
    }
    free(d->buf);
    free(d->title);
    free(d->contrib);
    free(d);
    return rc;
}

/* ---- the end of the page: chart, sentence list, contents ---- */

static void put_label_link(FILE *f, const char *cls, const char *label,
                           size_t k)
{
    fprintf(f, "<a class=\"%s\" data-l=\"%zu\" href=\"#view=", cls, k);
    html_put_fragment(f, label);
    fputs("\">", f);
    html_put_str(f, label);
    fputs("</a>", f);
}

static void put_summary(const struct sift_html *h, FILE *f,
                        const size_t *counts, size_t total)
{
    const struct sift_pipeline *p = h->p;
    size_t max = 1;
    for (size_t k = 0; k < sift_pipeline_nlabels(p); k++)
        max = counts[k] > max ? counts[k] : max;
    fprintf(f, "<section id=\"sum\"><h2>Label counts</h2>\n<p>%zu "
               "document%s, %zu sentence%s.<span class=\"jsonly\"> Choose a "
               "label to list its sentences from every document.</span>"
               "</p>\n<div class=\"chart\">\n",
            h->n, h->n == 1 ? "" : "s", total, total == 1 ? "" : "s");
    for (size_t k = 0; k < sift_pipeline_nlabels(p); k++) {
        put_label_link(f, "lv", sift_pipeline_labels(p, NULL)[k], k);
        fprintf(f, "<span class=\"bar\"><span class=\"k%zu\" "
                   "style=\"width:%.1f%%\"></span></span>"
                   "<span class=\"num\" data-l=\"%zu\">%zu <small>%.0f%%"
                   "</small></span>\n",
                k, 100.0 * (double)counts[k] / (double)max, k, counts[k],
                total ? 100.0 * (double)counts[k] / (double)total : 0.0);
    }
    fputs("</div></section>\n", f);
}

static void put_view(const struct sift_html *h, FILE *f)
{
    fputs("<section id=\"view\" hidden><h2 id=\"vh\">Sentences by label"
          "</h2>\n<div class=\"vc\">", f);
    for (size_t k = 0; k < sift_pipeline_nlabels(h->p); k++) {
        char cls[32];
        snprintf(cls, sizeof cls, "vb k%zu", k);
        put_label_link(f, cls, sift_pipeline_labels(h->p, NULL)[k], k);
    }
    fputs("</div>\n<div class=\"vc\"><label>minimum confidence "
          "<input type=\"range\" id=\"vmin\" min=\"0\" max=\"1\" "
          "step=\"0.05\" value=\"0\"> <output id=\"vmo\">0.00</output>"
          "</label><input type=\"search\" id=\"vq\" placeholder=\"Search "
          "these sentences\" aria-label=\"search these sentences\">"
          "<span id=\"vn\"></span><a href=\"#top\" id=\"vx\">close</a>"
          "</div>\n<ol id=\"vl\"></ol></section>\n", f);
}

static int cmp_entry(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

static void put_toc_row(const struct sift_html *h, FILE *f, size_t i)
{
    const struct entry *e = &h->v[i];
    size_t total = 0;
    fprintf(f, "<tr data-d=\"d%zu\"><td class=\"i\">%zu</td><td class=\"d\">"
               "<a href=\"#d%zu\">", e->seq, i + 1, e->seq);
    if (e->title)
        html_put_text(f, e->title, strlen(e->title), 1);
    else
        fputs("(empty)", f);
    const char *base = strrchr(e->path, '/');
    fputs("</a><span class=\"p\" title=\"", f);
    html_put_str(f, e->path);
    fputs("\">", f);
    html_put_str(f, base && base[1] ? base + 1 : e->path);
    fputs("</span></td>", f);
    for (size_t k = 0; k < sift_pipeline_nlabels(h->p); k++) {
        total += e->counts[k];
        if ((int)k == h->bg)
            continue;
        if (e->counts[k])
            fprintf(f, "<td data-l=\"%zu\"><span class=\"pill k%zu\">%zu"
                       "</span></td>", k, k, e->counts[k]);
        else
            fprintf(f, "<td data-l=\"%zu\" class=\"z\">0</td>", k);
    }
    fprintf(f, "<td class=\"n\">%zu</td></tr>\n", total);
}

static void put_toc(struct sift_html *h, FILE *f)
{
    qsort(h->v, h->n, sizeof *h->v, cmp_entry);
    fprintf(f, "<nav id=\"toc\"><h2>Contents <small>%zu document%s</small>"
               "</h2>\n<input type=\"search\" id=\"tq\" class=\"jsonly\" "
               "placeholder=\"Filter documents\" aria-label=\"filter "
               "documents\">\n<table><thead><tr><th>#</th>"
               "<th class=\"d\">document</th>",
            h->n, h->n == 1 ? "" : "s");
    for (size_t k = 0; k < sift_pipeline_nlabels(h->p); k++) {
        const char *l = sift_pipeline_labels(h->p, NULL)[k];
        size_t n = 0;
        if ((int)k == h->bg)
            continue;
        while (l[n] && n < 3)
            n++;
        while (l[n] && ((unsigned char)l[n] & 0xC0) == 0x80)
            n++; /* to a character boundary */
        fprintf(f, "<th><span class=\"pill k%zu\" title=\"", k);
        html_put_str(f, l);
        fputs("\">", f);
        html_put_text(f, l, n, 0);
        fputs("</span></th>", f);
    }
    fputs("<th title=\"sentences\">all</th></tr></thead>\n<tbody>\n", f);
    for (size_t i = 0; i < h->n; i++)
        put_toc_row(h, f, i);
    fputs("</tbody></table></nav>\n", f);
}

void sift_html_end(struct sift_html *h, FILE *out, const size_t *counts,
                   size_t total)
{
    fputs("</main>\n", out);
    put_summary(h, out, counts, total);
    put_view(h, out);
    put_toc(h, out);
    fputs("<script>\n", out);
    for (size_t i = 0; html_js[i]; i++)
        fputs(html_js[i], out);
    fputs("</script>\n</body></html>\n", out);
}
