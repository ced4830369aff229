/*
 * echo_client.c - TCP echo client (WasmEdge socket extension, v2 addresses;
 * echo_client_v1.c builds the same program for v1).
 *
 * Connects to HOST:PORT (sock_open, sock_connect), prints the peer address
 * (sock_getpeeraddr), then for each LINE sends "LINE\n" with sock_send and
 * reads the echo up to its newline with sock_recv. Then it shuts down its
 * sending side (sock_shutdown), reads to end of stream and closes.
 *
 * Usage: echo_client.wasm HOST PORT [LINE...]
 * Expected stdout, e.g. for 127.0.0.1 7000 hello "two words":
 *   connected to 127.0.0.1:7000
 *   echo: hello
 *   echo: two words
 *   closed
 * On an error prints "FAIL <step> errno=<n>" and exits 1.
 */
#include "wasi_socket.h"

int main(int argc, char **argv) {
    if (argc < 3) {
        printf("usage: echo_client HOST PORT [LINE...]\n");
        return 2;
    }
    int port = (int)wt_arg_long(argv[2], "port");
    int fd;
    int err = wt_connect(argv[1], port, &fd);
    if (err != 0) wt_fail("connect", err);

    wt_sockaddr peer;
    char text[64];
    if ((err = wt_peer_addr(fd, &peer)) != 0) wt_fail("getpeeraddr", err);
    printf("connected to %s\n", wt_format(&peer, text, sizeof text));

    static char line[4096];
    static char echo[4096];
    for (int i = 3; i < argc; i++) {
        size_t len = strlen(argv[i]);
        if (len + 1 > sizeof line) wt_fail("line too long", EINVAL);
        memcpy(line, argv[i], len);
        line[len] = '\n';
        if ((err = wt_send_all(fd, line, len + 1)) != 0) wt_fail("send", err);
        size_t have = 0;
        while (have == 0 || echo[have - 1] != '\n') {
            size_t got = 0;
            if (have == sizeof echo) wt_fail("echo too long", EINVAL);
            /* read at most what is left of this line, so nothing of the next is consumed */
            if ((err = wt_recv(fd, echo + have, len + 1 - have, &got)) != 0) wt_fail("recv", err);
            if (got == 0) wt_fail("recv: end of stream before the echo", EPIPE);
            have += got;
        }
        printf("echo: %.*s\n", (int)(have - 1), echo);
    }
    if ((err = wt_shutdown(fd, WT_SHUT_WR)) != 0) wt_fail("shutdown", err);
    for (;;) {
        size_t got = 0;
        if ((err = wt_recv(fd, echo, sizeof echo, &got)) != 0) wt_fail("recv", err);
        if (got == 0) break;
        printf("unexpected: %.*s\n", (int)got, echo);
    }
    if ((err = wt_close(fd)) != 0) wt_fail("close", err);
    printf("closed\n");
    return 0;
}
