/*
 * clocks_random.c - clocks, sleeping and random numbers.
 *
 * Prints only properties of the values (never the values themselves), so the
 * output is the same on every run and every host:
 *   - realtime clock is after 2020-01-01 and agrees with time() and
 *     gettimeofday() to within 5 seconds;
 *   - clock_getres reports a resolution in (0, 1 s] for realtime and monotonic;
 *   - the monotonic clock never goes backwards and advances by at least the
 *     requested amount (less 2 ms of slack for Node's millisecond timers) across nanosleep(20 ms), usleep(5 ms) and
 *     clock_nanosleep(REALTIME, TIMER_ABSTIME);
 *   - getentropy / arc4random_buf / random_get fill buffers that are not all
 *     zero and differ between calls; getentropy(> 256 bytes) fails with EIO.
 *
 * With the argument --monotonic-abstime it also sleeps until an absolute
 * MONOTONIC deadline (in the future and in the past).  Node's WASI cannot run
 * that part (it hangs), so the case for it has a hand-written expectation.
 *
 * WASI calls: clock_time_get, clock_res_get, poll_oneoff (all sleeps are
 * implemented with a clock subscription), sched_yield, random_get, fd_write,
 * proc_exit.
 */
#define _BSD_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#include "wasi_common.h"

static int64_t ns(const struct timespec *t) {
    return (int64_t)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static int64_t now(clockid_t c) {
    struct timespec t;
    clock_gettime(c, &t);
    return ns(&t);
}

static const char *yes(int b) { return b ? "yes" : "no"; }

/* Sleeps are checked as "elapsed >= requested - SLACK": Node's WASI rounds
   timeouts to whole milliseconds and may wake up to ~1 ms early. */
#define SLACK_NS 2000000LL

static int all_zero(const unsigned char *b, size_t n) {
    for (size_t i = 0; i < n; i++) if (b[i] != 0) return 0;
    return 1;
}

int main(int argc, char **argv) {
    struct timespec t;

    printf("== clocks ==\n");
    int rc = clock_gettime(CLOCK_REALTIME, &t);
    printf("clock_gettime(REALTIME) ok: %s\n", yes(rc == 0));
    printf("realtime after 2020-01-01: %s\n", yes(t.tv_sec > 1577836800));
    printf("realtime tv_nsec in [0, 1e9): %s\n", yes(t.tv_nsec >= 0 && t.tv_nsec < 1000000000));
    time_t tt = time(NULL);
    printf("time() within 5 s of realtime: %s\n", yes(llabs((long long)tt - (long long)t.tv_sec) <= 5));
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday within 5 s of realtime: %s\n", yes(llabs((long long)tv.tv_sec - (long long)t.tv_sec) <= 5));

    rc = clock_getres(CLOCK_REALTIME, &t);
    printf("clock_getres(REALTIME) ok: %s, in (0, 1s]: %s\n", yes(rc == 0), yes(ns(&t) > 0 && ns(&t) <= 1000000000LL));
    rc = clock_getres(CLOCK_MONOTONIC, &t);
    printf("clock_getres(MONOTONIC) ok: %s, in (0, 1s]: %s\n", yes(rc == 0), yes(ns(&t) > 0 && ns(&t) <= 1000000000LL));

    /* Raw calls, with the "precision" argument the libc wrapper hides. */
    __wasi_timestamp_t ts = 0, res = 0;
    printf("clock_time_get(MONOTONIC, precision 1) ok: %s\n",
           yes(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &ts) == 0 && ts > 0));
    printf("clock_res_get(REALTIME) > 0: %s\n",
           yes(__wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &res) == 0 && res > 0));
    printf("clock_time_get(clock id 99) fails with EINVAL: %s\n",
           yes(__wasi_clock_time_get(99, 1, &ts) == __WASI_ERRNO_INVAL));

    int64_t prev = now(CLOCK_MONOTONIC);
    int backwards = 0;
    for (int i = 0; i < 100000; i++) {
        int64_t cur = now(CLOCK_MONOTONIC);
        if (cur < prev) backwards = 1;
        prev = cur;
    }
    printf("monotonic never went backwards in 100000 reads: %s\n", yes(!backwards));

    printf("== sleeping ==\n");
    int64_t start = now(CLOCK_MONOTONIC);
    struct timespec req = {0, 20 * 1000000};
    rc = nanosleep(&req, NULL);
    int64_t slept = now(CLOCK_MONOTONIC) - start;
    printf("nanosleep(20 ms) returned %d, monotonic advanced >= 20 ms (2 ms slack): %s, < 5 s: %s\n",
           rc, yes(slept >= 20000000LL - SLACK_NS), yes(slept < 5000000000LL));

    start = now(CLOCK_MONOTONIC);
    rc = usleep(5000);
    slept = now(CLOCK_MONOTONIC) - start;
    printf("usleep(5000) returned %d, monotonic advanced >= 5 ms (2 ms slack): %s\n", rc,
           yes(slept >= 5000000LL - SLACK_NS));

    /* Absolute sleeps use the realtime clock: Node's WASI converts every
       absolute deadline with the realtime clock (so a monotonic deadline
       would sleep for decades).  See README.md. */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    int64_t target = ns(&until) + 15000000LL;
    until.tv_sec = target / 1000000000LL;
    until.tv_nsec = target % 1000000000LL;
    rc = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, NULL);
    printf("clock_nanosleep(REALTIME, ABSTIME now+15 ms) returned %d, reached target (2 ms slack): %s\n",
           rc, yes(now(CLOCK_REALTIME) >= target - SLACK_NS));

    if (argc > 1 && strcmp(argv[1], "--monotonic-abstime") == 0) {
        /* Not run under Node (it would hang); see the README. */
        clock_gettime(CLOCK_MONOTONIC, &until);
        target = ns(&until) + 15000000LL;
        until.tv_sec = target / 1000000000LL;
        until.tv_nsec = target % 1000000000LL;
        start = now(CLOCK_MONOTONIC);
        rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
        printf("clock_nanosleep(MONOTONIC, ABSTIME now+15 ms) returned %d, reached target (2 ms slack): %s, "
               "took < 5 s: %s\n", rc, yes(now(CLOCK_MONOTONIC) >= target - SLACK_NS),
               yes(now(CLOCK_MONOTONIC) - start < 5000000000LL));
        until.tv_sec = 0;
        until.tv_nsec = 1;
        start = now(CLOCK_MONOTONIC);
        rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
        printf("clock_nanosleep(MONOTONIC, ABSTIME in the past) returned %d, at once: %s\n",
               rc, yes(now(CLOCK_MONOTONIC) - start < 1000000000LL));
    }

    start = now(CLOCK_MONOTONIC);
    struct timespec zero = {0, 0};
    rc = nanosleep(&zero, NULL);
    printf("nanosleep(0) returned %d\n", rc);
    printf("sched_yield() returned %d\n", sched_yield());
    struct timespec bad = {0, 1000000000};
    errno = 0;
    rc = nanosleep(&bad, NULL);
    printf("nanosleep(tv_nsec = 1e9) returned %d, errno=%s\n", rc, errno_name(errno));

    printf("== random ==\n");
    unsigned char a[32], b[32];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    printf("getentropy(32) returned %d\n", getentropy(a, sizeof a));
    getentropy(b, sizeof b);
    printf("random bytes not all zero: %s\n", yes(!all_zero(a, sizeof a)));
    printf("two getentropy calls differ: %s\n", yes(memcmp(a, b, sizeof a) != 0));
    unsigned char big[300];
    errno = 0;
    rc = getentropy(big, sizeof big);
    printf("getentropy(300) returned %d, errno=%s\n", rc, errno_name(errno));

    unsigned char c[1000];
    memset(c, 0, sizeof c);
    arc4random_buf(c, sizeof c);
    int seen[256] = {0}, distinct = 0;
    for (size_t i = 0; i < sizeof c; i++) if (!seen[c[i]]++) distinct++;
    printf("arc4random_buf(1000): more than 100 distinct byte values: %s\n", yes(distinct > 100));
    uint32_t r = arc4random_uniform(10);
    printf("arc4random_uniform(10) < 10: %s\n", yes(r < 10));

    unsigned char d[64] = {0};
    __wasi_errno_t e = __wasi_random_get(d, sizeof d);
    printf("random_get(64) returned %s, not all zero: %s\n", errno_name(e), yes(!all_zero(d, sizeof d)));
    e = __wasi_random_get(d, 0);
    printf("random_get(0) returned %s\n", errno_name(e));
    return 0;
}
