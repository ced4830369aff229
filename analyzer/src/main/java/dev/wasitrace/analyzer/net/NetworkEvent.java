package dev.wasitrace.analyzer.net;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row of the {@code network_events} view: a socket event of a recorded process.
 *
 * <p>{@code src} and {@code dst} follow the view (and Timecraft): for CONN, SEND and SHUT the local
 * address comes first, for ACCEPT and RECV the peer; {@link #local()} and {@link #peer()} undo
 * that. Either may be null when the call did not carry it and no earlier call of the socket did.
 *
 * @param processId the recorded process
 * @param seq the record number of the call in its log
 * @param ts when the call started
 * @param proto {@code TCP} or {@code UDP}
 * @param type {@code CONN}, {@code ACCEPT}, {@code SEND}, {@code RECV}, {@code SHUT}, {@code SHUT
 *     (r)} or {@code SHUT (w)}
 * @param errno the WASI errno, 0 on success, -1 when the call never returned
 * @param fd the socket's descriptor (for ACCEPT, the accepted connection's)
 * @param src the source address, {@code 127.0.0.1:8080} or {@code [::1]:80}
 * @param dst the destination address
 * @param size bytes moved (SEND, RECV), -1 when the row has none
 * @param data the bytes sent or received, null when none
 */
public record NetworkEvent(
    String processId,
    long seq,
    Instant ts,
    String proto,
    String type,
    int errno,
    int fd,
    String src,
    String dst,
    long size,
    byte[] data) {
  public static final String CONN = "CONN";
  public static final String ACCEPT = "ACCEPT";
  public static final String SEND = "SEND";
  public static final String RECV = "RECV";
  public static final String SHUT = "SHUT";
  public static final String SHUT_READ = "SHUT (r)";
  public static final String SHUT_WRITE = "SHUT (w)";

  public NetworkEvent {
    requireNonNull(ts, "ts");
    requireNonNull(proto, "proto");
    requireNonNull(type, "type");
  }

  /** Whether the call succeeded. */
  public boolean ok() {
    return errno == 0;
  }

  /** SEND or RECV: the events that move bytes. */
  public boolean movesBytes() {
    return type.equals(SEND) || type.equals(RECV);
  }

  /** Whether the peer comes first ({@code src}): ACCEPT and RECV. */
  public boolean peerFirst() {
    return type.equals(ACCEPT) || type.equals(RECV);
  }

  /** The guest's own address. */
  public String local() {
    return peerFirst() ? dst : src;
  }

  /** The other end's address. */
  public String peer() {
    return peerFirst() ? src : dst;
  }

  /** The bytes moved, never null. */
  public byte[] bytes() {
    return data == null ? new byte[0] : data;
  }

  /** SHUT or SHUT (w) from the guest: it will send no more (a FIN on the wire). */
  public boolean shutsWriting() {
    return type.equals(SHUT) || type.equals(SHUT_WRITE);
  }

  /** A successful RECV of no bytes: the peer's EOF. */
  public boolean endOfStream() {
    return type.equals(RECV) && errno == 0 && size == 0;
  }
}
