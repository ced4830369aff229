/*
 * ticker.c - long-running guest that keeps making host calls
 * (used for the "kill -9 mid-run" test).
 *
 * Loop: write "tick <i>\n" with a raw wasi_snapshot_preview1.fd_write call,
 * then nanosleep 1 ms (poll_oneoff). Runs forever, or for argv[1] ticks.
 *
 * Usage: ticker.wasm [COUNT]
 * Expected stdout for COUNT=3:
 *   tick 0
 *   tick 1
 *   tick 2
 * Exit code 0 (after COUNT ticks); 1 if fd_write fails.
 */
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);

struct iovec32 {
    uint32_t buf;
    uint32_t len;
};

/* Formats "tick <i>\n" into buf, returns its length. */
static uint32_t format_tick(char *buf, unsigned long long i) {
    char digits[24];
    int nd = 0;
    do {
        digits[nd++] = (char)('0' + i % 10);
        i /= 10;
    } while (i != 0);
    uint32_t len = 0;
    const char *prefix = "tick ";
    while (*prefix) buf[len++] = *prefix++;
    while (nd > 0) buf[len++] = digits[--nd];
    buf[len++] = '\n';
    return len;
}

int main(int argc, char **argv) {
    long long count = argc > 1 ? strtoll(argv[1], NULL, 10) : -1;
    static char line[32];
    static struct iovec32 iov;
    static uint32_t nwritten;
    const struct timespec ms = {0, 1000000L};
    for (unsigned long long i = 0; count < 0 || i < (unsigned long long)count; i++) {
        iov.buf = (uint32_t)(uintptr_t)line;
        iov.len = format_tick(line, i);
        if (raw_fd_write(1, (int32_t)(uintptr_t)&iov, 1, (int32_t)(uintptr_t)&nwritten) != 0) {
            return 1;
        }
        nanosleep(&ms, NULL);
    }
    return 0;
}
