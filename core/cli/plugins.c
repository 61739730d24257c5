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

/* The plugins named on the command line, by name or path. */
static int describe_named(struct sift_plugin_path *sp, char **names, int n,
                          struct sift_error *err)
{
    int status = SIFT_EXIT_OK;
    for (int i = 0; i < n; i++) {
        struct sift_loaded l;
        if (sift_plugin_load(sp, names[i], "command line", &l, err)) {
            status = cli_fail("plugins", err);
            continue;
        }
        describe(&l);
        sift_plugin_close(&l);
    }
    return status;
}

/* The names of the *.so files in dir, sorted; *n of them (a name may be
 * NULL when it could not be copied). */
static char **so_names(DIR *dir, size_t *n)
{
    struct dirent *e;
    char **names = NULL;
    *n = 0;
    while ((e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (len > 3 && !strcmp(e->d_name + len - 3, ".so")) {
            char **v = realloc(names, (*n + 1) * sizeof *v);
            if (!v)
                break;
            names = v;
            names[(*n)++] = strdup(e->d_name);
        }
    }
    if (*n > 1)
        qsort(names, *n, sizeof *names, cmp_str);
    return names;
}

/* Every plugin in directory path, under a heading; how many it held.
 * One that does not open is skipped with a warning. */
static size_t describe_dir(const char *path, struct sift_error *err)
{
    DIR *dir = opendir(path);
    char **names;
    size_t n, found = 0;
    if (!dir)
        return 0;
    printf("# %s\n\n", path);
    names = so_names(dir, &n);
    closedir(dir);
    for (size_t i = 0; i < n; i++) {
        char file[4096];
        struct sift_loaded l;
        snprintf(file, sizeof file, "%s/%s", path, names[i]);
        if (names[i] && sift_plugin_open(file, &l, err) == 0) {
            describe(&l);
            sift_plugin_close(&l);
            found++;
        } else if (names[i]) {
            fprintf(stderr, "sift plugins: skipped: %s\n", err->msg);
        }
        free(names[i]);
    }
    free(names);
    return found;
}

/* Every plugin on the search path, directory by directory. */
static int describe_all(const struct sift_plugin_path *sp,
                        struct sift_error *err)
{
    size_t found = 0;
    for (size_t d = 0; d < sp->n; d++)
        found += describe_dir(sp->dir[d], err);
    if (!found) {
        fprintf(stderr, "sift plugins: no plugins found (set "
                        "SIFT_PLUGIN_PATH?)\n");
        return SIFT_EXIT_FAIL;
    }
    return SIFT_EXIT_OK;
}

static const char plugins_help[] =
    "usage: sift plugins [PLUGIN...]\n\n"
    "List every plugin on the search path (or the named ones, by name or "
    "path):\nkind, version, summary and each option with its type, default "
    "and help.\n\nSearch path: $SIFT_PLUGIN_PATH (':'-separated), then "
    "plugins/ beside the\nsift executable, then the install directory.\n";

int cmd_plugins(int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct sift_plugin_path sp;
    struct sift_error err = {0};
    int c, status;
    while ((c = cli_getopt("plugins", argc, argv, "h", opts)) != -1) {
        if (c == 'h') {
            fputs(plugins_help, stdout);
            return SIFT_EXIT_OK;
        }
        return SIFT_EXIT_USAGE; /* cli_getopt said why */
    }
    if (sift_plugin_path_init(&sp, NULL, NULL, &err))
        return cli_fail("plugins", &err);
    if (optind < argc)
        status = describe_named(&sp, argv + optind, argc - optind, &err);
    else
        status = describe_all(&sp, &err);
    sift_plugin_path_release(&sp);
    return status;
}
