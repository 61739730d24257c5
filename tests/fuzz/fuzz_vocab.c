/* Fuzz the n-gram vocabulary loader of model bundles. */
#include "ngrams.c"
#include "fuzz_values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void *g;
    struct sift_error err = {0};
    if (!g) {
        const char **v = fuzz_values(options, O_N, NULL);
        g = ng_create(v, &err);
    }
    char *copy = malloc(size + 1); /* load()'s bytes end with a NUL */
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    int rc = ng_load(g, copy, size, "fuzz.state", &err);
    free(copy);
    if (rc == 0) {
        char name[256];
        for (uint32_t i = 0; i < ng_dimension(g) && i < 50; i++)
            if (ng_feature_name(g, i, name, sizeof name) < -1)
                abort();
    }
    return 0;
}
