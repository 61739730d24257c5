/*
 * floor.c - the byte-loop floor for `make bench`: one pass that
 * lowercases each word, hashes it and looks it up in a table of the
 * model's vocabulary size.  No classifier could read text faster.
 * usage: floor FILE  (prints words found, to keep the loop honest)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    enum { NSLOT = 1 << 17 };
    static uint64_t table[NSLOT];
    uint64_t h = 14695981039346656037ULL, x = 1, found = 0;
    size_t len = 0;
    int c;
    FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
    if (!f)
        return 2;
    for (int i = 0; i < 40000; i++) { /* a vocabulary's worth of keys */
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        table[x & (NSLOT - 1)] = x;
    }
    while ((c = getc_unlocked(f)) != EOF) {
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c == ' ' || c == '\n' || c == '\t') {
            if (len)
                found += table[h & (NSLOT - 1)] == h;
            h = 14695981039346656037ULL;
            len = 0;
        } else {
            h = (h ^ (unsigned)c) * 1099511628211ULL;
            len++;
        }
    }
    printf("%llu\n", (unsigned long long)found);
    return 0;
}
