package dev.wasitrace.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One batch of rows as plain Java arrays, filled on the recording thread. Copying a row here costs
 * a few array stores; turning the rows into Arrow vectors is left to the writer thread ({@link
 * BatchEncoder}), off the guest's path.
 */
final class RowBuffer {
  static final int HAS_ERRNO = 1;
  static final int HAS_RESULT = 1 << 1;
  static final int HAS_FD = 1 << 2;
  static final int HAS_SIZE = 1 << 3;
  static final int HAS_DATA = 1 << 4;
  static final int HAS_PATH = 1 << 5;
  static final int HAS_MEM_WRITES = 1 << 6;

  private static final int INITIAL_ROWS = 1024;

  /** The most rows a batch holds. */
  final int maxRows;

  private int capacity;
  long[] seq;
  long[] ts;
  long[] duration;
  short[] func;
  byte[] paramCount;
  long[] params;
  int[] errno;
  long[] result;
  int[] fd;
  long[] size;
  byte[] flags;
  byte[][] paths;
  final Bytes data = new Bytes();
  final Bytes memWrites = new Bytes();
  int rows;

  RowBuffer(int maxRows) {
    this.maxRows = maxRows;
    resize(Math.min(maxRows, INITIAL_ROWS));
  }

  // Starts small and doubles, so a short run doesn't pay for a whole batch of room.
  private void resize(int rowCapacity) {
    capacity = rowCapacity;
    seq = Arrays.copyOf(seq == null ? new long[0] : seq, capacity);
    ts = Arrays.copyOf(ts == null ? new long[0] : ts, capacity);
    duration = Arrays.copyOf(duration == null ? new long[0] : duration, capacity);
    func = Arrays.copyOf(func == null ? new short[0] : func, capacity);
    paramCount = Arrays.copyOf(paramCount == null ? new byte[0] : paramCount, capacity);
    params = Arrays.copyOf(params == null ? new long[0] : params, capacity * LogSchema.MAX_PARAMS);
    errno = Arrays.copyOf(errno == null ? new int[0] : errno, capacity);
    result = Arrays.copyOf(result == null ? new long[0] : result, capacity);
    fd = Arrays.copyOf(fd == null ? new int[0] : fd, capacity);
    size = Arrays.copyOf(size == null ? new long[0] : size, capacity);
    flags = Arrays.copyOf(flags == null ? new byte[0] : flags, capacity);
    paths = Arrays.copyOf(paths == null ? new byte[0][] : paths, capacity);
    data.offsets = Arrays.copyOf(data.offsets == null ? new int[0] : data.offsets, capacity + 1);
    memWrites.offsets =
        Arrays.copyOf(memWrites.offsets == null ? new int[0] : memWrites.offsets, capacity + 1);
  }

  /** A variable-width column: an arena of bytes and the end offset of each row. */
  static final class Bytes {
    byte[] arena = new byte[4096];
    int length;
    int[] offsets;

    void add(int row, byte[] bytes, int count) {
      if (length + count > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, length + count));
      }
      System.arraycopy(bytes, 0, arena, length, count);
      length += count;
      offsets[row + 1] = length;
    }

    void skip(int row) {
      offsets[row + 1] = length;
    }
  }

  boolean isFull() {
    return rows == maxRows;
  }

  /** Bytes held in the variable-width columns. */
  long variableBytes() {
    return data.length + memWrites.length;
  }

  void add(LogRow row) {
    int i = rows;
    if (i == capacity) {
      resize(Math.min(maxRows, capacity * 2));
    }
    seq[i] = row.seq;
    ts[i] = row.tsNanos;
    duration[i] = row.durationNanos;
    func[i] = (short) row.funcId;
    paramCount[i] = (byte) row.paramCount;
    System.arraycopy(row.params, 0, params, i * LogSchema.MAX_PARAMS, row.paramCount);
    int f = 0;
    if (row.hasErrno) {
      errno[i] = row.errno;
      f |= HAS_ERRNO;
    }
    if (row.hasResult) {
      result[i] = row.result;
      f |= HAS_RESULT;
    }
    if (row.hasFd) {
      fd[i] = row.fd;
      f |= HAS_FD;
    }
    if (row.hasSize) {
      size[i] = row.size;
      f |= HAS_SIZE;
    }
    if (row.data != null) {
      data.add(i, row.data, row.dataLength);
      f |= HAS_DATA;
    } else {
      data.skip(i);
    }
    if (row.path != null) {
      paths[i] = row.path.getBytes(StandardCharsets.UTF_8);
      f |= HAS_PATH;
    }
    if (row.memWrites != null) {
      memWrites.add(i, row.memWrites, row.memWritesLength);
      f |= HAS_MEM_WRITES;
    } else {
      memWrites.skip(i);
    }
    flags[i] = (byte) f;
    rows = i + 1;
  }

  void reset() {
    Arrays.fill(paths, 0, rows, null);
    rows = 0;
    data.length = 0;
    memWrites.length = 0;
  }
}
