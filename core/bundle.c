/*
 * bundle.c - saving and loading model bundles (see bundle.h).
 */
#define _GNU_SOURCE
#include "bundle.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* dir + "/" + name into buf (PATH_MAX); a failure when it does not fit
 * (err may be NULL). */
static int join(char *buf, const char *dir, const char *name,
                struct sift_error *err)
{
    int n = snprintf(buf, PATH_MAX, "%s/%s", dir, name);
    if (n < 0 || n >= PATH_MAX)
        return sift_fail(err, SIFT_EINVAL, "%s/%s: path too long", dir,
                         name);
    return 0;
}

void sift_bundle_remove(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[PATH_MAX];
    if (d) {
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            if (join(path, dir, e->d_name, NULL) == 0)
                unlink(path);
        }
        closedir(d);
    }
    rmdir(dir);
}

static void write_stage(FILE *f, const struct sift_stage *st, int featurizer)
{
    const struct sift_plugin *d = st->plug.desc;
    fprintf(f, "\n[%s]\nplugin = %s\nplugin_version = %s\n", st->section,
            d->name, d->version);
    if (featurizer)
        fprintf(f, "weight = %.17g\n", st->weight);
    for (size_t i = 0; i < d->noptions; i++)
        fprintf(f, "%s = %s\n", d->options[i].name, st->values[i]);
}

static int write_manifest(const struct sift_pipeline *p, const char *path,
                          const struct sift_bundle_meta *m,
                          struct sift_error *err)
{
    FILE *f = fopen(path, "w");
    char date[32] = "unknown";
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    int bad;
    if (!f)
        return sift_fail(err, SIFT_EIO, "%s: cannot create: %s", path,
                         strerror(errno));
    if (gmtime_r(&now, &tm))
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fprintf(f, "; sift model bundle, written by sift train.\n"
               "; Stage sections are the pipeline the model was trained "
               "with.\n[bundle]\nformat = %d\nname = %s\nlabels = ",
            SIFT_BUNDLE_FORMAT, p->name);
    for (size_t i = 0; i < p->nlabels; i++)
        fprintf(f, "%s%s", i ? "," : "", p->labels[i]);
    fprintf(f, "\ndimension = %zu\ntrained = %s\nsamples = %zu\n"
               "samples_fnv1a64 = %016llx\n",
            p->dim, date, m->samples, (unsigned long long)m->checksum);
    if (!sde)
        fprintf(f, "train_seconds = %.2f\n", m->seconds);
    if (m->extra)
        fputs(m->extra, f);
    write_stage(f, &p->seg, 0);
    write_stage(f, &p->tok, 0);
    for (size_t i = 0; i < p->nfeat; i++)
        write_stage(f, &p->feat[i], 1);
    write_stage(f, &p->cls, 0);
    bad = ferror(f);
    if (fflush(f) || fsync(fileno(f)))
        bad = 1;
    if (fclose(f) || bad)
        return sift_fail(err, SIFT_EIO, "%s: write failed: %s", path,
                         strerror(errno));
    return 0;
}

int sift_bundle_save(const struct sift_pipeline *p, const char *dir,
                     const struct sift_bundle_meta *meta,
                     struct sift_error *err)
{
    char tmp[PATH_MAX], path[PATH_MAX];
    struct stat st;
    int rc;
    if (!p->ready)
        return sift_fail(err, SIFT_ESTATE, "nothing to save: not trained");
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", dir) >= (int)sizeof tmp)
        return sift_fail(err, SIFT_EINVAL, "%s: path too long", dir);
    if (!mkdtemp(tmp))
        return sift_fail(err, SIFT_EIO, "%s: cannot create a temporary "
                                        "directory beside it: %s",
                         dir, strerror(errno));
    rc = join(path, tmp, "manifest.ini", err);
    if (!rc)
        rc = write_manifest(p, path, meta, err);
    for (size_t i = 0; !rc && i < p->nfeat; i++)
        if (!(rc = join(path, tmp, p->feat[i].section, err)))
            rc = p->feat[i].plug.desc->save(p->feat[i].inst, path, err);
    if (!rc && !(rc = join(path, tmp, p->cls.section, err)))
        rc = p->cls.plug.desc->save(p->cls.inst, path, err);
    if (rc)
        goto fail;
    chmod(tmp, 0755);
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            rc = sift_fail(err, SIFT_EINVAL,
                           "%s: exists and is not a directory", dir);
            goto fail;
        }
        if (join(path, dir, "manifest.ini", NULL) ||
            access(path, F_OK) != 0) {
            rc = sift_fail(err, SIFT_EINVAL,
                           "%s: exists and is not a model bundle (no "
                           "manifest.ini); refusing to replace it",
                           dir);
            goto fail;
        }
        /* Atomic swap: readers see the old bundle or the new, never a
         * mixture; the old one ends up at tmp and is removed. */
        if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE)) {
            rc = sift_fail(err, SIFT_EIO, "%s: cannot replace: %s", dir,
                           strerror(errno));
            goto fail;
        }
    } else if (rename(tmp, dir)) {
        rc = sift_fail(err, SIFT_EIO, "%s: cannot create: %s", dir,
                       strerror(errno));
        goto fail;
    }
fail:
    sift_bundle_remove(tmp);
    return rc;
}

