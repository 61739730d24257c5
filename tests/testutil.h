/*
 * testutil.h - helpers shared by the CUnit suites: where the build is,
 * temporary files, loading a plugin, and running text through stages.
 */
#ifndef SIFT_TESTUTIL_H
#define SIFT_TESTUTIL_H

#include <CUnit/CUnit.h>
#include <stddef.h>

#include "plugin.h"
#include "sift/plugin.h"

/* $SIFT_BUILD or "build". */
const char *t_build(void);
/* A fresh temporary directory under the build tree (not world-writable). */
const char *t_tmpdir(void);
/* Write content to NAME inside t_tmpdir(); returns the path (static ring). */
const char *t_write(const char *name, const char *content, size_t len);
/* inst's state as save() writes it (malloc'd; *len its size), or NULL
 * after failing the test. */
char *t_save(const struct sift_plugin *d, const void *inst, size_t *len);
/* load() from a NUL-terminated copy of data[0..len). */
int t_load_bytes(const struct sift_plugin *d, void *inst, const char *data,
                 size_t len, const char *name, struct sift_error *err);
/* Load build/plugins/NAME.so or fail the test; returns 0 on success. */
int t_load(const char *name, struct sift_loaded *out);
/* Option values array for desc with defaults, overridden by "key=value"
 * pairs (NULL-terminated).  Free with t_values_free. */
char **t_values(const struct sift_plugin *d, const char *const *kv);
void t_values_free(const struct sift_plugin *d, char **v);
/* A ready pipeline.ini text using the build's plugins with extra text
 * appended to the classifier section. */
const char *t_ini(const char *name, const char *body);

/* Register suites. */
void suite_config(void);
void suite_plugin(void);
void suite_segment(void);
void suite_tokenize(void);
void suite_learn(void);
void suite_samples(void);
void suite_linear(void);
void suite_corpus(void);
void suite_cues(void);
void suite_safety(void);
void suite_api(void);
void suite_rowfmt(void);

#endif
