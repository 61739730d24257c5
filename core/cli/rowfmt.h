/*
 * rowfmt.h - number formatting for `sift classify` rows without printf:
 * the same bytes as printf's "%zu" and "%.4f", written into a buffer.
 */
#ifndef SIFT_ROWFMT_H
#define SIFT_ROWFMT_H

#include <stddef.h>

/* Room for any number these functions write. */
#define ROWFMT_MAX 64

/* Write n in decimal at buf; returns the length (no NUL). */
size_t rowfmt_size(char *buf, size_t n);

/* Write v as printf("%.4f", v) would (round half to even on the exact
 * binary value); returns the length (no NUL). */
size_t rowfmt_fixed4(char *buf, double v);

#endif
