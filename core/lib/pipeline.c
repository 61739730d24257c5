/*
 * pipeline.c - builds the stages an ini file (or a bundle manifest)
 * composes, validates every key against the plugins' declared options,
 * runs sentences through the stages and drives training.
 */
#define _GNU_SOURCE
#include "pipeline_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "samples.h"

/* Keys the host itself reads in a stage section. */
static const char *const host_keys[] = {"plugin", "weight", "plugin_version"};
static const char *const pipeline_keys[] = {"name", "plugin_path", "model",
                                            "labels"};
static const char *const known_sections[] = {
    "pipeline",   "segmenter", "tokenizer", "features",
    "classifier", "bundle",    "files"};
#define NKNOWN (sizeof known_sections / sizeof *known_sections)

static void stage_release(struct sift_stage *st)
{
    if (st->inst && st->plug.desc)
        st->plug.desc->destroy(st->inst);
    if (st->values && st->plug.desc)
        for (size_t i = 0; i < st->plug.desc->noptions; i++)
            free(st->values[i]);
    free(st->values);
    free(st->section);
    sift_plugin_close(&st->plug);
    memset(st, 0, sizeof *st);
}

void sift_pipeline_free(struct sift_pipeline *p)
{
    if (!p)
        return;
    stage_release(&p->seg);
    stage_release(&p->tok);
    for (size_t i = 0; i < p->nfeat; i++)
        stage_release(&p->feat[i]);
    free(p->feat);
    stage_release(&p->cls);
    for (size_t i = 0; i < p->nlabels; i++)
        free(p->labels[i]);
    free(p->labels);
    free(p->name);
    free(p->model);
    sift_plugin_path_release(&p->path);
    free(p);
}

static int parse_bool(const char *v)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (!strcasecmp(v, yes[i]))
            return 1;
        if (!strcasecmp(v, no[i]))
            return 0;
    }
    return -1;
}

