/*
 * wasi_socket.h - the guest side of the WASI socket ABI used by wasitrace's
 * network test guests: WASI preview1 sock_recv/sock_send/sock_shutdown plus
 * the WasmEdge socket extension (sock_open, sock_bind, sock_connect, ...).
 * See ../../../shared/reference/sockets.md for the ABI.
 *
 * This wasi-libc has no socket(), connect() or bind(), so the imports are
 * declared here directly and wrapped in small helpers (wt_*). Every helper
 * returns a WASI errno (0 = success); the C errno constants of wasi-libc are
 * the WASI numbers (ECONNREFUSED 14, EAGAIN 6, EINPROGRESS 26, ...).
 *
 * The WasmEdge extension has two address ABIs; a module uses one of them:
 *   v2 (default): an address is a pointer to {u32 buf_ptr, u32 buf_len}
 *       whose buffer is 128 bytes: u16 family (1 inet, 2 inet6) at offset 0,
 *       the 4 or 16 address bytes from offset 2. sock_accept(fd, flags,
 *       ret_fd); sock_getlocaladdr/getpeeraddr(fd, addr, ret_port);
 *       sock_recv_from(fd, iovs, iovs_len, addr, ri_flags, ret_port,
 *       ret_nread, ret_roflags).
 *   v1 (#define WASI_SOCKET_V1 before including this header): the buffer
 *       holds the raw 4 or 16 address bytes; sock_accept(fd, ret_fd);
 *       sock_getlocaladdr/getpeeraddr(fd, addr, ret_addr_type, ret_port)
 *       with type 4 or 6; sock_recv_from(fd, iovs, iovs_len, addr, ri_flags,
 *       ret_nread, ret_roflags).
 * Ports are passed and returned in host byte order.
 */
#ifndef WASI_SOCKET_H
#define WASI_SOCKET_H

#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define WT_IMPORT(name) \
    __attribute__((import_module("wasi_snapshot_preview1"), import_name(name)))

/* sock_open families and socket types (WasmEdge numbering). */
#define WT_AF_UNSPEC 0
#define WT_AF_INET 1
#define WT_AF_INET6 2
#define WT_AF_UNIX 3
#define WT_SOCK_ANY 0
#define WT_SOCK_DGRAM 1
#define WT_SOCK_STREAM 2

/* sock_shutdown how */
#define WT_SHUT_RD 1
#define WT_SHUT_WR 2
#define WT_SHUT_RDWR 3

/* sock_getsockopt/sock_setsockopt: levels and (WasmEdge) option names. */
#define WT_SOL_SOCKET 0
#define WT_IPPROTO_TCP 6
#define WT_SO_REUSEADDR 0
#define WT_SO_TYPE 1
#define WT_SO_ERROR 2
#define WT_SO_BROADCAST 4
#define WT_SO_SNDBUF 5
#define WT_SO_RCVBUF 6
#define WT_SO_KEEPALIVE 7
#define WT_TCP_NODELAY 1 /* level WT_IPPROTO_TCP */

/* v2 address buffers are this big. */
#define WT_ADDR_V2_SIZE 128

/* What an address parameter points to: {u32 buf_ptr, u32 buf_len}. */
typedef struct {
    uint8_t *buf;
    uint32_t buf_len;
} wt_addr;

/* An IPv4 or IPv6 address and port, as the helpers take and return them. */
typedef struct {
    int family; /* WT_AF_INET or WT_AF_INET6 */
    uint8_t ip[16];
    uint16_t port;
} wt_sockaddr;

/* Room for an address in either ABI (v1 uses the first 16 bytes). */
typedef struct {
    wt_addr addr;
    uint8_t buf[WT_ADDR_V2_SIZE];
} wt_addr_storage;

/* ---- the imports -------------------------------------------------------- */

WT_IMPORT("sock_open")
int32_t wt_sock_open(int32_t family, int32_t socktype, int32_t *ret_fd);
WT_IMPORT("sock_bind")
int32_t wt_sock_bind(int32_t fd, wt_addr *addr, int32_t port);
WT_IMPORT("sock_connect")
int32_t wt_sock_connect(int32_t fd, wt_addr *addr, int32_t port);
WT_IMPORT("sock_listen")
int32_t wt_sock_listen(int32_t fd, int32_t backlog);
WT_IMPORT("sock_recv")
int32_t wt_sock_recv(int32_t fd, const __wasi_iovec_t *iovs, int32_t iovs_len, int32_t ri_flags,
                     uint32_t *ret_nread, uint32_t *ret_roflags);
