/*
 * sieve: sieve of Eratosthenes over the odd numbers below 2,000,000
 * (a 1 MB byte array), then counts primes and sums them, and also counts
 * twin primes. Exercises byte stores with large strides and a linear scan.
 */
#include <stdint.h>

#define LIMIT 2000000
#define HALF (LIMIT / 2)

static uint8_t composite[HALF]; /* composite[i] describes 2*i+1 */

__attribute__((export_name("run")))
long long run(int scale) {
    uint64_t acc = 0;
    for (int rep = 0; rep < scale; rep++) {
        uint32_t limit = LIMIT - (uint32_t)rep * 2u; /* vary repeats a little */
        uint32_t half = limit / 2;
        for (uint32_t i = 0; i < half; i++) composite[i] = 0;
        composite[0] = 1; /* 1 is not prime */
        for (uint32_t i = 1; ; i++) {
            uint32_t p = 2 * i + 1;
            if ((uint64_t)p * p >= limit) break;
            if (composite[i]) continue;
            for (uint32_t j = (p * p) / 2; j < half; j += p) composite[j] = 1;
        }
        uint64_t count = 1, sum = 2, twins = 0; /* account for 2 */
        uint32_t last = 2;
        for (uint32_t i = 1; i < half; i++) {
            if (!composite[i]) {
                uint32_t p = 2 * i + 1;
                count++;
                sum += p;
                if (p - last == 2) twins++;
                last = p;
            }
        }
        acc = acc * 1000003u + (count << 40) + (twins << 20) + sum;
    }
    return (long long)acc;
}
