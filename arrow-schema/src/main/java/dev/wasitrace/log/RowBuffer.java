package dev.wasitrace.log;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One batch of rows, filled on the recording thread: each column is already laid out as Arrow will
 * store it (little-endian values, validity bitmaps, offsets), in plain heap buffers. Adding a row
 * costs a few stores; the writer thread ({@link BatchEncoder}) then copies whole columns into Arrow
 * vectors, off the guest's path.
 */
final class RowBuffer {
  private static final int INITIAL_ROWS = 1024;

  /** A fixed-width column: values and, for nullable columns, a validity bitmap. */
  static final class Fixed {
    final int width;
    ByteBuffer values;
    byte[] validity;

    Fixed(int width) {
      this.width = width;
    }

    void resize(int rows) {
      ByteBuffer bigger = ByteBuffer.allocate(rows * width).order(ByteOrder.LITTLE_ENDIAN);
      if (values != null) {
        bigger.put(values.array());
      }
      values = bigger;
      validity = Arrays.copyOf(validity == null ? new byte[0] : validity, (rows + 7) / 8);
    }

    void valid(int row) {
      validity[row >> 3] |= (byte) (1 << (row & 7));
    }

    void clear(int rows) {
      Arrays.fill(validity, 0, (rows + 7) / 8, (byte) 0);
    }
  }

  /** A variable-width column: an arena of bytes, end offsets and validity. */
  static final class Bytes {
    byte[] arena = new byte[4096];
    int length;
    ByteBuffer offsets;
    byte[] validity;

    void resize(int rows) {
      ByteBuffer bigger = ByteBuffer.allocate((rows + 1) * 4).order(ByteOrder.LITTLE_ENDIAN);
      if (offsets != null) {
        bigger.put(offsets.array());
      }
      offsets = bigger;
      validity = Arrays.copyOf(validity == null ? new byte[0] : validity, (rows + 7) / 8);
    }

    void add(int row, byte[] bytes, int count) {
      if (length + count > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, length + count));
      }
      System.arraycopy(bytes, 0, arena, length, count);
      length += count;
      offsets.putInt((row + 1) * 4, length);
      validity[row >> 3] |= (byte) (1 << (row & 7));
    }

    void skip(int row) {
      offsets.putInt((row + 1) * 4, length);
    }

    void clear(int rows) {
      length = 0;
      Arrays.fill(validity, 0, (rows + 7) / 8, (byte) 0);
    }
  }

  /** The most rows a batch holds. */
  final int maxRows;

  private int capacity;
  final Fixed seq = new Fixed(8);
  final Fixed ts = new Fixed(8);
  final Fixed duration = new Fixed(8);
  final Fixed func = new Fixed(2);
  final Fixed params = new Fixed(8 * LogSchema.MAX_PARAMS);
  // Validity of the individual parameter slots: the first paramCount of each row.
  byte[] paramSlots;
  final Fixed errno = new Fixed(4);
  final Fixed result = new Fixed(8);
  final Fixed fd = new Fixed(4);
  final Fixed size = new Fixed(8);
  final Bytes data = new Bytes();
  final Bytes path = new Bytes();
  final Bytes memWrites = new Bytes();
  final Bytes proto = new Bytes();
  final Bytes localAddr = new Bytes();
  final Bytes peerAddr = new Bytes();
  int rows;

  RowBuffer(int maxRows) {
    this.maxRows = maxRows;
    resize(Math.min(maxRows, INITIAL_ROWS));
  }

  // Starts small and doubles, so a short run doesn't pay for a whole batch of room.
  private void resize(int rowCapacity) {
    capacity = rowCapacity;
    for (Fixed column : new Fixed[] {seq, ts, duration, func, params, errno, result, fd, size}) {
      column.resize(capacity);
    }
    for (Bytes column : variableColumns()) {
      column.resize(capacity);
    }
    paramSlots =
        Arrays.copyOf(
            paramSlots == null ? new byte[0] : paramSlots,
            (capacity * LogSchema.MAX_PARAMS + 7) / 8);
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
    seq.values.putLong(i * 8, row.seq);
    ts.values.putLong(i * 8, row.tsNanos);
    duration.values.putLong(i * 8, row.durationNanos);
    func.values.putShort(i * 2, (short) row.funcId);
    int base = i * LogSchema.MAX_PARAMS;
    for (int p = 0; p < row.paramCount; p++) {
      params.values.putLong((base + p) * 8, row.params[p]);
      paramSlots[(base + p) >> 3] |= (byte) (1 << ((base + p) & 7));
    }
    if (row.hasErrno) {
      errno.values.putInt(i * 4, row.errno);
      errno.valid(i);
    }
    if (row.hasResult) {
      result.values.putLong(i * 8, row.result);
      result.valid(i);
    }
    if (row.hasFd) {
      fd.values.putInt(i * 4, row.fd);
      fd.valid(i);
    }
    if (row.hasSize) {
      size.values.putLong(i * 8, row.size);
      size.valid(i);
    }
    if (row.data != null) {
      data.add(i, row.data, row.dataLength);
    } else {
      data.skip(i);
    }
    text(path, i, row.path);
    text(proto, i, row.proto);
    text(localAddr, i, row.localAddr);
    text(peerAddr, i, row.peerAddr);
    if (row.memWrites != null) {
      memWrites.add(i, row.memWrites, row.memWritesLength);
    } else {
      memWrites.skip(i);
    }
    rows = i + 1;
  }

  private Bytes[] variableColumns() {
    return new Bytes[] {data, path, memWrites, proto, localAddr, peerAddr};
  }

  private static void text(Bytes column, int row, String value) {
    if (value != null) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      column.add(row, utf8, utf8.length);
    } else {
      column.skip(row);
    }
  }

  void reset() {
    for (Fixed column : new Fixed[] {errno, result, fd, size}) {
      column.clear(rows);
    }
    for (Bytes column : variableColumns()) {
      column.clear(rows);
    }
    // Parameter values of unused slots are left as they were: their validity bit says null.
    Arrays.fill(paramSlots, 0, (rows * LogSchema.MAX_PARAMS + 7) / 8, (byte) 0);
    rows = 0;
  }
}
