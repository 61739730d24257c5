/* Fuzz the libsvm model-file check: whatever passes validation must be
 * safe to load and predict with. */
#include "svm.c"
#include "fuzz_values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static void *m, *s;
    struct sift_error err = {0};
    if (!m) {
        const char *over[] = {"cache_mb=10", NULL};
        const char **v = fuzz_values(options, O_N, over);
        m = svm_create(v, &err);
        s = scratch_new(m, &err);
    }
    char *copy = malloc(size + 1); /* load()'s bytes end with a NUL */
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    int rc = svm_load(m, copy, size, "fuzz.state", &err);
    free(copy);
    if (rc == 0) {
        struct sift_feature x[3] = {{0, 1.0}, {5, -2.0}, {70000, 0.5}};
        struct sift_vector v = {x, 3};
        double scores[1000];
        int label;
        if (svm_nlabels(m) > 1000 ||
            svm_predict_op(m, s, &v, &label, scores, &err))
            abort();
        if (label < 0 || (size_t)label >= svm_nlabels(m))
            abort();
    }
    return 0;
}
