package dev.wasitrace.exporters.pcap;

/**
 * One row of {@code network_events} as the exporter reads it: the call's start and end (the end is
 * when a blocking call's bytes or connection had arrived), and the guest's own and the peer's
 * address (not {@code src}/{@code dst}, whose order depends on the type).
 *
 * @param seq the record number
 * @param startNs when the call started, ns since the epoch
 * @param endNs when it returned
 * @param proto {@code TCP} or {@code UDP}
 * @param type {@code CONN}, {@code ACCEPT}, {@code SEND}, {@code RECV}, {@code SHUT}, {@code SHUT
 *     (r)}, {@code SHUT (w)}
 * @param errno the WASI errno, 0 on success, -1 when the call never returned
 * @param fd the socket's descriptor (for ACCEPT, the accepted connection's)
 * @param local the guest's address, {@code 127.0.0.1:8080} or {@code [::1]:80}; may be null
 * @param peer the other end's address; may be null
 * @param data the bytes sent or received, empty when none
 */
record SocketEvent(
    long seq,
    long startNs,
    long endNs,
    String proto,
    String type,
    int errno,
    int fd,
    String local,
    String peer,
    byte[] data) {
  static final String CONN = "CONN";
  static final String ACCEPT = "ACCEPT";
  static final String SEND = "SEND";
  static final String RECV = "RECV";
  static final String SHUT = "SHUT";
  static final String SHUT_WRITE = "SHUT (w)";

  boolean ok() {
    return errno == 0;
  }

  /** SHUT or SHUT (w): the guest will send no more, a FIN on the wire. */
  boolean shutsWriting() {
    return type.equals(SHUT) || type.equals(SHUT_WRITE);
  }

  /** The same event at other times (the exporter keeps one process's packets in order). */
  SocketEvent at(long start, long end) {
    return new SocketEvent(seq, start, end, proto, type, errno, fd, local, peer, data);
  }
}
