/*
 * writeloop.c - many small host calls (benchmark guest).
 *
 * Writes the same 64-byte line (63 characters + '\n') to stdout N times,
 * one raw wasi_snapshot_preview1.fd_write call per line (no stdio
 * buffering). N comes from argv[1], default 1000.
 *
 * Usage: writeloop.wasm [N]
 * Expected stdout: N copies of the line
 *   0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+
 * (i.e. N * 64 bytes). Exit code 0; exit code 1 if fd_write fails.
 */
#include <stdint.h>
#include <stdlib.h>

__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);

static const char LINE[64] =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+\n";

struct iovec32 {
    uint32_t buf;
    uint32_t len;
};

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
    static struct iovec32 iov;
    static uint32_t nwritten;
    iov.buf = (uint32_t)(uintptr_t)LINE;
    iov.len = sizeof LINE;
    int32_t iov_ptr = (int32_t)(uintptr_t)&iov;
    int32_t nw_ptr = (int32_t)(uintptr_t)&nwritten;
    for (long i = 0; i < n; i++) {
        if (raw_fd_write(1, iov_ptr, 1, nw_ptr) != 0) return 1;
    }
    return 0;
}
