/*
 * echo_server.c - TCP echo server (WasmEdge socket extension, v2).
 *
 * Opens a stream socket, sets SO_REUSEADDR and reads it and SO_TYPE back
 * (sock_setsockopt, sock_getsockopt), binds 127.0.0.1:PORT (0 = an ephemeral
 * port) and listens (sock_bind, sock_listen), prints the bound address
 * (sock_getlocaladdr) as its first line and flushes it, then serves COUNT
 * connections one after another: sock_accept, TCP_NODELAY on (set and read
 * back), sock_recv/sock_send until the client ends its side, close. An
 * option that does not read back as set is a FAIL.
 *
 * Usage: echo_server.wasm PORT COUNT
 * Expected stdout, e.g. for 0 2 with two clients sending 12 and 5 bytes:
 *   listening on 127.0.0.1:<port>
 *   connection 1 from 127.0.0.1
 *   connection 1: echoed 12 bytes
 *   connection 2 from 127.0.0.1
 *   connection 2: echoed 5 bytes
 *   done
 * On an error prints "FAIL <step> errno=<n>" and exits 1.
 */
#include "wasi_socket.h"

int main(int argc, char **argv) {
    if (argc < 3) {
        printf("usage: echo_server PORT COUNT\n");
        return 2;
    }
    int port = (int)wt_arg_long(argv[1], "port");
    long count = wt_arg_long(argv[2], "count");
    wt_sockaddr local;
    int listener;
    int32_t value = 0;
    int err = wt_parse_ip("127.0.0.1", (uint16_t)port, &local);
    if (err != 0) wt_fail("address", err);
    if ((err = wt_socket(WT_AF_INET, WT_SOCK_STREAM, &listener)) != 0) wt_fail("sock_open", err);
    if ((err = wt_setsockopt_int(listener, WT_SOL_SOCKET, WT_SO_REUSEADDR, 1)) != 0)
        wt_fail("setsockopt SO_REUSEADDR", err);
    if ((err = wt_getsockopt_int(listener, WT_SOL_SOCKET, WT_SO_REUSEADDR, &value)) != 0)
        wt_fail("getsockopt SO_REUSEADDR", err);
    if (value == 0) wt_fail("SO_REUSEADDR reads back 0", EINVAL);
    if ((err = wt_getsockopt_int(listener, WT_SOL_SOCKET, WT_SO_TYPE, &value)) != 0)
        wt_fail("getsockopt SO_TYPE", err);
    if (value != WT_SOCK_STREAM) wt_fail("SO_TYPE is not stream", EINVAL);
    if ((err = wt_bind(listener, &local)) != 0) wt_fail("sock_bind", err);
    if ((err = wt_sock_listen(listener, 16)) != 0) wt_fail("sock_listen", err);
    char text[64];
    if ((err = wt_local_addr(listener, &local)) != 0) wt_fail("getlocaladdr", err);
    printf("listening on %s\n", wt_format(&local, text, sizeof text));
    fflush(stdout);

    static char buf[16384];
    for (long i = 1; i <= count; i++) {
        int fd;
        if ((err = wt_accept(listener, &fd)) != 0) wt_fail("accept", err);
        if ((err = wt_setsockopt_int(fd, WT_IPPROTO_TCP, WT_TCP_NODELAY, 1)) != 0)
            wt_fail("setsockopt TCP_NODELAY", err);
        value = 0;
        if ((err = wt_getsockopt_int(fd, WT_IPPROTO_TCP, WT_TCP_NODELAY, &value)) != 0)
            wt_fail("getsockopt TCP_NODELAY", err);
        if (value == 0) wt_fail("TCP_NODELAY reads back 0", EINVAL);
        wt_sockaddr peer;
        if ((err = wt_peer_addr(fd, &peer)) != 0) wt_fail("getpeeraddr", err);
        printf("connection %ld from %s\n", i, wt_format_ip(&peer, text, sizeof text));
        fflush(stdout);
        size_t total = 0;
        for (;;) {
            size_t got = 0;
            if ((err = wt_recv(fd, buf, sizeof buf, &got)) != 0) wt_fail("recv", err);
            if (got == 0) break;
            if ((err = wt_send_all(fd, buf, got)) != 0) wt_fail("send", err);
            total += got;
        }
        if ((err = wt_close(fd)) != 0) wt_fail("close", err);
        printf("connection %ld: echoed %zu bytes\n", i, total);
        fflush(stdout);
    }
    wt_close(listener);
    printf("done\n");
    return 0;
}