struct sift_pipeline *sift_bundle_load(const char *dir, struct sift_error *err)
{
    char path[PATH_MAX];
    struct sift_config *cfg;
    struct sift_pipeline *p = NULL;
    const struct sift_section *b;
    const struct sift_kv *kv;
    uint32_t offset = 0;
    if (join(path, dir, "manifest.ini", err))
        return NULL;
    cfg = sift_config_load(path, err);
    if (!cfg) {
        if (err && err->code == SIFT_ENOTFOUND)
            sift_fail(err, SIFT_ENOTFOUND,
                      "%s: not a model bundle (no manifest.ini); train one "
                      "with: sift train -o %s SAMPLES...",
                      dir, dir);
        return NULL;
    }
    b = sift_config_section(cfg, "bundle");
    kv = sift_section_get(b, "format");
    if (!b || !kv || atoi(kv->value) != SIFT_BUNDLE_FORMAT) {
        sift_fail(err, SIFT_EFORMAT,
                  "%s: %s (this sift reads bundle format %d)", path,
                  !b ? "no [bundle] section" : !kv ? "no format key"
                                                   : "unsupported format",
                  SIFT_BUNDLE_FORMAT);
        goto fail;
    }
    p = sift_pipeline_new(cfg, err);
    if (!p)
        goto fail;
    kv = sift_section_get(b, "name");
    if (kv) {
        free(p->name);
        p->name = strdup(kv->value);
    }
    kv = sift_section_get(b, "labels");
    if (!kv || !p->name) {
        sift_fail(err, SIFT_EFORMAT, "%s: [bundle] has no labels", path);
        goto fail;
    }
    for (size_t i = 0; i < p->nlabels; i++)
        free(p->labels[i]);
    free(p->labels);
    p->labels = NULL;
    p->nlabels = 0;
    for (const char *q = kv->value; *q;) {
        const char *e = strchr(q, ',');
        size_t n = e ? (size_t)(e - q) : strlen(q);
        char **v = realloc(p->labels, (p->nlabels + 1) * sizeof *v);
        if (!v || !(v[p->nlabels] = strndup(q, n))) {
            if (v)
                p->labels = v;
            sift_fail(err, SIFT_ENOMEM, "out of memory");
            goto fail;
        }
        p->labels = v;
        p->nlabels++;
        q = e ? e + 1 : q + n;
    }
    if (p->nlabels < 2) {
        sift_fail(err, SIFT_EFORMAT, "%s: [bundle] labels: fewer than two",
                  path);
        goto fail;
    }
    for (size_t i = 0; i < p->nfeat; i++) {
        struct sift_stage *st = &p->feat[i];
        if (join(path, dir, st->section, err) ||
            st->plug.desc->load(st->inst, path, err))
            goto fail;
        st->offset = offset;
        offset += (uint32_t)st->plug.desc->dimension(st->inst);
    }
    p->dim = offset;
    kv = sift_section_get(b, "dimension");
    if (!kv || strtoull(kv->value, NULL, 10) != p->dim) {
        sift_fail(err, SIFT_EFORMAT,
                  "%s/manifest.ini: dimension %s, but the featurizer files "
                  "give %zu (bundle edited or mixed?)",
                  dir, kv ? kv->value : "missing", p->dim);
        goto fail;
    }
    if (join(path, dir, p->cls.section, err) ||
        p->cls.plug.desc->load(p->cls.inst, path, err))
        goto fail;
    if (p->cls.plug.desc->nlabels(p->cls.inst) != p->nlabels) {
        sift_fail(err, SIFT_EFORMAT,
                  "%s: the classifier predicts %zu labels, but the manifest "
                  "lists %zu",
                  path, p->cls.plug.desc->nlabels(p->cls.inst), p->nlabels);
        goto fail;
    }
    p->ready = 1;
    sift_config_free(cfg);
    return p;
fail:
    sift_pipeline_free(p);
    sift_config_free(cfg);
    return NULL;
}

static int stage_differs(const struct sift_stage *b, const struct sift_stage *i,
                         const char *dir, const char *ini,
                         struct sift_error *err)
{
    const struct sift_plugin *bd = b->plug.desc, *id = i->plug.desc;
    if (strcmp(b->section, i->section) || strcmp(bd->name, id->name))
        return sift_fail(err, SIFT_EINVAL,
                         "%s: [%s] uses plugin %s, but the bundle %s was "
                         "trained with [%s] plugin %s",
                         ini, i->section, id->name, dir, b->section,
                         bd->name);
    if (b->weight != i->weight)
        return sift_fail(err, SIFT_EINVAL,
                         "%s: [%s] weight = %g, but the bundle %s was "
                         "trained with %g",
                         ini, i->section, i->weight, dir, b->weight);
    for (size_t k = 0; k < bd->noptions; k++)
        if (strcmp(b->values[k], i->values[k]))
            return sift_fail(err, SIFT_EINVAL,
                             "%s: [%s] %s = %s, but the bundle %s was "
                             "trained with %s",
                             ini, i->section, bd->options[k].name,
                             i->values[k], dir, b->values[k]);
    return 0;
}

int sift_bundle_check(const struct sift_pipeline *bundle, const char *dir,
                      const struct sift_pipeline *ini, const char *ini_path,
                      struct sift_error *err)
{
    int rc = stage_differs(&bundle->tok, &ini->tok, dir, ini_path, err);
    if (rc)
        return rc;
    if (bundle->nfeat != ini->nfeat)
        return sift_fail(err, SIFT_EINVAL,
                         "%s: %zu featurizer sections, but the bundle %s was "
                         "trained with %zu",
                         ini_path, ini->nfeat, dir, bundle->nfeat);
    for (size_t i = 0; i < ini->nfeat; i++)
        if ((rc = stage_differs(&bundle->feat[i], &ini->feat[i], dir,
                                ini_path, err)))
            return rc;
    if (strcmp(bundle->cls.plug.desc->name, ini->cls.plug.desc->name))
        return sift_fail(err, SIFT_EINVAL,
                         "%s: [classifier] uses plugin %s, but the bundle %s "
                         "was trained with %s",
                         ini_path, ini->cls.plug.desc->name, dir,
                         bundle->cls.plug.desc->name);
    return 0;
}
