/*
 * strtab.h - a string -> index hash table for plugins (vocabularies,
 * lexicons): open addressing, keys kept in one arena, FNV-1a hashing.
 * Lookups allocate nothing.  Header-only so each plugin stays a single
 * shared object.
 */
#ifndef SIFT_STRTAB_H
#define SIFT_STRTAB_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct strtab {
    uint32_t *slot;     /* 0 = empty, else entry + 1 */
    size_t nslot;       /* power of two */
    size_t *koff;       /* key offsets into arena, per entry */
    uint32_t *klen;
    uint64_t *hash;
    size_t n, cap;
    char *arena;
    size_t used, acap;
};

static inline uint64_t strtab_hash(const char *s, size_t n)
{
    return sift_fnv1a64_add(SIFT_FNV1A64_INIT, s, n);
}

static inline void strtab_release(struct strtab *t)
{
    free(t->slot);
    free(t->koff);
    free(t->klen);
    free(t->hash);
    free(t->arena);
    memset(t, 0, sizeof *t);
}

static inline const char *strtab_key(const struct strtab *t, size_t i,
                                     size_t *len)
{
    *len = t->klen[i];
    return t->arena + t->koff[i];
}

/* Entry index of key, or -1. */
static inline long strtab_find(const struct strtab *t, const char *k,
                               size_t n)
{
    if (!t->nslot)
        return -1;
    uint64_t h = strtab_hash(k, n);
    size_t mask = t->nslot - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        uint32_t s = t->slot[i];
        if (!s)
            return -1;
        s--;
        if (t->hash[s] == h && t->klen[s] == n &&
            !memcmp(t->arena + t->koff[s], k, n))
            return (long)s;
    }
}

static inline int strtab_rehash(struct strtab *t, size_t nslot)
{
    uint32_t *slot = calloc(nslot, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t e = 0; e < t->n; e++) {
        size_t i = (size_t)t->hash[e] & (nslot - 1);
        while (slot[i])
            i = (i + 1) & (nslot - 1);
        slot[i] = (uint32_t)e + 1;
    }
    free(t->slot);
    t->slot = slot;
    t->nslot = nslot;
    return 0;
}

/* Index of key, adding it when absent (*added set to 1).  -1 on ENOMEM. */
static inline long strtab_add(struct strtab *t, const char *k, size_t n,
                              int *added)
{
    long f = strtab_find(t, k, n);
    *added = 0;
    if (f >= 0)
        return f;
    if (t->n >= UINT32_MAX - 1)
        return -1;
    if ((t->n + 1) * 2 > t->nslot &&
        strtab_rehash(t, t->nslot ? t->nslot * 2 : 1024))
        return -1;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 1024;
        size_t *ko = realloc(t->koff, cap * sizeof *ko);
        if (!ko)
            return -1;
        t->koff = ko;
        uint32_t *kl = realloc(t->klen, cap * sizeof *kl);
        if (!kl)
            return -1;
        t->klen = kl;
        uint64_t *hs = realloc(t->hash, cap * sizeof *hs);
        if (!hs)
            return -1;
        t->hash = hs;
        t->cap = cap;
    }
    if (t->used + n > t->acap || !t->arena) {
        size_t cap = t->acap ? t->acap * 2 : 65536;
        while (cap < t->used + n)
            cap *= 2;
        char *a = realloc(t->arena, cap);
        if (!a)
            return -1;
        t->arena = a;
        t->acap = cap;
    }
    memcpy(t->arena + t->used, k, n);
    t->koff[t->n] = t->used;
    t->klen[t->n] = (uint32_t)n;
    t->hash[t->n] = strtab_hash(k, n);
    t->used += n;
    size_t mask = t->nslot - 1, i = (size_t)t->hash[t->n] & mask;
    while (t->slot[i])
        i = (i + 1) & mask;
    t->slot[i] = (uint32_t)t->n + 1;
    *added = 1;
    return (long)t->n++;
}

#endif
