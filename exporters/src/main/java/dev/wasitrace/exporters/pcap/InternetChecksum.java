package dev.wasitrace.exporters.pcap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071) of IPv4 headers and of TCP and UDP segments: the one's
 * complement of the one's complement sum of big-endian 16-bit words. Sums run in a {@code long} and
 * are folded at the end; eight bytes are added at a time (two 32-bit words, which fold to the same
 * sum as their four 16-bit halves), so a segment's payload costs one pass at memory speed.
 */
final class InternetChecksum {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private InternetChecksum() {}

  /**
   * {@code sum} plus the 16-bit words of {@code length} bytes from {@code offset}; an odd last byte
   * counts as the high half of a word. The result is unfolded: pass it on, then {@link #finish}.
   * Callers add at most a few hundred kilobytes, far from overflowing the {@code long}.
   */
  static long add(long sum, byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    for (; i + 8 <= end; i += 8) {
      long word = (long) LONGS.get(bytes, i);
      sum += (word >>> 32) + (word & 0xFFFF_FFFFL);
    }
    for (; i + 2 <= end; i += 2) {
      sum += ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (bytes[i] & 0xFF) << 8;
    }
    return sum;
  }

  /** The checksum field's value for a sum: folded to 16 bits and complemented. */
  static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) ~sum & 0xFFFF;
  }
}
