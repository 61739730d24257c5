/*
 * rowfmt.c - "%zu" and "%.4f" without printf (see rowfmt.h): a row of
 * `sift classify` holds up to eight numbers, and printf's general
 * machinery was a tenth of the time spent per sentence.
 */
#include "rowfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

size_t rowfmt_size(char *buf, size_t n)
{
    char tmp[24];
    size_t k = sizeof tmp;
    do {
        tmp[--k] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    memcpy(buf, tmp + k, sizeof tmp - k);
    return sizeof tmp - k;
}

/* The sign of v * 10000 - half, exactly (one rounding, in fma, keeps the
 * sign of the exact difference). */
static int cmp_scaled(double v, double half)
{
    double d = fma(v, 10000.0, -half);
    return (d > 0) - (d < 0);
}

size_t rowfmt_fixed4(char *buf, double v)
{
    double k;
    int c;
    size_t n;
    if (!(v >= 0 && v < 1e12) || signbit(v))
        return (size_t)snprintf(buf, ROWFMT_MAX, "%.4f", v);
    k = floor(v * 10000.0 + 0.5);
    while ((c = cmp_scaled(v, k + 0.5)) > 0 ||
           (c == 0 && fmod(k, 2.0) != 0))
        k++;
    while (k > 0 && ((c = cmp_scaled(v, k - 0.5)) < 0 ||
                     (c == 0 && fmod(k, 2.0) != 0)))
        k--;
    n = rowfmt_size(buf, (size_t)(k / 10000.0));
    unsigned frac = (unsigned)fmod(k, 10000.0);
    buf[n++] = '.';
    for (int d = 3; d >= 0; d--, frac /= 10)
        buf[n + (size_t)d] = (char)('0' + frac % 10);
    return n + 4;
}
