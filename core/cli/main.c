/*
 * main.c - the sift command: dispatch to the subcommands (one file each).
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
