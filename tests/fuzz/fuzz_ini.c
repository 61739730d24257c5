/* Fuzz the ini loader (inih behind core/lib/config.c). */
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sift_error err = {0};
    struct sift_config *c =
        sift_config_parse((const char *)data, size, "fuzz.ini", ".", &err);
    if (c) {
        for (size_t i = 0; i < c->nsec; i++)
            for (size_t k = 0; k < c->sec[i].nkv; k++)
                if (!sift_section_get(&c->sec[i], c->sec[i].kv[k].key))
                    __builtin_trap();
        sift_config_free(c);
    } else if (!err.msg[0]) {
        __builtin_trap();
    }
    return 0;
}
