/*
 * spectralnorm: estimates the spectral norm (largest singular value) of the
 * infinite matrix a(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), truncated to N x N,
 * by power iteration on A^T A. Exercises f64 division, reductions and
 * nested loops. Checksum: bit pattern of the estimate mixed with the
 * bits of a few vector entries.
 */
#include <stdint.h>

#define N 256
#define ITERS 10

static double u[N], v[N], tmp[N];

static uint64_t bits(double d) {
    union { double d; uint64_t w; } x;
    x.d = d;
    return x.w;
}

static inline double a(int i, int j) {
    return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1);
}

static void mul_av(const double *in, double *out) {
    for (int i = 0; i < N; i++) {
        double s = 0.0;
        for (int j = 0; j < N; j++) s += a(i, j) * in[j];
        out[i] = s;
    }
}

static void mul_atv(const double *in, double *out) {
    for (int i = 0; i < N; i++) {
        double s = 0.0;
        for (int j = 0; j < N; j++) s += a(j, i) * in[j];
        out[i] = s;
    }
}

static void mul_atav(const double *in, double *out) {
    mul_av(in, tmp);
    mul_atv(tmp, out);
}

__attribute__((export_name("run")))
long long run(int scale) {
    uint64_t acc = 0;
    for (int rep = 0; rep < scale; rep++) {
        for (int i = 0; i < N; i++) u[i] = 1.0 + (double)rep * 0.5;
        for (int i = 0; i < ITERS; i++) {
            mul_atav(u, v);
            mul_atav(v, u);
        }
        double vbv = 0.0, vv = 0.0;
        for (int i = 0; i < N; i++) {
            vbv += u[i] * v[i];
            vv += v[i] * v[i];
        }
        double norm = __builtin_sqrt(vbv / vv);
        acc = acc * 0x9E3779B97F4A7C15ull + bits(norm);
        acc ^= bits(u[0]) + bits(v[N - 1]) + bits(u[N / 2]);
    }
    return (long long)acc;
}
