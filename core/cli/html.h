/*
 * html.h - the self-contained HTML report of `sift classify --format html`:
 * a contents table with each document's label counts, the counts as a
 * chart, every document as headline, bylines and paragraphs with its
 * sentences highlighted by label and their confidence, why each got its
 * label (top words) on demand, and a list of every sentence of a chosen
 * label across documents, filtered by confidence and searchable.  No
 * network: styles and script are inline, and everything but the list,
 * the filters and the search reads without JavaScript.
 *
 * Order of calls: sift_html_begin(), then for each document (possibly
 * in several threads, one document per thread at a time) doc_begin,
 * sentence..., doc_end, then sift_html_end() and sift_html_free().
 */
#ifndef SIFT_HTML_H
#define SIFT_HTML_H

#include <stdio.h>

#include "pipeline.h"

struct sift_html;
struct sift_html_doc;

/* Start the page on out: head, styles, the title and the stamp (model,
 * sift version, date: $SOURCE_DATE_EPOCH when set, else now).  model is
 * the bundle given with -m, else NULL; ini the pipeline file given with
 * -c, else NULL (the default one).  p is borrowed until sift_html_free.
 * Returns NULL when out of memory. */
struct sift_html *sift_html_begin(FILE *out, const struct sift_pipeline *p,
                                  const char *model, const char *ini);

/* Start one document.  Its section is written to f by sift_html_doc_end
 * (f is typically that document's own buffer).  seq orders the contents:
 * any number unique to the document that grows in output order.  text
 * and len are the document (sentence offsets index into it); path, text
 * and w (used to explain labels) are borrowed until doc_end.  Returns
 * NULL when out of memory; doc_end then reports it. */
struct sift_html_doc *sift_html_doc_begin(struct sift_html *h, FILE *f,
                                          struct sift_worker *w, size_t seq,
                                          const char *path, const char *text,
                                          size_t len);

/* One sentence, text[start, end) of the document, its label, the
 * pipeline's nlabels scores and its feature vector v (from the worker
 * given to doc_begin, which explains it; NULL: no "why").  Blank lines
 * and lone lines (headline, byline, caption) between sentences start new
 * blocks. */
void sift_html_sentence(struct sift_html_doc *d, size_t index, size_t start,
                        size_t end, int label, const double *scores,
                        const struct sift_vector *v);

/* Finish the document: writes its section, with counts[] (per label, of
 * all its sentences, shown or not), to f and adds it to the contents.
 * Frees d.  Returns 0, or SIFT_ENOMEM (also when d is NULL). */
int sift_html_doc_end(struct sift_html_doc *d, const size_t *counts);

/* Finish the page on out: the chart of counts[] (per label, total
 * sentences in all), the contents, the sentence list and the script. */
void sift_html_end(struct sift_html *h, FILE *out, const size_t *counts,
                   size_t total);

/* Free h (NULL does nothing). */
void sift_html_free(struct sift_html *h);

#endif
