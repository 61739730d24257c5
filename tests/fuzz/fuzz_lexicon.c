/* Fuzz the cue lexicon parser and matcher (lexicons travel in bundles). */
#include "cues.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct cues c = {.negation = 1, .layout = 1, .pairs = 1};
    struct sift_error err = {0};
    char *copy = malloc(size + 1); /* load()'s bytes end with a NUL */
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    int rc = cues_load(&c, copy, size, "fuzz.state", &err);
    free(copy);
    if (rc == 0) {
        struct sift_token t[6];
        const char *w[] = {"they", "did", "not", "deny", "it", "we"};
        for (int i = 0; i < 6; i++)
            t[i] = (struct sift_token){w[i], strlen(w[i]), 0, 1};
        struct sift_sentence s = {"They did not deny it we.", 24, t, 6};
        const struct sift_feature *out;
        size_t n;
        void *scr = scratch_new(&c, &err);
        if (!scr || cues_transform(&c, scr, &s, &out, &n, &err))
            abort();
        scratch_free(scr);
    }
    return 0;
}
