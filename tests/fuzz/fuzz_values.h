/* fuzz_values.h - option values for a plugin's create() built from its
 * own declarations (defaults), with "name=value" overrides, so that a new
 * option can never leave a fuzz target passing too few values. */
#ifndef FUZZ_VALUES_H
#define FUZZ_VALUES_H

#include <string.h>

static const char **fuzz_values(const struct sift_option *opt, size_t n,
                                const char *const *over)
{
    static const char *v[64];
    for (size_t i = 0; i < n && i < 64; i++) {
        size_t len = strlen(opt[i].name);
        v[i] = opt[i].def;
        for (const char *const *o = over; o && *o; o++)
            if (!strncmp(*o, opt[i].name, len) && (*o)[len] == '=')
                v[i] = *o + len + 1;
    }
    return v;
}

#endif
