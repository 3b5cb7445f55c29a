/*
 * poll.c - waiting with poll_oneoff.
 *
 * Usage: poll.wasm [--fd] [--monotonic-abstime]   (run it with text on stdin)
 *
 * Always: poll(NULL, 0, ms) as a sleep and raw poll_oneoff with several clock
 * subscriptions (relative monotonic and realtime, absolute realtime); only
 * the earliest one fires.  Timings are printed as properties only.  At the
 * end it reads the first line of stdin.
 *
 * --fd adds fd_read/fd_write subscriptions on stdin and stdout (a regular
 * file or a pipe holding data is ready at once), one on a descriptor that is
 * not open (its event must carry EBADF), and poll() with POLLIN/POLLOUT.
 * --monotonic-abstime adds absolute MONOTONIC deadlines, in the future and
 * in the past.  Node's WASI gets both parts wrong (EPERM for files, ignores
 * bad descriptors, hangs on monotonic absolute deadlines), so the case that
 * uses them has a hand-written expectation and is not run on Node.
 *
 * WASI calls: poll_oneoff, clock_time_get, fd_read, fd_write, ...
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#include "wasi_common.h"

static int64_t mono_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int flag(int argc, char **argv, const char *name) {
    for (int i = 1; i < argc; i++) if (strcmp(argv[i], name) == 0) return 1;
    return 0;
}

static const char *yes(int b) { return b ? "yes" : "no"; }

/* Waits are checked as "elapsed >= timeout - SLACK": Node's WASI rounds
   timeouts to whole milliseconds and may wake up to ~1 ms early. */
#define SLACK_NS 2000000LL

static const char *event_type(__wasi_eventtype_t t) {
    switch (t) {
    case __WASI_EVENTTYPE_CLOCK: return "clock";
    case __WASI_EVENTTYPE_FD_READ: return "fd_read";
    case __WASI_EVENTTYPE_FD_WRITE: return "fd_write";
    default: return "?";
    }
}

static __wasi_subscription_t clock_sub(uint64_t userdata, __wasi_clockid_t id,
                                       uint64_t timeout, int abstime) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.precision = 0;
    s.u.u.clock.flags = abstime ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
    return s;
}

static __wasi_subscription_t fd_sub(uint64_t userdata, __wasi_eventtype_t type, int fd) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = type;
    if (type == __WASI_EVENTTYPE_FD_READ) s.u.u.fd_read.file_descriptor = fd;
    else s.u.u.fd_write.file_descriptor = fd;
    return s;
}

static void print_events(const __wasi_event_t *ev, __wasi_size_t got) {
    for (size_t i = 0; i < got; i++) {
        printf("  event userdata=%llu type=%s error=%s\n", (unsigned long long)ev[i].userdata,
               event_type(ev[i].type), errno_name(ev[i].error));
    }
}

/* Runs poll_oneoff and prints the events sorted by userdata. */
static void run(const char *title, __wasi_subscription_t *subs, size_t n, int min_ms) {
    __wasi_event_t ev[8];
    __wasi_size_t got = 0;
    int64_t start = mono_ns();
    __wasi_errno_t e = __wasi_poll_oneoff(subs, ev, n, &got);
    int64_t took = mono_ns() - start;
    printf("%s: poll_oneoff -> %s, %u event%s\n", title, errno_name(e), (unsigned)got,
           got == 1 ? "" : "s");
    if (e != 0) return;
    for (size_t i = 0; i < got; i++) {
        for (size_t j = i + 1; j < got; j++) {
            if (ev[j].userdata < ev[i].userdata) {
                __wasi_event_t tmp = ev[i];
                ev[i] = ev[j];
                ev[j] = tmp;
            }
        }
    }
    print_events(ev, got);
    printf("  waited >= %d ms (2 ms slack): %s, < 4 s: %s\n", min_ms,
           yes(took >= min_ms * 1000000LL - SLACK_NS), yes(took < 4000000000LL));
}

