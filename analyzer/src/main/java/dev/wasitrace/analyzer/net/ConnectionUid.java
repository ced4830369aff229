package dev.wasitrace.analyzer.net;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A connection's {@code uid}, shaped like Zeek's ({@code C} and 17 base62 digits, e.g. {@code
 * CHhAvVGS1DHFjwGM9}) but stable: the first 96 bits of the SHA-256 of the process ID, the
 * descriptor and the record number of the connection's first event. Loading the same logs again
 * gives the same uids.
 */
public final class ConnectionUid {
  private static final char[] DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final BigInteger BASE = BigInteger.valueOf(DIGITS.length);
  private static final int LENGTH = 17; // 62^17 > 2^96

  private ConnectionUid() {}

  /** The uid of the connection whose first event is record {@code firstSeq} on {@code fd}. */
  public static String of(String processId, int fd, long firstSeq) {
    byte[] hash =
        sha256().digest((processId + "/" + fd + "/" + firstSeq).getBytes(StandardCharsets.UTF_8));
    BigInteger value = new BigInteger(1, Arrays.copyOf(hash, 12));
    char[] uid = new char[LENGTH + 1];
    uid[0] = 'C';
    for (int i = LENGTH; i >= 1; i--) {
      BigInteger[] qr = value.divideAndRemainder(BASE);
      uid[i] = DIGITS[qr[1].intValue()];
      value = qr[0];
    }
    return new String(uid);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
