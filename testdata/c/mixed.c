/*
 * mixed.c - a guest whose output depends on everything the host hands it:
 * clock values, random bytes and file contents, in an order and amounts
 * chosen by a seed (property-style record/replay tests).
 *
 * Usage: mixed.wasm SEED [DIR]
 *   SEED  any unsigned number; it drives every choice below
 *   DIR   guest path of a preopened, empty, writable directory (default /sandbox)
 *
 * Runs 10 + SEED % 40 steps; each step is one of (chosen by the seed):
 *   clock   clock_gettime(REALTIME or MONOTONIC)     "<i> clock <id> <ns>"
 *   random  getentropy(1..64 bytes)                  "<i> random <hex>"
 *   write   append 1..300 bytes derived from the seed, the last clock value and
 *           the last random bytes to DIR/f<k>.dat    "<i> write f<k> <n>"
 *   read    read DIR/f<k>.dat back from a seeded offset
 *                                                    "<i> read f<k> <n> <checksum>"
 *   stderr  a line on stderr                         "<i> note <x>"
 * then deletes its files (leaving DIR empty) and prints
 *   "files <n> checksum <x>"
 * Exit code: SEED % 4 (non-zero exits call proc_exit). On an I/O error prints
 * "FAIL <step>: <strerror>" and exits 10.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define FILES 4

static uint64_t state;

/* xorshift64*: small, deterministic, good enough to pick steps. */
static uint64_t next(void) {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
}

static void fail(const char *step) {
    printf("FAIL %s: %s\n", step, strerror(errno));
    exit(10);
}

int main(int argc, char **argv) {
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 10) : 1;
    const char *dir = argc > 2 ? argv[2] : "/sandbox";
    state = seed * 0x9E3779B97F4A7C15ULL + 1;
    int steps = 10 + (int)(seed % 40);
    uint64_t last_clock = 0;
    unsigned char last_random[64] = {0};
    int written[FILES] = {0};
    uint64_t checksum = 0;
    char path[256];

    for (int i = 0; i < steps; i++) {
        int k = (int)(next() % FILES);
        snprintf(path, sizeof path, "%s/f%d.dat", dir, k);
        switch (next() % 5) {
        case 0: {
            clockid_t id = next() % 2 ? CLOCK_REALTIME : CLOCK_MONOTONIC;
            struct timespec ts;
            if (clock_gettime(id, &ts) != 0) fail("clock_gettime");
            last_clock = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
            printf("%d clock %d %llu\n", i, (int)(id == CLOCK_REALTIME ? 0 : 1),
                   (unsigned long long)last_clock);
            break;
        }
        case 1: {
            size_t n = 1 + next() % 64;
            if (getentropy(last_random, n) != 0) fail("getentropy");
            printf("%d random ", i);
            for (size_t j = 0; j < n; j++) printf("%02x", last_random[j]);
            printf("\n");
            break;
        }
        case 2: {
            size_t n = 1 + next() % 300;
            unsigned char buf[300];
            for (size_t j = 0; j < n; j++) {
                buf[j] = (unsigned char)(next() ^ last_random[j % 64] ^ (last_clock >> (j % 8)));
            }
            FILE *f = fopen(path, "ab");
            if (f == NULL) fail("fopen(a)");
            if (fwrite(buf, 1, n, f) != n) fail("fwrite");
            if (fclose(f) != 0) fail("fclose");
            written[k] += (int)n;
            printf("%d write f%d %zu\n", i, k, n);
            break;
        }
        case 3: {
            if (written[k] == 0) {
                printf("%d read f%d none\n", i, k);
                break;
            }
            FILE *f = fopen(path, "rb");
            if (f == NULL) fail("fopen(r)");
            long offset = (long)(next() % (uint64_t)written[k]);
            if (fseek(f, offset, SEEK_SET) != 0) fail("fseek");
            unsigned char buf[1200];
            size_t n = fread(buf, 1, sizeof buf, f);
            if (ferror(f)) fail("fread");
            fclose(f);
            uint64_t sum = 0;
            for (size_t j = 0; j < n; j++) sum = sum * 31 + buf[j];
            checksum ^= sum;
            printf("%d read f%d %zu %016llx\n", i, k, n, (unsigned long long)sum);
            break;
        }
        default:
            fprintf(stderr, "%d note %llx\n", i, (unsigned long long)(next() ^ last_clock));
            break;
        }
    }

    int files = 0;
    for (int k = 0; k < FILES; k++) {
        if (written[k] > 0) {
            snprintf(path, sizeof path, "%s/f%d.dat", dir, k);
            if (unlink(path) != 0) fail("unlink");
            files++;
        }
    }
    printf("files %d checksum %016llx\n", files, (unsigned long long)checksum);
    fflush(stdout);
    return (int)(seed % 4);
}
