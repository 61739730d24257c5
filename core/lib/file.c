/*
 * file.c - careful reads of files that may be hostile, the manifest
 * checksum, and sift's temporary names (see file.h).
 */
#define _GNU_SOURCE
#include "file.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* Why st (or the failed open) rules the file out, or NULL. */
static const char *not_regular(const struct stat *st)
{
    if (S_ISDIR(st->st_mode))
        return "is a directory";
    if (!S_ISREG(st->st_mode))
        return "not a regular file (a FIFO, socket or device)";
    return NULL;
}

static int open_regular(const char *path, int flags, struct stat *st,
                        struct sift_error *err)
{
    int oflags = O_RDONLY | O_NONBLOCK | O_CLOEXEC, fd, e;
    const char *why;
    if (flags & SIFT_FILE_NOFOLLOW)
        oflags |= O_NOFOLLOW;
    fd = open(path, oflags);
    if (fd < 0) {
        e = errno;
        if (e == ELOOP && (flags & SIFT_FILE_NOFOLLOW))
            return sift_fail(err, SIFT_EFORMAT,
                             "%s: is a symbolic link "
                             "(refused: it must be a "
                             "regular file)",
                             path);
        return sift_fail(err, e == ENOENT ? SIFT_ENOTFOUND : SIFT_EIO,
                         "%s: cannot open: %s", path, strerror(e));
    }
    if (fstat(fd, st) != 0) {
        e = errno;
        close(fd);
        return sift_fail(err, SIFT_EIO, "%s: cannot read: %s", path,
                         strerror(e));
    }
    if ((why = not_regular(st))) {
        close(fd);
        return sift_fail(err, SIFT_EFORMAT, "%s: %s", path, why);
    }
    /* A regular file: blocking reads from here on. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

int sift_file_read(const char *path, int flags, size_t max, char **text,
                   size_t *len, struct sift_error *err)
{
    struct stat st;
    size_t n = 0, cap;
    ssize_t got;
    char *buf;
    int fd = open_regular(path, flags, &st, err);
    *text = NULL;
    *len = 0;
    if (fd < 0)
        return fd;
    if ((uint64_t)st.st_size > max) {
        close(fd);
        return sift_fail(err, SIFT_EFORMAT, "%s: larger than %zu bytes", path,
                         max);
    }
    cap = (size_t)st.st_size + 1;
    if (!(buf = malloc(cap + 1))) {
        close(fd);
        return sift_fail(err, SIFT_ENOMEM, "%s: out of memory", path);
    }
    /* Read to the end even if the file grew, but never past max. */
    while ((got = read(fd, buf + n, cap - n)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 || (n += (size_t)got) > max) {
            int e = got < 0 ? errno : EFBIG;
            free(buf);
            close(fd);
            return sift_fail(err, got < 0 ? SIFT_EIO : SIFT_EFORMAT, "%s: %s%s",
                             path, got < 0 ? "read error: " : "",
                             got < 0 ? strerror(e) : "grew while read");
        }
        if (n == cap) {
            char *b = realloc(buf, (cap *= 2) + 1);
            if (!b) {
                free(buf);
                close(fd);
                return sift_fail(err, SIFT_ENOMEM, "%s: out of memory", path);
            }
            buf = b;
        }
    }
    close(fd);
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

uint64_t sift_fnv1a64(const char *text, size_t n)
{
    return sift_fnv1a64_add(SIFT_FNV1A64_INIT, text, n);
}

mode_t sift_umask_mode(mode_t base)
{
    mode_t m = umask(077);
    umask(m);
    return base & ~m;
}

int sift_tmp_template(char *buf, size_t size, const char *path)
{
    int n = snprintf(buf, size, "%s.tmp-%ld-XXXXXX", path, (long)getpid());
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* Start of process pid (seconds since the epoch), or -1 when there is
 * no such process. */
static double process_start(long pid)
{
    char path[64], buf[1024], *p;
    unsigned long long ticks = 0, btime = 0;
    FILE *f;
    size_t n;
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    if (!(f = fopen(path, "r")))
        return -1;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    p = strrchr(buf, ')'); /* the command name may hold anything */
    for (int field = 2; p && field < 22; field++)
        p = strchr(p + 1, ' ');
    if (!p || sscanf(p, " %llu", &ticks) != 1)
        return 0; /* running, start unknown: treat as old */
    if (!(f = fopen("/proc/stat", "r")))
        return 0;
    while (fgets(buf, sizeof buf, f))
        if (sscanf(buf, "btime %llu", &btime) == 1)
            break;
    fclose(f);
    return (double)btime + (double)ticks / (double)sysconf(_SC_CLK_TCK);
}

/* The PID in name when it is base + ".tmp-PID-XXXXXX", else -1. */
static long tmp_pid(const char *name, const char *base)
{
    size_t bl = strlen(base);
    const char *p;
    char *end;
    long pid;
    if (strncmp(name, base, bl) || strncmp(name + bl, ".tmp-", 5))
        return -1;
    p = name + bl + 5;
    if (!isdigit((unsigned char)*p))
        return -1;
    pid = strtol(p, &end, 10);
    if (*end != '-' || strlen(end + 1) != 6)
        return -1;
    for (p = end + 1; *p; p++)
        if (!isalnum((unsigned char)*p))
            return -1;
    return pid;
}

void sift_file_remove_dir(int at, const char *name)
{
    int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    DIR *d = fd < 0 ? NULL : fdopendir(fd);
    struct dirent *e;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            unlinkat(fd, e->d_name, 0); /* plain files only */
    closedir(d);
    unlinkat(at, name, AT_REMOVEDIR);
}

int sift_tmp_sweep(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    DIR *d;
    struct dirent *e;
    int removed = 0;
    if (!slash || slash == path)
        strcpy(dir, slash ? "/" : ".");
    else if (snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path) >=
             (int)sizeof dir)
        return 0;
    if (!*base || !(d = opendir(dir)))
        return 0;
    while ((e = readdir(d))) {
        long pid = tmp_pid(e->d_name, base);
        struct stat st;
        double start;
        if (pid <= 0 || pid == (long)getpid() ||
            fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            st.st_uid != geteuid())
            continue;
        start = process_start(pid);
        if (start >= 0 && start <= (double)st.st_mtime + 1)
            continue; /* its maker may still be running */
        if (S_ISDIR(st.st_mode))
            sift_file_remove_dir(dirfd(d), e->d_name);
        else
            unlinkat(dirfd(d), e->d_name, 0);
        removed++;
    }
    closedir(d);
    return removed;
}
