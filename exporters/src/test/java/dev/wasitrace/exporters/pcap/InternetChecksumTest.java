package dev.wasitrace.exporters.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
  /** RFC 1071's example: the sum of 0001 f203 f4f5 f6f7 is ddf2 (complemented: 220d). */
  @Test
  void rfc1071Example() {
    byte[] bytes = {
      0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7
    };
    assertEquals(0x220d, InternetChecksum.finish(InternetChecksum.add(0, bytes, 0, 8)));
  }

  /** Eight bytes at a time give what sixteen bits at a time give, at any offset and length. */
  @Test
  void equalsTheWordByWordSum() {
    Random random = new Random(1);
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[random.nextInt(3_000) + 1];
      random.nextBytes(bytes);
      int offset = random.nextInt(bytes.length);
      int length = random.nextInt(bytes.length - offset + 1);
      long naive = 0;
      for (int i = 0; i < length; i += 2) {
        int high = bytes[offset + i] & 0xFF;
        int low = i + 1 < length ? bytes[offset + i + 1] & 0xFF : 0;
        naive += (high << 8) | low;
      }
      assertEquals(
          InternetChecksum.finish(naive),
          InternetChecksum.finish(InternetChecksum.add(0, bytes, offset, length)),
          "offset " + offset + ", length " + length);
    }
  }

  @Test
  void allOnesFoldToZero() {
    byte[] bytes = new byte[64];
    java.util.Arrays.fill(bytes, (byte) 0xFF);
    assertEquals(0, InternetChecksum.finish(InternetChecksum.add(0, bytes, 0, 64)));
  }
}
