/* Fuzz the sample-file parser (through a file, as sift reads it). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "samples.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static char *const labels[] = {"allegation", "denial", "threat",
                                   "background"};
    struct sift_samples ss;
    struct sift_error err = {0};
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/sift-fuzz-samples-%d", getpid());
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, size, f);
    fclose(f);
    for (int skip = 0; skip <= 1; skip++) {
        sift_samples_init(&ss, skip ? NULL : labels, skip ? 0 : 4, &err);
        if (sift_samples_read(&ss, path, skip, NULL, &err) == 0)
            sift_samples_check(&ss, &err);
        sift_samples_release(&ss);
    }
    return 0;
}