static int enum_has(const char *choices, const char *v)
{
    size_t n = strlen(v);
    const char *p = choices;
    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t m = bar ? (size_t)(bar - p) : strlen(p);
        if (m == n && !memcmp(p, v, n))
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

/* Check `v` against option o; on success store its canonical text. */
static int check_value(const struct sift_option *o, const char *v,
                       char **out, const char *where, const char *section,
                       struct sift_error *err)
{
    char *end, buf[64];
    const char *canon = v;
    errno = 0;
    switch (o->type) {
    case SIFT_OPT_STRING:
        break;
    case SIFT_OPT_INT: {
        long long x = strtoll(v, &end, 10);
        if (!*v || *end || errno)
            return sift_fail(err, SIFT_EINVAL,
                             "%s: [%s] %s = '%s': expected a whole number",
                             where, section, o->name, v);
        if ((double)x < o->min || (double)x > o->max)
            return sift_fail(err, SIFT_EINVAL,
                             "%s: [%s] %s = %s: out of range [%g, %g]",
                             where, section, o->name, v, o->min, o->max);
        break;
    }
    case SIFT_OPT_DOUBLE: {
        double x = strtod(v, &end);
        if (!*v || *end || errno || !isfinite(x))
            return sift_fail(err, SIFT_EINVAL,
                             "%s: [%s] %s = '%s': expected a number", where,
                             section, o->name, v);
        if (x < o->min || x > o->max)
            return sift_fail(err, SIFT_EINVAL,
                             "%s: [%s] %s = %s: out of range [%g, %g]",
                             where, section, o->name, v, o->min, o->max);
        break;
    }
    case SIFT_OPT_BOOL: {
        int b = parse_bool(v);
        if (b < 0)
            return sift_fail(err, SIFT_EINVAL,
                             "%s: [%s] %s = '%s': expected true or false",
                             where, section, o->name, v);
        snprintf(buf, sizeof buf, "%s", b ? "true" : "false");
        canon = buf;
        break;
    }
    case SIFT_OPT_ENUM:
        if (!enum_has(o->choices, v))
            return sift_fail(err, SIFT_EINVAL,
                             "%s: [%s] %s = '%s': expected one of %s", where,
                             section, o->name, v, o->choices);
        break;
    }
    *out = strdup(canon);
    return *out ? 0 : sift_fail(err, SIFT_ENOMEM, "out of memory");
}

static int unknown_key(const struct sift_config *cfg,
                       const struct sift_section *s, const struct sift_kv *kv,
                       const struct sift_plugin *d, int featurizer,
                       struct sift_error *err)
{
    const char *words[64];
    size_t n = 0;
    for (size_t i = 0; i < 3; i++)
        if (i != 1 || featurizer)
            words[n++] = host_keys[i];
    for (size_t i = 0; d && i < d->noptions && n < 64; i++)
        words[n++] = d->options[i].name;
    const char *close = sift_closest(kv->key, words, n);
    return sift_fail(err, SIFT_EINVAL,
                     "%s:%d: [%s] unknown key '%s'%s%s%s%s%s", cfg->path,
                     kv->line, s->name, kv->key,
                     close ? " (did you mean '" : "", close ? close : "",
                     close ? "'?)" : "", d ? "; see: sift plugins " : "",
                     d ? d->name : "");
}

/* The stage's plugin, from its `plugin` key, of the right kind. */
static int stage_plugin(struct sift_pipeline *p, const struct sift_config *cfg,
                        const struct sift_section *s, int kind,
                        struct sift_stage *st, struct sift_error *err)
{
    const struct sift_kv *pk = sift_section_get(s, "plugin");
    char where[600];
    int rc;
    if (!pk || !*pk->value)
        return sift_fail(err, SIFT_EINVAL,
                         "%s:%d: [%s] has no 'plugin' key (e.g. plugin = %s)",
                         cfg->path, s->line, s->name,
                         kind == SIFT_SEGMENTER   ? "segment"
                         : kind == SIFT_TOKENIZER ? "tokenize"
                         : kind == SIFT_FEATURIZER ? "ngrams"
                                                   : "linear");
    snprintf(where, sizeof where, "%s:%d", cfg->path, pk->line);
    if (p->untrusted && strchr(pk->value, '/'))
        return sift_fail(err, SIFT_EINVAL,
                         "%s: [%s] plugin = %s: a bundle names plugins by "
                         "name only (they load from the trusted search "
                         "path, never from a path the bundle gives)",
                         where, s->name, pk->value);
    rc = sift_plugin_load(&p->path, pk->value, where, &st->plug, err);
    if (rc)
        return rc;
    if ((int)st->plug.desc->kind != kind)
        return sift_fail(err, SIFT_EINVAL,
                         "%s: [%s] needs a %s plugin, but '%s' (%s) is a %s",
                         where, s->name, sift_kind_name(kind), pk->value,
                         st->plug.path, sift_kind_name(st->plug.desc->kind));
    return 0;
}

/* A key the host reads: plugin, plugin_version, a featurizer's weight.
 * Returns 1 when kv was one (and fine), 0 when it is the plugin's, or a
 * negative status. */
static int host_key(const struct sift_config *cfg, const struct sift_section *s,
                    const struct sift_kv *kv, int kind, struct sift_stage *st,
                    struct sift_error *err)
{
    const struct sift_plugin *d = st->plug.desc;
    char *end;
    if (!strcmp(kv->key, "plugin"))
        return 1;
    if (!strcmp(kv->key, "plugin_version")) {
        if (strcmp(kv->value, d->version))
            return sift_fail(err, SIFT_EABI,
                             "%s:%d: [%s] was made with %s version %s, but "
                             "%s is version %s",
                             cfg->path, kv->line, s->name, d->name, kv->value,
                             st->plug.path, d->version);
        return 1;
    }
    if (strcmp(kv->key, "weight") || kind != SIFT_FEATURIZER)
        return 0;
    errno = 0;
    st->weight = strtod(kv->value, &end);
    if (!*kv->value || *end || errno || !(st->weight > 0) ||
        !isfinite(st->weight))
        return sift_fail(err, SIFT_EINVAL,
                         "%s:%d: [%s] weight = '%s': expected a positive "
                         "number",
                         cfg->path, kv->line, s->name, kv->value);
    return 1;
}

/* Every option's checked value: the section's, else the default. */
static int stage_values(const struct sift_config *cfg,
                        const struct sift_section *s, int kind,
                        struct sift_stage *st, struct sift_error *err)
{
    const struct sift_plugin *d = st->plug.desc;
    char where[600];
    int rc;
    if (!(st->values = calloc(d->noptions ? d->noptions : 1,
                              sizeof *st->values)))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    for (size_t k = 0; k < s->nkv; k++) {
        const struct sift_kv *kv = &s->kv[k];
        size_t i = 0;
        rc = host_key(cfg, s, kv, kind, st, err);
        if (rc < 0)
            return rc;
        if (rc == 1)
            continue;
        while (i < d->noptions && strcmp(d->options[i].name, kv->key))
            i++;
        if (i == d->noptions)
            return unknown_key(cfg, s, kv, d, kind == SIFT_FEATURIZER, err);
        snprintf(where, sizeof where, "%s:%d", cfg->path, kv->line);
        if ((rc = check_value(&d->options[i], kv->value, &st->values[i],
                              where, s->name, err)))
            return rc;
    }
    for (size_t i = 0; i < d->noptions; i++) {
        if (st->values[i])
            continue;
        snprintf(where, sizeof where, "%s (default of %s)", st->plug.path,
                 d->options[i].name);
        if ((rc = check_value(&d->options[i], d->options[i].def,
                              &st->values[i], where, s->name, err)))
            return rc;
    }
    return 0;
}

static int stage_init(struct sift_pipeline *p, const struct sift_config *cfg,
                      const struct sift_section *s, int kind,
                      struct sift_stage *st, struct sift_error *err)
{
    const struct sift_plugin *d;
    int rc;
    memset(st, 0, sizeof *st);
    st->weight = 1.0;
    if (!(st->section = strdup(s->name)))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    if ((rc = stage_plugin(p, cfg, s, kind, st, err)) ||
        (rc = stage_values(cfg, s, kind, st, err)))
        return rc;
    d = st->plug.desc;
    st->inst = d->create((const char *const *)st->values, err);
    if (!st->inst) {
        char inner[sizeof err->msg];
        snprintf(inner, sizeof inner, "%s", err ? err->msg : "");
        return sift_fail(err, err && err->code ? err->code : SIFT_EINVAL,
                         "%s:%d: [%s] %s: %s", cfg->path, s->line, s->name,
                         d->name, inner);
    }
    return 0;
}

static int split_labels(struct sift_pipeline *p, const char *list)
{
    const char *q = list;
    while (*q) {
        while (*q == ' ' || *q == ',')
            q++;
        const char *e = q;
        while (*e && *e != ',' && *e != ' ')
            e++;
        if (e > q) {
            char **v = realloc(p->labels, (p->nlabels + 1) * sizeof *v);
            if (!v)
                return -1;
            p->labels = v;
            if (!(v[p->nlabels] = strndup(q, e - q)))
                return -1;
            p->nlabels++;
        }
        q = e;
    }
    return 0;
}

/* Why label q[0..n) cannot be one, or NULL. */
static const char *bad_label(const struct sift_pipeline *p, const char *q,
                             size_t n)
{
    if (n == 0)
        return "an empty label";
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)q[i] < 0x20 || q[i] == 0x7F)
            return "a label holding a TAB or another control character";
    if (sift_utf8_valid(q, n) != n)
        return "a label that is not UTF-8";
    for (size_t i = 0; i < p->nlabels; i++)
        if (strlen(p->labels[i]) == n && !memcmp(p->labels[i], q, n))
            return "a label that repeats";
    return NULL;
}

