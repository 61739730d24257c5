/*
 * bundle.c - saving and loading model bundles (see bundle.h).
 */
#define _GNU_SOURCE
#include "bundle.h"

#include <ctype.h>
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

#include "file.h"
#include "pipeline_int.h"

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

/* Names sift writes in a bundle directory: manifest.ini and files that
 * start with a stage's section name and a dot ("features.words.vocab"). */
static int sift_wrote(const struct sift_config *m, const char *name)
{
    if (!strcmp(name, "manifest.ini"))
        return 1;
    for (size_t i = 0; m && i < m->nsec; i++) {
        size_t n = strlen(m->sec[i].name);
        if (strcmp(m->sec[i].name, "bundle") &&
            strcmp(m->sec[i].name, "files") &&
            strcmp(m->sec[i].name, "pipeline") &&
            !strncmp(name, m->sec[i].name, n) && name[n] == '.')
            return 1;
    }
    return 0;
}

void sift_bundle_remove(const char *dir)
{
    sift_file_remove_dir(AT_FDCWD, dir);
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

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* [files]: the size and checksum of every file the stages saved in dir,
 * in byte order of names, so a file from elsewhere is refused at load. */
static int write_files(FILE *f, const char *dir, struct sift_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL, path[PATH_MAX];
    size_t n = 0;
    int rc = 0;
    if (!d)
        return sift_fail(err, SIFT_EIO, "%s: %s", dir, strerror(errno));
    while (!rc && (e = readdir(d))) {
        char **v;
        if (e->d_name[0] == '.' || !strcmp(e->d_name, "manifest.ini"))
            continue;
        if (!(v = realloc(names, (n + 1) * sizeof *v)) ||
            !(v[n] = strdup(e->d_name)))
            rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
        if (v)
            names = v;
        n += !rc;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    fputs("\n[files]\n", f);
    for (size_t i = 0; i < n; i++) {
        char *text;
        size_t len;
        if (!rc && !(rc = join(path, dir, names[i], err)) &&
            !(rc = sift_file_read(path, SIFT_FILE_NOFOLLOW,
                                  SIFT_BUNDLE_FILE_MAX, &text, &len, err))) {
            fprintf(f, "%s = %zu %016llx\n", names[i], len,
                    (unsigned long long)sift_fnv1a64(text, len));
            free(text);
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

static int write_manifest(const struct sift_pipeline *p, const char *dir,
                          const struct sift_bundle_meta *m,
                          struct sift_error *err)
{
    char path[PATH_MAX], date[32] = "unknown";
    FILE *f;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    int bad;
    if (join(path, dir, "manifest.ini", err))
        return SIFT_EINVAL;
    if (!(f = fopen(path, "w")))
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
    bad = write_files(f, dir, err);
    if (!bad && (ferror(f) || fflush(f) || fsync(fileno(f))))
        bad = sift_fail(err, SIFT_EIO, "%s: write failed: %s", path,
                        strerror(errno));
    if (fclose(f) && !bad)
        bad = sift_fail(err, SIFT_EIO, "%s: write failed: %s", path,
                        strerror(errno));
    return bad;
}

/* "SECTION.state": the one file that holds a stage's state. */
static int state_path(char *buf, const char *dir, const char *section,
                      struct sift_error *err)
{
    char name[PATH_MAX];
    snprintf(name, sizeof name, "%s.state", section);
    return join(buf, dir, name, err);
}

/* Write all of data[0..len) to a new file at path, and sync it. */
static int write_new(const char *path, const char *data, size_t len,
                     struct sift_error *err)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    size_t done = 0;
    if (fd < 0)
        return sift_fail(err, SIFT_EIO, "%s: cannot create: %s", path,
                         strerror(errno));
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    if (done < len || fsync(fd)) {
        int e = errno;
        close(fd);
        return sift_fail(err, SIFT_EIO, "%s: write failed: %s", path,
                         strerror(e));
    }
    return close(fd) ? sift_fail(err, SIFT_EIO, "%s: write failed: %s",
                                 path, strerror(errno))
                     : 0;
}

/* A stage's state: the plugin writes to a memory stream the host owns,
 * and the host writes the bytes to SECTION.state. */
static int save_state(const struct sift_stage *st, const char *dir,
                      struct sift_error *err)
{
    char path[PATH_MAX], *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    int rc, bad;
    if (!f)
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    rc = st->plug.desc->save(st->inst, f, err);
    bad = ferror(f);
    if (fclose(f) || bad)
        rc = rc ? rc : sift_fail(err, SIFT_ENOMEM, "[%s]: out of memory "
                                 "saving the state", st->section);
    if (!rc && len > SIFT_BUNDLE_FILE_MAX)
        rc = sift_fail(err, SIFT_EINVAL, "[%s]: state of %zu bytes is over "
                       "the bundle limit", st->section, len);
    if (!rc && !(rc = state_path(path, dir, st->section, err)))
        rc = write_new(path, buf, len, err);
    free(buf);
    return rc;
}

/* Every stage's state, then the manifest that binds it, into dir. */
static int write_bundle(const struct sift_pipeline *p, const char *dir,
                        const struct sift_bundle_meta *meta, mode_t mode,
                        struct sift_error *err)
{
    int rc = 0;
    for (size_t i = 0; !rc && i < p->nfeat; i++)
        rc = save_state(&p->feat[i], dir, err);
    if (!rc)
        rc = save_state(&p->cls, dir, err);
    if (!rc)
        rc = write_manifest(p, dir, meta, err);
    if (!rc && chmod(dir, mode))
        rc = sift_fail(err, SIFT_EIO, "%s: %s", dir, strerror(errno));
    return rc;
}

/* Refuse dir unless it is a bundle; with `only_sift`, also unless it
 * holds nothing but what sift wrote: replacing a bundle removes the old
 * one, and a user's file in it would go with it. */
static int check_replaceable(const char *dir, int only_sift,
                             struct sift_error *err)
{
    char path[PATH_MAX], *text = NULL;
    size_t len;
    struct sift_config *m = NULL;
    DIR *d;
    struct dirent *e;
    int rc = 0;
    if (join(path, dir, "manifest.ini", err))
        return SIFT_EINVAL;
    if (sift_file_read(path, SIFT_FILE_NOFOLLOW, 16u << 20, &text, &len,
                       NULL) ||
        !(m = sift_config_parse(text, len, path, dir, NULL))) {
        free(text);
        return sift_fail(err, SIFT_EINVAL,
                         "%s: exists and is not a model bundle (no readable "
                         "manifest.ini); refusing to replace it",
                         dir);
    }
    free(text);
    if (!only_sift) {
        sift_config_free(m);
        return 0;
    }
    if (!(d = opendir(dir)))
        rc = sift_fail(err, SIFT_EIO, "%s: %s", dir, strerror(errno));
    while (!rc && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            !sift_wrote(m, e->d_name))
            rc = sift_fail(err, SIFT_EINVAL,
                           "%s holds %s, which sift did not write; refusing "
                           "to replace it (move that out, or train into "
                           "another directory)",
                           dir, e->d_name);
    if (d)
        closedir(d);
    sift_config_free(m);
    return rc;
}

/* A fresh directory from template tmp (mkdtemp), sweeping up the
 * temporaries of `of` that killed runs left. */
static int make_tmpdir(char *tmp, const char *of, struct sift_error *err)
{
    sift_tmp_sweep(of);
    if (sift_tmp_template(tmp, PATH_MAX, of))
        return sift_fail(err, SIFT_EINVAL, "%s: path too long", of);
    if (!mkdtemp(tmp))
        return sift_fail(err, SIFT_EIO,
                         "%s: cannot create a temporary "
                         "directory beside it: %s",
                         of, strerror(errno));
    return 0;
}

/* dir is a directory (or nothing): build beside it, swap it in whole. */
static int save_dir(const struct sift_pipeline *p, const char *dir,
                    const struct sift_bundle_meta *meta, struct sift_error *err)
{
    char tmp[PATH_MAX];
    struct stat st;
    int exists = stat(dir, &st) == 0, rc;
    if (exists && !S_ISDIR(st.st_mode))
        return sift_fail(err, SIFT_EINVAL,
                         "%s: exists and is not a "
                         "directory",
                         dir);
    if ((exists && (rc = check_replaceable(dir, 1, err))) ||
        (rc = make_tmpdir(tmp, dir, err)))
        return rc;
    rc = write_bundle(p, tmp, meta,
                      exists ? st.st_mode & 07777 : sift_umask_mode(0777), err);
    /* Atomic swap: readers see the old bundle or the new, never a
     * mixture; the old one ends up at tmp and is removed. */
    if (!rc && exists &&
        renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE))
        rc = sift_fail(err, SIFT_EIO, "%s: cannot replace: %s", dir,
                       strerror(errno));
    else if (!rc && !exists &&
             renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_NOREPLACE))
        rc = sift_fail(err, SIFT_EIO, "%s: cannot create: %s", dir,
                       strerror(errno));
    sift_bundle_remove(tmp);
    return rc;
}

/* The target of symlink link, as stored (target) and as a path from
 * here (at). */
static int read_link(const char *link, char *target, char *at,
                     struct sift_error *err)
{
    const char *slash = strrchr(link, '/');
    ssize_t n = readlink(link, target, PATH_MAX - 1);
    if (n <= 0 || n >= PATH_MAX - 1)
        return sift_fail(err, SIFT_EIO, "%s: cannot read the link: %s", link,
                         n < 0 ? strerror(errno) : "too long");
    while (n > 1 && target[n - 1] == '/')
        n--; /* "v1/" is v1 */
    target[n] = '\0';
    if (target[0] == '/' || !slash)
        n = snprintf(at, PATH_MAX, "%s", target);
    else
        n = snprintf(at, PATH_MAX, "%.*s/%s", (int)(slash - link), link,
                     target);
    if (n >= PATH_MAX - 64)
        return sift_fail(err, SIFT_EINVAL, "%s: path too long", link);
    return 0;
}

/* Replace the last component of path (PATH_MAX) with name. */
static void set_base(char *path, const char *name)
{
    char *slash = strrchr(path, '/');
    char *base = slash ? slash + 1 : path;
    snprintf(base, PATH_MAX - (size_t)(base - path), "%s", name);
}

/* Point link at dest atomically: a new link beside it, renamed over it. */
static int swap_link(const char *link, const char *dest, const char *suffix,
                     struct sift_error *err)
{
    char tmp[PATH_MAX];
    sift_tmp_sweep(link);
    if (snprintf(tmp, sizeof tmp, "%s.tmp-%ld%s", link, (long)getpid(),
                 suffix) >= (int)sizeof tmp)
        return sift_fail(err, SIFT_EINVAL, "%s: path too long", link);
    if (symlink(dest, tmp) || rename(tmp, link)) {
        int e = errno;
        unlink(tmp);
        return sift_fail(err, SIFT_EIO, "%s: cannot point it at %s: %s", link,
                         dest, strerror(e));
    }
    return 0;
}

/* link is a symlink (a deployed model): build a new bundle beside its
 * target, named after the link (LINK-XXXXXX), then point the link at it.
 * The old target is left as it is. */
static int save_link(const struct sift_pipeline *p, const char *link,
                     const struct sift_bundle_meta *meta,
                     struct sift_error *err)
{
    char target[PATH_MAX], at[PATH_MAX], tmp[PATH_MAX], final[PATH_MAX];
    const char *slash = strrchr(link, '/'), *name = slash ? slash + 1 : link;
    const char *suffix;
    struct stat st;
    int rc, exists;
    if ((rc = read_link(link, target, at, err)))
        return rc;
    exists = stat(at, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode))
        return sift_fail(err, SIFT_EINVAL, "%s -> %s: not a directory", link,
                         target);
    if (exists && (rc = check_replaceable(at, 0, err)))
        return rc;
    set_base(at, name);
    if ((rc = make_tmpdir(tmp, at, err)))
        return rc;
    rc = write_bundle(p, tmp, meta,
                      exists ? st.st_mode & 07777 : sift_umask_mode(0777), err);
    /* PATH.tmp-PID-XXXXXX becomes PATH-XXXXXX, a name of its own */
    suffix = strrchr(tmp, '-');
    snprintf(final, sizeof final, "%s%s", at, suffix);
    if (!rc && renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_NOREPLACE))
        rc = sift_fail(err, SIFT_EIO, "%s: cannot create: %s", final,
                       strerror(errno));
    if (rc) {
        sift_bundle_remove(tmp);
        return rc;
    }
    /* the link's new text: its old text with the last part replaced */
    snprintf(tmp, sizeof tmp, "%s%s", name, suffix);
    set_base(target, tmp);
    return swap_link(link, target, suffix, err);
}

