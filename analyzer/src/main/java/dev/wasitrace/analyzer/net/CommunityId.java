package dev.wasitrace.analyzer.net;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Community ID v1 of a flow (corelight/community-id-spec), so that connections join with Zeek,
 * Suricata and Wireshark data: {@code "1:"} and the base64 of a SHA-1 over the seed (2 bytes,
 * big-endian), the source and destination addresses, the IP protocol number, a zero byte, and the
 * source and destination ports (2 bytes each, big-endian). The endpoints are ordered first (the
 * smaller address, or with equal addresses the smaller port, goes first), so both directions of a
 * flow have the same ID.
 */
public final class CommunityId {
  /** IP protocol numbers. */
  public static final int TCP = 6;

  public static final int UDP = 17;

  private CommunityId() {}

  /** The ID with the default seed 0, or null when either endpoint is unknown. */
  public static String of(int protocol, Endpoint source, Endpoint destination) {
    if (source == null || destination == null) {
      return null;
    }
    return of(
        0, protocol, source.address(), source.port(), destination.address(), destination.port());
  }

  /**
   * The ID of a flow from {@code srcAddress:srcPort} to {@code dstAddress:dstPort} (addresses of 4
   * or 16 bytes, both of one family).
   */
  public static String of(
      int seed, int protocol, byte[] srcAddress, int srcPort, byte[] dstAddress, int dstPort) {
    if (srcAddress.length != dstAddress.length) {
      throw new IllegalArgumentException("addresses of different families");
    }
    int order = Arrays.compareUnsigned(srcAddress, dstAddress);
    if (order > 0 || (order == 0 && srcPort > dstPort)) {
      return of(seed, protocol, dstAddress, dstPort, srcAddress, srcPort);
    }
    ByteBuffer input = ByteBuffer.allocate(2 + 2 * srcAddress.length + 2 + 4);
    input.putShort((short) seed);
    input.put(srcAddress).put(dstAddress);
    input.put((byte) protocol).put((byte) 0);
    input.putShort((short) srcPort).putShort((short) dstPort);
    return "1:" + Base64.getEncoder().encodeToString(sha1().digest(input.array()));
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
