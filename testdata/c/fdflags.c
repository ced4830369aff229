/*
 * fdflags.c - append mode and descriptor flags, as real programs use them (Go's runtime sets
 * NONBLOCK on every file it opens; loggers open with O_APPEND and read back).
 *
 * Exercises: path_open with APPEND beside read and with TRUNC, fd_write in append mode after a
 * seek, fd_pwrite on an append-mode file, fd_fdstat_set_flags (APPEND off and on, NONBLOCK on a
 * file and on stdout), fd_fdstat_get's flags, isatty() on the stdio, and fd_sync/fd_datasync of a
 * file and of a directory (SQLite syncs the directory after creating a journal).
 *
 * Usage: fdflags.wasm [DIR]   (DIR defaults to "/sandbox", a preopened directory)
 *
 * Expected stdout (stdio redirected, not terminals):
 *   append after seek: abcde
 *   read with append: abcde
 *   pwrite at 0: 1 -> abcdeX          (with O_APPEND at the end, as Linux and node:wasi)
 *   append off: 0 flags 0 -> YbcdeX
 *   append on: 0 flags 1 -> YbcdeXz   (node:wasi: flags 0, it does not report APPEND back)
 *   trunc with append: q
 *   nonblock on file: 0
 *   nonblock on stdout: 0
 *   isatty: 0 0 0
 *   rights: read dropped 76, write 1, fdstat read 0, widen 76
 *   dir rights: trunc 76, open 0
 *   sync: file 0, dir 0, dir data 0   (node:wasi: dir data 76, its directories lack that right)
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static char path[256];

/* The whole file, as a second descriptor reads it. */
static const char *content(void) {
    static char buf[64];
    int fd = open(path, O_RDONLY);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = 0;
    return buf;
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/sandbox";
    snprintf(path, sizeof path, "%s/fdflags.txt", dir);

    int fd = open(path, O_CREAT | O_RDWR | O_APPEND | O_TRUNC, 0644);
    if (fd < 0) {
        perror("open");
        return 1;
    }
    write(fd, "abc", 3);
    lseek(fd, 0, SEEK_SET);
    write(fd, "de", 2);
    printf("append after seek: %s\n", content());

    char buf[16] = {0};
    lseek(fd, 0, SEEK_SET);
    ssize_t n = read(fd, buf, sizeof buf - 1);
    printf("read with append: %.*s\n", (int)(n < 0 ? 0 : n), buf);

    ssize_t w = pwrite(fd, "X", 1, 0);
    printf("pwrite at 0: %zd -> %s\n", w, content());

    int off = fcntl(fd, F_SETFL, 0);
    lseek(fd, 0, SEEK_SET);
    write(fd, "Y", 1);
    printf("append off: %d flags %d -> %s\n", off, fcntl(fd, F_GETFL) & O_APPEND ? 1 : 0,
           content());

    int on = fcntl(fd, F_SETFL, O_APPEND);
    lseek(fd, 0, SEEK_SET);
    write(fd, "z", 1);
    printf("append on: %d flags %d -> %s\n", on, fcntl(fd, F_GETFL) & O_APPEND ? 1 : 0,
           content());
    close(fd);

    fd = open(path, O_CREAT | O_WRONLY | O_APPEND | O_TRUNC, 0644);
    write(fd, "q", 1);
    printf("trunc with append: %s\n", content());
    printf("nonblock on file: %d\n", fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
    close(fd);

    printf("nonblock on stdout: %d\n", fcntl(1, F_SETFL, O_NONBLOCK));
    printf("isatty: %d %d %d\n", isatty(0), isatty(1), isatty(2));

    /* Rights narrowed with fd_fdstat_set_rights are kept, reported and enforced; never widened. */
    fd = open(path, O_RDWR);
    __wasi_fdstat_t stat;
    (void)__wasi_fd_fdstat_get(fd, &stat);
    __wasi_rights_t base = stat.fs_rights_base & ~__WASI_RIGHTS_FD_READ;
    (void)__wasi_fd_fdstat_set_rights(fd, base, stat.fs_rights_inheriting);
    __wasi_size_t got = 0;
    __wasi_iovec_t iov = {(uint8_t *)buf, 1};
    int read_errno = __wasi_fd_read(fd, &iov, 1, &got);
    __wasi_ciovec_t ciov = {(const uint8_t *)"w", 1};
    (void)__wasi_fd_write(fd, &ciov, 1, &got);
    (void)__wasi_fd_fdstat_get(fd, &stat);
    int widen = __wasi_fd_fdstat_set_rights(fd, base | __WASI_RIGHTS_FD_READ, 0);
    printf("rights: read dropped %d, write %u, fdstat read %d, widen %d\n", read_errno,
           (unsigned)got, (stat.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0, widen);
    close(fd);

    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    (void)__wasi_fd_fdstat_get(dfd, &stat);
    (void)__wasi_fd_fdstat_set_rights(
        dfd, stat.fs_rights_base & ~__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE, stat.fs_rights_inheriting);
    __wasi_fd_t opened;
    int trunc = __wasi_path_open(dfd, 0, "fdflags.txt", __WASI_OFLAGS_TRUNC, 0, 0, 0, &opened);
    int plain = __wasi_path_open(dfd, 0, "fdflags.txt", 0, 0, 0, 0, &opened);
    printf("dir rights: trunc %d, open %d\n", trunc, plain);

    fd = open(path, O_RDONLY);
    int file_sync = __wasi_fd_sync(fd);
    int dir_sync = __wasi_fd_sync(dfd);
    printf("sync: file %d, dir %d, dir data %d\n", file_sync, dir_sync, __wasi_fd_datasync(dfd));
    return 0;
}
