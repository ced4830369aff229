/*
 * pathloop.c - many path lookups (file-system benchmark guest).
 *
 * Opens the file PATH beneath the preopen /sandbox and closes it again, N
 * times: one raw wasi_snapshot_preview1.path_open (read right, no oflags)
 * and one fd_close per round, nothing else in the loop. The preopen's fd is
 * found with fd_prestat_get/fd_prestat_dir_name, from fd 3 on.
 *
 * Usage: pathloop.wasm [N [PATH [follow]]]
 *   N     rounds, default 100000
 *   PATH  relative to /sandbox, default a/b/c/d/e/f/g/h/file.txt (the file
 *         must exist)
 *   follow  sets the SYMLINK_FOLLOW lookup flag (default: not set)
 *
 * Expected stdout: "opened <N>". Exit code 0; on an error (no /sandbox
 * preopen, a failed path_open or fd_close) prints "FAIL <errno>" (the WASI
 * errno) and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define SANDBOX "/sandbox"

static void fail(__wasi_errno_t errno_) {
    printf("FAIL %u\n", (unsigned)errno_);
    exit(1);
}

/* The fd of the preopen named /sandbox; fails with the errno that ended the search. */
static __wasi_fd_t find_sandbox(void) {
    for (__wasi_fd_t fd = 3;; fd++) {
        __wasi_prestat_t prestat;
        __wasi_errno_t err = __wasi_fd_prestat_get(fd, &prestat);
        if (err != __WASI_ERRNO_SUCCESS) fail(err);
        if (prestat.tag != __WASI_PREOPENTYPE_DIR) continue;
        if (prestat.u.dir.pr_name_len != sizeof SANDBOX - 1) continue;
        char name[sizeof SANDBOX];
        err = __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, sizeof SANDBOX - 1);
        if (err != __WASI_ERRNO_SUCCESS) fail(err);
        if (memcmp(name, SANDBOX, sizeof SANDBOX - 1) == 0) return fd;
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    const char *path = argc > 2 ? argv[2] : "a/b/c/d/e/f/g/h/file.txt";
    __wasi_lookupflags_t lookup =
        argc > 3 && strcmp(argv[3], "follow") == 0 ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0;
    __wasi_fd_t dir = find_sandbox();
    for (long i = 0; i < n; i++) {
        __wasi_fd_t fd;
        __wasi_errno_t err =
            __wasi_path_open(dir, lookup, path, 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd);
        if (err != __WASI_ERRNO_SUCCESS) fail(err);
        err = __wasi_fd_close(fd);
        if (err != __WASI_ERRNO_SUCCESS) fail(err);
    }
    printf("opened %ld\n", n);
    return 0;
}
