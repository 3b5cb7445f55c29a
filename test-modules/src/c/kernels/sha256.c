/*
 * sha256: SHA-256 (FIPS 180-4) over a generated 16 KiB buffer, repeated.
 * After each digest, the digest is written back into the buffer so every
 * round depends on the previous one. Exercises 32-bit rotates, shifts, adds
 * and logical ops. The checksum folds the final digest and a self-test of
 * the empty-message digest.
 */
#include <stdint.h>

#define BUF_SIZE 16384
#define ROUNDS_PER_SCALE 48

static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

typedef struct {
    uint32_t h[8];
    uint8_t block[64];
    uint32_t fill;      /* bytes currently in block */
    uint64_t total;     /* total message length in bytes */
} Sha256;

static uint8_t buffer[BUF_SIZE];

static inline uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void compress(uint32_t h[8], const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
        w[i] = ((uint32_t)p[4 * i] << 24) | ((uint32_t)p[4 * i + 1] << 16)
             | ((uint32_t)p[4 * i + 2] << 8) | (uint32_t)p[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    uint32_t e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = k + S1 + ch + K[i] + w[i];
        uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = S0 + maj;
        k = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha_init(Sha256 *s) {
    s->h[0] = 0x6a09e667u; s->h[1] = 0xbb67ae85u; s->h[2] = 0x3c6ef372u; s->h[3] = 0xa54ff53au;
    s->h[4] = 0x510e527fu; s->h[5] = 0x9b05688cu; s->h[6] = 0x1f83d9abu; s->h[7] = 0x5be0cd19u;
    s->fill = 0;
    s->total = 0;
}

static void sha_update(Sha256 *s, const uint8_t *data, uint32_t len) {
    s->total += len;
    while (len > 0) {
        if (s->fill == 0 && len >= 64) {
            compress(s->h, data);
            data += 64;
            len -= 64;
            continue;
        }
        s->block[s->fill++] = *data++;
        len--;
        if (s->fill == 64) {
            compress(s->h, s->block);
            s->fill = 0;
        }
    }
}

static void sha_final(Sha256 *s, uint8_t out[32]) {
    uint64_t bits = s->total * 8u;
    s->block[s->fill++] = 0x80;
    if (s->fill > 56) {
        while (s->fill < 64) s->block[s->fill++] = 0;
        compress(s->h, s->block);
        s->fill = 0;
    }
    while (s->fill < 56) s->block[s->fill++] = 0;
    for (int i = 0; i < 8; i++) s->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    compress(s->h, s->block);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(s->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)s->h[i];
    }
}

__attribute__((export_name("run")))
long long run(int scale) {
    /* fill the buffer with a simple LCG stream */
    uint32_t x = 0x12345678u;
    for (int i = 0; i < BUF_SIZE; i++) {
        x = x * 1664525u + 1013904223u;
        buffer[i] = (uint8_t)(x >> 24);
    }

    Sha256 s;
    uint8_t digest[32];

    /* self-test: SHA-256("") starts with e3b0c442 */
    sha_init(&s);
    sha_final(&s, digest);
    uint64_t check = ((uint64_t)digest[0] << 24) | ((uint64_t)digest[1] << 16)
                   | ((uint64_t)digest[2] << 8) | digest[3];

    int rounds = ROUNDS_PER_SCALE * scale;
    for (int r = 0; r < rounds; r++) {
        sha_init(&s);
        /* odd-sized pieces exercise the partial-block path as well */
        sha_update(&s, buffer, 1000);
        sha_update(&s, buffer + 1000, BUF_SIZE - 1000 - (uint32_t)(r & 31));
        sha_final(&s, digest);
        uint32_t off = (uint32_t)(r * 97) % (BUF_SIZE - 32);
        for (int i = 0; i < 32; i++) buffer[off + i] ^= digest[i];
        check = (check * 0x100000001b3ull) ^ s.h[r & 7];
    }
    for (int i = 0; i < 32; i++) check = (check << 5 | check >> 59) ^ digest[i];
    return (long long)check;
}
