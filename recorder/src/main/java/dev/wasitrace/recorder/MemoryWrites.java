package dev.wasitrace.recorder;

import java.util.Arrays;
import run.endive.runtime.Memory;

/**
 * The encoding of the guest memory a host call wrote, as stored in the log's {@code mem_writes}
 * column: a sequence of entries {@code u32 address, u32 length|flag, bytes}, little-endian. When
 * the flag bit is set the bytes are not inline but are the next bytes of the row's {@code data}
 * column (reads keep their bytes once, in {@code data}). Writes that follow each other in memory
 * and in kind share one entry.
 *
 * <p>A null {@code mem_writes} means the call wrote exactly its {@link StandardOutputs}; the
 * recorder checks that before leaving the column null.
 */
public final class MemoryWrites {
  static final int FROM_DATA = 0x8000_0000;
  static final int HEADER = 8;

  private MemoryWrites() {}

  /**
   * Writes every entry into memory: the effect the host call had on the guest. Returns the number
   * of bytes applied.
   */
  public static long apply(Memory memory, byte[] encoded, int length, byte[] data) {
    long applied = 0;
    int dataPos = 0;
    int pos = 0;
    while (pos + HEADER <= length) {
      int address = readInt(encoded, pos);
      int lengthAndFlag = readInt(encoded, pos + 4);
      int size = lengthAndFlag & ~FROM_DATA;
      pos += HEADER;
      if ((lengthAndFlag & FROM_DATA) != 0) {
        memory.write(address, data, dataPos, size);
        dataPos += size;
      } else {
        memory.write(address, encoded, pos, size);
        pos += size;
      }
      applied += size;
    }
    return applied;
  }

  static int readInt(byte[] bytes, int pos) {
    return (bytes[pos] & 0xFF)
        | (bytes[pos + 1] & 0xFF) << 8
        | (bytes[pos + 2] & 0xFF) << 16
        | (bytes[pos + 3] & 0xFF) << 24;
  }

  /** Builds an encoding write by write; reusable across calls. */
  public static final class Encoder {
    private byte[] writes = new byte[256];
    private int writesLength;
    private byte[] data = new byte[256];
    private int dataLength;
    private int lastHeader = -1;
    private int lastEnd;
    private final byte[] scratch = new byte[8];

    void reset() {
      writesLength = 0;
      dataLength = 0;
      lastHeader = -1;
    }

    byte[] writes() {
      return writes;
    }

    int writesLength() {
      return writesLength;
    }

    byte[] data() {
      return data;
    }

    int dataLength() {
      return dataLength;
    }

    /** Makes the encoded writes in memory (replay of a call's standard outputs). */
    public long apply(Memory memory) {
      return MemoryWrites.apply(memory, writes, writesLength, data);
    }

    /** True when both encoders hold the same entries. */
    boolean sameWritesAs(Encoder other) {
      return Arrays.equals(writes, 0, writesLength, other.writes, 0, other.writesLength);
    }

    /**
     * True when the writes are exactly one entry: {@code size} bytes of {@code value} at {@code
     * address} (what {@link #scalar} alone would have encoded).
     */
    boolean isOnlyScalar(int address, long value, int size) {
      if (writesLength != HEADER + size
          || readInt(writes, 0) != address
          || readInt(writes, 4) != size) {
        return false;
      }
      for (int i = 0; i < size; i++) {
        if (writes[HEADER + i] != (byte) (value >>> (8 * i))) {
          return false;
        }
      }
      return true;
    }

    void scalar(int address, long value, int size) {
      for (int i = 0; i < size; i++) {
        scratch[i] = (byte) (value >>> (8 * i));
      }
      bytes(address, scratch, 0, size, false);
    }

    void bytes(int address, byte[] bytes, int offset, int length, boolean fromData) {
      if (length <= 0) {
        return;
      }
      int flag = fromData ? FROM_DATA : 0;
      boolean merge =
          lastHeader >= 0
              && address == lastEnd
              && (readInt(writes, lastHeader + 4) & FROM_DATA) == flag;
      if (merge) {
        putInt(lastHeader + 4, readInt(writes, lastHeader + 4) + length);
      } else {
        ensureWrites(HEADER);
        lastHeader = writesLength;
        putInt(writesLength, address);
        putInt(writesLength + 4, length | flag);
        writesLength += HEADER;
      }
      lastEnd = address + length;
      if (fromData) {
        if (dataLength + length > data.length) {
          data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
        }
        System.arraycopy(bytes, offset, data, dataLength, length);
        dataLength += length;
      } else {
        ensureWrites(length);
        System.arraycopy(bytes, offset, writes, writesLength, length);
        writesLength += length;
      }
    }

    private void ensureWrites(int more) {
      if (writesLength + more > writes.length) {
        writes = Arrays.copyOf(writes, Math.max(writes.length * 2, writesLength + more));
      }
    }

    private void putInt(int pos, int value) {
      writes[pos] = (byte) value;
      writes[pos + 1] = (byte) (value >>> 8);
      writes[pos + 2] = (byte) (value >>> 16);
      writes[pos + 3] = (byte) (value >>> 24);
    }
  }
}
