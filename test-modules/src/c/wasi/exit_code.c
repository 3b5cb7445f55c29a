/*
 * exit_code.c - process exit status and what happens to buffered output.
 *
 * Usage: exit_code.wasm [MODE] [N]      (defaults: MODE=exit, N=3)
 *
 *   exit N       prints some lines with printf (stdout is a file, so stdio
 *                buffers them), then calls exit(N) three functions deep.
 *                exit() runs the atexit handler and flushes stdio, so every
 *                line appears.
 *   return N     returns N from main (same flushing as exit).
 *   _Exit N      prints a buffered partial line, then calls _Exit(N): no
 *                atexit handler, no flush, so that text is lost.  Lines
 *                written with write(2) and to stderr (unbuffered) survive.
 *   proc_exit N  like _Exit but calls __wasi_proc_exit(N) directly.
 *
 * The lost text deliberately has no trailing newline, so it is lost even if
 * a host reports stdout as a terminal (which makes stdio line-buffered).
 *
 * WASI calls: proc_exit, fd_write, args_sizes_get, args_get, ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static void at_exit_handler(void) {
    printf("atexit handler ran\n");
}

static void level3(int code) {
    printf("level3: calling exit(%d)\n", code);
    exit(code);
}

static void level2(int code) {
    printf("level2\n");
    level3(code);
    printf("not reached (level2)\n");
}

static void level1(int code) {
    printf("level1\n");
    level2(code);
    printf("not reached (level1)\n");
}

static void say(int fd, const char *s) {
    write(fd, s, strlen(s));
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "exit";
    int code = argc > 2 ? atoi(argv[2]) : 3;

    atexit(at_exit_handler);
    printf("mode=%s code=%d\n", mode, code);

    if (strcmp(mode, "exit") == 0) {
        level1(code);
    } else if (strcmp(mode, "return") == 0) {
        printf("returning %d from main\n", code);
        return code;
    } else if (strcmp(mode, "_Exit") == 0 || strcmp(mode, "proc_exit") == 0) {
        printf("this text stays in the stdio buffer and is lost");
        say(1, "written with write(1): survives\n");
        fprintf(stderr, "stderr is unbuffered: survives\n");
        if (mode[0] == '_') {
            _Exit(code);
        } else {
            __wasi_proc_exit(code);
        }
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    printf("not reached (main)\n");
    return 100;
}
