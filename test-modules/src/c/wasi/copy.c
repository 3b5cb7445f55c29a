/*
 * copy.c - copies a file from one preopened directory to another.
 *
 * Usage: copy.wasm SRC DST      e.g. copy.wasm /in/input.txt /out/copy.txt
 *
 * Lists the preopened directories, then copies SRC to DST with readv/writev
 * (two iovecs per call, so hosts must handle scatter/gather), and checks the
 * copy by size and FNV-1a checksum.  Along the way it exercises
 * posix_fadvise (fd_advise), posix_fallocate (fd_allocate), fd_fdstat_get
 * file types, fcntl(F_GETFL/F_SETFL) and fd_renumber.  With two preopens
 * such as /data and /data/out, wasi-libc must pick the longest matching
 * preopen for /data/out/... paths.
 *
 * WASI calls: fd_prestat_get, fd_prestat_dir_name, path_open, fd_read,
 * fd_write, fd_advise, fd_allocate, fd_fdstat_get, fd_fdstat_set_flags,
 * fd_filestat_get, fd_renumber, fd_close, ...
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <wasi/api.h>

#include "wasi_common.h"

static uint32_t fnv1a(const char *path, long *size) {
    uint32_t h = 2166136261u;
    unsigned char buf[512];
    *size = 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) h = (h ^ buf[i]) * 16777619u;
        *size += n;
    }
    close(fd);
    return h;
}

static const char *filetype(__wasi_filetype_t t) {
    switch (t) {
    case __WASI_FILETYPE_DIRECTORY: return "directory";
    case __WASI_FILETYPE_REGULAR_FILE: return "regular_file";
    case __WASI_FILETYPE_CHARACTER_DEVICE: return "character_device";
    case __WASI_FILETYPE_SYMBOLIC_LINK: return "symbolic_link";
    case __WASI_FILETYPE_UNKNOWN: return "unknown";
    default: return "other";
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: copy.wasm SRC DST\n");
        return 2;
    }
    const char *src = argv[1], *dst = argv[2];

    printf("== preopens ==\n");
    for (int fd = 3;; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        char name[256] = {0};
        size_t len = ps.u.dir.pr_name_len < sizeof name - 1 ? ps.u.dir.pr_name_len : sizeof name - 1;
        __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len);
        __wasi_fdstat_t st;
        __wasi_fd_fdstat_get(fd, &st);
        printf("fd %d: \"%s\" (%s)\n", fd, name, filetype(st.fs_filetype));
    }

    printf("== copy %s -> %s ==\n", src, dst);
    int in = open(src, O_RDONLY);
    if (in < 0) {
        printf("open(%s): " ERRNO_FMT "\n", src, ERRNO_ARGS(errno));
        return 1;
    }
    struct stat st;
    fstat(in, &st);
    printf("source size: %lld\n", (long long)st.st_size);
    printf("posix_fadvise(SEQUENTIAL) = %d\n", posix_fadvise(in, 0, 0, POSIX_FADV_SEQUENTIAL));

    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        printf("open(%s): " ERRNO_FMT "\n", dst, ERRNO_ARGS(errno));
        return 1;
    }
    __wasi_fdstat_t fst;
    __wasi_fd_fdstat_get(out, &fst);
    printf("destination fd type: %s\n", filetype(fst.fs_filetype));
    int flags = fcntl(out, F_GETFL);
    printf("F_GETFL: O_WRONLY %s, O_APPEND %s\n", (flags & O_ACCMODE) == O_WRONLY ? "yes" : "no",
           (flags & O_APPEND) ? "yes" : "no");
    printf("fcntl(F_SETFL, O_APPEND) = %d\n", fcntl(out, F_SETFL, O_APPEND));
    flags = fcntl(out, F_GETFL);
    printf("F_GETFL after: O_APPEND %s\n", (flags & O_APPEND) ? "yes" : "no");

    char a[5], b[11];
    struct iovec iov[2] = {{a, sizeof a}, {b, sizeof b}};
    long copied = 0;
    for (;;) {
        ssize_t n = readv(in, iov, 2);
        if (n < 0) { printf("readv: " ERRNO_FMT "\n", ERRNO_ARGS(errno)); return 1; }
        if (n == 0) break;
        struct iovec wv[2] = {{a, n < (ssize_t)sizeof a ? (size_t)n : sizeof a},
                              {b, n > (ssize_t)sizeof a ? (size_t)n - sizeof a : 0}};
        ssize_t w = writev(out, wv, 2);
        if (w != n) { printf("writev wrote %zd of %zd\n", w, n); return 1; }
        copied += n;
    }
    printf("copied %ld bytes\n", copied);
    close(out);

    long s1, s2;
    uint32_t h1 = fnv1a(src, &s1), h2 = fnv1a(dst, &s2);
    printf("sizes equal: %s (%ld)\n", s1 == s2 ? "yes" : "no", s2);
    printf("fnv1a: %08x / %08x, equal: %s\n", h1, h2, h1 == h2 ? "yes" : "no");

    printf("== fd_allocate / fd_renumber ==\n");
    char extra[512];
    snprintf(extra, sizeof extra, "%s.big", dst);
    int big = open(extra, O_RDWR | O_CREAT | O_TRUNC, 0644);
    int rc = posix_fallocate(big, 0, 4096);
    fstat(big, &st);
    printf("posix_fallocate(0, 4096) = %s, size now %lld\n", errno_name(rc), (long long)st.st_size);
    /* Make `in` (the source) also reachable as `big`'s number: big is closed. */
    lseek(in, 0, SEEK_SET);
    __wasi_errno_t e = __wasi_fd_renumber(in, big);
    printf("fd_renumber(src, big) = %s\n", errno_name(e));
    char first[32] = {0};
    ssize_t n = read(big, first, 10);
    printf("read 10 bytes through the new number: %zd \"%.10s\"\n", n, first);
    errno = 0;
    n = read(in, first, 1);
    printf("old number closed: %s\n", n < 0 && errno == EBADF ? "yes (EBADF)" : "no");
    e = __wasi_fd_renumber(big, 1000);
    printf("fd_renumber(fd, 1000 not open) = %s\n", errno_name(e));
    close(big);
    unlink(extra);
    return 0;
}
