/*
 * poll_client.c - a non-blocking client multiplexing two connections with
 * poll_oneoff (WasmEdge socket extension v2).
 *
 * Opens two stream sockets, makes them non-blocking (fd_fdstat_set_flags
 * O_NONBLOCK), starts both connects (sock_connect returns EINPROGRESS), then
 * drives both from one poll_oneoff loop: socket write subscriptions while
 * connecting or sending, read subscriptions while waiting for the answer,
 * and always a 30 s clock subscription as the timeout. On write readiness of
 * a connecting socket it reads SO_ERROR (sock_getsockopt). It sends
 * "hello from a\n" to A and "hello from b\n" to B (sock_send), and right
 * after sending to A does one sock_recv on A, printing its errno (EAGAIN = 6:
 * see the order below). It reads each answer until the server closes
 * (sock_recv; EAGAIN means poll again), closing each socket at its end.
 *
 * Needs servers that answer in this order: B answers its line and closes
 * its sending side; A answers only after B's connection was closed by the
 * client (so the early recv on A always finds nothing: EAGAIN).
 *
 * Usage: poll_client.wasm HOST PORT_A PORT_B
 * Expected stdout (answers printed without their trailing newline, always
 * A before B):
 *   a: recv before answer errno=6
 *   a: <A's answer>
 *   b: <B's answer>
 *   done
 * stderr: "getsockopt SO_ERROR errno=<n>" if the runtime lacks SO_ERROR.
 * On an error prints "FAIL <step> ..." and exits 1 (a 30 s poll without any
 * event: "FAIL poll timeout").
 */
#include "wasi_socket.h"

typedef struct {
    const char *name;
    int fd;
    int connecting;
    const char *request;
    size_t sent;
    char answer[4096];
    size_t got;
    int done;
} conn;

static void start(conn *c, const char *name, const wt_sockaddr *to, const char *request) {
    c->name = name;
    c->request = request;
    int err = wt_socket(to->family, WT_SOCK_STREAM, &c->fd);
    if (err != 0) wt_fail("sock_open", err);
    if ((err = wt_set_nonblocking(c->fd)) != 0) wt_fail("fd_fdstat_set_flags", err);
    err = wt_connect_addr(c->fd, to);
    if (err == EINPROGRESS) {
        c->connecting = 1;
    } else if (err != 0) {
        wt_fail("sock_connect", err);
    }
}

/* Write readiness: finish connecting, send what is left. */
static void on_writable(conn *c, int is_a) {
    int err;
    if (c->connecting) {
        int32_t so_error = 0;
        err = wt_sock_getsockopt(c->fd, WT_SOL_SOCKET, WT_SO_ERROR, &so_error, sizeof so_error);
        if (err != 0) {
            fprintf(stderr, "getsockopt SO_ERROR errno=%d\n", err);
        } else if (so_error != 0) {
            wt_fail("connect (SO_ERROR)", so_error);
        }
        c->connecting = 0;
    }
    size_t len = strlen(c->request);
    while (c->sent < len) {
        size_t n = 0;
        err = wt_send(c->fd, c->request + c->sent, len - c->sent, &n);
        if (err == EAGAIN) return;
        if (err != 0) wt_fail("sock_send", err);
        c->sent += n;
    }
    if (is_a) {
        /* A answers only after B is closed, so nothing can be there yet. */
        char probe[16];
        size_t n = 0;
        err = wt_recv(c->fd, probe, sizeof probe, &n);
        printf("%s: recv before answer errno=%d\n", c->name, err);
        if (err == 0) wt_fail("recv before answer: got data", EINVAL);
    }
}

static void on_readable(conn *c) {
    for (;;) {
        size_t n = 0;
        if (c->got == sizeof c->answer) wt_fail("answer too long", EINVAL);
        int err = wt_recv(c->fd, c->answer + c->got, sizeof c->answer - c->got, &n);
        if (err == EAGAIN) return;
        if (err != 0) wt_fail("sock_recv", err);
        if (n == 0) {
            c->done = 1;
            if ((err = wt_close(c->fd)) != 0) wt_fail("close", err);
            return;
        }
        c->got += n;
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        printf("usage: poll_client HOST PORT_A PORT_B\n");
        return 2;
    }
    wt_sockaddr addr_a, addr_b;
    int err = wt_resolve(argv[1], (uint16_t)wt_arg_long(argv[2], "port"), &addr_a);
    if (err != 0) wt_fail("resolve", err);
    addr_b = addr_a;
    addr_b.port = (uint16_t)wt_arg_long(argv[3], "port");

    static conn conns[2];
    start(&conns[0], "a", &addr_a, "hello from a\n");
    start(&conns[1], "b", &addr_b, "hello from b\n");

    while (!conns[0].done || !conns[1].done) {
        __wasi_subscription_t subs[3];
        __wasi_event_t events[3];
        size_t n = 0;
        memset(subs, 0, sizeof subs);
        for (int i = 0; i < 2; i++) {
            conn *c = &conns[i];
            if (c->done) continue;
            int want_write = c->connecting || c->sent < strlen(c->request);
            subs[n].userdata = (uint64_t)i;
            if (want_write) {
                subs[n].u.tag = __WASI_EVENTTYPE_FD_WRITE;
                subs[n].u.u.fd_write.file_descriptor = c->fd;
            } else {
                subs[n].u.tag = __WASI_EVENTTYPE_FD_READ;
                subs[n].u.u.fd_read.file_descriptor = c->fd;
            }
            n++;
        }
        subs[n].userdata = 99;
        subs[n].u.tag = __WASI_EVENTTYPE_CLOCK;
        subs[n].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
        subs[n].u.u.clock.timeout = 30ull * 1000 * 1000 * 1000;
        subs[n].u.u.clock.precision = 1000;
        n++;
        __wasi_size_t nevents = 0;
        if ((err = __wasi_poll_oneoff(subs, events, n, &nevents)) != 0) wt_fail("poll_oneoff", err);
        if (nevents == 0) wt_fail("poll_oneoff: no events", EINVAL);
        for (__wasi_size_t e = 0; e < nevents; e++) {
            if (events[e].userdata == 99) {
                if (nevents == 1) wt_fail("poll timeout", ETIMEDOUT);
                continue;
            }
            conn *c = &conns[events[e].userdata];
            if (events[e].type == __WASI_EVENTTYPE_FD_WRITE) {
                if (events[e].error != 0) wt_fail("poll write event", events[e].error);
                on_writable(c, c == &conns[0]);
            } else {
                /* on an error event, sock_recv reports it */
                on_readable(c);
            }
        }
    }
    for (int i = 0; i < 2; i++) {
        conn *c = &conns[i];
        size_t len = c->got;
        if (len > 0 && c->answer[len - 1] == '\n') len--;
        printf("%s: %.*s\n", c->name, (int)len, c->answer);
    }
    printf("done\n");
    return 0;
}
