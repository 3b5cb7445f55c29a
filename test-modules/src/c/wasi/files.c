/*
 * files.c - regular file operations inside a preopened directory.
 *
 * Usage: files.wasm [DIR]      (DIR defaults to /sandbox; it must be preopened
 *                               and should contain input.txt from the "files"
 *                               fixture)
 *
 * Covers: open of a missing file (ENOENT), O_CREAT|O_EXCL (EEXIST), stdio
 * write + read back, lseek/tell (SEEK_SET/CUR/END), pread/pwrite (which must
 * not move the file offset), ftruncate (shrink and zero-extend), fstat sizes,
 * O_APPEND, fsync/fdatasync, utimensat/futimens with fixed timestamps,
 * rename, unlink, and reading a file that the host put there beforehand.
 *
 * WASI calls: path_open, fd_read, fd_write, fd_pread, fd_pwrite, fd_seek,
 * fd_tell, fd_filestat_get, fd_filestat_set_size, fd_filestat_set_times,
 * path_filestat_get, path_filestat_set_times, fd_sync, fd_datasync,
 * fd_fdstat_get, fd_fdstat_set_flags, path_rename, path_unlink_file,
 * fd_close, fd_prestat_get, fd_prestat_dir_name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_common.h"

static const char *dir = "/sandbox";
static char pathbuf[4][512];

/* Returns DIR/name (up to 4 paths can be alive at once). */
static const char *P(const char *name) {
    static int next = 0;
    char *buf = pathbuf[next];
    next = (next + 1) % 4;
    snprintf(buf, sizeof pathbuf[0], "%s/%s", dir, name);
    return buf;
}

static void check(const char *what, int ok) {
    printf("%-44s %s\n", what, ok ? "ok" : "FAILED");
}

static void print_errno(const char *what, int rc) {
    if (rc >= 0) {
        printf("%-44s unexpectedly succeeded (%d)\n", what, rc);
    } else {
        printf("%-44s -1 " ERRNO_FMT "\n", what, ERRNO_ARGS(errno));
    }
}

static long fsize(int fd) {
    struct stat st;
    if (fstat(fd, &st) != 0) return -1;
    return (long)st.st_size;
}

static long psize(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    return (long)st.st_size;
}

static void show_bytes(const char *label, const char *buf, ssize_t n) {
    printf("%s (%zd bytes): \"", label, n);
    for (ssize_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\n') printf("\\n");
        else if (c == 0) printf("\\0");
        else if (c < 32 || c > 126) printf("\\x%02x", c);
        else putchar(c);
    }
    printf("\"\n");
}