WT_IMPORT("sock_send")
int32_t wt_sock_send(int32_t fd, const __wasi_ciovec_t *iovs, int32_t iovs_len, int32_t si_flags,
                     uint32_t *ret_nwritten);
WT_IMPORT("sock_shutdown")
int32_t wt_sock_shutdown(int32_t fd, int32_t how);
WT_IMPORT("sock_send_to")
int32_t wt_sock_send_to(int32_t fd, const __wasi_ciovec_t *iovs, int32_t iovs_len, wt_addr *addr,
                        int32_t port, int32_t si_flags, uint32_t *ret_nwritten);
WT_IMPORT("sock_getsockopt")
int32_t wt_sock_getsockopt(int32_t fd, int32_t level, int32_t name, int32_t *value,
                           int32_t value_len);
WT_IMPORT("sock_setsockopt")
int32_t wt_sock_setsockopt(int32_t fd, int32_t level, int32_t name, const int32_t *value,
                           int32_t value_len);
WT_IMPORT("sock_getaddrinfo")
int32_t wt_sock_getaddrinfo(const char *name, int32_t name_len, const char *service,
                            int32_t service_len, const void *hints, void *res_ptr_ptr,
                            int32_t max_res_len, uint32_t *ret_res_len);

#ifdef WASI_SOCKET_V1
WT_IMPORT("sock_accept")
int32_t wt_sock_accept_v1(int32_t fd, int32_t *ret_fd);
WT_IMPORT("sock_getlocaladdr")
int32_t wt_sock_getlocaladdr_v1(int32_t fd, wt_addr *addr, uint32_t *ret_addr_type,
                                uint32_t *ret_port);
WT_IMPORT("sock_getpeeraddr")
int32_t wt_sock_getpeeraddr_v1(int32_t fd, wt_addr *addr, uint32_t *ret_addr_type,
                               uint32_t *ret_port);
WT_IMPORT("sock_recv_from")
int32_t wt_sock_recv_from_v1(int32_t fd, const __wasi_iovec_t *iovs, int32_t iovs_len,
                             wt_addr *addr, int32_t ri_flags, uint32_t *ret_nread,
                             uint32_t *ret_roflags);
#else
WT_IMPORT("sock_accept")
int32_t wt_sock_accept_v2(int32_t fd, int32_t fdflags, int32_t *ret_fd);
WT_IMPORT("sock_getlocaladdr")
int32_t wt_sock_getlocaladdr_v2(int32_t fd, wt_addr *addr, uint32_t *ret_port);
WT_IMPORT("sock_getpeeraddr")
int32_t wt_sock_getpeeraddr_v2(int32_t fd, wt_addr *addr, uint32_t *ret_port);
WT_IMPORT("sock_recv_from")
int32_t wt_sock_recv_from_v2(int32_t fd, const __wasi_iovec_t *iovs, int32_t iovs_len,
                             wt_addr *addr, int32_t ri_flags, uint32_t *ret_port,
                             uint32_t *ret_nread, uint32_t *ret_roflags);
#endif

/* ---- addresses ---------------------------------------------------------- */

static inline int wt_ip_len(int family) { return family == WT_AF_INET6 ? 16 : 4; }

/* Parses a numeric IPv4 ("127.0.0.1") or IPv6 ("::1", "[::1]") address. */
static inline int wt_parse_ip(const char *text, uint16_t port, wt_sockaddr *out) {
    char copy[64];
    size_t n = strlen(text);
    if (n >= sizeof copy) return EINVAL;
    memcpy(copy, text, n + 1);
    if (copy[0] == '[' && n > 2 && copy[n - 1] == ']') {
        copy[n - 1] = '\0';
        memmove(copy, copy + 1, n - 1);
    }
    memset(out, 0, sizeof *out);
    out->port = port;
    if (inet_pton(AF_INET, copy, out->ip) == 1) {
        out->family = WT_AF_INET;
        return 0;
    }
    if (inet_pton(AF_INET6, copy, out->ip) == 1) {
        out->family = WT_AF_INET6;
        return 0;
    }
    return EINVAL;
}

/* "127.0.0.1:8080" or "[::1]:8080" into buf (at least 64 bytes). */
static inline const char *wt_format(const wt_sockaddr *a, char *buf, size_t size) {
    char ip[48];
    if (a->family == WT_AF_INET6) {
        inet_ntop(AF_INET6, a->ip, ip, sizeof ip);
        snprintf(buf, size, "[%s]:%u", ip, (unsigned)a->port);
    } else {
        inet_ntop(AF_INET, a->ip, ip, sizeof ip);
        snprintf(buf, size, "%s:%u", ip, (unsigned)a->port);
    }
    return buf;
}

