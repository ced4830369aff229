/*
 * echo_client_v1.c - echo_client.c built for the WasmEdge socket extension's
 * v1 ABI: raw 4/16-byte address buffers, sock_getpeeraddr with four
 * parameters (addr, addr_type, port). Same usage and output as echo_client.
 */
#define WASI_SOCKET_V1
#include "echo_client.c"
