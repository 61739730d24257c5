/*
 * plugin.c - finds plugins on the search path, dlopens them and checks
 * their descriptor before the host uses any of it.
 */
#define _GNU_SOURCE
#include "plugin.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SIFT_PLUGIN_DIR
#define SIFT_PLUGIN_DIR "/usr/local/lib/sift/plugins"
#endif

const char *sift_kind_name(int kind)
{
    switch (kind) {
    case SIFT_SEGMENTER: return "segmenter";
    case SIFT_TOKENIZER: return "tokenizer";
    case SIFT_FEATURIZER: return "featurizer";
    case SIFT_CLASSIFIER: return "classifier";
    }
    return "unknown";
}

static int path_add(struct sift_plugin_path *sp, const char *d, size_t n)
{
    char **v;
    if (n == 0)
        return 0;
    v = realloc(sp->dir, (sp->n + 1) * sizeof *v);
    if (!v)
        return -1;
    sp->dir = v;
    v[sp->n] = malloc(n + 1);
    if (!v[sp->n])
        return -1;
    memcpy(v[sp->n], d, n);
    v[sp->n][n] = '\0';
    sp->n++;
    return 0;
}

static int path_add_list(struct sift_plugin_path *sp, const char *list,
                         const char *base)
{
    while (list && *list) {
        const char *colon = strchr(list, ':');
        size_t n = colon ? (size_t)(colon - list) : strlen(list);
        char buf[PATH_MAX];
        if (n > 0 && base && list[0] != '/') {
            snprintf(buf, sizeof buf, "%s/%.*s", base, (int)n, list);
            if (path_add(sp, buf, strlen(buf)))
                return -1;
        } else if (path_add(sp, list, n)) {
            return -1;
        }
        list = colon ? colon + 1 : NULL;
    }
    return 0;
}

int sift_plugin_path_init(struct sift_plugin_path *sp, const char *ini_dirs,
                          const char *ini_base, struct sift_error *err)
{
    char exe[PATH_MAX];
    ssize_t n;
    memset(sp, 0, sizeof *sp);
    if (path_add_list(sp, ini_dirs, ini_base))
        goto nomem;
    if (path_add_list(sp, getenv("SIFT_PLUGIN_PATH"), NULL))
        goto nomem;
    n = readlink("/proc/self/exe", exe, sizeof exe - 16);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            strcpy(slash, "/plugins");
            if (path_add(sp, exe, strlen(exe)))
                goto nomem;
        }
    }
    if (path_add(sp, SIFT_PLUGIN_DIR, strlen(SIFT_PLUGIN_DIR)))
        goto nomem;
    return 0;
nomem:
    sift_plugin_path_release(sp);
    return sift_fail(err, SIFT_ENOMEM, "out of memory");
}

void sift_plugin_path_release(struct sift_plugin_path *sp)
{
    for (size_t i = 0; i < sp->n; i++)
        free(sp->dir[i]);
    free(sp->dir);
    memset(sp, 0, sizeof *sp);
}

int sift_plugin_load(const struct sift_plugin_path *sp, const char *name,
                     const char *where, struct sift_loaded *out,
                     struct sift_error *err)
{
    char path[PATH_MAX], tried[400] = "";
    size_t used = 0;
    if (strchr(name, '/'))
        return sift_plugin_open(name, out, err);
    for (size_t i = 0; i < sp->n; i++) {
        snprintf(path, sizeof path, "%s/%s.so", sp->dir[i], name);
        if (access(path, F_OK) == 0)
            return sift_plugin_open(path, out, err);
        if (used < sizeof tried - 1)
            used += snprintf(tried + used, sizeof tried - used, "%s%s",
                             i ? ", " : "", sp->dir[i]);
    }
    memset(out, 0, sizeof *out);
    return sift_fail(err, SIFT_ENOTFOUND,
                     "%s: plugin '%s' not found (looked for %s.so in: %s)",
                     where, name, name, tried);
}

/* Who may own a plugin or a directory above it: root or the user sift
 * runs as. */
static int trusted_owner(const struct stat *st)
{
    return st->st_uid == 0 || st->st_uid == geteuid();
}

/* The directories above real (an absolute path without symlinks), up
 * to /: owned by root or you, and not writable by others (a directory
 * owned by root with the sticky bit, like /tmp, is fine: nobody else can
 * rename what is in it). */