/* Just the IP part of an address. */
static inline const char *wt_format_ip(const wt_sockaddr *a, char *buf, size_t size) {
    inet_ntop(a->family == WT_AF_INET6 ? AF_INET6 : AF_INET, a->ip, buf, size);
    return buf;
}

/* Lays out an address for sock_bind/sock_connect/sock_send_to in this ABI. */
static inline wt_addr *wt_addr_encode(wt_addr_storage *s, const wt_sockaddr *a) {
    memset(s, 0, sizeof *s);
    s->addr.buf = s->buf;
#ifdef WASI_SOCKET_V1
    memcpy(s->buf, a->ip, wt_ip_len(a->family));
    s->addr.buf_len = (uint32_t)wt_ip_len(a->family);
#else
    s->buf[0] = (uint8_t)(a->family & 0xff);
    s->buf[1] = (uint8_t)(a->family >> 8);
    memcpy(s->buf + 2, a->ip, wt_ip_len(a->family));
    s->addr.buf_len = WT_ADDR_V2_SIZE;
#endif
    return &s->addr;
}

/* An empty buffer for the host to write an address into. */
static inline wt_addr *wt_addr_prepare(wt_addr_storage *s) {
    memset(s, 0, sizeof *s);
    s->addr.buf = s->buf;
#ifdef WASI_SOCKET_V1
    s->addr.buf_len = 16;
#else
    s->addr.buf_len = WT_ADDR_V2_SIZE;
#endif
    return &s->addr;
}

#ifndef WASI_SOCKET_V1
/* Reads a v2 address buffer the host filled in. */
static inline int wt_addr_decode_v2(const wt_addr_storage *s, uint32_t port, wt_sockaddr *out) {
    memset(out, 0, sizeof *out);
    out->family = s->buf[0] | (s->buf[1] << 8);
    if (out->family != WT_AF_INET && out->family != WT_AF_INET6) return EAFNOSUPPORT;
    memcpy(out->ip, s->buf + 2, wt_ip_len(out->family));
    out->port = (uint16_t)port;
    return 0;
}
#else
/* Reads a v1 address buffer; addr_type is 4 or 6. */
static inline int wt_addr_decode_v1(const wt_addr_storage *s, uint32_t addr_type, uint32_t port,
                                    wt_sockaddr *out) {
    memset(out, 0, sizeof *out);
    if (addr_type == 4) {
        out->family = WT_AF_INET;
    } else if (addr_type == 6) {
        out->family = WT_AF_INET6;
    } else {
        return EAFNOSUPPORT;
    }
    memcpy(out->ip, s->buf, wt_ip_len(out->family));
    out->port = (uint16_t)port;
    return 0;
}
#endif

/* ---- sockets ------------------------------------------------------------ */

static inline int wt_socket(int family, int socktype, int *fd) {
    int32_t raw = -1;
    int err = wt_sock_open(family, socktype, &raw);
    *fd = err == 0 ? raw : -1;
    return err;
}

static inline int wt_bind(int fd, const wt_sockaddr *a) {
    wt_addr_storage s;
    return wt_sock_bind(fd, wt_addr_encode(&s, a), a->port);
}

static inline int wt_connect_addr(int fd, const wt_sockaddr *a) {
    wt_addr_storage s;
    return wt_sock_connect(fd, wt_addr_encode(&s, a), a->port);
}

static inline int wt_accept(int fd, int *new_fd) {
    int32_t raw = -1;
#ifdef WASI_SOCKET_V1
    int err = wt_sock_accept_v1(fd, &raw);
#else
    int err = wt_sock_accept_v2(fd, 0, &raw);
#endif
    *new_fd = err == 0 ? raw : -1;
    return err;
}

static inline int wt_local_addr(int fd, wt_sockaddr *out) {
    wt_addr_storage s;
    uint32_t port = 0;
#ifdef WASI_SOCKET_V1
    uint32_t type = 0;
    int err = wt_sock_getlocaladdr_v1(fd, wt_addr_prepare(&s), &type, &port);
    return err != 0 ? err : wt_addr_decode_v1(&s, type, port, out);
#else
    int err = wt_sock_getlocaladdr_v2(fd, wt_addr_prepare(&s), &port);
    return err != 0 ? err : wt_addr_decode_v2(&s, port, out);
#endif
}

