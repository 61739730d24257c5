/*
 * plugin.h - finding, loading and checking stage plugins (host side).
 */
#ifndef SIFT_HOST_PLUGIN_H
#define SIFT_HOST_PLUGIN_H

#include <stddef.h>

#include "sift/plugin.h"

/* A loaded plugin: the dlopen handle and its checked descriptor.  desc
 * is the host's own copy: the plugin's descriptor up to its declared
 * size, and zero (absent) past it, so the host may test any member for
 * NULL.  The struct may be copied (it owns nothing by address). */
struct sift_loaded {
    void *handle;
    const struct sift_plugin *desc;
    char *path;
    char *dir;              /* the directory the plugin was loaded from */
};

/* Search path for `plugin = NAME`: directories tried in order. */
struct sift_plugin_path {
    char **dir;
    size_t n;
};

/* Build the search path: `ini_dirs` (a ':'-separated plugin_path from an
 * ini file, relative to ini_base; may be NULL), then $SIFT_PLUGIN_PATH,
 * then the directory `plugins/` beside the running executable, then the
 * install directory.  Returns 0 or a negative status. */
int sift_plugin_path_init(struct sift_plugin_path *sp, const char *ini_dirs,
                          const char *ini_base, struct sift_error *err);
void sift_plugin_path_release(struct sift_plugin_path *sp);

/* Resolve `name` (a bare name, or a path containing '/') to a file and
 * load it with sift_plugin_open().  `where` names the ini location for
 * messages ("pipeline.ini:12"). */
int sift_plugin_load(const struct sift_plugin_path *sp, const char *name,
                     const char *where, struct sift_loaded *out,
                     struct sift_error *err);

/* dlopen the file at path (RTLD_NOW), find SIFT_PLUGIN_SYMBOL and check
 * the descriptor: ABI version, a size of at least SIFT_PLUGIN_SIZE_2_0,
 * kind, the operations its kind requires, and options that neither use
 * a host-reserved name nor repeat.  Before dlopen (which runs the plugin's
 * constructors) refuses what is not a regular file, and, unless
 * $SIFT_ALLOW_INSECURE_PLUGINS is 1, a file or any directory above it up
 * to / that is owned by someone other than root or the user, or is
 * group/world-writable (a root-owned sticky directory such as /tmp is
 * allowed).  On failure nothing stays open and out is zeroed. */
int sift_plugin_open(const char *path, struct sift_loaded *out,
                     struct sift_error *err);

/* dlclose and forget; safe on a zeroed struct. */
void sift_plugin_close(struct sift_loaded *p);

/* "segmenter", "tokenizer", ... */
const char *sift_kind_name(int kind);

#endif
