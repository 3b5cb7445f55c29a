/*
 * fib: naive doubly-recursive Fibonacci. fib() is marked noinline so every
 * call stays a real call; the workload is dominated by call/return overhead.
 * Checksum: the sum of fib(n) over the computed values, mixed per call.
 */
#include <stdint.h>

/* not const: keeps the compiler from treating the argument as a constant */
static volatile int base_n = 30;

__attribute__((noinline))
static uint32_t fib(uint32_t n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

__attribute__((export_name("run")))
long long run(int scale) {
    uint64_t acc = 0;
    int n = base_n;
    for (int i = 0; i < scale; i++) {
        uint32_t a = fib((uint32_t)n);       /* fib(30) = 832040 */
        uint32_t b = fib((uint32_t)(n - 5)); /* fib(25) = 75025 */
        acc = acc * 1000003u + a + ((uint64_t)b << 32);
    }
    return (long long)acc;
}