static inline int wt_peer_addr(int fd, wt_sockaddr *out) {
    wt_addr_storage s;
    uint32_t port = 0;
#ifdef WASI_SOCKET_V1
    uint32_t type = 0;
    int err = wt_sock_getpeeraddr_v1(fd, wt_addr_prepare(&s), &type, &port);
    return err != 0 ? err : wt_addr_decode_v1(&s, type, port, out);
#else
    int err = wt_sock_getpeeraddr_v2(fd, wt_addr_prepare(&s), &port);
    return err != 0 ? err : wt_addr_decode_v2(&s, port, out);
#endif
}

/* One sock_send of len bytes; *sent gets what the host took. */
static inline int wt_send(int fd, const void *buf, size_t len, size_t *sent) {
    __wasi_ciovec_t iov = {(const uint8_t *)buf, len};
    uint32_t n = 0;
    int err = wt_sock_send(fd, &iov, 1, 0, &n);
    *sent = err == 0 ? n : 0;
    return err;
}

/* sock_send until all of buf is sent (blocking sockets). */
static inline int wt_send_all(int fd, const void *buf, size_t len) {
    const uint8_t *p = (const uint8_t *)buf;
    while (len > 0) {
        size_t n = 0;
        int err = wt_send(fd, p, len, &n);
        if (err != 0) return err;
        if (n == 0) return EIO;
        p += n;
        len -= n;
    }
    return 0;
}

/* One sock_recv into buf; *got is 0 at end of stream. */
static inline int wt_recv(int fd, void *buf, size_t cap, size_t *got) {
    __wasi_iovec_t iov = {(uint8_t *)buf, cap};
    uint32_t n = 0;
    uint32_t roflags = 0; /* 4 bytes: some hosts write roflags as a u32 */
    int err = wt_sock_recv(fd, &iov, 1, 0, &n, &roflags);
    *got = err == 0 ? n : 0;
    return err;
}

static inline int wt_shutdown(int fd, int how) { return wt_sock_shutdown(fd, how); }

static inline int wt_close(int fd) { return __wasi_fd_close(fd); }

static inline int wt_send_to(int fd, const void *buf, size_t len, const wt_sockaddr *to,
                             size_t *sent) {
    __wasi_ciovec_t iov = {(const uint8_t *)buf, len};
    wt_addr_storage s;
    uint32_t n = 0;
    int err = wt_sock_send_to(fd, &iov, 1, wt_addr_encode(&s, to), to->port, 0, &n);
    *sent = err == 0 ? n : 0;
    return err;
}

#ifndef WASI_SOCKET_V1
static inline int wt_recv_from(int fd, void *buf, size_t cap, size_t *got, wt_sockaddr *from) {
    __wasi_iovec_t iov = {(uint8_t *)buf, cap};
    wt_addr_storage s;
    uint32_t port = 0, n = 0, roflags = 0;
    int err = wt_sock_recv_from_v2(fd, &iov, 1, wt_addr_prepare(&s), 0, &port, &n, &roflags);
    *got = err == 0 ? n : 0;
    return err != 0 ? err : wt_addr_decode_v2(&s, port, from);
}
#endif

static inline int wt_set_nonblocking(int fd) {
    __wasi_fdstat_t st;
    int err = __wasi_fd_fdstat_get(fd, &st);
    if (err != 0) return err;
    return __wasi_fd_fdstat_set_flags(fd, st.fs_flags | __WASI_FDFLAGS_NONBLOCK);
}

/* ---- name resolution ---------------------------------------------------- */

/* sock_getaddrinfo records (28 bytes) and their address records (16 bytes). */
typedef struct {
    uint32_t family;
    uint32_t data_len;
    uint8_t *data; /* port (big-endian u16), then the address bytes */
    uint32_t pad;
} wt_ai_sockaddr;

typedef struct wt_addrinfo {
    uint16_t flags;
    uint8_t family;
    uint8_t socktype;
    uint32_t protocol;
    uint32_t addrlen;
    wt_ai_sockaddr *addr;
    char *canonname;
    uint32_t canonname_len;
    struct wt_addrinfo *next;
} wt_addrinfo;

#ifdef __wasm32__
_Static_assert(sizeof(wt_addrinfo) == 28, "getaddrinfo record size");
_Static_assert(sizeof(wt_ai_sockaddr) == 16, "getaddrinfo address size");
_Static_assert(sizeof(wt_addr) == 8, "address parameter size");
#endif

#define WT_GAI_MAX 8

/*
 * Resolves name (and a numeric service) for family (WT_AF_INET, WT_AF_INET6
 * or WT_AF_UNSPEC) and stream sockets. Fills up to max addresses into out,
 * their number into *count.
 */
