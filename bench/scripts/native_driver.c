/*
 * Native driver for the Bytelift benchmark kernels (test-modules/src/c/kernels).
 * Link with exactly one kernel, which provides `long long run(int scale)`.
 *
 *   driver --checksum                 print run(1) and exit
 *   driver NAME EXPECTED [WARM_MS] [MEASURE_MS]
 *        check run(1) == EXPECTED, warm up, time individual run(1) calls and
 *        print "NAME  <median ms/op>  <runs>" (exit 1 on checksum mismatch)
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

long long run(int scale);

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--checksum") == 0) {
        printf("%lld\n", run(1));
        return 0;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: %s --checksum | NAME EXPECTED [WARM_MS] [MEASURE_MS]\n", argv[0]);
        return 2;
    }
    const char *name = argv[1];
    long long expected = strtoll(argv[2], NULL, 10);
    double warm_ms = argc > 3 ? atof(argv[3]) : 1000.0;
    double measure_ms = argc > 4 ? atof(argv[4]) : 2000.0;

    long long got = run(1);
    if (got != expected) {
        fprintf(stderr, "%s: checksum mismatch: got %lld, expected %lld\n", name, got, expected);
        return 1;
    }

    double start = now_ms();
    while (now_ms() - start < warm_ms) {
        if (run(1) != expected) {
            fprintf(stderr, "%s: checksum changed during warm-up\n", name);
            return 1;
        }
    }

    size_t cap = 1024, n = 0;
    double *times = malloc(cap * sizeof(double));
    start = now_ms();
    while (n < 5 || now_ms() - start < measure_ms) {
        double t0 = now_ms();
        long long r = run(1);
        double t1 = now_ms();
        if (r != expected) {
            fprintf(stderr, "%s: checksum changed during measurement\n", name);
            return 1;
        }
        if (n == cap) {
            cap *= 2;
            times = realloc(times, cap * sizeof(double));
        }
        times[n++] = t1 - t0;
    }
    qsort(times, n, sizeof(double), cmp_double);
    double median = (n % 2) ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2]);
    printf("%-14s %10.3f %8zu\n", name, median, n);
    free(times);
    return 0;
}