int sift_bundle_save(const struct sift_pipeline *p, const char *dir,
                     const struct sift_bundle_meta *meta,
                     struct sift_error *err)
{
    struct stat st;
    if (!p->ready)
        return sift_fail(err, SIFT_ESTATE, "nothing to save: not trained");
    if (strlen(dir) > PATH_MAX - 64)
        return sift_fail(err, SIFT_EINVAL, "%s: path too long", dir);
    if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
        return save_link(p, dir, meta, err);
    return save_dir(p, dir, meta, err);
}

/* Strict whole decimal number, or -1. */
static int parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    if (!isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end || v > SIZE_MAX)
        return -1;
    *out = (size_t)v;
    return 0;
}

/* "SIZE CHECKSUM" as a [files] value, or -1. */
static int parse_entry(const char *v, size_t *size, uint64_t *sum)
{
    char num[32], *end;
    size_t n = strcspn(v, " ");
    if (n == 0 || n >= sizeof num || strlen(v + n) != 17)
        return -1;
    memcpy(num, v, n);
    num[n] = '\0';
    for (size_t i = n + 1; v[i]; i++)
        if (!isxdigit((unsigned char)v[i]))
            return -1;
    *sum = strtoull(v + n + 1, &end, 16);
    return parse_size(num, size);
}