static int check_dirs(const char *path, const char *real,
                      struct sift_error *err)
{
    char dir[PATH_MAX], *slash;
    struct stat st;
    snprintf(dir, sizeof dir, "%s", real);
    while ((slash = strrchr(dir, '/'))) {
        slash[slash == dir ? 1 : 0] = '\0';
        if (stat(dir, &st) != 0)
            return sift_fail(err, SIFT_EIO, "%s: cannot check %s: %s", path,
                             dir, strerror(errno));
        if (!trusted_owner(&st))
            return sift_fail(err, SIFT_EINVAL,
                             "%s: refusing to load a plugin from %s, owned by "
                             "uid %ld, not by you or root (its owner can "
                             "replace the plugin); set "
                             "SIFT_ALLOW_INSECURE_PLUGINS=1 to override",
                             path, dir, (long)st.st_uid);
        if ((st.st_mode & (S_IWGRP | S_IWOTH)) &&
            !(st.st_uid == 0 && (st.st_mode & S_ISVTX)))
            return sift_fail(err, SIFT_EINVAL,
                             "%s: refusing to load a plugin from the group- "
                             "or world-writable directory %s (anyone who can "
                             "write there can replace it); fix with chmod "
                             "go-w %s, or set SIFT_ALLOW_INSECURE_PLUGINS=1",
                             path, dir, dir);
        if (slash == dir)
            break;
    }
    return 0;
}

/* Like ssh's StrictModes: a plugin anyone else can replace is code
 * anyone else can run as you.  Checked before dlopen, which runs the
 * plugin's constructors.  `real` gets the resolved path to open. */
static int check_trust(const char *path, char *real, struct sift_error *err)
{
    struct stat st;
    const char *allow = getenv("SIFT_ALLOW_INSECURE_PLUGINS");
    if (!realpath(path, real) || stat(real, &st) != 0)
        return sift_fail(err, SIFT_ENOTFOUND, "%s: cannot open plugin: %s",
                         path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return sift_fail(err, SIFT_EINVAL,
                         "%s: not a regular file (a plugin is a .so file)",
                         path);
    if (allow && !strcmp(allow, "1"))
        return 0;
    if (!trusted_owner(&st))
        return sift_fail(err, SIFT_EINVAL,
                         "%s: refusing to load a plugin owned by uid %ld, not "
                         "by you or root (its owner can run code as you); "
                         "set SIFT_ALLOW_INSECURE_PLUGINS=1 to override",
                         path, (long)st.st_uid);
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return sift_fail(err, SIFT_EINVAL,
                         "%s: refusing to load a group- or world-writable "
                         "plugin (anyone who can write it can run code as "
                         "you); fix with chmod go-w, or set "
                         "SIFT_ALLOW_INSECURE_PLUGINS=1",
                         path);
    return check_dirs(path, real, err);
}

/* Option names the host uses in a stage's section. */
static const char *const reserved[] = {"plugin", "plugin_version", "weight"};

static int check_options(const char *path, const struct sift_plugin *d,
                         struct sift_error *err)
{
    for (size_t i = 0; i < d->noptions; i++) {
        const struct sift_option *o = &d->options[i];
        if (!o->name || !o->def || !o->help ||
            (o->type == SIFT_OPT_ENUM && !o->choices))
            return sift_fail(err, SIFT_EABI,
                             "%s: option %zu is incompletely declared", path,
                             i);
        for (size_t r = 0; r < sizeof reserved / sizeof *reserved; r++)
            if (!strcmp(o->name, reserved[r]))
                return sift_fail(err, SIFT_EABI,
                                 "%s: option '%s' is a name the host "
                                 "reserves (plugin, plugin_version, weight)",
                                 path, o->name);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(o->name, d->options[j].name))
                return sift_fail(err, SIFT_EABI,
                                 "%s: option '%s' is declared twice", path,
                                 o->name);
    }
    return 0;
}

