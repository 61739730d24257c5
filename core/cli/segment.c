/*
 * segment.c - `sift segment`: show the sentences the segmenter finds.
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
    while ((c = cli_getopt("segment", argc, argv, "c:h", opts)) != -1) {
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
            return SIFT_EXIT_USAGE; /* cli_getopt said why */
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
            cli_tsv_path(stdout, argv[i]);
            printf("\t%zu\t%zu\t%zu\t", k + 1, sp[k].start, sp[k].end);
            cli_tsv_text(stdout, text + sp[k].start, sp[k].end - sp[k].start);
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
