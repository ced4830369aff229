/*
 * udp.c - a UDP exchange (WasmEdge socket extension v2: sock_open with a
 * datagram type, sock_bind, sock_send_to, sock_recv_from, sock_getlocaladdr).
 *
 * Two modes:
 *   send HOST PORT MESSAGE   sends MESSAGE in one datagram to HOST:PORT,
 *                            waits for one datagram back and prints it and
 *                            its sender's address.
 *   serve PORT               binds 127.0.0.1:PORT (0 = ephemeral), prints
 *                            the bound address first (flushed), waits for
 *                            one datagram, answers "echo: <it>" to its
 *                            sender, exits.
 *
 * Usage: udp.wasm send HOST PORT MESSAGE | udp.wasm serve PORT
 * Expected stdout, send mode (e.g. 127.0.0.1 9000 ping, peer answers pong):
 *   sent 4 bytes to 127.0.0.1:9000
 *   reply from 127.0.0.1:9000: pong
 * serve mode (a peer at 127.0.0.1:<p> sends "ping"):
 *   listening on 127.0.0.1:<port>
 *   got "ping" from 127.0.0.1:<p>
 *   replied 10 bytes
 * On an error prints "FAIL <step> errno=<n>" and exits 1.
 */
#include "wasi_socket.h"

static char buf[65536];

int main(int argc, char **argv) {
    int err, fd;
    char text[64];
    size_t n = 0;
    wt_sockaddr peer;
    if (argc == 5 && strcmp(argv[1], "send") == 0) {
        wt_sockaddr to;
        if ((err = wt_resolve(argv[2], (uint16_t)wt_arg_long(argv[3], "port"), &to)) != 0)
            wt_fail("resolve", err);
        if ((err = wt_socket(to.family, WT_SOCK_DGRAM, &fd)) != 0) wt_fail("sock_open", err);
        if ((err = wt_send_to(fd, argv[4], strlen(argv[4]), &to, &n)) != 0)
            wt_fail("sock_send_to", err);
        printf("sent %zu bytes to %s\n", n, wt_format(&to, text, sizeof text));
        if ((err = wt_recv_from(fd, buf, sizeof buf, &n, &peer)) != 0)
            wt_fail("sock_recv_from", err);
        printf("reply from %s: %.*s\n", wt_format(&peer, text, sizeof text), (int)n, buf);
    } else if (argc == 3 && strcmp(argv[1], "serve") == 0) {
        wt_sockaddr local;
        if ((err = wt_parse_ip("127.0.0.1", (uint16_t)wt_arg_long(argv[2], "port"), &local)) != 0)
            wt_fail("address", err);
        if ((err = wt_socket(WT_AF_INET, WT_SOCK_DGRAM, &fd)) != 0) wt_fail("sock_open", err);
        if ((err = wt_bind(fd, &local)) != 0) wt_fail("sock_bind", err);
        if ((err = wt_local_addr(fd, &local)) != 0) wt_fail("sock_getlocaladdr", err);
        printf("listening on %s\n", wt_format(&local, text, sizeof text));
        fflush(stdout);
        static char reply[65536 + 8];
        if ((err = wt_recv_from(fd, buf, sizeof buf, &n, &peer)) != 0)
            wt_fail("sock_recv_from", err);
        printf("got \"%.*s\" from %s\n", (int)n, buf, wt_format(&peer, text, sizeof text));
        int len = snprintf(reply, sizeof reply, "echo: %.*s", (int)n, buf);
        if ((err = wt_send_to(fd, reply, (size_t)len, &peer, &n)) != 0)
            wt_fail("sock_send_to", err);
        printf("replied %zu bytes\n", n);
    } else {
        printf("usage: udp send HOST PORT MESSAGE | udp serve PORT\n");
        return 2;
    }
    if ((err = wt_close(fd)) != 0) wt_fail("close", err);
    return 0;
}
