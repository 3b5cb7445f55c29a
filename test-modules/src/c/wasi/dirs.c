/*
 * dirs.c - directories, directory listings, symlinks and hard links.
 *
 * Usage: dirs.wasm [DIR]       (DIR defaults to /sandbox; it must be preopened
 *                               and should hold the "tree" fixture)
 *
 * Covers: chdir/getcwd (wasi-libc emulates the current directory on top of
 * the preopens), a recursive sorted listing of the fixture tree, mkdir
 * (nested, EEXIST, ENOENT), opendir/readdir with d_type, a directory with
 * many entries (fd_readdir has to be called repeatedly with cookies), stat
 * of files vs directories, rmdir (ENOTEMPTY, ENOTDIR, ENOENT), unlink of a
 * directory (EISDIR), symlink/readlink/lstat, dangling symlinks, hard links
 * (nlink), renaming a directory.  Entries "." and ".." are never printed
 * because hosts differ in whether fd_readdir reports them.
 *
 * WASI calls: path_create_directory, path_remove_directory, path_open,
 * fd_readdir, path_filestat_get, fd_filestat_get, path_symlink,
 * path_readlink, path_link, path_rename, path_unlink_file, fd_read,
 * fd_write, fd_close, fd_prestat_get, fd_prestat_dir_name, ...
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wasi_common.h"

static void result(const char *what, int rc) {
    if (rc == 0) printf("%-48s ok\n", what);
    else printf("%-48s -1 " ERRNO_FMT "\n", what, ERRNO_ARGS(errno));
}

static const char *dtype_name(unsigned char t) {
    switch (t) {
    case DT_REG: return "file";
    case DT_DIR: return "dir";
    case DT_LNK: return "symlink";
    default: return "other";
    }
}

static const char *mode_name(mode_t m) {
    if (S_ISREG(m)) return "file";
    if (S_ISDIR(m)) return "dir";
    if (S_ISLNK(m)) return "symlink";
    return "other";
}

struct entry { char name[256]; unsigned char type; };

static int cmp_entry(const void *a, const void *b) {
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* Reads a directory into a sorted array (without "." and ".."); returns count or -1. */
static int read_sorted(const char *path, struct entry **out) {
    DIR *d = opendir(path);
    if (d == NULL) return -1;
    int n = 0, cap = 16;
    struct entry *v = malloc(cap * sizeof *v);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
        if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
        snprintf(v[n].name, sizeof v[n].name, "%s", de->d_name);
        v[n].type = de->d_type;
        n++;
    }
    closedir(d);
    qsort(v, n, sizeof *v, cmp_entry);
    *out = v;
    return n;
}

static void list(const char *path) {
    struct entry *v;
    int n = read_sorted(path, &v);
    if (n < 0) {
        printf("opendir(%s): " ERRNO_FMT "\n", path, ERRNO_ARGS(errno));
        return;
    }
    printf("ls %s: %d entr%s\n", path, n, n == 1 ? "y" : "ies");
    for (int i = 0; i < n; i++) printf("  %-8s %s\n", dtype_name(v[i].type), v[i].name);
    free(v);
}

