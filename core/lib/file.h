/*
 * file.h - reading files that may be hostile (bundle files, ini files)
 * without hanging on a FIFO or following a planted symlink, the checksum
 * that binds bundle files to their manifest, and the temporary names
 * that sift writes beside an output and sweeps up after a killed run.
 */
#ifndef SIFT_FILE_H
#define SIFT_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sift/plugin.h"

/* sift_file_read() flags. */
enum {
    SIFT_FILE_NOFOLLOW = 1 /* refuse a symbolic link (bundle files) */
};

/* Read the regular file at path into a malloc'd, NUL-terminated buffer.
 * Opens without blocking and refuses, naming path, anything that is not a
 * regular file (a directory: "is a directory"; a FIFO or device: "not a
 * regular file"; with SIFT_FILE_NOFOLLOW a symlink: "is a symbolic
 * link") or that holds more than max bytes.  Never quotes the file's
 * contents.  The caller frees *text. */
int sift_file_read(const char *path, int flags, size_t max, char **text,
                   size_t *len, struct sift_error *err);

/* FNV-1a, 64 bits, of text[0..n): the checksum a manifest records. */
uint64_t sift_fnv1a64(const char *text, size_t n);

/* The mode a new file gets under the current umask (0666 & ~umask). */
mode_t sift_umask_mode(mode_t base);

/* Temporary names beside an output `path`: "PATH.tmp-PID-XXXXXX" (the
 * X's for mkstemp/mkdtemp).  Returns 0, or -1 when it does not fit. */
int sift_tmp_template(char *buf, size_t size, const char *path);

/* Remove temporaries of `path` that a killed sift left: entries named
 * like sift_tmp_template(path) whose PID is no longer running, or is a
 * process that started after the entry was made.  Files and symlinks are
 * unlinked; a directory loses its plain files and then itself.  Entries
 * owned by someone else are left alone.  Best effort: returns the number
 * removed. */
int sift_tmp_sweep(const char *path);

/* Remove the directory name (relative to the directory fd at, or
 * AT_FDCWD) and the plain files in it, never following a symlink;
 * anything else in it keeps it in place.  Errors are ignored. */
void sift_file_remove_dir(int at, const char *name);

#endif
