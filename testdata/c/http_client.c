/*
 * http_client.c - HTTP/1.1 client over one keep-alive connection
 * (WasmEdge socket extension v2: sock_open, sock_connect, sock_send,
 * sock_recv, sock_shutdown; sock_getaddrinfo when HOST is not numeric).
 *
 * Sends four requests on ONE connection, one after the other, and parses
 * each response itself (status line, headers, a Content-Length or chunked
 * body):
 *   GET /hello
 *   GET /chunked
 *   POST /echo      body "ping from wasm" (Content-Length: 14), sent as two
 *                   iovecs (head, body) in one sock_send
 *   GET /last       with "Connection: close"
 * then reads to the end of the stream (the server closes) and closes.
 * Each request is exactly (CRLF line ends):
 *   <METHOD> <PATH> HTTP/1.1
 *   Host: <HOST>:<PORT>
 *   User-Agent: wasitrace-test
 *   [Content-Type: text/plain]            (POST)
 *   [Content-Length: 14]                  (POST)
 *   [Connection: close]                   (/last)
 *   <empty line>[body]
 *
 * Usage: http_client.wasm HOST PORT
 * Expected stdout, for a server answering /hello with "hello, wasm",
 * /chunked with chunks making "one two three", /echo with the request body
 * and /last with "bye":
 *   GET /hello -> 200 length=11
 *   hello, wasm
 *   GET /chunked -> 200 chunked
 *   one two three
 *   POST /echo -> 200 length=14
 *   ping from wasm
 *   GET /last -> 200 length=3
 *   bye
 *   eof
 * ("until-close" instead of length=/chunked for a body ended by the close.)
 * On an error prints "FAIL <step> ..." and exits 1.
 */
#include <ctype.h>
#include <strings.h>

#include "wasi_socket.h"

typedef struct {
    int fd;
    char buf[65536];
    size_t start, end;
} reader;

/* Reads more bytes into r; returns how many (0 at end of stream). */
static size_t fill(reader *r) {
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == sizeof r->buf) wt_fail("response line or header too long", EINVAL);
    size_t got = 0;
    int err = wt_recv(r->fd, r->buf + r->end, sizeof r->buf - r->end, &got);
    if (err != 0) wt_fail("recv", err);
    r->end += got;
    return got;
}

/* One CRLF-terminated line, without the CRLF. */
static size_t read_line(reader *r, char *out, size_t cap) {
    for (;;) {
        for (size_t i = r->start; i + 1 < r->end; i++) {
            if (r->buf[i] == '\r' && r->buf[i + 1] == '\n') {
                size_t len = i - r->start;
                if (len >= cap) wt_fail("line too long", EINVAL);
                memcpy(out, r->buf + r->start, len);
                out[len] = '\0';
                r->start = i + 2;
                return len;
            }
        }
        if (fill(r) == 0) wt_fail("recv: end of stream inside a line", EPIPE);
    }
}

static void read_exact(reader *r, char *out, size_t n) {
    while (r->end - r->start < n) {
        if (fill(r) == 0) wt_fail("recv: end of stream inside a body", EPIPE);
    }
    memcpy(out, r->buf + r->start, n);
    r->start += n;
}

static char body[1 << 20];

