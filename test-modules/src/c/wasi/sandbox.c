/*
 * sandbox.c - tries to get out of the preopened directory.
 *
 * Usage: sandbox.wasm [DIR]    (DIR defaults to /sandbox; it must be the only
 *                               preopen and may be empty)
 *
 * A WASI program may only reach files below the directories it was given.
 * This program lists its preopens, then tries many ways out: "..", absolute
 * host paths, ".." in the middle of a path, symlinks pointing to "/etc" or to
 * "../..", and creating, renaming or linking files to "../".  Each attempt is
 * printed as "denied <errno>" or "ALLOWED"; everything that reaches outside
 * must be denied.  Legitimate uses of ".." that stay inside the directory
 * must keep working and are printed as "ok".
 *
 * The attempts go through wasi-libc first (open, stat, ...; it resolves
 * absolute paths against the preopen names itself, so "/etc/passwd" never
 * reaches the host), then through the wasi_snapshot_preview1 functions called
 * directly on the preopened descriptor, so that the host itself must refuse.
 *
 * Symlinks: the guest tries to create links to the outside (a host may
 * refuse that up front), then follows links named host_* that the host may
 * have planted before the run (the case file's "symlinks"); following any of
 * them out of the directory must fail.  UP in the output stands for
 * "../../../../../../../../../..".  Exit status: 0 if nothing escaped, else 1.
 *
 * WASI calls: fd_prestat_get, fd_prestat_dir_name, path_open,
 * path_filestat_get, path_create_directory, path_symlink, path_readlink,
 * path_rename, path_link, path_unlink_file, fd_read, fd_write, fd_close, ...
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

#include "wasi_common.h"

#define UP "../../../../../../../../../.."

static int escapes = 0;

/* An attempt that must fail: rc < 0 with errno set means it was denied. */
static void must_fail(const char *what, int rc) {
    if (rc < 0) {
        printf("%-52s denied %s\n", what, errno_name(errno));
    } else {
        printf("%-52s ALLOWED\n", what);
        escapes++;
    }
}

/* Something that stays inside the sandbox and must work. */
static void must_work(const char *what, int rc) {
    if (rc >= 0) printf("%-52s ok\n", what);
    else printf("%-52s FAILED " ERRNO_FMT "\n", what, ERRNO_ARGS(errno));
}

static void make_link(const char *target, const char *name) {
    char what[300];
    /* UP stands for "../../../../../../../../../.." in the output */
    if (strncmp(target, UP, strlen(UP)) == 0) {
        snprintf(what, sizeof what, "symlink(UP%s, %s)", target + strlen(UP), name);
    } else {
        snprintf(what, sizeof what, "symlink(%s, %s)", target, name);
    }
    errno = 0;
    if (symlink(target, name) == 0) printf("%-52s created\n", what);
    else printf("%-52s refused %s\n", what, errno_name(errno));
}

static int try_open(const char *path, int flags) {
    errno = 0;
    int fd = open(path, flags, 0644);
    if (fd >= 0) close(fd);
    return fd;
}

static int try_stat(const char *path) {
    struct stat st;
    errno = 0;
    return stat(path, &st);
}

static int try_opendir(const char *path) {
    errno = 0;
    DIR *d = opendir(path);
    if (d == NULL) return -1;
    closedir(d);
    return 0;
}

/* Raw path_open relative to the preopened directory descriptor. */
static int raw_open(int dirfd, const char *path, int follow, __wasi_oflags_t oflags) {
    __wasi_fd_t fd;
    __wasi_rights_t rights;
    if (oflags & __WASI_OFLAGS_DIRECTORY) {
        rights = __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_PATH_OPEN;
    } else if (oflags & __WASI_OFLAGS_CREAT) {
        rights = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_GET;
    } else {
        rights = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_GET;
    }
    __wasi_errno_t e = __wasi_path_open(dirfd, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0,
                                        path, oflags, rights, 0, 0, &fd);
    if (e != 0) { errno = e; return -1; }
    __wasi_fd_close(fd);
    return 0;
}

static int raw_stat(int dirfd, const char *path, int follow) {
    __wasi_filestat_t st;
    __wasi_errno_t e = __wasi_path_filestat_get(dirfd, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0,
                                                path, &st);
    if (e != 0) { errno = e; return -1; }
    return 0;
}

