/*
 * http_server.c - HTTP/1.1 server with keep-alive (WasmEdge socket extension
 * v2: sock_open, sock_bind, sock_listen, sock_getlocaladdr, sock_accept,
 * sock_send, sock_shutdown; plus fd_read/fd_write on the accepted sockets,
 * the way Go's wasip1 runtime does its socket I/O).
 *
 * Binds 127.0.0.1:PORT (0 = an ephemeral port), prints the bound address as
 * its first line and flushes it, then serves COUNT connections one after
 * another. On each connection it reads requests (with fd_read) until the
 * client closes its side, sends "Connection: close", or asks for /bye:
 *   GET /hello   200, body "hello from wasm" (Content-Length: 15)
 *   POST /echo   200, the request body back (Content-Length)
 *   GET /bye     200, body "bye", "Connection: close", then closes
 *   otherwise    404, body "not found"
 * Response head written with fd_write, body with sock_send:
 *   HTTP/1.1 <code> <reason>\r\nContent-Type: text/plain\r\n
 *   Content-Length: <n>\r\n[Connection: close\r\n]\r\n<body>
 * A request with "Connection: close" gets "Connection: close" too.
 *
 * Usage: http_server.wasm PORT COUNT
 * Expected stdout, e.g. for 0 2, a client doing GET /hello, POST /echo,
 * GET /bye, then one doing GET /hello and closing:
 *   listening on 127.0.0.1:<port>
 *   conn 1: GET /hello -> 200
 *   conn 1: POST /echo -> 200
 *   conn 1: GET /bye -> 200
 *   conn 1: closed after 3 requests (server close)
 *   conn 2: GET /hello -> 200
 *   conn 2: closed after 1 requests (client eof)
 *   served 2 connections
 * ("(client close)" when the client sent "Connection: close".)
 * On an error prints "FAIL <step> ..." and exits 1.
 */
#include <strings.h>
#include <unistd.h>

#include "wasi_socket.h"

typedef struct {
    int fd;
    char buf[65536];
    size_t start, end;
} reader;

static size_t fill(reader *r) {
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == sizeof r->buf) wt_fail("request head too long", EINVAL);
    ssize_t got = read(r->fd, r->buf + r->end, sizeof r->buf - r->end); /* fd_read */
    if (got < 0) wt_fail("fd_read", errno);
    r->end += (size_t)got;
    return (size_t)got;
}

/* A CRLF-terminated line without its CRLF; -1 at end of stream before any byte. */
static long read_line(reader *r, char *out, size_t cap) {
    for (;;) {
        for (size_t i = r->start; i + 1 < r->end; i++) {
            if (r->buf[i] == '\r' && r->buf[i + 1] == '\n') {
                size_t len = i - r->start;
                if (len >= cap) wt_fail("line too long", EINVAL);
                memcpy(out, r->buf + r->start, len);
                out[len] = '\0';
                r->start = i + 2;
                return (long)len;
            }
        }
        size_t before = r->end - r->start;
        if (fill(r) == 0) {
            if (before == 0) return -1;
            wt_fail("end of stream inside a line", EPIPE);
        }
    }
}

static void read_exact(reader *r, char *out, size_t n) {
    while (r->end - r->start < n) {
        if (fill(r) == 0) wt_fail("end of stream inside a body", EPIPE);
    }
    memcpy(out, r->buf + r->start, n);
    r->start += n;
}

static void write_all(int fd, const char *p, size_t len) {
    while (len > 0) {
        ssize_t n = write(fd, p, len); /* fd_write */
        if (n < 0) wt_fail("fd_write", errno);
        p += n;
        len -= (size_t)n;
    }
}

static void respond(int fd, int code, const char *reason, const char *body, size_t len, int close) {
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n%s\r\n",
                     code, reason, len, close ? "Connection: close\r\n" : "");
    write_all(fd, head, (size_t)n);
    int err = wt_send_all(fd, body, len); /* sock_send */
    if (err != 0) wt_fail("sock_send", err);
}