int main(int argc, char **argv) {
    printf("== poll() as a sleep ==\n");
    int64_t start = mono_ns();
    int rc = poll(NULL, 0, 25);
    int64_t took = mono_ns() - start;
    printf("poll(NULL, 0, 25) = %d, slept >= 25 ms (2 ms slack): %s\n", rc,
           yes(took >= 25000000LL - SLACK_NS));

    printf("== clock subscriptions ==\n");
    __wasi_subscription_t s[4];
    s[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 10000000ULL, 0);
    s[1] = clock_sub(2, __WASI_CLOCKID_MONOTONIC, 5000000000ULL, 0);
    run("monotonic 10 ms and 5 s", s, 2, 10);

    s[0] = clock_sub(7, __WASI_CLOCKID_REALTIME, 12000000ULL, 0);
    run("realtime 12 ms", s, 1, 12);

    /* Absolute deadlines on the realtime clock only: Node's WASI converts
       every absolute deadline with the realtime clock, so a MONOTONIC one, or
       one in the past, makes it sleep (nearly) forever.  See README.md. */
    __wasi_timestamp_t nowts = 0;
    __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &nowts);
    s[0] = clock_sub(3, __WASI_CLOCKID_REALTIME, nowts + 15000000ULL, 1);
    run("realtime absolute now+15 ms", s, 1, 15);

    __wasi_event_t ev[4];
    __wasi_size_t got = 0;
    __wasi_errno_t e;
    if (flag(argc, argv, "--monotonic-abstime")) {
        __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &nowts);
        s[0] = clock_sub(5, __WASI_CLOCKID_MONOTONIC, nowts + 15000000ULL, 1);
        run("monotonic absolute now+15 ms", s, 1, 15);
        s[0] = clock_sub(4, __WASI_CLOCKID_MONOTONIC, 1, 1);
        start = mono_ns();
        e = __wasi_poll_oneoff(s, ev, 1, &got);
        printf("monotonic absolute deadline in the past: %s, %u event, returns within 1 s: %s\n",
               errno_name(e), (unsigned)got, yes(mono_ns() - start < 1000000000LL));
    }

    if (!flag(argc, argv, "--fd")) {
        printf("(fd subscriptions skipped; pass --fd)\n");
    } else {
        printf("== fd subscriptions ==\n");
        s[0] = fd_sub(10, __WASI_EVENTTYPE_FD_READ, 0);
        s[1] = clock_sub(11, __WASI_CLOCKID_MONOTONIC, 5000000000ULL, 0);
        got = 0;
        e = __wasi_poll_oneoff(s, ev, 2, &got);
        printf("stdin readable or 5 s timeout: %s, %u event\n", errno_name(e), (unsigned)got);
        print_events(ev, got);

        s[0] = fd_sub(20, __WASI_EVENTTYPE_FD_WRITE, 1);
        s[1] = clock_sub(21, __WASI_CLOCKID_MONOTONIC, 5000000000ULL, 0);
        got = 0;
        e = __wasi_poll_oneoff(s, ev, 2, &got);
        printf("stdout writable or 5 s timeout: %s, %u event\n", errno_name(e), (unsigned)got);
        print_events(ev, got);

        /* A descriptor that is not open: hosts may fail the whole call with
           EBADF or report an event whose error is EBADF; both count. */
        s[0] = fd_sub(30, __WASI_EVENTTYPE_FD_READ, 99);
        s[1] = clock_sub(31, __WASI_CLOCKID_MONOTONIC, 5000000000ULL, 0);
        got = 0;
        start = mono_ns();
        e = __wasi_poll_oneoff(s, ev, 2, &got);
        int badf = e == __WASI_ERRNO_BADF;
        for (size_t i = 0; e == 0 && i < got; i++) {
            if (ev[i].userdata == 30 && ev[i].error == __WASI_ERRNO_BADF) badf = 1;
        }
        printf("fd 99 (not open) reported as EBADF: %s, without waiting for the timeout: %s\n",
               yes(badf), yes(mono_ns() - start < 4000000000LL));

        printf("== poll() on stdin/stdout ==\n");
        struct pollfd pfd[2] = {{0, POLLIN, 0}, {1, POLLOUT, 0}};
        rc = poll(pfd, 2, 5000);
        printf("poll(stdin POLLIN, stdout POLLOUT) = %d\n", rc);
        printf("  stdin revents POLLIN: %s\n", yes(pfd[0].revents & POLLIN));
        printf("  stdout revents POLLOUT: %s\n", yes(pfd[1].revents & POLLOUT));
    }

    char buf[64];
    ssize_t n = read(0, buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    printf("first stdin line after polling: %s\n", buf);
    return 0;
}