/* Recursive listing; regular files are shown with their size, links with their target. */
static void tree(const char *path, int depth) {
    struct entry *v;
    int n = read_sorted(path, &v);
    if (n < 0) {
        printf("%*sopendir failed: " ERRNO_FMT "\n", depth * 2, "", ERRNO_ARGS(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        char child[1024];
        snprintf(child, sizeof child, "%s/%s", path, v[i].name);
        struct stat st;
        lstat(child, &st);
        if (S_ISDIR(st.st_mode)) {
            printf("%*s%s/\n", depth * 2, "", v[i].name);
            tree(child, depth + 1);
        } else if (S_ISLNK(st.st_mode)) {
            char target[256];
            ssize_t len = readlink(child, target, sizeof target - 1);
            target[len < 0 ? 0 : len] = '\0';
            printf("%*s%s -> %s\n", depth * 2, "", v[i].name, target);
        } else {
            printf("%*s%s (%lld bytes)\n", depth * 2, "", v[i].name, (long long)st.st_size);
        }
    }
    free(v);
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (f == NULL) { printf("fopen(%s): " ERRNO_FMT "\n", path, ERRNO_ARGS(errno)); return; }
    fputs(text, f);
    fclose(f);
}

static void cat(const char *path) {
    char buf[256];
    int fd = open(path, O_RDONLY);
    if (fd < 0) { printf("cat %s: " ERRNO_FMT "\n", path, ERRNO_ARGS(errno)); return; }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    printf("cat %s: %s\n", path, buf);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/sandbox";
    char cwd[256];
    struct stat st;

    result("chdir(DIR)", chdir(dir));
    printf("getcwd = %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(failed)");

    printf("== fixture tree ==\n");
    tree(".", 1);

    printf("== mkdir ==\n");
    result("mkdir(new)", mkdir("new", 0755));
    result("mkdir(new) again", mkdir("new", 0755));
    result("mkdir(new/x/y) without parent", mkdir("new/x/y", 0755));
    result("mkdir(new/a)", mkdir("new/a", 0755));
    result("mkdir(new/a/b)", mkdir("new/a/b", 0755));
    result("mkdir(new/a/b/c)", mkdir("new/a/b/c", 0755));
    result("mkdir(new/beta)", mkdir("new/beta", 0755));
    write_file("new/zeta.txt", "zzz\n");
    write_file("new/alpha.txt", "alpha content\n");
    write_file("new/Mid.txt", "");
    write_file("new/a/b/deep.txt", "deep\n");
    list("new");

    printf("== stat ==\n");
    stat("new/alpha.txt", &st);
    printf("new/alpha.txt: %s, size %lld, nlink %lu\n", mode_name(st.st_mode),
           (long long)st.st_size, (unsigned long)st.st_nlink);
    stat("new/a", &st);
    printf("new/a: %s\n", mode_name(st.st_mode));
    stat("new/Mid.txt", &st);
    printf("new/Mid.txt: %s, size %lld\n", mode_name(st.st_mode), (long long)st.st_size);
    stat(".", &st);
    printf(".: %s\n", mode_name(st.st_mode));
    int dfd = open("new", O_RDONLY | O_DIRECTORY);
    printf("open(new, O_DIRECTORY): %s\n", dfd >= 0 ? "ok" : "failed");
    if (dfd >= 0) {
        fstat(dfd, &st);
        printf("fstat(new): %s\n", mode_name(st.st_mode));
        close(dfd);
    }
    errno = 0;
    result("open(new/alpha.txt, O_DIRECTORY)", open("new/alpha.txt", O_RDONLY | O_DIRECTORY) >= 0 ? 0 : -1);
    result("opendir(new/alpha.txt)", opendir("new/alpha.txt") ? 0 : -1);
    result("stat(new/alpha.txt/x)", stat("new/alpha.txt/x", &st));

    printf("== rmdir / unlink ==\n");
    result("rmdir(new/a) not empty", rmdir("new/a"));
    result("rmdir(new/a/b/c)", rmdir("new/a/b/c"));
    result("rmdir(new/alpha.txt) a file", rmdir("new/alpha.txt"));
    result("rmdir(new/missing)", rmdir("new/missing"));
    result("unlink(new/beta) a directory", unlink("new/beta"));
    result("rmdir(new/beta)", rmdir("new/beta"));

    printf("== many entries ==\n");
    /* Enough long names that fd_readdir needs several calls to return them all. */
    result("mkdir(many)", mkdir("many", 0755));
    for (int i = 0; i < 150; i++) {
        char name[128];
        snprintf(name, sizeof name, "many/entry-%03d-with-a-rather-long-name-to-fill-the-buffer.txt", i);
        close(open(name, O_CREAT | O_WRONLY, 0644));
    }
    struct entry *v;
    int n = read_sorted("many", &v);
    int in_order = 1;
    for (int i = 0; i < n; i++) {
        char expect[128];
        snprintf(expect, sizeof expect, "entry-%03d-with-a-rather-long-name-to-fill-the-buffer.txt", i);
        if (strcmp(v[i].name, expect) != 0 || v[i].type != DT_REG) in_order = 0;
    }
    printf("many: %d entries, all present: %s\n", n, n == 150 && in_order ? "yes" : "no");
    free(v);
    for (int i = 0; i < 150; i++) {
        char name[128];
        snprintf(name, sizeof name, "many/entry-%03d-with-a-rather-long-name-to-fill-the-buffer.txt", i);
        unlink(name);
    }
    result("rmdir(many) after emptying it", rmdir("many"));

    printf("== symlinks ==\n");
    result("symlink(alpha.txt, new/link)", symlink("alpha.txt", "new/link"));
    char target[256];
    ssize_t len = readlink("new/link", target, sizeof target - 1);
    if (len >= 0) { target[len] = '\0'; printf("readlink(new/link) = %s (%zd bytes)\n", target, len); }
    else printf("readlink(new/link): " ERRNO_FMT "\n", ERRNO_ARGS(errno));
    lstat("new/link", &st);
    printf("lstat(new/link): %s\n", mode_name(st.st_mode));
    stat("new/link", &st);
    printf("stat(new/link): %s, size %lld\n", mode_name(st.st_mode), (long long)st.st_size);
    cat("new/link");
    result("symlink(a/b, new/dirlink)", symlink("a/b", "new/dirlink"));
    cat("new/dirlink/deep.txt");
    result("symlink(nowhere, new/dangling)", symlink("nowhere", "new/dangling"));
    result("lstat(new/dangling)", lstat("new/dangling", &st));
    result("stat(new/dangling)", stat("new/dangling", &st));
    result("symlink(x, new/link) exists", symlink("x", "new/link"));
    errno = 0;
    result("readlink(new/alpha.txt) not a link", readlink("new/alpha.txt", target, sizeof target) >= 0 ? 0 : -1);
    result("unlink(new/dangling)", unlink("new/dangling"));

    printf("== hard links ==\n");
    result("link(new/alpha.txt, new/hard.txt)", link("new/alpha.txt", "new/hard.txt"));
    stat("new/alpha.txt", &st);
    printf("new/alpha.txt nlink = %lu\n", (unsigned long)st.st_nlink);
    write_file("new/hard.txt", "changed through the hard link\n");
    cat("new/alpha.txt");
    result("link(new/missing, new/h2)", link("new/missing", "new/h2"));
    result("link(new/zeta.txt, new/Mid.txt) exists", link("new/zeta.txt", "new/Mid.txt"));

    printf("== rename directory ==\n");
    result("rename(new/a, new/renamed)", rename("new/a", "new/renamed"));
    result("stat(new/a)", stat("new/a", &st));
    cat("new/renamed/b/deep.txt");
    result("rename(docs, new/renamed) onto non-empty dir", rename("docs", "new/renamed"));

    printf("== final tree ==\n");
    tree(".", 1);
    return 0;
}