int sift_pipeline_set_labels(struct sift_pipeline *p, const char *list,
                             const char *where, struct sift_error *err)
{
    const char *q = list, *why = NULL;
    int comma = 1; /* a label is due: at the start and after a comma */
    for (size_t i = 0; i < p->nlabels; i++)
        free(p->labels[i]);
    free(p->labels);
    p->labels = NULL;
    p->nlabels = 0;
    for (;;) {
        while (*q == ' ')
            q++;
        if (!*q || *q == ',') {
            if (comma && (*q || p->nlabels || !*list)) {
                why = "an empty label";
                break;
            }
            if (!*q++)
                break;
            comma = 1;
            continue;
        }
        size_t n = strcspn(q, ", ");
        char **v;
        if ((why = bad_label(p, q, n)))
            break;
        if (!(v = realloc(p->labels, (p->nlabels + 1) * sizeof *v)))
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        p->labels = v;
        if (!(v[p->nlabels] = strndup(q, n)))
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        p->nlabels++;
        q += n;
        comma = 0;
    }
    if (why)
        return sift_fail(err, SIFT_EINVAL, "%s labels = %s: %s", where, list,
                         why);
    return 0;
}

static int check_sections(const struct sift_config *cfg,
                          struct sift_error *err)
{
    for (size_t i = 0; i < cfg->nsec; i++) {
        const char *n = cfg->sec[i].name;
        int ok = 0;
        for (size_t k = 0; k < NKNOWN; k++)
            if (!strcmp(n, known_sections[k]))
                ok = 1;
        if (!strncmp(n, "features.", 9) && n[9])
            ok = 1;
        if (!ok) {
            const char *close = sift_closest(n, known_sections, NKNOWN);
            return sift_fail(err, SIFT_EINVAL,
                             "%s:%d: unknown section [%s]%s%s%s (expected "
                             "[pipeline], [segmenter], [tokenizer], "
                             "[features] or [features.NAME], [classifier])",
                             cfg->path, cfg->sec[i].line, n,
                             close ? " (did you mean [" : "",
                             close ? close : "", close ? "]?)" : "");
        }
    }
    return 0;
}

