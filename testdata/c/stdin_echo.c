/*
 * stdin_echo.c - fd_read on stdin until EOF, fd_write on stdout.
 *
 * Reads all of stdin, writes it to stdout with ASCII letters uppercased.
 * Prints "bytes=<n>" (number of bytes read) to stderr.
 *
 * Expected stdout for stdin "hello\nWorld 123\n":
 *   HELLO
 *   WORLD 123
 * Expected stdout for empty stdin: nothing.  stderr: "bytes=16" / "bytes=0".
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    char buf[4096];
    long long total = 0;
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "FAIL read: %s\n", strerror(errno));
            return 1;
        }
        if (n == 0) break;
        total += n;
        for (ssize_t i = 0; i < n; i++) buf[i] = (char)toupper((unsigned char)buf[i]);
        ssize_t off = 0;
        while (off < n) {
            ssize_t w = write(1, buf + off, (size_t)(n - off));
            if (w < 0) {
                if (errno == EINTR) continue;
                fprintf(stderr, "FAIL write: %s\n", strerror(errno));
                return 1;
            }
            off += w;
        }
    }
    fprintf(stderr, "bytes=%lld\n", total);
    return 0;
}