/* Is name "SECTION.state" for a stage with state (a featurizer or the
 * classifier) in manifest m? */
static int state_file(const struct sift_config *m, const char *name)
{
    for (size_t i = 0; i < m->nsec; i++) {
        const char *s = m->sec[i].name;
        size_t n = strlen(s);
        if ((!strcmp(s, "classifier") || !strncmp(s, "features.", 9)) &&
            !strncmp(name, s, n) && !strcmp(name + n, ".state"))
            return 1;
    }
    return 0;
}

/* A stage's state: read once, with the bundle's size limit and without
 * following a link, checked against its [files] entry, and handed to the
 * plugin from memory. */
static int load_state(const struct sift_config *cfg, const char *dir,
                      struct sift_stage *st, struct sift_error *err)
{
    const struct sift_kv *kv;
    char path[PATH_MAX], *text;
    size_t size, len;
    uint64_t sum;
    int rc;
    if ((rc = state_path(path, dir, st->section, err)))
        return rc;
    kv = sift_section_get(sift_config_section(cfg, "files"),
                          strrchr(path, '/') + 1);
    if (!kv || parse_entry(kv->value, &size, &sum))
        return sift_fail(err, SIFT_EFORMAT,
                         "%s: [files] has no valid entry for %s", cfg->path,
                         strrchr(path, '/') + 1);
    if ((rc = sift_file_read(path, SIFT_FILE_NOFOLLOW, SIFT_BUNDLE_FILE_MAX,
                             &text, &len, err)))
        return rc;
    if (len != size || sift_fnv1a64(text, len) != sum)
        rc = sift_fail(err, SIFT_EFORMAT,
                       "%s: does not match %s:%d (%s differs): the file was "
                       "edited or comes from another bundle",
                       path, cfg->path, kv->line,
                       len != size ? "size" : "checksum");
    else
        rc = st->plug.desc->load(st->inst, text, len, path, err);
    free(text);
    return rc;
}