static const struct sift_section *need(const struct sift_config *cfg,
                                       const char *name,
                                       struct sift_error *err)
{
    const struct sift_section *s = sift_config_section(cfg, name);
    if (!s)
        sift_fail(err, SIFT_EINVAL, "%s: missing section [%s]", cfg->path,
                  name);
    return s;
}

/* How many [features] sections cfg has: refused above the cap before
 * any plugin loads, since each may load a lexicon. */
static int count_featurizers(const struct sift_config *cfg,
                             struct sift_error *err)
{
    size_t n = 0;
    for (size_t i = 0; i < cfg->nsec; i++)
        if (!strcmp(cfg->sec[i].name, "features") ||
            !strncmp(cfg->sec[i].name, "features.", 9))
            n++;
    if (n > SIFT_MAX_FEATURIZERS)
        return sift_fail(err, SIFT_EINVAL,
                         "%s: %zu featurizer sections; at most %d are "
                         "allowed",
                         cfg->path, n, SIFT_MAX_FEATURIZERS);
    return 0;
}

/* [pipeline] holds only the keys sift knows. */
static int check_pipeline_keys(const struct sift_config *cfg,
                               struct sift_error *err)
{
    const struct sift_section *ps = sift_config_section(cfg, "pipeline");
    for (size_t k = 0; ps && k < ps->nkv; k++) {
        const char *key = ps->kv[k].key, *close;
        size_t i = 0;
        while (i < 4 && strcmp(key, pipeline_keys[i]))
            i++;
        if (i < 4)
            continue;
        close = sift_closest(key, pipeline_keys, 4);
        return sift_fail(err, SIFT_EINVAL,
                         "%s:%d: [pipeline] unknown key '%s'%s%s%s (expected "
                         "name, plugin_path, model or labels)",
                         cfg->path, ps->kv[k].line, key,
                         close ? " (did you mean '" : "", close ? close : "",
                         close ? "'?)" : "");
    }
    return 0;
}

/* name, model (relative to the ini), labels and the plugin search path. */
static int pipeline_section(struct sift_pipeline *p,
                            const struct sift_config *cfg,
                            struct sift_error *err)
{
    const struct sift_section *ps = sift_config_section(cfg, "pipeline");
    const struct sift_kv *kv;
    char where[600];
    kv = sift_section_get(ps, "name");
    p->name = strdup(kv ? kv->value : "unnamed");
    kv = sift_section_get(ps, "model");
    if (kv && *kv->value) {
        if (kv->value[0] == '/' || !strcmp(cfg->dir, "."))
            p->model = strdup(kv->value);
        else if (asprintf(&p->model, "%s/%s", cfg->dir, kv->value) < 0)
            p->model = NULL;
        if (!p->model)
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
    }
    if (!p->name)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    kv = sift_section_get(ps, "labels");
    snprintf(where, sizeof where, "%s:%d: [pipeline]", cfg->path,
             kv ? kv->line : 0);
    if (kv && sift_pipeline_set_labels(p, kv->value, where, err))
        return err ? err->code : SIFT_EINVAL;
    kv = sift_section_get(ps, "plugin_path");
    if (kv && p->untrusted)
        return sift_fail(err, SIFT_EINVAL,
                         "%s:%d: [pipeline] plugin_path is not allowed in a "
                         "model bundle (plugins load only from the trusted "
                         "search path)",
                         cfg->path, kv->line);
    return sift_plugin_path_init(&p->path, kv ? kv->value : NULL, cfg->dir,
                                 err);
}