int main(int argc, char **argv) {
    if (argc > 1) dir = argv[1];
    printf("== files in %s ==\n", dir);

    /* 1. Errors for missing / existing files. */
    errno = 0;
    print_errno("open(missing.txt, O_RDONLY)", open(P("missing.txt"), O_RDONLY));
    print_errno("stat(missing.txt)", psize(P("missing.txt")) < 0 ? -1 : 0);
    FILE *missing = fopen(P("no/such/dir/file.txt"), "w");
    print_errno("fopen(no/such/dir/file.txt, \"w\")", missing ? 0 : -1);

    /* 2. Read a file that the host placed in the directory. */
    FILE *in = fopen(P("input.txt"), "r");
    if (in == NULL) {
        printf("fopen(input.txt): " ERRNO_FMT "\n", ERRNO_ARGS(errno));
    } else {
        char line[256];
        int lineno = 0;
        while (fgets(line, sizeof line, in) != NULL) {
            line[strcspn(line, "\n")] = '\0';
            printf("input.txt line %d: %s\n", ++lineno, line);
        }
        printf("input.txt: %d lines, size %ld\n", lineno, psize(P("input.txt")));
        fclose(in);
    }

    /* 3. Create and write with stdio, read back. */
    FILE *out = fopen(P("data.txt"), "w");
    check("fopen(data.txt, \"w\")", out != NULL);
    for (int i = 1; i <= 3; i++) fprintf(out, "line %d\n", i);
    check("fclose(data.txt)", fclose(out) == 0);
    printf("data.txt size after write: %ld\n", psize(P("data.txt")));

    int fd = open(P("data.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644);
    print_errno("open(data.txt, O_CREAT|O_EXCL)", fd);

    fd = open(P("data.txt"), O_RDWR);
    check("open(data.txt, O_RDWR)", fd >= 0);
    char buf[128];
    ssize_t n = read(fd, buf, sizeof buf);
    show_bytes("read all", buf, n);
    n = read(fd, buf, sizeof buf);
    printf("read at EOF returns %zd\n", n);

    /* 4. Seeking. */
    printf("lseek(0, SEEK_CUR) = %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    printf("lseek(7, SEEK_SET) = %ld\n", (long)lseek(fd, 7, SEEK_SET));
    n = read(fd, buf, 6);
    show_bytes("read 6 at 7", buf, n);
    printf("lseek(-2, SEEK_CUR) = %ld\n", (long)lseek(fd, -2, SEEK_CUR));
    printf("lseek(-7, SEEK_END) = %ld\n", (long)lseek(fd, -7, SEEK_END));
    n = read(fd, buf, sizeof buf);
    show_bytes("read from END-7", buf, n);
    print_errno("lseek(-100, SEEK_SET)", (int)lseek(fd, -100, SEEK_SET));

    /* 5. pread/pwrite leave the file offset alone. */
    lseek(fd, 3, SEEK_SET);
    n = pwrite(fd, "LINE", 4, 7);
    printf("pwrite(\"LINE\", offset 7) = %zd\n", n);
    n = pread(fd, buf, 6, 7);
    show_bytes("pread(6, offset 7)", buf, n);
    printf("offset after pread/pwrite: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    n = pread(fd, buf, 10, 1000);
    printf("pread past EOF returns %zd\n", n);

    /* 6. Writing past the end leaves a hole that reads back as zeros. */
    lseek(fd, 25, SEEK_SET);
    n = write(fd, "X", 1);
    printf("write at 25 = %zd, size now %ld\n", n, fsize(fd));
    n = pread(fd, buf, 5, 21);
    show_bytes("bytes 21..25", buf, n);

    /* 7. ftruncate: shrink, then extend with zeros. */
    check("ftruncate(fd, 10)", ftruncate(fd, 10) == 0);
    printf("size after shrink: %ld\n", fsize(fd));
    check("ftruncate(fd, 14)", ftruncate(fd, 14) == 0);
    printf("size after extend: %ld\n", fsize(fd));
    n = pread(fd, buf, sizeof buf, 0);
    show_bytes("content", buf, n);
    check("fsync(fd)", fsync(fd) == 0);
    check("fdatasync(fd)", fdatasync(fd) == 0);

    /* 8. Fixed timestamps (seconds since the epoch, nanoseconds kept). */
    struct timespec times[2] = {{1000000000, 0}, {1234567890, 500000000}};
    check("futimens(fd, atime=1e9, mtime=1234567890.5)", futimens(fd, times) == 0);
    struct stat st;
    fstat(fd, &st);
    /* Only whole seconds: Node's WASI drops the sub-second part. */
    printf("mtime = %lld, atime = %lld\n", (long long)st.st_mtim.tv_sec,
           (long long)st.st_atim.tv_sec);
    printf("S_ISREG = %d, nlink = %lu\n", S_ISREG(st.st_mode) ? 1 : 0,
           (unsigned long)st.st_nlink);
    close(fd);

    struct timespec t2[2] = {{1500000000, 0}, {1600000000, 0}};
    check("utimensat(input.txt, mtime=1600000000)",
          utimensat(AT_FDCWD, P("input.txt"), t2, 0) == 0);
    stat(P("input.txt"), &st);
    printf("input.txt mtime = %lld\n", (long long)st.st_mtim.tv_sec);

    /* 9. Append mode: writes go to the end even after seeking to 0. */
    fd = open(P("data.txt"), O_WRONLY | O_APPEND);
    check("open(data.txt, O_WRONLY|O_APPEND)", fd >= 0);
    printf("O_APPEND visible in fcntl(F_GETFL): %s\n",
           (fcntl(fd, F_GETFL) & O_APPEND) ? "yes" : "no");
    lseek(fd, 0, SEEK_SET);
    n = write(fd, "+tail", 5);
    printf("append write = %zd, size now %ld\n", n, fsize(fd));
    close(fd);
    FILE *ap = fopen(P("data.txt"), "a");
    fputs("+more\n", ap);
    fclose(ap);
    fd = open(P("data.txt"), O_RDONLY);
    n = read(fd, buf, sizeof buf);
    show_bytes("after appends", buf, n);

    /* Writing to a read-only descriptor must fail. */
    errno = 0;
    n = write(fd, "x", 1);
    printf("write to O_RDONLY fd fails: %s\n", n < 0 ? "yes" : "no");
    close(fd);

    /* 10. O_TRUNC empties an existing file. */
    fd = open(P("data.txt"), O_WRONLY | O_TRUNC);
    printf("size after O_TRUNC: %ld\n", fsize(fd));
    write(fd, "fresh\n", 6);
    close(fd);

    /* 11. rename and unlink. */
    check("rename(data.txt, renamed.txt)", rename(P("data.txt"), P("renamed.txt")) == 0);
    print_errno("stat(data.txt) after rename", psize(P("data.txt")) < 0 ? -1 : 0);
    printf("renamed.txt size: %ld\n", psize(P("renamed.txt")));
    print_errno("rename(missing.txt, x.txt)", rename(P("missing.txt"), P("x.txt")));
    check("unlink(renamed.txt)", unlink(P("renamed.txt")) == 0);
    print_errno("stat(renamed.txt) after unlink", psize(P("renamed.txt")) < 0 ? -1 : 0);
    print_errno("unlink(renamed.txt) again", unlink(P("renamed.txt")));

    /* 12. Leave one file behind for the host to inspect. */
    out = fopen(P("output.txt"), "w");
    fprintf(out, "written by files.wasm\n");
    fclose(out);
    printf("done\n");
    return 0;
}
