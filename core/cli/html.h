/*
 * html.h - the self-contained HTML report of `sift classify --format html`:
 * every document with its sentences highlighted by label, counts per
 * label, and a filter by label.  No network: styles and script inline.
 */
#ifndef SIFT_HTML_H
#define SIFT_HTML_H

#include <stdio.h>

#include "pipeline.h"

void sift_html_begin(FILE *f, const struct sift_pipeline *p);
void sift_html_doc_begin(FILE *f, const char *path);
void sift_html_sentence(FILE *f, const struct sift_pipeline *p, size_t index,
                        int label, const double *scores, const char *text,
                        size_t n);
void sift_html_doc_end(FILE *f);
void sift_html_end(FILE *f, const struct sift_pipeline *p,
                   const size_t *counts, size_t total);

#endif
