/* Fuzz the bundle manifest reader: the checks that run before any plugin
 * loads ([bundle] format, dimension, labels, [files] against the files
 * in the bundle directory). */
#include "bundle.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

/* A bundle directory with two small stage files the input can name. */
static void make_dir(void)
{
    char path[128];
    snprintf(dir, sizeof dir, "/tmp/sift-fuzz-manifest-XXXXXX");
    if (!mkdtemp(dir))
        __builtin_trap();
    snprintf(path, sizeof path, "%s/classifier.state", dir);
    FILE *f = fopen(path, "w");
    fputs("svm_type c_svc\n", f); /* 15 bytes, fnv1a64 below */
    fclose(f);
    snprintf(path, sizeof path, "%s/features.words.state", dir);
    f = fopen(path, "w");
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sift_error err = {0};
    struct sift_config *cfg;
    if (!dir[0])
        make_dir();
    cfg =
        sift_config_parse((const char *)data, size, "manifest.ini", dir, &err);
    if (!cfg) {
        if (!err.msg[0])
            __builtin_trap();
        return 0;
    }
    if (check_manifest(cfg, dir, &err) == 0) {
        struct sift_pipeline p = {0};
        const struct sift_kv *kv =
            sift_section_get(sift_config_section(cfg, "bundle"), "labels");
        if (kv && sift_pipeline_set_labels(&p, kv->value, "fuzz", &err) == 0)
            for (size_t i = 0; i < p.nlabels; i++)
                for (size_t k = 0; k < i; k++)
                    if (!strcmp(p.labels[i], p.labels[k]) || !*p.labels[i])
                        __builtin_trap();
        for (size_t i = 0; i < p.nlabels; i++)
            free(p.labels[i]);
        free(p.labels);
    } else if (!err.msg[0]) {
        __builtin_trap();
    }
    sift_config_free(cfg);
    return 0;
}
