/*
 * plugins.c - `sift plugins`: list plugins and their options.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "plugin.h"

static const char *type_name(int t)
{
    switch (t) {
    case SIFT_OPT_STRING: return "string";
    case SIFT_OPT_INT: return "int";
    case SIFT_OPT_DOUBLE: return "number";
    case SIFT_OPT_BOOL: return "bool";
    case SIFT_OPT_ENUM: return "enum";
    }
    return "?";
}

static void describe(const struct sift_loaded *l)
{
    const struct sift_plugin *d = l->desc;
    printf("%s %s (%s)\n  %s\n  file: %s\n", d->name, d->version,
           sift_kind_name(d->kind), d->summary, l->path);
    if (d->kind == SIFT_FEATURIZER)
        printf("  %-16s %-7s %-10s %s\n", "weight", "number", "1",
               "(host) scale of this featurizer's vector");
    for (size_t i = 0; i < d->noptions; i++) {
        const struct sift_option *o = &d->options[i];
        printf("  %-16s %-7s %-10s %s", o->name, type_name(o->type),
               *o->def ? o->def : "\"\"", o->help);
        if (o->type == SIFT_OPT_ENUM)
            printf(" [%s]", o->choices);
        else if (o->type == SIFT_OPT_INT || o->type == SIFT_OPT_DOUBLE)
            printf(" [%g..%g]", o->min, o->max);
        if (o->flags & SIFT_OPT_TRAIN)
            printf(" (training)");
        if (o->grid)
            printf(" (tune: %s)", o->grid);
        putchar('\n');
    }
    putchar('\n');
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_plugins(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct sift_plugin_path sp;
    struct sift_error err = {0};
    int c, status = SIFT_EXIT_OK, found = 0;
    while ((c = cli_getopt("plugins", argc, argv, "h", opts)) != -1) {
        if (c == 'h') {
            printf("usage: sift plugins [PLUGIN...]\n\n"
                   "List every plugin on the search path (or the named "
                   "ones, by name or path):\nkind, version, summary and each "
                   "option with its type, default and help.\n\nSearch "
                   "path: $SIFT_PLUGIN_PATH (':'-separated), then plugins/ "
                   "beside the\nsift executable, then the install "
                   "directory.\n");
            return SIFT_EXIT_OK;
        }
        return SIFT_EXIT_USAGE; /* cli_getopt said why */
    }
    if (sift_plugin_path_init(&sp, NULL, NULL, &err))
        return cli_fail("plugins", &err);
    if (optind < argc) {
        for (int i = optind; i < argc; i++) {
            struct sift_loaded l;
            if (sift_plugin_load(&sp, argv[i], "command line", &l, &err)) {
                status = cli_fail("plugins", &err);
                continue;
            }
            describe(&l);
            sift_plugin_close(&l);
        }
        sift_plugin_path_release(&sp);
        return status;
    }
    for (size_t d = 0; d < sp.n; d++) {
        DIR *dir = opendir(sp.dir[d]);
        struct dirent *e;
        char **names = NULL;
        size_t n = 0;
        if (!dir)
            continue;
        printf("# %s\n\n", sp.dir[d]);
        while ((e = readdir(dir))) {
            size_t len = strlen(e->d_name);
            if (len > 3 && !strcmp(e->d_name + len - 3, ".so")) {
                char **v = realloc(names, (n + 1) * sizeof *v);
                if (!v)
                    break;
                names = v;
                names[n++] = strdup(e->d_name);
            }
        }
        closedir(dir);
        if (n > 1)
            qsort(names, n, sizeof *names, cmp_str);
        for (size_t i = 0; i < n; i++) {
            char path[4096];
            struct sift_loaded l;
            snprintf(path, sizeof path, "%s/%s", sp.dir[d], names[i]);
            if (names[i] && sift_plugin_open(path, &l, &err) == 0) {
                describe(&l);
                sift_plugin_close(&l);
                found++;
            } else if (names[i]) {
                fprintf(stderr, "sift plugins: skipped: %s\n", err.msg);
            }
            free(names[i]);
        }
        free(names);
    }
    sift_plugin_path_release(&sp);
    if (!found) {
        fprintf(stderr, "sift plugins: no plugins found (set "
                        "SIFT_PLUGIN_PATH?)\n");
        return SIFT_EXIT_FAIL;
    }
    return status;
}
