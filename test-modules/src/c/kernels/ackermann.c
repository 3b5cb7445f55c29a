/*
 * ackermann: the Ackermann-Peter function for small arguments,
 * A(0,n) = n+1; A(m,0) = A(m-1,1); A(m,n) = A(m-1, A(m,n-1)).
 * Deeply recursive (calls nest about 2,050 deep for
 * A(3,8)); exercises calls, returns and stack depth.
 * The checksum mixes every result and the number of calls made.
 */
#include <stdint.h>

static uint64_t calls;

__attribute__((noinline))
static uint32_t ack(uint32_t m, uint32_t n) {
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

__attribute__((export_name("run")))
long long run(int scale) {
    uint64_t acc = 0;
    calls = 0;
    for (int rep = 0; rep < scale; rep++) {
        for (uint32_t n = 0; n <= 12; n++) acc = acc * 31u + ack(2, n);  /* 2n + 3 */
        for (uint32_t n = 0; n <= 8; n++) acc = acc * 31u + ack(3, n);   /* 2^(n+3) - 3 */
        acc = acc * 31u + ack(4, 0);                                      /* 13 */
    }
    return (long long)(acc ^ (calls << 32));
}
