/*
 * pipeline_int.h - the layout of a pipeline, shared by the library's
 * modules (pipeline.c, bundle.c, sift.c) and white-box tests; the command
 * line uses pipeline.h's functions instead.
 */
#ifndef SIFT_PIPELINE_INT_H
#define SIFT_PIPELINE_INT_H

#include <stdint.h>

#include "pipeline.h"
#include "plugin.h"

struct sift_stage {
    char *section;           /* "segmenter", "features.words", ... */
    struct sift_loaded plug;
    void *inst;
    char **values;           /* validated text of each plugin option */
    double weight;           /* featurizers: scale of their vector */
    uint32_t offset;         /* featurizers: first index in the concat */
};

struct sift_pipeline {
    char *name;
    char *model;             /* [pipeline] model, resolved; may be NULL */
    struct sift_stage seg, tok, cls;
    struct sift_stage *feat;
    size_t nfeat;
    char **labels;           /* declared in [pipeline] labels, or learnt */
    size_t nlabels;
    size_t dim;              /* total feature dimension once fitted */
    int ready;               /* featurizers fitted, classifier trained */
    int untrusted;           /* built from a bundle's manifest */
    struct sift_plugin_path path;
};

#endif
