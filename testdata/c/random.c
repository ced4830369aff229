/*
 * random.c - random_get via getentropy().
 *
 * Draws 32 bytes twice; succeeds if the buffers differ and are not all zero.
 *
 * Expected stdout:
 *   random ok
 * Expected stderr: one line "random=<64 hex digits of the first buffer>".
 * On failure prints "FAIL <check>..." and exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LEN 32

int main(void) {
    unsigned char a[LEN], b[LEN];
    if (getentropy(a, LEN) != 0 || getentropy(b, LEN) != 0) {
        printf("FAIL getentropy: %s\n", strerror(errno));
        return 1;
    }
    int nonzero = 0;
    for (int i = 0; i < LEN; i++) nonzero |= a[i] | b[i];
    if (!nonzero) {
        printf("FAIL random: all zero\n");
        return 1;
    }
    if (memcmp(a, b, LEN) == 0) {
        printf("FAIL random: buffers identical\n");
        return 1;
    }
    fprintf(stderr, "random=");
    for (int i = 0; i < LEN; i++) fprintf(stderr, "%02x", a[i]);
    fprintf(stderr, "\n");
    printf("random ok\n");
    return 0;
}
