/*
 * util.h - the few small routines the library, the command line and the
 * plugins would otherwise each write again: UTF-8 decoding, FNV-1a
 * hashing, a seeded xorshift shuffle, and libsvm/LIBLINEAR "balanced"
 * class weights.  Header-only (static inline), so that each plugin stays
 * one shared object that links nothing of the host's.
 */
#ifndef SIFT_UTIL_H
#define SIFT_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Decode the code point at s[i..n) into *cp and return its length in
 * bytes, or 0 when the bytes there are not valid UTF-8 (overlong forms,
 * surrogates and values above U+10FFFF are invalid). */
static inline size_t sift_utf8_decode(const unsigned char *s, size_t i,
                                      size_t n, uint32_t *cp)
{
    unsigned c = s[i];
    size_t k;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        k = 1; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        k = 2; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 3; v = c & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (i + k >= n)
        return 0;
    for (size_t j = 1; j <= k; j++) {
        if ((s[i + j] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i + j] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return k + 1;
}

/* FNV-1a, 64 bits: start from SIFT_FNV1A64_INIT, add bytes in order. */
#define SIFT_FNV1A64_INIT 14695981039346656037ULL

static inline uint64_t sift_fnv1a64_add(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* xorshift32: a fixed, portable sequence for a seed (a zero state is
 * replaced by a fixed non-zero one). */
static inline uint32_t sift_xorshift32(uint32_t *s)
{
    uint32_t x = *s ? *s : 2463534242u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Fisher-Yates shuffle of v[0..n) driven by sift_xorshift32(state). */
static inline void sift_shuffle(size_t *v, size_t n, uint32_t *state)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = sift_xorshift32(state) % i, t = v[i - 1];
        v[i - 1] = v[j];
        v[j] = t;
    }
}

/* "balanced" class weights, as scikit-learn defines them: label c of k
 * gets n / (k * count[c]) (1 when it has no samples).  Fills labels[]
 * and weights[] (k entries each) for libsvm's and LIBLINEAR's
 * weight_label / weight. */
static inline void sift_balanced_weights(const size_t *count, size_t k,
                                         size_t n, int *labels,
                                         double *weights)
{
    for (size_t c = 0; c < k; c++) {
        labels[c] = (int)c;
        weights[c] = count[c] ? (double)n / ((double)k * (double)count[c])
                              : 1.0;
    }
}

#endif