/* Every [files] entry names a stage's state file, and every stage file
 * in dir has one (their contents are checked as they are loaded). */
static int check_files(const struct sift_config *cfg, const char *dir,
                       struct sift_error *err)
{
    const struct sift_section *fs = sift_config_section(cfg, "files");
    DIR *d;
    struct dirent *e;
    int rc = 0;
    if (!fs || !fs->nkv)
        return sift_fail(err, SIFT_EFORMAT,
                         "%s: no [files] section (the size and checksum of "
                         "each state file)",
                         cfg->path);
    for (size_t i = 0; i < fs->nkv; i++) {
        const struct sift_kv *kv = &fs->kv[i];
        size_t size;
        uint64_t sum;
        if (!state_file(cfg, kv->key) || parse_entry(kv->value, &size, &sum))
            return sift_fail(err, SIFT_EFORMAT,
                             "%s:%d: [files] %s: expected SECTION.state = "
                             "SIZE FNV1A64 for a featurizer or the "
                             "classifier",
                             cfg->path, kv->line, kv->key);
    }
    if (!(d = opendir(dir)))
        return sift_fail(err, SIFT_EIO, "%s: %s", dir, strerror(errno));
    while (!rc && (e = readdir(d)))
        if (strcmp(e->d_name, "manifest.ini") && sift_wrote(cfg, e->d_name) &&
            !sift_section_get(fs, e->d_name))
            rc = sift_fail(err, SIFT_EFORMAT,
                           "%s/%s: not listed in the manifest's [files] "
                           "(a file from elsewhere?)",
                           dir, e->d_name);
    closedir(d);
    return rc;
}

