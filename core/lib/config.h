/*
 * config.h - a parsed ini file: sections of key/value pairs, each with the
 * line it came from, so that every later error can say file:line.
 */
#ifndef SIFT_CONFIG_H
#define SIFT_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#include "sift/plugin.h"

struct sift_kv {
    char *key;
    char *value;
    int line;
};

struct sift_section {
    char *name;
    int line;
    struct sift_kv *kv;
    size_t nkv;
};

struct sift_config {
    char *path;   /* as given */
    char *dir;    /* directory of path, for relative paths inside it */
    struct sift_section *sec;
    size_t nsec;
};

/* At most this many sections in a file, and keys in a section. */
#define SIFT_CONFIG_MAX 1000

/* Parse the ini file at path.  Rejects syntax errors, duplicate sections
 * and duplicate keys, and more than SIFT_CONFIG_MAX sections or keys
 * in a section, with file:line in err.  Returns NULL on failure. */
struct sift_config *sift_config_load(const char *path, struct sift_error *err);

/* Parse ini text held in memory; `name` stands for the file in messages
 * and `dir` for its directory. */
struct sift_config *sift_config_parse(const char *text, size_t len,
                                      const char *name, const char *dir,
                                      struct sift_error *err);

void sift_config_free(struct sift_config *c);

/* Section called name, or NULL. */
const struct sift_section *sift_config_section(const struct sift_config *c,
                                               const char *name);

/* Key in a section, or NULL. */
const struct sift_kv *sift_section_get(const struct sift_section *s,
                                       const char *key);

/* The word in words[0..n) closest to w by edit distance, or NULL when none
 * is close enough to be a likely typo. */
const char *sift_closest(const char *w, const char *const *words, size_t n);

/* Set section.key = value, adding the section or key when absent (line 0).
 * Used by `sift tune` to try settings.  Returns 0 or -1 (no memory). */
int sift_config_set(struct sift_config *c, const char *section,
                    const char *key, const char *value);

/* Write c back out as ini text. */
void sift_config_write(const struct sift_config *c, FILE *f);

#endif