/* Every stage, in pipeline order. */
static int stages_init(struct sift_pipeline *p, const struct sift_config *cfg,
                       struct sift_error *err)
{
    const struct sift_section *s;
    if (!(s = need(cfg, "segmenter", err)) ||
        stage_init(p, cfg, s, SIFT_SEGMENTER, &p->seg, err) ||
        !(s = need(cfg, "tokenizer", err)) ||
        stage_init(p, cfg, s, SIFT_TOKENIZER, &p->tok, err))
        return err ? err->code : SIFT_EINVAL;
    for (size_t i = 0; i < cfg->nsec; i++) {
        const char *n = cfg->sec[i].name;
        struct sift_stage *f;
        if (strcmp(n, "features") && strncmp(n, "features.", 9))
            continue;
        if (!(f = realloc(p->feat, (p->nfeat + 1) * sizeof *f)))
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        p->feat = f;
        memset(&p->feat[p->nfeat], 0, sizeof *f);
        p->nfeat++;
        if (stage_init(p, cfg, &cfg->sec[i], SIFT_FEATURIZER,
                       &p->feat[p->nfeat - 1], err))
            return err ? err->code : SIFT_EINVAL;
    }
    if (p->nfeat == 0)
        return sift_fail(err, SIFT_EINVAL,
                         "%s: no featurizer: add a [features] or "
                         "[features.NAME] section",
                         cfg->path);
    if (!(s = need(cfg, "classifier", err)) ||
        stage_init(p, cfg, s, SIFT_CLASSIFIER, &p->cls, err))
        return err ? err->code : SIFT_EINVAL;
    return 0;
}

struct sift_pipeline *sift_pipeline_new(const struct sift_config *cfg,
                                        struct sift_error *err)
{
    return sift_pipeline_open(cfg, 0, err);
}

struct sift_pipeline *sift_pipeline_open(const struct sift_config *cfg,
                                         int flags, struct sift_error *err)
{
    struct sift_pipeline *p = calloc(1, sizeof *p);
    if (!p) {
        sift_fail(err, SIFT_ENOMEM, "out of memory");
        return NULL;
    }
    p->untrusted = !!(flags & SIFT_PIPELINE_UNTRUSTED);
    if (check_sections(cfg, err) || count_featurizers(cfg, err) ||
        check_pipeline_keys(cfg, err) || pipeline_section(p, cfg, err) ||
        stages_init(p, cfg, err))
        goto fail;
    return p;
fail:
    sift_pipeline_free(p);
    return NULL;
}

void sift_pipeline_swap_segmenter(struct sift_pipeline *a,
                                  struct sift_pipeline *b)
{
    struct sift_stage tmp = a->seg;
    a->seg = b->seg;
    b->seg = tmp;
}

void sift_pipeline_forget_labels(struct sift_pipeline *p)
{
    for (size_t i = 0; i < p->nlabels; i++)
        free(p->labels[i]);
    free(p->labels);
    p->labels = NULL;
    p->nlabels = 0;
}

int sift_pipeline_label(const struct sift_pipeline *p, const char *name)
{
    for (size_t i = 0; i < p->nlabels; i++)
        if (!strcmp(p->labels[i], name))
            return (int)i;
    return -1;
}

/* ---- workers ---- */

struct sift_worker {
    const struct sift_pipeline *p;
    void *seg, *tok, *cls;
    void **feat;
    struct sift_feature *vec;
    size_t cap;
    const struct sift_token *tokens;
    size_t ntokens;
};

void sift_worker_free(struct sift_worker *w)
{
    const struct sift_pipeline *p;
    if (!w)
        return;
    p = w->p;
    if (w->seg)
        p->seg.plug.desc->scratch_free(w->seg);
    if (w->tok)
        p->tok.plug.desc->scratch_free(w->tok);
    for (size_t i = 0; w->feat && i < p->nfeat; i++)
        if (w->feat[i])
            p->feat[i].plug.desc->scratch_free(w->feat[i]);
    if (w->cls)
        p->cls.plug.desc->scratch_free(w->cls);
    free(w->feat);
    free(w->vec);
    free(w);
}

struct sift_worker *sift_worker_new(const struct sift_pipeline *p,
                                    struct sift_error *err)
{
    struct sift_worker *w = calloc(1, sizeof *w);
    if (!w)
        goto nomem;
    w->p = p;
    w->feat = calloc(p->nfeat, sizeof *w->feat);
    if (!w->feat)
        goto nomem;
    if (!(w->seg = p->seg.plug.desc->scratch_new(p->seg.inst, err)) ||
        !(w->tok = p->tok.plug.desc->scratch_new(p->tok.inst, err)))
        goto fail;
    for (size_t i = 0; i < p->nfeat; i++)
        if (!(w->feat[i] =
                  p->feat[i].plug.desc->scratch_new(p->feat[i].inst, err)))
            goto fail;
    if (!(w->cls = p->cls.plug.desc->scratch_new(p->cls.inst, err)))
        goto fail;
    return w;
nomem:
    sift_fail(err, SIFT_ENOMEM, "out of memory");
fail:
    sift_worker_free(w);
    return NULL;
}