/* Reads one response; prints its status, framing and body. */
static void read_response(reader *r, const char *method, const char *path) {
    char line[8192];
    read_line(r, line, sizeof line);
    int status = 0;
    if (sscanf(line, "HTTP/1.%*d %d", &status) != 1) {
        printf("FAIL bad status line: %s\n", line);
        exit(1);
    }
    long length = -1;
    int chunked = 0;
    while (read_line(r, line, sizeof line) > 0) {
        char *colon = strchr(line, ':');
        if (colon == NULL) continue;
        *colon = '\0';
        char *value = colon + 1;
        while (*value == ' ' || *value == '\t') value++;
        if (strcasecmp(line, "Content-Length") == 0) {
            length = strtol(value, NULL, 10);
        } else if (strcasecmp(line, "Transfer-Encoding") == 0) {
            for (char *p = value; *p; p++) *p = (char)tolower((unsigned char)*p);
            chunked = strstr(value, "chunked") != NULL;
        }
    }
    size_t size = 0;
    const char *framing;
    char framing_text[32];
    if (chunked) {
        framing = "chunked";
        for (;;) {
            read_line(r, line, sizeof line);
            unsigned long chunk = strtoul(line, NULL, 16); /* ignores ";ext" */
            if (chunk == 0) break;
            if (size + chunk > sizeof body) wt_fail("body too long", EINVAL);
            read_exact(r, body + size, chunk);
            size += chunk;
            if (read_line(r, line, sizeof line) != 0) wt_fail("chunk not followed by CRLF", EINVAL);
        }
        while (read_line(r, line, sizeof line) > 0) {
            /* trailers */
        }
    } else if (length >= 0) {
        if ((size_t)length > sizeof body) wt_fail("body too long", EINVAL);
        snprintf(framing_text, sizeof framing_text, "length=%ld", length);
        framing = framing_text;
        read_exact(r, body, (size_t)length);
        size = (size_t)length;
    } else {
        framing = "until-close";
        for (;;) {
            size_t have = r->end - r->start;
            if (size + have > sizeof body) wt_fail("body too long", EINVAL);
            memcpy(body + size, r->buf + r->start, have);
            size += have;
            r->start = r->end;
            if (fill(r) == 0) break;
        }
    }
    printf("%s %s -> %d %s\n%.*s\n", method, path, status, framing, (int)size, body);
}

static void send_request(int fd, const char *head, const char *payload) {
    __wasi_ciovec_t iov[2] = {{(const uint8_t *)head, strlen(head)},
                              {(const uint8_t *)payload, payload ? strlen(payload) : 0}};
    int count = payload ? 2 : 1;
    size_t total = iov[0].buf_len + (payload ? iov[1].buf_len : 0);
    uint32_t sent = 0;
    int err = wt_sock_send(fd, iov, count, 0, &sent);
    if (err != 0) wt_fail("send", err);
    /* a short send: send the rest */
    if (sent < iov[0].buf_len) {
        if ((err = wt_send_all(fd, head + sent, iov[0].buf_len - sent)) != 0) wt_fail("send", err);
        sent = iov[0].buf_len;
    }
    if (payload && sent < total) {
        size_t off = sent - iov[0].buf_len;
        if ((err = wt_send_all(fd, payload + off, iov[1].buf_len - off)) != 0) wt_fail("send", err);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        printf("usage: http_client HOST PORT\n");
        return 2;
    }
    const char *host = argv[1];
    int port = (int)wt_arg_long(argv[2], "port");
    static reader r;
    int err = wt_connect(host, port, &r.fd);
    if (err != 0) wt_fail("connect", err);

    static char head[1024];
    const char *agent = "User-Agent: wasitrace-test\r\n";

    snprintf(head, sizeof head, "GET /hello HTTP/1.1\r\nHost: %s:%d\r\n%s\r\n", host, port, agent);
    send_request(r.fd, head, NULL);
    read_response(&r, "GET", "/hello");

    snprintf(head, sizeof head, "GET /chunked HTTP/1.1\r\nHost: %s:%d\r\n%s\r\n", host, port,
             agent);
    send_request(r.fd, head, NULL);
    read_response(&r, "GET", "/chunked");

    const char *payload = "ping from wasm";
    snprintf(head, sizeof head,
             "POST /echo HTTP/1.1\r\nHost: %s:%d\r\n%sContent-Type: text/plain\r\n"
             "Content-Length: %zu\r\n\r\n",
             host, port, agent, strlen(payload));
    send_request(r.fd, head, payload);
    read_response(&r, "POST", "/echo");

    snprintf(head, sizeof head, "GET /last HTTP/1.1\r\nHost: %s:%d\r\n%sConnection: close\r\n\r\n",
             host, port, agent);
    send_request(r.fd, head, NULL);
    read_response(&r, "GET", "/last");

    if (r.end > r.start) wt_fail("bytes after the last response", EINVAL);
    if (fill(&r) != 0) wt_fail("bytes after the last response", EINVAL);
    printf("eof\n");
    if ((err = wt_close(r.fd)) != 0) wt_fail("close", err);
    return 0;
}