/* The cheap checks, before any plugin loads: [bundle] format, labels and
 * dimension, and a [files] entry for every stage file in dir whose size
 * and checksum match. */
static int check_manifest(const struct sift_config *cfg, const char *dir,
                          struct sift_error *err)
{
    const struct sift_section *b = sift_config_section(cfg, "bundle");
    const struct sift_kv *kv = sift_section_get(b, "format");
    size_t v;
    if (!b || !kv)
        return sift_fail(err, SIFT_EFORMAT, "%s: no [bundle] format key",
                         cfg->path);
    if (parse_size(kv->value, &v) || v != SIFT_BUNDLE_FORMAT)
        return sift_fail(err, SIFT_EFORMAT,
                         "%s:%d: format = %s: unsupported (this sift reads "
                         "bundle format %d; retrain older bundles with sift "
                         "train)",
                         cfg->path, kv->line, kv->value, SIFT_BUNDLE_FORMAT);
    kv = sift_section_get(b, "dimension");
    if (!kv || parse_size(kv->value, &v))
        return sift_fail(err, SIFT_EFORMAT,
                         "%s:%d: [bundle] dimension = %s: expected a whole "
                         "number",
                         cfg->path, kv ? kv->line : b->line,
                         kv ? kv->value : "(missing)");
    return check_files(cfg, dir, err);
}

/* The manifest of bundle dir, parsed and checked. */
static struct sift_config *read_manifest(const char *dir,
                                         struct sift_error *err)
{
    char path[PATH_MAX], *text;
    size_t len;
    struct sift_config *cfg;
    if (join(path, dir, "manifest.ini", err))
        return NULL;
    if (sift_file_read(path, SIFT_FILE_NOFOLLOW, 16u << 20, &text, &len, err)) {
        if (err && err->code == SIFT_ENOTFOUND)
            sift_fail(err, SIFT_ENOTFOUND,
                      "%s: not a model bundle (no manifest.ini); train one "
                      "with: sift train -o %s SAMPLES...",
                      dir, dir);
        return NULL;
    }
    cfg = sift_config_parse(text, len, path, dir, err);
    free(text);
    if (cfg && check_manifest(cfg, dir, err)) {
        sift_config_free(cfg);
        return NULL;
    }
    return cfg;
}