int sift_worker_segment(struct sift_worker *w, const char *text, size_t len,
                        const struct sift_span **spans, size_t *n,
                        struct sift_error *err)
{
    const struct sift_stage *st = &w->p->seg;
    return st->plug.desc->segment(st->inst, w->seg, text, len, spans, n, err);
}

const struct sift_token *sift_worker_tokens(const struct sift_worker *w,
                                            size_t *n)
{
    *n = w->ntokens;
    return w->tokens;
}

static int grow_vec(struct sift_feature **v, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    struct sift_feature *nv = realloc(*v, c * sizeof *nv);
    if (!nv)
        return -1;
    *v = nv;
    *cap = c;
    return 0;
}

/* Append sentence s's vector, every featurizer's output shifted to its
 * offset and scaled by its weight, to (*vec)[*n..), growing *vec. */
static int concat(const struct sift_pipeline *p, void *const *scratch,
                  const struct sift_sentence *s, struct sift_feature **vec,
                  size_t *cap, size_t *n, struct sift_error *err)
{
    for (size_t i = 0; i < p->nfeat; i++) {
        const struct sift_stage *st = &p->feat[i];
        const struct sift_feature *f;
        size_t nf;
        int rc = st->plug.desc->transform(st->inst, scratch[i], s, &f, &nf,
                                          err);
        if (rc)
            return rc;
        if (grow_vec(vec, cap, *n + nf))
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
        for (size_t k = 0; k < nf; k++) {
            (*vec)[*n + k].index = st->offset + f[k].index;
            (*vec)[*n + k].value = f[k].value * st->weight;
        }
        *n += nf;
    }
    return 0;
}

int sift_worker_vector(struct sift_worker *w, const char *text, size_t len,
                       struct sift_vector *out, struct sift_error *err)
{
    const struct sift_pipeline *p = w->p;
    struct sift_sentence s = {text, len, NULL, 0};
    size_t total = 0;
    int rc = p->tok.plug.desc->tokenize(p->tok.inst, w->tok, text, len,
                                        &s.tokens, &s.ntokens, err);
    if (rc)
        return rc;
    w->tokens = s.tokens;
    w->ntokens = s.ntokens;
    rc = concat(p, w->feat, &s, &w->vec, &w->cap, &total, err);
    out->f = w->vec;
    out->n = total;
    return rc;
}

int sift_worker_classify(struct sift_worker *w, const char *text, size_t len,
                         int *label, double *scores, struct sift_error *err)
{
    const struct sift_pipeline *p = w->p;
    struct sift_vector v;
    int rc;
    if (!p->ready)
        return sift_fail(err, SIFT_ESTATE, "the pipeline has no model: "
                                           "train one or load a bundle");
    rc = sift_worker_vector(w, text, len, &v, err);
    if (rc)
        return rc;
    return sift_worker_predict(w, &v, label, scores, err);
}

int sift_worker_predict(struct sift_worker *w, const struct sift_vector *v,
                        int *label, double *scores, struct sift_error *err)
{
    const struct sift_pipeline *p = w->p;
    if (!p->ready)
        return sift_fail(err, SIFT_ESTATE, "the pipeline has no model: "
                                           "train one or load a bundle");
    return p->cls.plug.desc->predict(p->cls.inst, w->cls, v, label, scores,
                                     err);
}

int sift_pipeline_feature_name(const struct sift_pipeline *p, uint32_t index,
                               char *buf, size_t size)
{
    for (size_t i = p->nfeat; i-- > 0;) {
        const struct sift_stage *st = &p->feat[i];
        if (index >= st->offset) {
            int n = snprintf(buf, size, "%s:", st->section);
            if (n < 0 || (size_t)n >= size)
                return -1;
            return st->plug.desc->feature_name(st->inst, index - st->offset,
                                               buf + n, size - n);
        }
    }
    return -1;
}

/* ---- training ---- */

/* Tokens of every training sentence, copied out of the tokenizer's
 * scratch so that featurizers can fit on all of them at once. */
struct corpus {
    struct sift_sentence *s;
    struct sift_token *tok;
    char *text;
};

