/*
 * compute.c - CPU-bound guest with very few host calls.
 *
 * Runs ROUNDS rounds of an xorshift/multiply mixing pass over a 64 KiB array
 * of uint32 and prints a checksum. ROUNDS comes from argv[1]; the default
 * (28000) takes about 1 s under Node 20 (V8) and about 1.8 s under the
 * Chicory 1.7.5 runtime compiler; the Chicory *interpreter* manages only
 * ~100 rounds per second, so pass a small ROUNDS there.
 *
 * Usage: compute.wasm [ROUNDS]
 * Expected stdout:
 *   (default)  rounds=28000 checksum=c429a2990977118d
 *   1000       rounds=1000 checksum=3f0241be31725ead
 *   100        rounds=100 checksum=98f2ed2ace3b0718
 *   1          rounds=1 checksum=00000000660d464a
 * Exit code 0.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define WORDS 16384 /* 64 KiB */
#define DEFAULT_ROUNDS 28000

static uint32_t data[WORDS];

int main(int argc, char **argv) {
    long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_ROUNDS;
    uint32_t x = 2463534242u;
    for (int i = 0; i < WORDS; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = x;
    }
    uint64_t sum = 0;
    for (long r = 0; r < rounds; r++) {
        uint32_t carry = (uint32_t)r;
        for (int i = 0; i < WORDS; i++) {
            uint32_t v = data[i] ^ carry;
            v *= 0x9E3779B1u;
            v ^= v >> 15;
            data[i] = v;
            carry = v + (uint32_t)i;
        }
        sum = sum * 31 + carry;
    }
    printf("rounds=%ld checksum=%016" PRIx64 "\n", rounds, sum);
    return 0;
}
