/* Fuzz the tokenizer with every option on. */
#include "tokenize.c"
#include "fuzz_values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void *a, *b, *sa, *sb;
    struct sift_error err = {0};
    const struct sift_token *t;
    size_t n;
    if (!a) {
        const char *o1[] = {"numbers=shape", "punctuation=true", "stem=true",
                            "max_token_bytes=16", "names=mask", NULL};
        const char *o2[] = {"lowercase=false", NULL};
        a = tok_create(fuzz_values(options, O_N, o1), &err);
        b = tok_create(fuzz_values(options, O_N, o2), &err);
        sa = scratch_new(a, &err);
        sb = scratch_new(b, &err);
    }
    if (tok_tokenize(a, sa, (const char *)data, size, &t, &n, &err))
        abort();
    for (size_t i = 0; i < n; i++)
        if (t[i].end > size || t[i].len > 16)
            abort();
    if (tok_tokenize(b, sb, (const char *)data, size, &t, &n, &err))
        abort();
    return 0;
}
