/* Fuzz the n-gram vocabulary loader of model bundles. */
#include "ngrams.c"
#include "fuzz_values.h"

#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char prefix[64], path[80];
    static void *g;
    struct sift_error err = {0};
    if (!g) {
        const char **v = fuzz_values(options, O_N, NULL);
        snprintf(prefix, sizeof prefix, "/tmp/sift-fuzz-vocab-%d", getpid());
        snprintf(path, sizeof path, "%s.vocab", prefix);
        g = ng_create(v, &err);
    }
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, size, f);
    fclose(f);
    if (ng_load(g, prefix, &err) == 0) {
        char name[256];
        for (uint32_t i = 0; i < ng_dimension(g) && i < 50; i++)
            if (ng_feature_name(g, i, name, sizeof name) < -1)
                abort();
    }
    return 0;
}
