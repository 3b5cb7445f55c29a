/*
 * args_env.c - command-line arguments and environment variables.
 *
 * Usage: args_env.wasm [--exit=N] [--get=NAME]... [anything...]
 *
 * Prints argc, every argv entry (with its byte length, so that empty strings,
 * spaces and UTF-8 are visible), then the whole environment sorted by name,
 * then the value of every variable named with --get=NAME ("(unset)" if it is
 * missing).  Exits with N when --exit=N is given, 0 otherwise.
 *
 * WASI calls: args_sizes_get, args_get, environ_sizes_get, environ_get,
 * fd_write, proc_exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    int exit_code = 0;

    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d] (%zu bytes) = [%s]\n", i, strlen(argv[i]), argv[i]);
    }

    /* Copy and sort the environment so the output does not depend on the
       order in which the host hands the variables over. */
    size_t n = 0;
    while (environ[n] != NULL) n++;
    char **sorted = malloc((n + 1) * sizeof *sorted);
    for (size_t i = 0; i < n; i++) sorted[i] = environ[i];
    qsort(sorted, n, sizeof *sorted, cmp_str);
    printf("environ: %zu variable%s\n", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        printf("  %s\n", sorted[i]);
    }
    free(sorted);

    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "--get=", 6) == 0) {
            const char *name = argv[i] + 6;
            const char *value = getenv(name);
            if (value == NULL) {
                printf("getenv(%s) = (unset)\n", name);
            } else {
                printf("getenv(%s) = [%s]\n", name, value);
            }
        } else if (strncmp(argv[i], "--exit=", 7) == 0) {
            exit_code = atoi(argv[i] + 7);
        }
    }

    printf("exiting with %d\n", exit_code);
    return exit_code;
}
