/*
 * bundle.h - model bundles: a directory holding manifest.ini (format,
 * pipeline snapshot, labels, training data checksum, metrics) and each
 * stateful stage's files.  Written to a temporary directory and swapped
 * into place, so a failed or interrupted run never leaves half a model.
 */
#ifndef SIFT_BUNDLE_H
#define SIFT_BUNDLE_H

#include <stdint.h>

#include "pipeline.h"

/* 2: manifest.ini lists every state file's size and checksum ([files]).
 * 3: one SECTION.state per stage, written and read by the host; data a
 *    plugin ships (the cue lexicon) is inside, so a bundle runs alone. */
#define SIFT_BUNDLE_FORMAT 3

/* No bundle file may be larger than this. */
#define SIFT_BUNDLE_FILE_MAX ((size_t)1 << 30)

/* Facts about the training run recorded in the manifest. */
struct sift_bundle_meta {
    size_t samples;
    uint64_t checksum;
    double seconds;
    const char
        *extra; /* more "key = value\n" lines for [bundle]; may be NULL */
};

/* Write trained pipeline p as bundle dir (replacing any old one only once
 * the new one is complete).  A directory is replaced only when it is a
 * bundle holding nothing sift did not write.  When dir is a symlink, the
 * new bundle is written beside the link's target as LINKNAME-XXXXXX and
 * the link is swapped to point at it; the old target stays. */
int sift_bundle_save(const struct sift_pipeline *p, const char *dir,
                     const struct sift_bundle_meta *meta,
                     struct sift_error *err);

/* Load a bundle: a ready-to-run pipeline, or NULL with err set. */
struct sift_pipeline *sift_bundle_load(const char *dir, struct sift_error *err);

/* The pipeline a program runs.  ini or model may be NULL: with only a
 * model (a bundle directory), the bundle alone; with only an ini, the
 * ini (and, if need_model, the bundle its [pipeline] model names,
 * checked against it); with both, the bundle checked against the ini.
 * Whenever an ini is given its segmenter is used, since segmenting is not
 * part of what a model learns.  The result's `model` names the bundle it
 * runs, if any. */
struct sift_pipeline *sift_bundle_open(const char *ini, const char *model,
                                       int need_model,
                                       struct sift_error *err);

/* Refuse (with what differs) when ini-built pipeline `ini` has a
 * tokenizer, featurizers or classifier plugin other than the bundle's. */
int sift_bundle_check(const struct sift_pipeline *bundle, const char *dir,
                      const struct sift_pipeline *ini, const char *ini_path,
                      struct sift_error *err);

/* Remove a directory of plain files (a bundle or its temporary); a
 * symlink in its place is left alone. */
void sift_bundle_remove(const char *dir);

#endif
