/* Fuzz the cue lexicon parser and matcher (lexicons travel in bundles). */
#include "cues.c"

#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char prefix[64], path[80];
    static struct cues c = {.negation = 1, .layout = 1, .pairs = 1};
    struct sift_error err = {0};
    if (!prefix[0]) {
        snprintf(prefix, sizeof prefix, "/tmp/sift-fuzz-lex-%d", getpid());
        snprintf(path, sizeof path, "%s.lex", prefix);
    }
    FILE *f = fopen(path, "wb");
    fwrite(data, 1, size, f);
    fclose(f);
    if (cues_load(&c, prefix, &err) == 0) {
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