static int raw_errno(__wasi_errno_t e) {
    if (e != 0) { errno = e; return -1; }
    return 0;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/sandbox";
    int sandbox_fd = -1;

    printf("== preopens ==\n");
    for (int fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0) break;
        char name[256] = {0};
        size_t len = ps.u.dir.pr_name_len < sizeof name - 1 ? ps.u.dir.pr_name_len : sizeof name - 1;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, len) != 0) break;
        printf("fd %d: preopened directory \"%s\"\n", fd, name);
        if (strcmp(name, dir) == 0) sandbox_fd = fd;
    }
    if (sandbox_fd < 0) {
        printf("%s is not preopened\n", dir);
        return 1;
    }

    if (chdir(dir) != 0) {
        printf("chdir(%s) failed: " ERRNO_FMT "\n", dir, ERRNO_ARGS(errno));
        return 1;
    }
    mkdir("sub", 0755);
    FILE *f = fopen("inside.txt", "w");
    fputs("inside\n", f);
    fclose(f);

    printf("== legitimate paths (must work) ==\n");
    must_work("open(inside.txt)", try_open("inside.txt", O_RDONLY));
    must_work("open(sub/../inside.txt)", try_open("sub/../inside.txt", O_RDONLY));
    must_work("open(./sub/./../inside.txt)", try_open("./sub/./../inside.txt", O_RDONLY));
    must_work("stat(sub/..)", try_stat("sub/.."));
    must_work("open(DIR/sub/../inside.txt)", try_open("/sandbox/sub/../inside.txt", O_RDONLY));
    errno = 0;
    must_work("symlink(../inside.txt, sub/up_link)", symlink("../inside.txt", "sub/up_link"));
    must_work("open(sub/up_link) -> ../inside.txt", try_open("sub/up_link", O_RDONLY));

    printf("== escapes through wasi-libc ==\n");
    must_fail("open(/etc/passwd)", try_open("/etc/passwd", O_RDONLY));
    must_fail("stat(/)", try_stat("/"));
    must_fail("opendir(/tmp)", try_opendir("/tmp"));
    must_fail("open(../outside.txt, O_CREAT)", try_open("../outside.txt", O_CREAT | O_WRONLY));
    must_fail("open(UP/etc/passwd)", try_open(UP "/etc/passwd", O_RDONLY));
    must_fail("open(sub/../../etc/passwd)", try_open("sub/../../etc/passwd", O_RDONLY));
    must_fail("open(/sandbox/../etc/passwd)", try_open("/sandbox/../etc/passwd", O_RDONLY));
    must_fail("stat(..)", try_stat(".."));
    must_fail("opendir(..)", try_opendir(".."));
    errno = 0;
    must_fail("mkdir(../newdir)", mkdir("../newdir", 0755));
    errno = 0;
    must_fail("rename(inside.txt, ../moved.txt)", rename("inside.txt", "../moved.txt"));
    errno = 0;
    must_fail("link(inside.txt, ../hard.txt)", link("inside.txt", "../hard.txt"));
    errno = 0;
    must_fail("symlink(inside.txt, ../sym.txt)", symlink("inside.txt", "../sym.txt"));
    errno = 0;
    must_fail("unlink(../anything)", unlink("../anything"));

    printf("== symlinks created by the guest ==\n");
    /* Creating a symlink only stores a string, so a host may either create
       these or refuse them up front (Node refuses absolute and escaping
       targets).  What must never work is following them to the outside. */
    make_link("/etc", "etc_link");
    make_link(UP, "up_link");
    make_link(UP "/etc/passwd", "passwd_link");
    make_link("sub/../..", "sneaky_link");

    printf("== following symlinks that point outside ==\n");
    /* host_* links are made by the host before the run (see the case file);
       when they are absent the attempts fail with ENOENT. */
    static const char *const dir_links[] = {"etc_link", "host_etc_link", "up_link",
                                            "host_up_link", "sneaky_link", "host_parent_link"};
    char path[256];
    for (size_t i = 0; i < sizeof dir_links / sizeof dir_links[0]; i++) {
        const char *l = dir_links[i];
        const char *leaf = strstr(l, "etc_link") ? "passwd" : "etc/passwd";
        if (strstr(l, "parent") || strstr(l, "sneaky")) leaf = "escaped.txt";
        snprintf(path, sizeof path, "%s/%s", l, leaf);
        int flags = strcmp(leaf, "escaped.txt") == 0 ? O_CREAT | O_WRONLY : O_RDONLY;
        char what[300];
        snprintf(what, sizeof what, "open(%s%s)", path, flags & O_CREAT ? ", O_CREAT" : "");
        must_fail(what, try_open(path, flags));
        snprintf(what, sizeof what, "opendir(%s)", l);
        must_fail(what, try_opendir(l));
    }
    must_fail("open(passwd_link)", try_open("passwd_link", O_RDONLY));
    must_fail("open(host_passwd_link)", try_open("host_passwd_link", O_RDONLY));
    must_fail("stat(host_passwd_link)", try_stat("host_passwd_link"));
    must_fail("open(host_loop_link) (a symlink to itself)", try_open("host_loop_link", O_RDONLY));
    must_work("open(sub/host_inside_link) -> ../inside.txt", try_open("sub/host_inside_link", O_RDONLY));

    printf("== escapes through raw WASI calls on fd %d ==\n", sandbox_fd);
    must_work("path_open(\".\")", raw_open(sandbox_fd, ".", 0, __WASI_OFLAGS_DIRECTORY));
    must_work("path_open(\"sub/../inside.txt\")", raw_open(sandbox_fd, "sub/../inside.txt", 0, 0));
    must_fail("path_open(\"..\")", raw_open(sandbox_fd, "..", 0, __WASI_OFLAGS_DIRECTORY));
    must_fail("path_open(\"../outside.txt\", CREAT)", raw_open(sandbox_fd, "../outside.txt", 0, __WASI_OFLAGS_CREAT));
    must_fail("path_open(\"/etc/passwd\")", raw_open(sandbox_fd, "/etc/passwd", 0, 0));
    must_fail("path_open(\"/\")", raw_open(sandbox_fd, "/", 0, __WASI_OFLAGS_DIRECTORY));
    must_fail("path_open(\"sub/../../x\", CREAT)", raw_open(sandbox_fd, "sub/../../x", 0, __WASI_OFLAGS_CREAT));
    must_fail("path_open(\"host_etc_link/passwd\", follow)", raw_open(sandbox_fd, "host_etc_link/passwd", 1, 0));
    must_fail("path_open(\"host_etc_link/passwd\", nofollow)", raw_open(sandbox_fd, "host_etc_link/passwd", 0, 0));
    must_fail("path_open(\"host_passwd_link\", follow)", raw_open(sandbox_fd, "host_passwd_link", 1, 0));
    must_fail("path_open(\"host_up_link\", follow, DIRECTORY)", raw_open(sandbox_fd, "host_up_link", 1, __WASI_OFLAGS_DIRECTORY));
    must_fail("path_open(\"host_parent_link/x\", follow, CREAT)", raw_open(sandbox_fd, "host_parent_link/x", 1, __WASI_OFLAGS_CREAT));
    must_fail("path_filestat_get(\"..\")", raw_stat(sandbox_fd, "..", 0));
    must_fail("path_filestat_get(\"/etc\")", raw_stat(sandbox_fd, "/etc", 0));
    must_fail("path_filestat_get(\"host_etc_link/passwd\", follow)", raw_stat(sandbox_fd, "host_etc_link/passwd", 1));
    must_fail("path_filestat_get(\"host_up_link\", follow)", raw_stat(sandbox_fd, "host_up_link", 1));
    must_fail("path_create_directory(\"../newdir\")",
              raw_errno(__wasi_path_create_directory(sandbox_fd, "../newdir")));
    must_fail("path_create_directory(\"/tmp/newdir\")",
              raw_errno(__wasi_path_create_directory(sandbox_fd, "/tmp/newdir")));
    must_fail("path_rename(\"inside.txt\" -> \"../moved.txt\")",
              raw_errno(__wasi_path_rename(sandbox_fd, "inside.txt", sandbox_fd, "../moved.txt")));
    must_fail("path_link(\"inside.txt\" -> \"../hard.txt\")",
              raw_errno(__wasi_path_link(sandbox_fd, 0, "inside.txt", sandbox_fd, "../hard.txt")));
    must_fail("path_symlink(\"x\" -> \"../sym\")",
              raw_errno(__wasi_path_symlink("x", sandbox_fd, "../sym")));
    must_fail("path_unlink_file(\"../anything\")",
              raw_errno(__wasi_path_unlink_file(sandbox_fd, "../anything")));
    must_fail("path_remove_directory(\"..\")",
              raw_errno(__wasi_path_remove_directory(sandbox_fd, "..")));

    /* Reading the symlink text itself is fine: it is just a string. */
    char buf[256];
    __wasi_size_t used = 0;
    __wasi_errno_t e = __wasi_path_readlink(sandbox_fd, "host_etc_link", (uint8_t *)buf, sizeof buf - 1, &used);
    buf[e == 0 ? used : 0] = '\0';
    printf("%-52s %s\n", "path_readlink(\"host_etc_link\")", e == 0 ? buf : errno_name(e));

    printf("== result ==\n");
    printf("inside.txt still here: %s\n", try_open("inside.txt", O_RDONLY) >= 0 ? "yes" : "no");
    printf("escapes: %d\n", escapes);
    return escapes == 0 ? 0 : 1;
}
