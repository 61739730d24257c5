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

static const char segment_help[] =
    "usage: sift segment [-c INI] [--max-bytes N] PATH...\n\n"
    "Print the sentences of each file ('-' for stdin) as\n"
    "  path<TAB>index<TAB>start<TAB>end<TAB>text\n"
    "with index from 1, byte offsets [start, end), and tabs and newlines in "
    "the\ntext shown as spaces.\n\n"
    "  -c, --config INI   pipeline whose [segmenter] to use (default "
    "pipeline.ini)\n"
    "      --max-bytes N  skip files larger than N (default 64 MiB)\n\n"
    "Exit status: 0 all done, 1 failure, 2 usage, 3 some files skipped.\n";

/* 0 to go on, -1 after --help, else the exit status (the message said). */
static int parse_segment(int argc, char **argv, const char **ini,
                         long *max_bytes)
{
    static const struct option opts[] = {
        {"config", required_argument, 0, 'c'},
        {"max-bytes", required_argument, 0, 'B'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;
    while ((c = cli_getopt("segment", argc, argv, "c:h", opts)) != -1) {
        switch (c) {
        case 'c':
            *ini = optarg;
            break;
        case 'B':
            if (cli_number(optarg, 1, LONG_MAX, max_bytes))
                return cli_usage("segment", "--max-bytes takes a positive "
                                            "number of bytes");
            break;
        case 'h':
            fputs(segment_help, stdout);
            return -1;
        default:
            return SIFT_EXIT_USAGE; /* cli_getopt said why */
        }
    }
    if (optind >= argc)
        return cli_usage("segment", "no input files");
    return 0;
}

/* Print the sentences of path.  Returns SIFT_EXIT_PARTIAL when the file
 * was skipped (unreadable, too large), SIFT_EXIT_FAIL when the segmenter
 * failed, else SIFT_EXIT_OK; each said on stderr. */
static int segment_file(struct sift_worker *w, const char *path,
                        size_t max_bytes, struct sift_error *err)
{
    char *text;
    size_t len, n;
    const struct sift_span *sp;
    if (cli_read_file(path, &text, &len, max_bytes, err)) {
        fprintf(stderr, "sift segment: skipped %s\n", err->msg);
        return SIFT_EXIT_PARTIAL;
    }
    if (sift_worker_segment(w, text, len, &sp, &n, err)) {
        free(text);
        return cli_fail("segment", err);
    }
    for (size_t k = 0; k < n; k++) {
        cli_tsv_path(stdout, path);
        printf("\t%zu\t%zu\t%zu\t", k + 1, sp[k].start, sp[k].end);
        cli_tsv_text(stdout, text + sp[k].start, sp[k].end - sp[k].start);
        putchar('\n');
    }
    free(text);
    return SIFT_EXIT_OK;
}

int cmd_segment(int argc, char **argv)
{
    const char *ini = NULL;
    long max_bytes = 64L << 20;
    struct sift_error err = {0};
    struct sift_pipeline *p;
    struct sift_worker *w;
    int status = parse_segment(argc, argv, &ini, &max_bytes);
    if (status)
        return status < 0 ? SIFT_EXIT_OK : status;
    if (!(p = cli_open(ini, NULL, 0, &err)))
        return cli_fail("segment", &err);
    if (!(w = sift_worker_new(p, &err))) {
        sift_pipeline_free(p);
        return cli_fail("segment", &err);
    }
    for (int i = optind; i < argc; i++) {
        int rc = segment_file(w, argv[i], (size_t)max_bytes, &err);
        /* a failure outranks a skipped file */
        if (rc == SIFT_EXIT_FAIL || status == SIFT_EXIT_OK)
            status = rc;
    }
    sift_worker_free(w);
    sift_pipeline_free(p);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "sift segment: write error: %s\n", strerror(errno));
        return SIFT_EXIT_FAIL;
    }
    return status;
}