static int tokenize_all(const struct sift_pipeline *p, struct sift_worker *w,
                        const struct sift_samples *ss, const size_t *idx,
                        size_t n, struct corpus *c, struct sift_error *err)
{
    size_t ntok = 0, ctok = 1024, ntext = 0, ctext = 65536;
    size_t *first = malloc((n + 1) * sizeof *first);
    c->s = calloc(n ? n : 1, sizeof *c->s);
    c->tok = malloc(ctok * sizeof *c->tok);
    c->text = malloc(ctext);
    if (!first || !c->s || !c->tok || !c->text)
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        const struct sift_sample *sm = &ss->s[idx ? idx[i] : i];
        const struct sift_token *t;
        size_t nt;
        int rc = p->tok.plug.desc->tokenize(p->tok.inst, w->tok, sm->text,
                                            sm->len, &t, &nt, err);
        if (rc) {
            free(first);
            return rc;
        }
        first[i] = ntok;
        if (ntok + nt > ctok) {
            while (ntok + nt > ctok)
                ctok *= 2;
            void *v = realloc(c->tok, ctok * sizeof *c->tok);
            if (!v)
                goto nomem;
            c->tok = v;
        }
        for (size_t k = 0; k < nt; k++) {
            if (ntext + t[k].len > ctext) {
                while (ntext + t[k].len > ctext)
                    ctext *= 2;
                void *v = realloc(c->text, ctext);
                if (!v)
                    goto nomem;
                c->text = v;
            }
            memcpy(c->text + ntext, t[k].text, t[k].len);
            c->tok[ntok] = t[k];
            c->tok[ntok].text = (const char *)(uintptr_t)ntext;
            ntext += t[k].len;
            ntok++;
        }
        c->s[i].text = sm->text;
        c->s[i].len = sm->len;
        c->s[i].ntokens = nt;
    }
    for (size_t k = 0; k < ntok; k++)
        c->tok[k].text = c->text + (uintptr_t)c->tok[k].text;
    for (size_t i = 0; i < n; i++)
        c->s[i].tokens = c->tok + first[i];
    free(first);
    return 0;
nomem:
    free(first);
    return sift_fail(err, SIFT_ENOMEM, "out of memory");
}

/* The pipeline's labels (the samples' when it declares none), and each
 * sample label's index among them in *map (malloc'd). */
static int map_labels(struct sift_pipeline *p, const struct sift_samples *ss,
                      int **map, struct sift_error *err)
{
    if (p->nlabels == 0)
        for (size_t i = 0; i < ss->nlabels; i++)
            if (split_labels(p, ss->labels[i]))
                return sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (!(*map = malloc((ss->nlabels ? ss->nlabels : 1) * sizeof **map)))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    for (size_t i = 0; i < ss->nlabels; i++)
        if (((*map)[i] = sift_pipeline_label(p, ss->labels[i])) < 0)
            return sift_fail(err, SIFT_EINVAL,
                             "label '%s' in the samples is not one of the "
                             "pipeline's labels",
                             ss->labels[i]);
    return 0;
}

int sift_pipeline_layout(struct sift_pipeline *p, struct sift_error *err)
{
    uint32_t offset = 0;
    for (size_t f = 0; f < p->nfeat; f++) {
        size_t d = p->feat[f].plug.desc->dimension(p->feat[f].inst);
        p->feat[f].offset = offset;
        if (d > UINT32_MAX - offset)
            return sift_fail(err, SIFT_EINVAL, "[%s]: too many features (the "
                             "pipeline's dimension exceeds 2^32 - 1)",
                             p->feat[f].section);
        offset += (uint32_t)d;
    }
    p->dim = offset;
    return 0;
}

/* The training set as vectors: samples' sentences, tokenized once. */
struct training {
    struct sift_vector *x;
    int *y;
    struct sift_feature *all;
    size_t nall, call, *start;
};

static void training_release(struct training *t)
{
    free(t->x);
    free(t->y);
    free(t->all);
    free(t->start);
}

static int vectors(const struct sift_pipeline *p, struct sift_worker *w,
                   const struct corpus *c, const struct sift_samples *ss,
                   const size_t *idx, size_t n, const int *map,
                   struct training *t, struct sift_error *err)
{
    t->y = malloc((n ? n : 1) * sizeof *t->y);
    t->x = malloc((n ? n : 1) * sizeof *t->x);
    t->start = malloc((n + 1) * sizeof *t->start);
    if (!t->y || !t->x || !t->start)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        int rc;
        t->start[i] = t->nall;
        if ((rc = concat(p, w->feat, &c->s[i], &t->all, &t->call, &t->nall,
                         err)))
            return rc;
        t->y[i] = map[ss->s[idx ? idx[i] : i].label];
    }
    t->start[n] = t->nall;
    for (size_t i = 0; i < n; i++) {
        t->x[i].f = t->all + t->start[i];
        t->x[i].n = t->start[i + 1] - t->start[i];
    }
    return 0;
}

