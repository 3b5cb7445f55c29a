/*
 * stdin_cat.c - copies stdin to stdout, upper-casing ASCII letters.
 *
 * Usage: stdin_cat.wasm [CHUNK]   (CHUNK = bytes per read() call, default 7,
 *                                  deliberately small so that reads and
 *                                  writes are split into many calls)
 *
 * Reads stdin with read(0, ...) until it returns 0 (end of file), writes each
 * chunk to stdout with write(1, ...) right away, and finally reports the byte
 * and line counts on stderr.  Bytes >= 0x80 (UTF-8) pass through
 * unchanged.
 *
 * WASI calls: fd_read, fd_write, args_sizes_get, args_get, proc_exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv) {
    size_t chunk = argc > 1 ? (size_t)atoi(argv[1]) : 7;
    if (chunk == 0 || chunk > 65536) chunk = 7;
    static unsigned char buf[65536]; /* static: the default wasm stack is only 64 KiB */
    long total = 0, lines = 0;

    for (;;) {
        ssize_t n = read(0, buf, chunk);
        if (n < 0) {
            perror("stdin_cat: read");
            return 1;
        }
        if (n == 0) break;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] -= 'a' - 'A';
            if (buf[i] == '\n') lines++;
        }
        total += n;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(1, buf + off, n - off);
            if (w <= 0) {
                perror("stdin_cat: write");
                return 1;
            }
            off += w;
        }
    }
    fprintf(stderr, "stdin_cat: %ld bytes, %ld lines (reads of up to %zu bytes)\n",
            total, lines, chunk);
    return 0;
}
