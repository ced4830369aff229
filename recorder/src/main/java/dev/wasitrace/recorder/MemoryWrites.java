package dev.wasitrace.recorder;

import com.dylibso.chicory.runtime.Memory;

/**
 * The encoding of the guest memory a host call wrote, as stored in the log's {@code mem_writes}
 * column: a sequence of entries {@code u32 address, u32 length|flag, bytes}, little-endian. When
 * the flag bit is set the bytes are not inline but are the next bytes of the row's {@code data}
 * column (reads keep their bytes once, in {@code data}).
 */
public final class MemoryWrites {
  static final int FROM_DATA = 0x8000_0000;
  static final int HEADER = 8;

  private MemoryWrites() {}

  /**
   * Writes every entry into memory: the effect the host call had on the guest. Returns the number
   * of bytes applied.
   */
  public static long apply(Memory memory, byte[] encoded, byte[] data) {
    long applied = 0;
    int dataPos = 0;
    int pos = 0;
    while (pos + HEADER <= encoded.length) {
      int address = readInt(encoded, pos);
      int lengthAndFlag = readInt(encoded, pos + 4);
      int length = lengthAndFlag & ~FROM_DATA;
      pos += HEADER;
      if ((lengthAndFlag & FROM_DATA) != 0) {
        memory.write(address, data, dataPos, length);
        dataPos += length;
      } else {
        memory.write(address, encoded, pos, length);
        pos += length;
      }
      applied += length;
    }
    return applied;
  }

  static int readInt(byte[] bytes, int pos) {
    return (bytes[pos] & 0xFF)
        | (bytes[pos + 1] & 0xFF) << 8
        | (bytes[pos + 2] & 0xFF) << 16
        | (bytes[pos + 3] & 0xFF) << 24;
  }
}
