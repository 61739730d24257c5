/*
 * html_page.h - the fixed parts of the classify report (see html.h): its
 * style sheet, its script, label colours, the stamp, and text as HTML,
 * with the repair of text decoded with the wrong character set.
 */
#ifndef SIFT_HTML_PAGE_H
#define SIFT_HTML_PAGE_H

#include <stddef.h>
#include <stdio.h>

#include "pipeline.h"

/* The page's CSS and JavaScript (no network, no libraries), each in
 * pieces (C11 compilers need only take 4095-byte literals) ending with
 * NULL. */
extern const char *const html_css[];
extern const char *const html_js[];

/* Highlight colour of the k-th label. */
const char *html_colour(size_t k);

/* If t[0, n) starts with a character that went through UTF-8 -> cp1252
 * -> UTF-8 (such as "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2" for U+2019, or
 * "\xC3\x83\xC2\xA9" for U+00E9), writes the original's *glen (2 or 3)
 * bytes to good and returns how many bytes of t it replaces; else 0.
 * Only forms that do not occur in real text are repaired: curly quotes,
 * dashes, ellipsis and bullet; lower-case Latin-1 letters and signs. */
size_t html_fix(const char *t, size_t n, char good[3], size_t *glen);

/* t[0, n) as HTML text or attribute value: markup characters as
 * entities, control bytes as spaces, bytes that are not UTF-8 as U+FFFD;
 * with fix, mis-decoded characters (html_fix) repaired and marked. */
void html_put_text(FILE *f, const char *t, size_t n, int fix);
/* html_put_text of a string, no repair. */
void html_put_str(FILE *f, const char *s);
/* s for a URL fragment: letters, digits and -._ as they are, the rest
 * percent-encoded. */
void html_put_fragment(FILE *f, const char *s);
/* "Model NAME from DIR (or via INI) · sift VERSION · DATE", the date
 * from $SOURCE_DATE_EPOCH when set, else now. */
void html_put_stamp(FILE *f, const struct sift_pipeline *p,
                    const char *model, const char *ini);

#endif