static char body[1 << 20];

/* Serves one connection; returns the number of requests. */
static int serve(int fd, long conn) {
    static reader r;
    r.fd = fd;
    r.start = r.end = 0;
    char line[8192];
    int requests = 0;
    const char *why;
    for (;;) {
        long len = read_line(&r, line, sizeof line);
        if (len < 0) {
            why = "client eof";
            break;
        }
        char method[16], path[1024];
        if (sscanf(line, "%15s %1023s HTTP/1.%*d", method, path) != 2) {
            printf("FAIL bad request line: %s\n", line);
            exit(1);
        }
        long length = 0;
        int client_close = 0;
        while ((len = read_line(&r, line, sizeof line)) > 0) {
            char *colon = strchr(line, ':');
            if (colon == NULL) continue;
            *colon = '\0';
            char *value = colon + 1;
            while (*value == ' ' || *value == '\t') value++;
            if (strcasecmp(line, "Content-Length") == 0) {
                length = strtol(value, NULL, 10);
            } else if (strcasecmp(line, "Connection") == 0 && strcasecmp(value, "close") == 0) {
                client_close = 1;
            }
        }
        if (len < 0) wt_fail("end of stream inside a request head", EPIPE);
        if (length < 0 || (size_t)length > sizeof body) wt_fail("bad Content-Length", EINVAL);
        read_exact(&r, body, (size_t)length);
        requests++;

        int bye = 0, code = 200;
        if (strcmp(method, "GET") == 0 && strcmp(path, "/hello") == 0) {
            respond(fd, 200, "OK", "hello from wasm", 15, client_close);
        } else if (strcmp(method, "POST") == 0 && strcmp(path, "/echo") == 0) {
            respond(fd, 200, "OK", body, (size_t)length, client_close);
        } else if (strcmp(method, "GET") == 0 && strcmp(path, "/bye") == 0) {
            bye = 1;
            respond(fd, 200, "OK", "bye", 3, 1);
        } else {
            code = 404;
            respond(fd, 404, "Not Found", "not found", 9, client_close);
        }
        printf("conn %ld: %s %s -> %d\n", conn, method, path, code);
        fflush(stdout);
        if (bye) {
            why = "server close";
            break;
        }
        if (client_close) {
            why = "client close";
            break;
        }
    }
    printf("conn %ld: closed after %d requests (%s)\n", conn, requests, why);
    fflush(stdout);
    return requests;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        printf("usage: http_server PORT COUNT\n");
        return 2;
    }
    int port = (int)wt_arg_long(argv[1], "port");
    long count = wt_arg_long(argv[2], "count");
    int listener;
    int err = wt_listen_on("127.0.0.1", port, 64, &listener);
    if (err != 0) wt_fail("listen", err);
    wt_sockaddr local;
    char text[64];
    if ((err = wt_local_addr(listener, &local)) != 0) wt_fail("getlocaladdr", err);
    printf("listening on %s\n", wt_format(&local, text, sizeof text));
    fflush(stdout);

    for (long i = 1; i <= count; i++) {
        int fd;
        if ((err = wt_accept(listener, &fd)) != 0) wt_fail("accept", err);
        /* Head and body go out in two writes: without TCP_NODELAY, Nagle's algorithm and the
         * client's delayed ACK would hold every body back ~40 ms, as any server that writes a
         * response in pieces learns. */
        int32_t one = 1;
        if ((err = wt_sock_setsockopt(fd, WT_IPPROTO_TCP, WT_TCP_NODELAY, &one, 4)) != 0)
            wt_fail("setsockopt TCP_NODELAY", err);
        serve(fd, i);
        /* the peer may already be gone: ENOTCONN is fine here */
        wt_shutdown(fd, WT_SHUT_WR);
        if ((err = wt_close(fd)) != 0) wt_fail("close", err);
    }
    wt_close(listener);
    printf("served %ld connections\n", count);
    return 0;
}
