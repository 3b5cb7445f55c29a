/*
 * matmul: dense double-precision matrix multiply C = A * B (N = 128),
 * i-k-j loop order, repeated with C fed back into A (scaled to stay bounded).
 * Exercises f64 multiply/add throughput and strided memory access.
 * The checksum mixes the bit patterns of a sample of C's entries and a
 * plain sum of the diagonal.
 */
#include <stdint.h>

#define N 128
#define REPS_PER_SCALE 6

static double A[N * N], B[N * N], C[N * N];

static uint64_t bits(double d) {
    union { double d; uint64_t u; } v;
    v.d = d;
    return v.u;
}

static void multiply(void) {
    for (int i = 0; i < N; i++) {
        double *ci = &C[i * N];
        for (int j = 0; j < N; j++) ci[j] = 0.0;
        for (int k = 0; k < N; k++) {
            double a = A[i * N + k];
            const double *bk = &B[k * N];
            for (int j = 0; j < N; j++) ci[j] += a * bk[j];
        }
    }
}

__attribute__((export_name("run")))
long long run(int scale) {
    uint32_t x = 1u;
    for (int i = 0; i < N * N; i++) {
        x = x * 1103515245u + 12345u;
        A[i] = (double)((int32_t)(x >> 8) % 2001 - 1000) / 1000.0;   /* [-1, 1] */
        x = x * 1103515245u + 12345u;
        B[i] = (double)((int32_t)(x >> 8) % 2001 - 1000) / 16000.0;  /* small */
    }
    uint64_t acc = 0;
    int reps = REPS_PER_SCALE * scale;
    for (int r = 0; r < reps; r++) {
        multiply();
        double trace = 0.0;
        for (int i = 0; i < N; i++) trace += C[i * N + i];
        acc = acc * 0x100000001b3ull ^ bits(trace);
        for (int i = 0; i < N * N; i += 37) acc = (acc << 3 | acc >> 61) ^ bits(C[i]);
        /* feed back: A <- C, keeps magnitudes bounded since |B| is small */
        for (int i = 0; i < N * N; i++) A[i] = C[i] + (double)(i & 7) * 0.125;
    }
    return (long long)acc;
}