/* Fit every featurizer on the tokenized corpus, then lay out the
 * concatenated space. */
static int fit_all(struct sift_pipeline *p, const struct corpus *c, size_t n,
                   struct sift_error *err)
{
    for (size_t f = 0; f < p->nfeat; f++) {
        struct sift_stage *st = &p->feat[f];
        int rc = st->plug.desc->fit(st->inst, c->s, n, st->plug.dir, err);
        if (rc)
            return rc;
    }
    return sift_pipeline_layout(p, err);
}

int sift_pipeline_train(struct sift_pipeline *p, const struct sift_samples *ss,
                        const size_t *idx, size_t n,
                        void (*progress)(const char *phase),
                        struct sift_error *err)
{
    struct corpus c = {0};
    struct training t = {0};
    struct sift_worker *w = NULL;
    int *map = NULL, rc;
    if (!idx)
        n = ss->n;
    p->ready = 0;
    if ((rc = map_labels(p, ss, &map, err)))
        goto out;
    if (progress)
        progress("tokenizing");
    if (!(w = sift_worker_new(p, err)) ||
        (rc = tokenize_all(p, w, ss, idx, n, &c, err)))
        goto out;
    if (progress)
        progress("fitting features");
    if ((rc = fit_all(p, &c, n, err)))
        goto out;
    /* Fitting sized the featurizers: new scratch to match. */
    sift_worker_free(w);
    if (progress)
        progress("transforming");
    if (!(w = sift_worker_new(p, err)) ||
        (rc = vectors(p, w, &c, ss, idx, n, map, &t, err)))
        goto out;
    if (progress)
        progress("training classifier");
    rc = p->cls.plug.desc->train(p->cls.inst, t.x, t.y, n, p->dim,
                                 p->nlabels, err);
    p->ready = rc == 0;
out:
    if (!w && !rc)
        rc = err && err->code ? err->code : SIFT_ENOMEM;
    sift_worker_free(w);
    free(c.s);
    free(c.tok);
    free(c.text);
    training_release(&t);
    free(map);
    return rc;
}

int sift_pipeline_bias(const struct sift_pipeline *p, int label, double *out,
                       struct sift_error *err)
{
    const struct sift_plugin *d = p->cls.plug.desc;
    if (!d->bias)
        return sift_fail(err, SIFT_ESTATE,
                         "classifier '%s' %s states no bias term", d->name,
                         d->version);
    if (!p->ready)
        return sift_fail(err, SIFT_ESTATE, "not trained");
    return d->bias(p->cls.inst, label, out, err);
}

char *const *sift_pipeline_labels(const struct sift_pipeline *p, size_t *n)
{
    if (n)
        *n = p->nlabels;
    return p->labels;
}

size_t sift_pipeline_nlabels(const struct sift_pipeline *p)
{
    return p->nlabels;
}

const char *sift_pipeline_name(const struct sift_pipeline *p)
{
    return p->name;
}

const char *sift_pipeline_model(const struct sift_pipeline *p)
{
    return p->model;
}

int sift_pipeline_ready(const struct sift_pipeline *p)
{
    return p->ready;
}

size_t sift_pipeline_dim(const struct sift_pipeline *p)
{
    return p->dim;
}

void sift_pipeline_options(const struct sift_pipeline *p,
                           void (*fn)(void *ctx, const char *section,
                                      const struct sift_option *o),
                           void *ctx)
{
    for (size_t f = 0; f <= p->nfeat; f++) {
        const struct sift_stage *st = f < p->nfeat ? &p->feat[f] : &p->cls;
        for (size_t i = 0; i < st->plug.desc->noptions; i++)
            fn(ctx, st->section, &st->plug.desc->options[i]);
    }
}

int sift_worker_explain(struct sift_worker *w, const struct sift_vector *v,
                        int label, double *contrib, struct sift_error *err)
{
    const struct sift_pipeline *p = w->p;
    return p->cls.plug.desc->explain(p->cls.inst, w->cls, v, label, contrib,
                                     err);
}
