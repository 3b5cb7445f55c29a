/*
 * hash: 64-bit hashing of a generated 64 KiB buffer with two hash functions
 * written for this benchmark: FNV-1a (byte at a time, 64-bit multiply) and
 * a word-at-a-time multiply/rotate/xor mixer processing four 64-bit lanes.
 * Keys of many lengths are hashed to exercise tails and unaligned starts.
 */
#include <stdint.h>

#define BUF_SIZE 65536
#define PASSES_PER_SCALE 30

static uint8_t buffer[BUF_SIZE + 64];

static inline uint64_t rotl64(uint64_t x, unsigned r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t load64(const uint8_t *p) {
    /* little-endian assembly from bytes: alignment-independent */
    return (uint64_t)p[0] | ((uint64_t)p[1] << 8) | ((uint64_t)p[2] << 16) | ((uint64_t)p[3] << 24)
         | ((uint64_t)p[4] << 32) | ((uint64_t)p[5] << 40) | ((uint64_t)p[6] << 48) | ((uint64_t)p[7] << 56);
}

static uint64_t fnv1a(const uint8_t *p, uint32_t len) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (uint32_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

#define M1 0x9E3779B185EBCA87ull
#define M2 0xC2B2AE3D27D4EB4Full
#define M3 0x165667B19E3779F9ull

static inline uint64_t lane(uint64_t acc, uint64_t v) {
    acc += v * M2;
    acc = rotl64(acc, 31);
    return acc * M1;
}

static uint64_t mixhash(const uint8_t *p, uint32_t len, uint64_t seed) {
    uint64_t h;
    uint32_t i = 0;
    if (len >= 32) {
        uint64_t a = seed + M1 + M2, b = seed + M2, c = seed, d = seed - M1;
        for (; i + 32 <= len; i += 32) {
            a = lane(a, load64(p + i));
            b = lane(b, load64(p + i + 8));
            c = lane(c, load64(p + i + 16));
            d = lane(d, load64(p + i + 24));
        }
        h = rotl64(a, 1) + rotl64(b, 7) + rotl64(c, 12) + rotl64(d, 18);
        h = (h ^ lane(0, a)) * M1 + M3;
        h = (h ^ lane(0, d)) * M1 + M3;
    } else {
        h = seed + M3;
    }
    h += len;
    for (; i + 8 <= len; i += 8) {
        h ^= lane(0, load64(p + i));
        h = rotl64(h, 27) * M1 + M3;
    }
    for (; i < len; i++) {
        h ^= p[i] * M3;
        h = rotl64(h, 11) * M1;
    }
    h ^= h >> 33; h *= M2;
    h ^= h >> 29; h *= M3;
    h ^= h >> 32;
    return h;
}

__attribute__((export_name("run")))
long long run(int scale) {
    uint64_t s = 0x0123456789abcdefull; /* splitmix64 */
    for (int i = 0; i < BUF_SIZE + 64; i++) {
        s += 0x9E3779B97F4A7C15ull;
        uint64_t z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        buffer[i] = (uint8_t)(z ^ (z >> 31));
    }

    uint64_t acc = 0;
    int passes = PASSES_PER_SCALE * scale;
    for (int p = 0; p < passes; p++) {
        /* whole buffer with both hashes */
        acc ^= fnv1a(buffer, BUF_SIZE);
        acc = rotl64(acc, 9) + mixhash(buffer, BUF_SIZE, (uint64_t)p);
        /* many short keys of varying length and alignment */
        uint32_t off = 0;
        for (uint32_t len = 1; off + len + 64 < BUF_SIZE; len = (len * 7 + 3) & 255u) {
            uint64_t h1 = mixhash(buffer + off + (len & 7), len, acc);
            uint64_t h2 = fnv1a(buffer + off, len & 63u);
            acc = (acc ^ h1) * M1 + h2;
            off += len + 1;
        }
        buffer[acc & (BUF_SIZE - 1)] ^= (uint8_t)(acc >> 56);
    }
    return (long long)acc;
}
