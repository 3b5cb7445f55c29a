/*
 * memcpy: hand-written copy and move loops (byte, 32-bit word and 64-bit
 * word granularity; forward and overlapping backward moves; fills) over
 * buffers of several sizes from 3 bytes to 64 KiB. The checksum hashes the
 * destination buffers. Build with -fno-builtin so the loops stay loops.
 */
#include <stdint.h>
#include <stddef.h>

#define BIG 65536
#define PASSES_PER_SCALE 48

/* 64-bit arrays give 8-byte alignment; bytes are accessed via uint8_t* */
static uint64_t src64[BIG / 8];
static uint64_t dst64[BIG / 8 + 8];
static uint32_t src32[BIG / 4];
static uint32_t dst32[BIG / 4];

static void copy_bytes(uint8_t *d, const uint8_t *s, size_t n) {
    for (size_t i = 0; i < n; i++) d[i] = s[i];
}

static void copy_u32(uint32_t *d, const uint32_t *s, size_t n) {
    for (size_t i = 0; i < n; i++) d[i] = s[i];
}

static void copy_u64(uint64_t *d, const uint64_t *s, size_t n) {
    size_t i = 0;
    for (; i + 4 <= n; i += 4) { /* unrolled by 4 */
        uint64_t a = s[i], b = s[i + 1], c = s[i + 2], e = s[i + 3];
        d[i] = a; d[i + 1] = b; d[i + 2] = c; d[i + 3] = e;
    }
    for (; i < n; i++) d[i] = s[i];
}

/* memmove semantics on bytes inside one buffer */
static void move_bytes(uint8_t *d, const uint8_t *s, size_t n) {
    if (d < s) {
        for (size_t i = 0; i < n; i++) d[i] = s[i];
    } else if (d > s) {
        for (size_t i = n; i > 0; i--) d[i - 1] = s[i - 1];
    }
}

static void fill_bytes(uint8_t *d, uint8_t v, size_t n) {
    for (size_t i = 0; i < n; i++) d[i] = v;
}

static uint64_t hash_bytes(const uint8_t *p, size_t n, uint64_t h) {
    for (size_t i = 0; i < n; i += 7) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

__attribute__((export_name("run")))
long long run(int scale) {
    uint8_t *s8 = (uint8_t *)src64;
    uint8_t *d8 = (uint8_t *)dst64;
    uint32_t x = 0x9e3779b9u;
    for (int i = 0; i < BIG; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        s8[i] = (uint8_t)x;
    }
    for (int i = 0; i < BIG / 4; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        src32[i] = x;
    }
    for (int i = 0; i < BIG / 8 + 8; i++) dst64[i] = 0;
    for (int i = 0; i < BIG / 4; i++) dst32[i] = 0;

    static const size_t sizes[] = {3, 16, 61, 256, 1000, 4096, 12345, BIG};
    const int nsizes = (int)(sizeof(sizes) / sizeof(sizes[0]));

    uint64_t h = 0xcbf29ce484222325ull;
    int passes = PASSES_PER_SCALE * scale;
    for (int p = 0; p < passes; p++) {
        for (int k = 0; k < nsizes; k++) {
            size_t n = sizes[k];
            size_t off = (size_t)((p + k) & 7);   /* unaligned destination */
            copy_bytes(d8 + off, s8, n);
            h = hash_bytes(d8 + off, n, h);
            copy_u32(dst32, src32, n / 4);
            h = hash_bytes((const uint8_t *)dst32, (n / 4) * 4, h);
            copy_u64(dst64, src64, n / 8);
            h = hash_bytes(d8, (n / 8) * 8, h);
            if (n >= 64) {
                /* overlapping moves in both directions */
                move_bytes(d8 + 5, d8, n - 64);
                move_bytes(d8, d8 + 9, n - 64);
                h = hash_bytes(d8, n - 64, h);
            }
            fill_bytes(d8 + off, (uint8_t)(p * 31 + k), n / 2);
            h = hash_bytes(d8, n / 2 + 8, h);
        }
        s8[h & (BIG - 1)] ^= (uint8_t)p;
        src32[(h >> 20) & (BIG / 4 - 1)] += (uint32_t)p;
    }
    return (long long)h;
}
