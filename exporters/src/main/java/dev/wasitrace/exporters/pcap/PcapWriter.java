package dev.wasitrace.exporters.pcap;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The classic pcap container, written directly (libpcap's {@code pcap_dump} would need the native
 * library): a 24-byte file header with the nanosecond magic {@code 0xa1b23c4d}, then one 16-byte
 * record header per packet. Little-endian, as libpcap writes it on x86; readers take either order
 * from the magic. Records go through one buffer, so each byte is copied once on its way out.
 */
final class PcapWriter implements AutoCloseable {
  /** Nanosecond-resolution pcap (libpcap's {@code NSEC_TCPDUMP_MAGIC}). */
  static final int MAGIC_NANOSECONDS = 0xa1b23c4d;

  /** Ethernet frames ({@code LINKTYPE_ETHERNET}), as a capture on Linux's loopback has them. */
  static final int LINKTYPE_ETHERNET = 1;

  /** libpcap's largest snapshot length; no packet here comes near it. */
  static final int SNAPLEN = 262_144;

  static final int FILE_HEADER_BYTES = 24;
  static final int RECORD_HEADER_BYTES = 16;

  private static final int BUFFER_BYTES = 1 << 20;

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int used;
  private long records;
  private long bytes;

  /** Writes the file header to {@code out}. */
  PcapWriter(OutputStream out) throws IOException {
    this.out = requireNonNull(out);
    int32(MAGIC_NANOSECONDS);
    int16(2); // version 2.4
    int16(4);
    int32(0); // thiszone: timestamps are UTC
    int32(0); // sigfigs
    int32(SNAPLEN);
    int32(LINKTYPE_ETHERNET);
  }

  /**
   * One record: the packet's first bytes ({@code head}, its headers) then {@code payload}, both
   * captured whole, stamped {@code timeNs} after the epoch.
   */
  void record(long timeNs, byte[] head, int headLength, byte[] payload, int offset, int length)
      throws IOException {
    int size = headLength + length;
    if (BUFFER_BYTES - used < RECORD_HEADER_BYTES + size) {
      flush();
    }
    int32((int) Math.floorDiv(timeNs, 1_000_000_000L));
    int32((int) Math.floorMod(timeNs, 1_000_000_000L));
    int32(size); // captured
    int32(size); // on the wire
    put(head, 0, headLength);
    put(payload, offset, length);
    records++;
  }

  private void put(byte[] bytes, int offset, int length) throws IOException {
    if (length > BUFFER_BYTES - used) { // only when a single packet outgrows the buffer
      flush();
      out.write(bytes, offset, length);
      this.bytes += length;
      return;
    }
    System.arraycopy(bytes, offset, buffer, used, length);
    used += length;
  }

  private void int32(int value) {
    buffer[used] = (byte) value;
    buffer[used + 1] = (byte) (value >>> 8);
    buffer[used + 2] = (byte) (value >>> 16);
    buffer[used + 3] = (byte) (value >>> 24);
    used += 4;
  }

  private void int16(int value) {
    buffer[used] = (byte) value;
    buffer[used + 1] = (byte) (value >>> 8);
    used += 2;
  }

  /** Records written so far. */
  long records() {
    return records;
  }

  /** Bytes of the file so far, header included. */
  long bytes() {
    return bytes + used;
  }

  void flush() throws IOException {
    out.write(buffer, 0, used);
    bytes += used;
    used = 0;
  }

  /** Flushes the records; the stream stays open (its owner closes it). */
  @Override
  public void close() throws IOException {
    flush();
    out.flush();
  }
}
