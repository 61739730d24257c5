/*
 * main.c - the sift command: dispatch to subcommands, and the two small
 * commands `plugins` and `segment`.
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

#ifndef SIFT_VERSION
#define SIFT_VERSION "0.1.0"
#endif

static const char usage_text[] =
    "usage: sift COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Label the sentences of news text as allegation, denial, threat or\n"
    "background (or whatever labels a model was trained with), with a\n"
    "pipeline of plugins composed in an ini file.\n"
    "\n"
    "commands:\n"
    "  classify   label every sentence of files, directories or stdin\n"
    "  segment    show the sentences the segmenter finds\n"
    "  train      train a model bundle from labeled samples\n"
    "  eval       score a model on labeled samples, or cross-validate\n"
    "  tune       grid-search options by cross-validation\n"
    "  explain    show why a sentence got its label\n"
    "  plugins    list plugins and their options\n"
    "\n"
    "Run 'sift COMMAND --help' for a command's options.\n"
    "Exit status: 0 success, 1 failure, 2 usage error, 3 some inputs "
    "skipped.\n";

/* ---- sift plugins ---- */

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
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
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
        return cli_usage("plugins", "unknown option");
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

/* ---- sift segment ---- */

int cmd_segment(int argc, char **argv)
{
    static const struct option opts[] = {
        {"config", required_argument, 0, 'c'},
        {"max-bytes", required_argument, 0, 'B'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *ini = NULL;
    long max_bytes = 64L << 20;
    struct sift_error err = {0};
    struct sift_pipeline *p;
    struct sift_worker *w;
    int c, status = SIFT_EXIT_OK;
    while ((c = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c':
            ini = optarg;
            break;
        case 'B':
            if (cli_number(optarg, 1, LONG_MAX, &max_bytes))
                return cli_usage("segment", "--max-bytes takes a positive "
                                            "number of bytes");
            break;
        case 'h':
            printf("usage: sift segment [-c INI] [--max-bytes N] PATH...\n\n"
                   "Print the sentences of each file ('-' for stdin) as\n"
                   "  path<TAB>index<TAB>start<TAB>end<TAB>text\n"
                   "with index from 1, byte offsets [start, end), and tabs "
                   "and newlines in the\ntext shown as spaces.\n\n"
                   "  -c, --config INI   pipeline whose [segmenter] to use "
                   "(default pipeline.ini)\n"
                   "      --max-bytes N  skip files larger than N (default "
                   "64 MiB)\n\n"
                   "Exit status: 0 all done, 1 failure, 2 usage, 3 some "
                   "files skipped.\n");
            return SIFT_EXIT_OK;
        default:
            return cli_usage("segment", "unknown option");
        }
    }
    if (optind >= argc)
        return cli_usage("segment", "no input files");
    p = cli_open(ini, NULL, 0, &err);
    if (!p)
        return cli_fail("segment", &err);
    w = sift_worker_new(p, &err);
    if (!w) {
        sift_pipeline_free(p);
        return cli_fail("segment", &err);
    }
    for (int i = optind; i < argc; i++) {
        char *text;
        size_t len, n;
        const struct sift_span *sp;
        if (cli_read_file(argv[i], &text, &len, (size_t)max_bytes, &err)) {
            fprintf(stderr, "sift segment: skipped %s\n", err.msg);
            if (status == SIFT_EXIT_OK)
                status = SIFT_EXIT_PARTIAL;
            continue;
        }
        if (sift_worker_segment(w, text, len, &sp, &n, &err)) {
            status = cli_fail("segment", &err);
            free(text);
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            cli_put_field(stdout, argv[i], strlen(argv[i]));
            printf("\t%zu\t%zu\t%zu\t", k + 1, sp[k].start, sp[k].end);
            cli_put_flat(stdout, text + sp[k].start, sp[k].end - sp[k].start);
            putchar('\n');
        }
        free(text);
    }
    sift_worker_free(w);
    sift_pipeline_free(p);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "sift segment: write error: %s\n", strerror(errno));
        return SIFT_EXIT_FAIL;
    }
    return status;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } cmds[] = {{"classify", cmd_classify}, {"segment", cmd_segment},
                {"train", cmd_train},       {"eval", cmd_eval},
                {"tune", cmd_tune},         {"explain", cmd_explain},
                {"plugins", cmd_plugins}};
    const char *names[7];
    if (argc < 2) {
        fputs(usage_text, stderr);
        return SIFT_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
        !strcmp(argv[1], "help")) {
        fputs(usage_text, stdout);
        return SIFT_EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("sift %s (plugin ABI %d)\n", SIFT_VERSION, SIFT_ABI_VERSION);
        return SIFT_EXIT_OK;
    }
    for (size_t i = 0; i < 7; i++) {
        names[i] = cmds[i].name;
        if (!strcmp(argv[1], cmds[i].name))
            return cmds[i].fn(argc - 1, argv + 1);
    }
    const char *close = sift_closest(argv[1], names, 7);
    fprintf(stderr, "sift: unknown command '%s'%s%s%s\nRun 'sift --help'.\n",
            argv[1], close ? " (did you mean '" : "", close ? close : "",
            close ? "'?)" : "");
    return SIFT_EXIT_USAGE;
}
