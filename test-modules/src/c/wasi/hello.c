/*
 * hello.c - the smallest useful WASI program.
 *
 * Prints a greeting, then every command-line argument on its own line, and
 * exits with status 0.  WASI calls used: args_sizes_get/args_get for argv,
 * fd_write for stdout (plus what wasi-libc needs to set stdout up).
 *
 *   $ bytelift run hello.wasm World "with spaces"
 *   Hello from WebAssembly!
 *   argv[0] = hello.wasm
 *   argv[1] = World
 *   argv[2] = with spaces
 *   2 arguments, bye.
 */
#include <stdio.h>

int main(int argc, char **argv) {
    printf("Hello from WebAssembly!\n");
    for (int i = 0; i < argc; i++) {
        printf("argv[%d] = %s\n", i, argv[i]);
    }
    printf("%d argument%s, bye.\n", argc - 1, argc - 1 == 1 ? "" : "s");
    return 0;
}