static inline int wt_getaddrinfo(const char *name, const char *service, int family,
                                 wt_sockaddr *out, int max, int *count) {
    static wt_addrinfo records[WT_GAI_MAX];
    static wt_ai_sockaddr addrs[WT_GAI_MAX];
    static uint8_t data[WT_GAI_MAX][26];
    static char canon[WT_GAI_MAX][64];
    wt_addrinfo hints;
    memset(&hints, 0, sizeof hints);
    hints.family = (uint8_t)family;
    hints.socktype = WT_SOCK_STREAM;
    memset(records, 0, sizeof records);
    memset(addrs, 0, sizeof addrs);
    memset(data, 0, sizeof data);
    for (int i = 0; i < WT_GAI_MAX; i++) {
        addrs[i].data = data[i];
        addrs[i].data_len = sizeof data[i];
        records[i].addr = &addrs[i];
        records[i].canonname = canon[i];
        records[i].canonname_len = 0;
        records[i].next = i + 1 < WT_GAI_MAX ? &records[i + 1] : NULL;
    }
    wt_addrinfo *first = records;
    uint32_t n = 0;
    if (max > WT_GAI_MAX) max = WT_GAI_MAX;
    int err = wt_sock_getaddrinfo(name, (int32_t)strlen(name), service, (int32_t)strlen(service),
                                  &hints, &first, max, &n);
    *count = 0;
    if (err != 0) return err;
    wt_addrinfo *r = first;
    for (uint32_t i = 0; i < n && r != NULL && *count < max; i++, r = r->next) {
        wt_sockaddr *a = &out[*count];
        memset(a, 0, sizeof *a);
        int fam = r->addr->family;
        if (fam != WT_AF_INET && fam != WT_AF_INET6) continue;
        a->family = fam;
        a->port = (uint16_t)((r->addr->data[0] << 8) | r->addr->data[1]);
        memcpy(a->ip, r->addr->data + 2, wt_ip_len(fam));
        (*count)++;
    }
    return 0;
}

/* A numeric address, or else the first IPv4 address getaddrinfo gives. */
static inline int wt_resolve(const char *host, uint16_t port, wt_sockaddr *out) {
    if (wt_parse_ip(host, port, out) == 0) return 0;
    wt_sockaddr found[WT_GAI_MAX];
    int count = 0;
    char service[8];
    snprintf(service, sizeof service, "%u", (unsigned)port);
    int err = wt_getaddrinfo(host, service, WT_AF_INET, found, WT_GAI_MAX, &count);
    if (err != 0) return err;
    if (count == 0) return ENOENT;
    *out = found[0];
    out->port = port;
    return 0;
}

/* Opens a stream socket and connects it to host:port; *fd is the socket. */
static inline int wt_connect(const char *host, int port, int *fd) {
    wt_sockaddr a;
    int err = wt_resolve(host, (uint16_t)port, &a);
    if (err != 0) return err;
    err = wt_socket(a.family, WT_SOCK_STREAM, fd);
    if (err != 0) return err;
    err = wt_connect_addr(*fd, &a);
    if (err != 0) {
        wt_close(*fd);
        *fd = -1;
    }
    return err;
}

/* Opens a stream socket bound to ip:port and listening. */
static inline int wt_listen_on(const char *ip, int port, int backlog, int *fd) {
    wt_sockaddr a;
    int err = wt_parse_ip(ip, (uint16_t)port, &a);
    if (err != 0) return err;
    err = wt_socket(a.family, WT_SOCK_STREAM, fd);
    if (err != 0) return err;
    if ((err = wt_bind(*fd, &a)) != 0 || (err = wt_sock_listen(*fd, backlog)) != 0) {
        wt_close(*fd);
        *fd = -1;
    }
    return err;
}

/* An int socket option (sock_setsockopt/sock_getsockopt with a 4-byte value). */
static inline int wt_setsockopt_int(int fd, int level, int name, int32_t value) {
    return wt_sock_setsockopt(fd, level, name, &value, sizeof value);
}

static inline int wt_getsockopt_int(int fd, int level, int name, int32_t *value) {
    return wt_sock_getsockopt(fd, level, name, value, sizeof *value);
}

/* Prints "FAIL <what> errno=<n>" and exits 1. */
static inline void wt_fail(const char *what, int err) {
    printf("FAIL %s errno=%d\n", what, err);
    fflush(stdout);
    exit(1);
}

/* Parses a decimal argument or fails. */
static inline long wt_arg_long(const char *text, const char *what) {
    char *end = NULL;
    long v = strtol(text, &end, 10);
    if (end == text || *end != '\0') {
        printf("FAIL bad %s: %s\n", what, text);
        fflush(stdout);
        exit(1);
    }
    return v;
}

#endif /* WASI_SOCKET_H */
