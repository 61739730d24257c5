/* Fuzz the segmenter: any bytes; spans must be ordered and in bounds. */
#include "segment.c"
#include "fuzz_values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void *inst, *scr;
    struct sift_error err = {0};
    const struct sift_span *sp;
    size_t n;
    if (!inst) {
        const char *over[] = {"max_bytes=300", "abbreviations=Cmdt,Sqn",
                              NULL};
        inst = seg_create(fuzz_values(options, O_N, over), &err);
        scr = scratch_new(inst, &err);
    }
    if (seg_segment(inst, scr, (const char *)data, size, &sp, &n, &err))
        abort();
    for (size_t i = 0; i < n; i++)
        if (sp[i].end > size || sp[i].start >= sp[i].end ||
            (i && sp[i].start < sp[i - 1].end))
            abort();
    return 0;
}
