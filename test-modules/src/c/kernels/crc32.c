/*
 * crc32: table-driven CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320).
 * The 256-entry table is built at run time, then the CRC of a generated
 * 64 KiB buffer is computed repeatedly, mutating the buffer between passes.
 * Exercises byte loads, table lookups, shifts and xors.
 */
#include <stdint.h>

#define BUF_SIZE 65536
#define PASSES_PER_SCALE 12

static uint32_t table[256];
static uint8_t buffer[BUF_SIZE];

static void build_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1u) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
        }
        table[n] = c;
    }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, uint32_t len) {
    crc = ~crc;
    for (uint32_t i = 0; i < len; i++) {
        crc = table[(crc ^ p[i]) & 0xffu] ^ (crc >> 8);
    }
    return ~crc;
}

__attribute__((export_name("run")))
long long run(int scale) {
    build_table();

    /* self-test: CRC-32("123456789") == 0xCBF43926 */
    static const uint8_t check_msg[9] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
    uint64_t acc = crc32_update(0, check_msg, 9);

    uint32_t x = 2463534242u; /* xorshift32 */
    for (int i = 0; i < BUF_SIZE; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        buffer[i] = (uint8_t)x;
    }

    int passes = PASSES_PER_SCALE * scale;
    uint32_t crc = 0;
    for (int p = 0; p < passes; p++) {
        /* whole buffer, then an unaligned slice */
        crc = crc32_update(crc, buffer, BUF_SIZE);
        uint32_t start = (uint32_t)(p * 131) & 1023u;
        uint32_t c2 = crc32_update(0, buffer + start, BUF_SIZE - 1024);
        buffer[(crc ^ c2) & (BUF_SIZE - 1)] ^= (uint8_t)(p + 1);
        acc = acc * 31u + crc + ((uint64_t)c2 << 32);
    }
    return (long long)acc;
}