static int check_ops(const char *path, const struct sift_plugin *d,
                     struct sift_error *err)
{
    const char *missing = NULL;
    if (!d->name || !d->version || !d->summary)
        missing = "name/version/summary";
    else if (d->noptions && !d->options)
        missing = "options";
    else if (!d->create || !d->destroy || !d->scratch_new || !d->scratch_free)
        missing = "create/destroy/scratch_new/scratch_free";
    else if (d->kind == SIFT_SEGMENTER && !d->segment)
        missing = "segment";
    else if (d->kind == SIFT_TOKENIZER && !d->tokenize)
        missing = "tokenize";
    else if (d->kind == SIFT_FEATURIZER &&
             (!d->fit || !d->transform || !d->dimension || !d->save ||
              !d->load || !d->feature_name))
        missing = "fit/transform/dimension/feature_name/save/load";
    else if (d->kind == SIFT_CLASSIFIER &&
             (!d->train || !d->predict || !d->save || !d->load ||
              !d->explain || !d->nlabels))
        missing = "train/predict/explain/nlabels/save/load";
    if (d->kind < SIFT_SEGMENTER || d->kind > SIFT_CLASSIFIER)
        return sift_fail(err, SIFT_EABI, "%s: unknown stage kind %d", path,
                         (int)d->kind);
    if (missing)
        return sift_fail(err, SIFT_EABI,
                         "%s: %s plugin does not provide %s", path,
                         sift_kind_name(d->kind), missing);
    return check_options(path, d, err);
}

/* The descriptor of the loaded object h, checked: a plugin of this ABI,
 * copied up to its size (later members absent), every operation its kind
 * needs present.  *copy is the host's malloc'd copy. */
static int descriptor(void *h, const char *path, struct sift_plugin **copy,
                      struct sift_error *err)
{
    sift_plugin_fn fn;
    const struct sift_plugin *d;
    *(void **)(&fn) = dlsym(h, SIFT_PLUGIN_SYMBOL);
    if (!fn)
        return sift_fail(err, SIFT_EABI,
                         "%s: not a sift plugin (no '%s' symbol)", path,
                         SIFT_PLUGIN_SYMBOL);
    if (!(d = fn()))
        return sift_fail(err, SIFT_EABI, "%s: '%s' returned NULL", path,
                         SIFT_PLUGIN_SYMBOL);
    if (d->abi_version != SIFT_ABI_VERSION)
        return sift_fail(err, SIFT_EABI,
                         "%s: plugin ABI version %u, but this sift expects "
                         "version %d (rebuild the plugin against this "
                         "sift/plugin.h)",
                         path, (unsigned)d->abi_version, SIFT_ABI_VERSION);
    if (d->size < SIFT_PLUGIN_SIZE_2_0)
        return sift_fail(err, SIFT_EABI,
                         "%s: plugin descriptor is %u bytes, but ABI %d "
                         "descriptors have at least %zu (a broken build?)",
                         path, (unsigned)d->size, SIFT_ABI_VERSION,
                         (size_t)SIFT_PLUGIN_SIZE_2_0);
    if (!(*copy = calloc(1, sizeof **copy)))
        return sift_fail(err, SIFT_ENOMEM, "out of memory");
    memcpy(*copy, d, d->size < sizeof *d ? d->size : sizeof *d);
    return check_ops(path, *copy, err);
}

int sift_plugin_open(const char *path, struct sift_loaded *out,
                     struct sift_error *err)
{
    struct sift_plugin *copy = NULL;
    char real[PATH_MAX], *slash;
    void *h;
    int rc;
    memset(out, 0, sizeof *out);
    if ((rc = check_trust(path, real, err)))
        return rc;
    if (!(h = dlopen(real, RTLD_NOW | RTLD_LOCAL))) {
        const char *e = dlerror();
        return sift_fail(err, SIFT_EABI, "%s: cannot load plugin: %s", path,
                         e ? e : "unknown dlopen error");
    }
    if (!(rc = descriptor(h, path, &copy, err)) &&
        (!(out->path = strdup(path)) || !(out->dir = strdup(real))))
        rc = sift_fail(err, SIFT_ENOMEM, "out of memory");
    if (rc) {
        dlclose(h);
        free(out->path);
        free(copy);
        memset(out, 0, sizeof *out);
        return rc;
    }
    slash = strrchr(out->dir, '/');
    slash[slash == out->dir] = '\0'; /* "/x.so" is in "/" */
    out->handle = h;
    out->desc = copy;
    return 0;
}

void sift_plugin_close(struct sift_loaded *p)
{
    if (p->handle)
        dlclose(p->handle);
    free(p->path);
    free(p->dir);
    free((void *)p->desc);
    memset(p, 0, sizeof *p);
}
