/*
 * badptr.c - raw WASI calls with out-of-bounds pointers.
 *
 * Calls the wasi_snapshot_preview1 imports directly (bypassing wasi-libc)
 * with pointers beyond, or straddling, the end of linear memory. A correct
 * runtime returns an errno (EFAULT = 21 in WASI) instead of trapping or
 * crashing. Each result is printed as "<case> errno=<n>".
 *
 * Cases (all writes to stdout are expected to be rejected, so stdout only
 * contains the lines below):
 *   fd_write iovs          iovs array at 0xFFFFFFF0
 *   fd_write buf           valid iovec whose buf is at 0xFFFFFFF0
 *   fd_write buf_straddle  buf starts 8 bytes before memory end, len 16
 *   fd_write nwritten      valid 1-byte write of "\n" to *stderr*, nwritten
 *                          pointer at 0xFFFFFFF0 (a runtime may perform the
 *                          write before failing, hence stderr)
 *   random_get             buf at 0xFFFFFFF0, len 32
 *   random_get straddle    buf 8 bytes before memory end, len 32
 *   clock_time_get         result pointer at 0xFFFFFFF0
 *   args_sizes_get         both result pointers at 0xFFFFFFF0
 *   path_open              fd 3, path pointer at 0xFFFFFFF0 (if fd 3 is not
 *                          a preopened directory, EBADF = 8 is also plausible)
 *
 * Expected stdout (errno values depend on the runtime; 21 = EFAULT):
 *   fd_write iovs errno=<n>
 *   fd_write buf errno=<n>
 *   fd_write buf_straddle errno=<n>
 *   fd_write nwritten errno=<n>
 *   random_get errno=<n>
 *   random_get straddle errno=<n>
 *   clock_time_get errno=<n>
 *   args_sizes_get errno=<n>
 *   path_open errno=<n>
 *   still alive
 * Observed: Node 20 (uvwasi) prints 61 (EOVERFLOW, its bounds-check errno)
 * for every case, with or without a preopen. Plain Chicory 1.7.5 WASI does
 * not return an errno: it traps on the first call ("out of bounds memory
 * access"). Exit code 0 when the runtime survives every call.
 */
#include <stdint.h>
#include <stdio.h>

#define WASI_IMPORT(name) \
    __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))

WASI_IMPORT("fd_write")
int32_t raw_fd_write(int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten);
WASI_IMPORT("random_get")
int32_t raw_random_get(int32_t buf, int32_t buf_len);
WASI_IMPORT("clock_time_get")
int32_t raw_clock_time_get(int32_t clock_id, int64_t precision, int32_t time);
WASI_IMPORT("args_sizes_get")
int32_t raw_args_sizes_get(int32_t argc, int32_t argv_buf_size);
WASI_IMPORT("path_open")
int32_t raw_path_open(int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
                      int32_t oflags, int64_t rights_base, int64_t rights_inheriting,
                      int32_t fdflags, int32_t opened_fd);

#define BAD_PTR ((int32_t)0xFFFFFFF0u)

struct iovec32 {
    uint32_t buf;
    uint32_t len;
};

/* Address 8 bytes before the current end of linear memory 0. */
static int32_t near_end(void) {
    return (int32_t)(__builtin_wasm_memory_size(0) * 65536u - 8u);
}

static int32_t ptr(const void *p) {
    return (int32_t)(uintptr_t)p;
}

int main(void) {
    static const char nl[] = "\n";
    struct iovec32 iov;
    uint32_t nwritten = 0;
    uint32_t opened = 0;
    int32_t rc;

    rc = raw_fd_write(1, BAD_PTR, 1, ptr(&nwritten));
    printf("fd_write iovs errno=%d\n", (int)rc);

    iov.buf = (uint32_t)BAD_PTR;
    iov.len = 16;
    rc = raw_fd_write(1, ptr(&iov), 1, ptr(&nwritten));
    printf("fd_write buf errno=%d\n", (int)rc);

    iov.buf = (uint32_t)near_end();
    iov.len = 16;
    rc = raw_fd_write(1, ptr(&iov), 1, ptr(&nwritten));
    printf("fd_write buf_straddle errno=%d\n", (int)rc);

    fflush(stdout);
    iov.buf = (uint32_t)ptr(nl);
    iov.len = 1;
    rc = raw_fd_write(2, ptr(&iov), 1, BAD_PTR);
    printf("fd_write nwritten errno=%d\n", (int)rc);

    rc = raw_random_get(BAD_PTR, 32);
    printf("random_get errno=%d\n", (int)rc);

    rc = raw_random_get(near_end(), 32);
    printf("random_get straddle errno=%d\n", (int)rc);

    rc = raw_clock_time_get(0 /* realtime */, 1, BAD_PTR);
    printf("clock_time_get errno=%d\n", (int)rc);

    rc = raw_args_sizes_get(BAD_PTR, BAD_PTR);
    printf("args_sizes_get errno=%d\n", (int)rc);

    rc = raw_path_open(3, 0, BAD_PTR, 16, 0, 0x1fffffff, 0x1fffffff, 0, ptr(&opened));
    printf("path_open errno=%d\n", (int)rc);

    printf("still alive\n");
    return 0;
}
