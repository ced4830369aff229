package dev.wasitrace.exporters.pcap;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.analyzer.net.Endpoint;

/**
 * One packet to write: when, between which addresses (both IPv4 or both IPv6), the TCP header
 * fields or a UDP datagram, and a slice of the recorded bytes as payload (shared with the event,
 * never copied until it is written).
 */
final class Packet {
  static final int TCP = 6;
  static final int UDP = 17;

  static final int FIN = 0x01;
  static final int SYN = 0x02;
  static final int RST = 0x04;
  static final int PSH = 0x08;
  static final int ACK = 0x10;

  private static final byte[] NONE = new byte[0];

  final long timeNs;
  final int protocol;
  final Endpoint src;
  final Endpoint dst;
  final int ipId;
  final int flags;
  final int seq;
  final int ack;
  final int window;
  final byte[] options;
  final byte[] payload;
  final int offset;
  final int length;

  private Packet(
      long timeNs,
      int protocol,
      Endpoint src,
      Endpoint dst,
      int ipId,
      int flags,
      int seq,
      int ack,
      int window,
      byte[] options,
      byte[] payload,
      int offset,
      int length) {
    this.timeNs = timeNs;
    this.protocol = protocol;
    this.src = requireNonNull(src);
    this.dst = requireNonNull(dst);
    this.ipId = ipId;
    this.flags = flags;
    this.seq = seq;
    this.ack = ack;
    this.window = window;
    this.options = options;
    this.payload = payload;
    this.offset = offset;
    this.length = length;
    if (src.address().length != dst.address().length) {
      throw new IllegalArgumentException("addresses of one family: " + src + " > " + dst);
    }
    if ((options.length & 3) != 0) {
      throw new IllegalArgumentException("TCP options come in 32-bit words");
    }
  }

  /** A TCP segment; {@code options} a multiple of 4 bytes long. */
  static Packet tcp(
      long timeNs,
      Endpoint src,
      Endpoint dst,
      int ipId,
      int flags,
      int seq,
      int ack,
      int window,
      byte[] options,
      byte[] payload,
      int offset,
      int length) {
    return new Packet(
        timeNs, TCP, src, dst, ipId, flags, seq, ack, window, options, payload, offset, length);
  }

  /** A TCP segment without payload. */
  static Packet tcp(
      long timeNs,
      Endpoint src,
      Endpoint dst,
      int ipId,
      int flags,
      int seq,
      int ack,
      int window,
      byte[] options) {
    return tcp(timeNs, src, dst, ipId, flags, seq, ack, window, options, NONE, 0, 0);
  }

  /** A UDP datagram. */
  static Packet udp(
      long timeNs, Endpoint src, Endpoint dst, int ipId, byte[] payload, int offset, int length) {
    return new Packet(timeNs, UDP, src, dst, ipId, 0, 0, 0, 0, NONE, payload, offset, length);
  }

  boolean ipv6() {
    return src.address().length == 16;
  }

  boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /** For test failures: {@code 1.000000001 127.0.0.1:1 > 127.0.0.1:2 [S.] seq 1 ack 2 len 0}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(timeNs).append(' ').append(src).append(" > ").append(dst);
    if (protocol == UDP) {
      return out.append(" UDP len ").append(length).toString();
    }
    out.append(" [");
    if (has(SYN)) {
      out.append('S');
    }
    if (has(FIN)) {
      out.append('F');
    }
    if (has(RST)) {
      out.append('R');
    }
    if (has(PSH)) {
      out.append('P');
    }
    if (has(ACK)) {
      out.append('.');
    }
    return out.append("] seq ")
        .append(Integer.toUnsignedString(seq))
        .append(" ack ")
        .append(Integer.toUnsignedString(ack))
        .append(" len ")
        .append(length)
        .toString();
  }
}
