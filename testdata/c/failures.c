/*
 * failures.c - socket calls that fail; each must return a WASI errno (never
 * trap or crash the host). Prints one "<case> errno=<n>" line per case, then
 * "still alive" and exits 0. WasmEdge socket extension, v2 addresses.
 *
 * Cases, in order (expected errno as on Linux, WASI numbering):
 *   connect_refused              sock_connect to 127.0.0.1:CLOSED_PORT, where
 *                                nothing listens                 14 ECONNREFUSED
 *   send_after_peer_closed       connect to 127.0.0.1:CLOSING_PORT, whose
 *                                server accepts and closes; sock_recv until
 *                                end of stream, then sock_send 1 KiB until it
 *                                fails (the first send draws the RST) 64 EPIPE
 *   recv_after_peer_reset        connect to 127.0.0.1:RESET_PORT, whose server
 *                                sends "partial\n", reads "ack\n", then resets
 *                                (SO_LINGER 0); sock_recv        15 ECONNRESET
 *   accept_not_listening         sock_accept on a bound, non-listening
 *                                socket                          28 EINVAL
 *   recv_not_connected           sock_recv on a fresh stream socket 53 ENOTCONN
 *   getpeeraddr_not_connected    sock_getpeeraddr on it          53 ENOTCONN
 *   send_bad_fd                  sock_send on fd 9999            8 EBADF
 *   connect_bad_address_pointer  sock_connect, address struct pointer
 *                                0xFFFFFFF0 (beyond memory)      21 EFAULT
 *   connect_bad_address_buffer   address struct fine, its buffer pointer
 *                                0xFFFFFFF0                      21 EFAULT
 *   connect_bad_address_length   address buffer length 3 (too short for a
 *                                family and an IPv4 address)     28 EINVAL
 *   sock_open_unknown_family     sock_open(family 9, stream)     5 EAFNOSUPPORT
 *   getaddrinfo                  sock_getaddrinfo("localhost", "80", IPv4,
 *                                stream); prints the first address
 *
 * Usage: failures.wasm CLOSED_PORT CLOSING_PORT RESET_PORT
 * Expected stdout:
 *   connect_refused errno=14
 *   send_after_peer_closed errno=64
 *   recv_after_peer_reset errno=15
 *   accept_not_listening errno=28
 *   recv_not_connected errno=53
 *   getpeeraddr_not_connected errno=53
 *   send_bad_fd errno=8
 *   connect_bad_address_pointer errno=21
 *   connect_bad_address_buffer errno=21
 *   connect_bad_address_length errno=28
 *   sock_open_unknown_family errno=5
 *   getaddrinfo localhost errno=0 127.0.0.1:80
 *   still alive
 * A step that should succeed and does not prints "FAIL <step> errno=<n>"
 * and exits 1.
 */
#include "wasi_socket.h"

#define BAD_PTR ((uintptr_t)0xFFFFFFF0u)

static void report(const char *what, int err) {
    printf("%s errno=%d\n", what, err);
    fflush(stdout);
}

static int stream_socket(void) {
    int fd;
    int err = wt_socket(WT_AF_INET, WT_SOCK_STREAM, &fd);
    if (err != 0) wt_fail("sock_open", err);
    return fd;
}

static int connect_local(int port) {
    int fd;
    int err = wt_connect("127.0.0.1", port, &fd);
    if (err != 0) wt_fail("connect", err);
    return fd;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        printf("usage: failures CLOSED_PORT CLOSING_PORT RESET_PORT\n");
        return 2;
    }
    int closed_port = (int)wt_arg_long(argv[1], "port");
    int closing_port = (int)wt_arg_long(argv[2], "port");
    int reset_port = (int)wt_arg_long(argv[3], "port");
    static char buf[1024];
    int err, fd;
    size_t n;

    /* connect to a port nobody listens on */
    {
        wt_sockaddr a;
        wt_parse_ip("127.0.0.1", (uint16_t)closed_port, &a);
        fd = stream_socket();
        report("connect_refused", wt_connect_addr(fd, &a));
        wt_close(fd);
    }

    /* send after the peer closed */
    fd = connect_local(closing_port);
    do {
        if ((err = wt_recv(fd, buf, sizeof buf, &n)) != 0) wt_fail("recv until end", err);
    } while (n > 0);
    memset(buf, 'x', sizeof buf);
    err = 0;
    for (int i = 0; i < 10000 && err == 0; i++) {
        err = wt_send(fd, buf, sizeof buf, &n);
    }
    report("send_after_peer_closed", err);
    wt_close(fd);

    /* recv after the peer reset the connection mid-stream */
    fd = connect_local(reset_port);
    size_t have = 0;
    while (have == 0 || buf[have - 1] != '\n') {
        if ((err = wt_recv(fd, buf + have, sizeof buf - have, &n)) != 0) wt_fail("recv partial", err);
        if (n == 0) wt_fail("recv partial: end of stream", EPIPE);
        have += n;
    }
    if ((err = wt_send_all(fd, "ack\n", 4)) != 0) wt_fail("send ack", err);
    err = wt_recv(fd, buf, sizeof buf, &n);
    report("recv_after_peer_reset", err);
    wt_close(fd);

    /* accept on a socket that is bound but not listening */
    {
        wt_sockaddr a;
        wt_parse_ip("127.0.0.1", 0, &a);
        fd = stream_socket();
        if ((err = wt_bind(fd, &a)) != 0) wt_fail("bind", err);
        int new_fd;
        report("accept_not_listening", wt_accept(fd, &new_fd));
        wt_close(fd);
    }

    /* calls that need a connection, on a fresh socket */
    fd = stream_socket();
    report("recv_not_connected", wt_recv(fd, buf, sizeof buf, &n));
    {
        wt_sockaddr peer;
        report("getpeeraddr_not_connected", wt_peer_addr(fd, &peer));
    }
    report("send_bad_fd", wt_send(9999, "x", 1, &n));

    /* bad address buffers, on a valid socket */
    report("connect_bad_address_pointer", wt_sock_connect(fd, (wt_addr *)BAD_PTR, closed_port));
    {
        static wt_addr a;
        a.buf = (uint8_t *)BAD_PTR;
        a.buf_len = WT_ADDR_V2_SIZE;
        report("connect_bad_address_buffer", wt_sock_connect(fd, &a, closed_port));
    }
    {
        static uint8_t raw[WT_ADDR_V2_SIZE] = {WT_AF_INET, 0, 127, 0, 0, 1};
        static wt_addr a;
        a.buf = raw;
        a.buf_len = 3;
        report("connect_bad_address_length", wt_sock_connect(fd, &a, closed_port));
    }
    wt_close(fd);

    {
        int32_t raw_fd = -1;
        report("sock_open_unknown_family", wt_sock_open(9, WT_SOCK_STREAM, &raw_fd));
    }

    {
        wt_sockaddr found[WT_GAI_MAX];
        int count = 0;
        char text[64];
        err = wt_getaddrinfo("localhost", "80", WT_AF_INET, found, WT_GAI_MAX, &count);
        printf("getaddrinfo localhost errno=%d %s\n", err,
               err == 0 && count > 0 ? wt_format(&found[0], text, sizeof text) : "(none)");
    }

    printf("still alive\n");
    return 0;
}
