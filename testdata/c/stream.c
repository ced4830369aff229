/*
 * stream.c - streams MIB mebibytes over one TCP connection (the network
 * throughput benchmark's guest; WasmEdge socket extension v2).
 *
 * Connects to HOST:PORT, sends MIB x 1 MiB of a repeating pattern with
 * sock_send in 64 KiB chunks (byte i of the stream is (i % 251)), shuts
 * down its sending side (sock_shutdown), waits for the peer to close
 * (sock_recv until end of stream, so everything was read) and closes.
 *
 * Usage: stream.wasm HOST PORT MIB      (e.g. 1024 for 1 GiB)
 * Expected stdout, e.g. for MIB=4:
 *   sent 4194304 bytes
 * On an error prints "FAIL <step> errno=<n>" and exits 1.
 */
#include "wasi_socket.h"

#define CHUNK 65536

/* 251 is prime, so a 64 KiB chunk does not line up with the pattern: each
 * chunk starts at pattern offset (sent % 251). Two periods cover any start. */
static uint8_t pattern[CHUNK + 251];

int main(int argc, char **argv) {
    if (argc < 4) {
        printf("usage: stream HOST PORT MIB\n");
        return 2;
    }
    long mib = wt_arg_long(argv[3], "MiB");
    for (size_t i = 0; i < sizeof pattern; i++) pattern[i] = (uint8_t)(i % 251);
    int fd;
    int err = wt_connect(argv[1], (int)wt_arg_long(argv[2], "port"), &fd);
    if (err != 0) wt_fail("connect", err);
    unsigned long long total = (unsigned long long)mib << 20, sent = 0;
    while (sent < total) {
        size_t len = total - sent < CHUNK ? (size_t)(total - sent) : CHUNK;
        size_t n = 0;
        if ((err = wt_send(fd, pattern + sent % 251, len, &n)) != 0) wt_fail("sock_send", err);
        if (n == 0) wt_fail("sock_send sent nothing", EIO);
        sent += n;
    }
    if ((err = wt_shutdown(fd, WT_SHUT_WR)) != 0) wt_fail("sock_shutdown", err);
    char buf[256];
    size_t n;
    do {
        if ((err = wt_recv(fd, buf, sizeof buf, &n)) != 0) wt_fail("sock_recv", err);
    } while (n > 0);
    wt_close(fd);
    printf("sent %llu bytes\n", sent);
    return 0;
}