/* [bundle]'s name and labels into p, which runs the model in dir. */
static int bundle_facts(struct sift_pipeline *p, const struct sift_config *cfg,
                        const char *dir, struct sift_error *err)
{
    const struct sift_section *b = sift_config_section(cfg, "bundle");
    const struct sift_kv *name = sift_section_get(b, "name"),
                         *labels = sift_section_get(b, "labels");
    char where[PATH_MAX + 32];
    snprintf(where, sizeof where, "%s:%d: [bundle]", cfg->path,
             labels ? labels->line : b->line);
    free(p->model);
    if (!(p->model = strdup(dir)))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (name) {
        free(p->name);
        if (!(p->name = strdup(name->value)))
            return sift_fail(err, SIFT_ENOMEM, "out of memory");
    }
    if (!labels)
        return sift_fail(err, SIFT_EFORMAT, "%s has no labels", where);
    if (sift_pipeline_set_labels(p, labels->value, where, err))
        return err ? err->code : SIFT_EFORMAT;
    if (p->nlabels < 2)
        return sift_fail(err, SIFT_EFORMAT, "%s labels: fewer than two",
                         where);
    return 0;
}

/* Every stage's state, checked against the manifest's dimension and
 * labels. */
static int load_states(struct sift_pipeline *p, const struct sift_config *cfg,
                       const char *dir, struct sift_error *err)
{
    const struct sift_kv *kv =
        sift_section_get(sift_config_section(cfg, "bundle"), "dimension");
    size_t dim = 0, k;
    for (size_t i = 0; i < p->nfeat; i++)
        if (load_state(cfg, dir, &p->feat[i], err))
            return err ? err->code : SIFT_EFORMAT;
    if (sift_pipeline_layout(p, err))
        return err ? err->code : SIFT_EINVAL;
    parse_size(kv->value, &dim); /* check_manifest() checked it */
    if (dim != p->dim)
        return sift_fail(err, SIFT_EFORMAT,
                         "%s: dimension %s, but the featurizer files give "
                         "%zu (bundle edited or mixed?)",
                         cfg->path, kv->value, p->dim);
    if (load_state(cfg, dir, &p->cls, err))
        return err ? err->code : SIFT_EFORMAT;
    if ((k = p->cls.plug.desc->nlabels(p->cls.inst)) != p->nlabels)
        return sift_fail(err, SIFT_EFORMAT,
                         "%s: the classifier predicts %zu labels, but the "
                         "manifest lists %zu",
                         cfg->path, k, p->nlabels);
    return 0;
}

struct sift_pipeline *sift_bundle_load(const char *dir, struct sift_error *err)
{
    struct sift_config *cfg = read_manifest(dir, err);
    struct sift_pipeline *p =
        cfg ? sift_pipeline_open(cfg, SIFT_PIPELINE_UNTRUSTED, err) : NULL;
    if (p && (bundle_facts(p, cfg, dir, err) ||
              load_states(p, cfg, dir, err))) {
        sift_pipeline_free(p);
        p = NULL;
    }
    if (p)
        p->ready = 1;
    sift_config_free(cfg);
    return p;
}

/* The ini's pipeline, and the model it names when need_model. */
static struct sift_pipeline *open_ini(const char *ini, const char **model,
                                      int need_model, struct sift_error *err)
{
    struct sift_config *cfg = sift_config_load(ini, err);
    struct sift_pipeline *p = cfg ? sift_pipeline_new(cfg, err) : NULL;
    sift_config_free(cfg);
    if (p && !*model && need_model) {
        if (!p->model) {
            sift_fail(err, SIFT_EINVAL,
                      "%s: [pipeline] names no model; pass -m DIR or add "
                      "model = DIR",
                      ini);
            sift_pipeline_free(p);
            return NULL;
        }
        *model = p->model;
    }
    return p;
}

struct sift_pipeline *sift_bundle_open(const char *ini, const char *model,
                                       int need_model, struct sift_error *err)
{
    struct sift_pipeline *p = NULL, *b;
    if (ini && !(p = open_ini(ini, &model, need_model, err)))
        return NULL;
    if (!model)
        return p;
    b = sift_bundle_load(model, err);
    if (b && p && sift_bundle_check(b, model, p, ini, err)) {
        sift_pipeline_free(b);
        b = NULL;
    } else if (b && p) {
        sift_pipeline_swap_segmenter(b, p);
    }
    sift_pipeline_free(p);
    return b;
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
