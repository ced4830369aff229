/*
 * clocks.c - clock_time_get, clock_res_get and poll_oneoff (sleep).
 *
 * Checks:
 *   - CLOCK_REALTIME is after 2020-01-01T00:00:00Z
 *   - CLOCK_MONOTONIC never goes backwards over several reads
 *   - nanosleep(10 ms) advances CLOCK_MONOTONIC by >= 10 ms
 *   - clock_getres reports a positive resolution for both clocks
 *
 * Expected stdout:
 *   realtime ok
 *   monotonic ok
 *   sleep ok
 *   res ok
 * Expected stderr: one line "realtime_ns=<nanoseconds since epoch>".
 * On failure prints "FAIL <check>: <detail>" and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <time.h>

#define READS 5
#define EPOCH_2020 1577836800LL /* 2020-01-01T00:00:00Z */
#define SLEEP_NS 10000000LL     /* 10 ms */

static long long to_ns(const struct timespec *ts) {
    return (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static long long now_ns(clockid_t clk, const char *what) {
    struct timespec ts;
    if (clock_gettime(clk, &ts) != 0) {
        printf("FAIL %s: %s\n", what, strerror(errno));
        exit(1);
    }
    return to_ns(&ts);
}

int main(void) {
    long long real = 0;
    for (int i = 0; i < READS; i++) {
        real = now_ns(CLOCK_REALTIME, "clock_gettime(REALTIME)");
        if (real / 1000000000LL < EPOCH_2020) {
            printf("FAIL realtime: %lld ns is before 2020\n", real);
            return 1;
        }
    }
    fprintf(stderr, "realtime_ns=%lld\n", real);
    printf("realtime ok\n");

    long long prev = now_ns(CLOCK_MONOTONIC, "clock_gettime(MONOTONIC)");
    for (int i = 0; i < READS; i++) {
        long long cur = now_ns(CLOCK_MONOTONIC, "clock_gettime(MONOTONIC)");
        if (cur < prev) {
            printf("FAIL monotonic: went backwards (%lld -> %lld)\n", prev, cur);
            return 1;
        }
        prev = cur;
    }
    printf("monotonic ok\n");

    long long before = now_ns(CLOCK_MONOTONIC, "clock_gettime(MONOTONIC)");
    struct timespec req = {0, (long)SLEEP_NS};
    if (nanosleep(&req, NULL) != 0) {
        printf("FAIL nanosleep: %s\n", strerror(errno));
        return 1;
    }
    long long after = now_ns(CLOCK_MONOTONIC, "clock_gettime(MONOTONIC)");
    if (after - before < SLEEP_NS) {
        printf("FAIL sleep: monotonic advanced only %lld ns\n", after - before);
        return 1;
    }
    printf("sleep ok\n");

    struct timespec res_real, res_mono;
    if (clock_getres(CLOCK_REALTIME, &res_real) != 0 ||
        clock_getres(CLOCK_MONOTONIC, &res_mono) != 0) {
        printf("FAIL clock_getres: %s\n", strerror(errno));
        return 1;
    }
    if (to_ns(&res_real) <= 0 || to_ns(&res_mono) <= 0) {
        printf("FAIL res: realtime=%lld monotonic=%lld\n",
               to_ns(&res_real), to_ns(&res_mono));
        return 1;
    }
    printf("res ok\n");
    return 0;
}
