package dev.wasitrace.exporters.codetracer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest memory a call's host wrote, read back from the log's {@code mem_writes} column (format
 * in arrow-schema's README): where the structures a call returned through pointers (fdstat,
 * filestat, argv strings, directory entries) can still be read after the run.
 */
final class RecordedWrites {
  private static final int FROM_DATA = 0x8000_0000;
  private static final int HEADER = 8;

  private record Entry(long address, byte[] bytes, int offset, int length) {}

  private final List<Entry> entries;

  private RecordedWrites(List<Entry> entries) {
    this.entries = entries;
  }

  /** The writes of one row; {@code data} is the row's data column (entries may point into it). */
  static RecordedWrites of(byte[] encoded, byte[] data) {
    List<Entry> entries = new ArrayList<>();
    if (encoded == null) {
      return new RecordedWrites(entries);
    }
    int pos = 0;
    int dataPos = 0;
    while (pos + HEADER <= encoded.length) {
      long address = Integer.toUnsignedLong(readInt(encoded, pos));
      int lengthAndFlag = readInt(encoded, pos + 4);
      int length = lengthAndFlag & ~FROM_DATA;
      pos += HEADER;
      if ((lengthAndFlag & FROM_DATA) != 0) {
        if (data == null || dataPos + length > data.length) {
          break;
        }
        entries.add(new Entry(address, data, dataPos, length));
        dataPos += length;
      } else {
        if (pos + length > encoded.length) {
          break;
        }
        entries.add(new Entry(address, encoded, pos, length));
        pos += length;
      }
    }
    return new RecordedWrites(entries);
  }

  /**
   * The bytes at [address, address + length) after the call, or null if the host did not write all
   * of them. Entries apply in order, as they did in memory: a later write wins.
   */
  byte[] bytes(long address, long length) {
    if (length < 0 || length > Integer.MAX_VALUE) {
      return null;
    }
    byte[] out = new byte[(int) length];
    boolean[] written = new boolean[(int) length];
    int missing = (int) length;
    for (Entry entry : entries) {
      long from = Math.max(address, entry.address);
      long to = Math.min(address + length, entry.address + entry.length);
      for (long at = from; at < to; at++) {
        int i = (int) (at - address);
        out[i] = entry.bytes[entry.offset + (int) (at - entry.address)];
        if (!written[i]) {
          written[i] = true;
          missing--;
        }
      }
    }
    return missing == 0 ? out : null;
  }

  /** A little-endian unsigned value of 1 to 8 bytes, or -1 if the host did not write it. */
  long unsigned(long address, int size) {
    byte[] bytes = bytes(address, size);
    if (bytes == null) {
      return -1;
    }
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[i] & 0xFF);
    }
    return value;
  }

  /**
   * The strings args_get/environ_get wrote: pointers at {@code array}, each to the next string in
   * {@code buffer}, NUL-terminated one after another. The count is not a parameter, so the walk
   * stops at the first pointer that breaks the pattern or was not written; null if none was.
   */
  List<String> stringArray(long array, long buffer) {
    List<String> strings = new ArrayList<>();
    long expected = buffer;
    for (long slot = array; unsigned(slot, 4) == expected; slot += 4) {
      byte[] string = cString(expected);
      if (string == null) {
        break;
      }
      strings.add(new String(string, StandardCharsets.UTF_8));
      expected += string.length + 1;
    }
    return strings.isEmpty() && unsigned(array, 4) < 0 ? null : strings;
  }

  /** A NUL-terminated string the host wrote, at most 4096 bytes, or null. */
  private byte[] cString(long address) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long at = address; out.size() < 4096; at++) {
      long b = unsigned(at, 1);
      if (b < 0) {
        return null;
      }
      if (b == 0) {
        return out.toByteArray();
      }
      out.write((int) b);
    }
    return null;
  }

  private static int readInt(byte[] bytes, int pos) {
    return (bytes[pos] & 0xFF)
        | (bytes[pos + 1] & 0xFF) << 8
        | (bytes[pos + 2] & 0xFF) << 16
        | (bytes[pos + 3] & 0xFF) << 24;
  }
}
