package dev.wasitrace.exporters.codetracer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a mem_writes column value (format in arrow-schema's README) for tests. */
final class Writes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Bytes stored inline. */
  Writes at(long address, byte... bytes) {
    header(address, bytes.length, false);
    out.writeBytes(bytes);
    return this;
  }

  /** The next {@code length} bytes of the row's data column. */
  Writes fromData(long address, int length) {
    header(address, length, true);
    return this;
  }

  Writes u32(long address, long value) {
    return at(address, le(value, 4));
  }

  Writes u64(long address, long value) {
    return at(address, le(value, 8));
  }

  Writes text(long address, String text) {
    return at(address, text.getBytes(StandardCharsets.UTF_8));
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  static byte[] le(long value, int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (value >>> (8 * i));
    }
    return bytes;
  }

  private void header(long address, int length, boolean fromData) {
    out.writeBytes(le(address, 4));
    out.writeBytes(le(length | (fromData ? 0x8000_0000L : 0), 4));
  }
}
