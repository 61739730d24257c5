/* Fuzz the tokenizer with every option on. */
#include "tokenize.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void *a, *b, *sa, *sb;
    struct sift_error err = {0};
    const struct sift_token *t;
    size_t n;
    if (!a) {
        const char *v1[] = {"true", "shape", "true", "true", "16", "mask"};
        const char *v2[] = {"false", "token", "false", "false", "64", "keep"};
        a = tok_create(v1, &err);
        b = tok_create(v2, &err);
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
