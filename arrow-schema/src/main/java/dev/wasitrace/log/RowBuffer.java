package dev.wasitrace.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One batch of rows, filled on the recording thread in plain Java arrays (the cheapest stores the
 * JVM has: adding a row is a handful of them). The writer thread ({@link BatchEncoder}) turns whole
 * columns into Arrow buffers, off the guest's path, then {@link #reset}s the batch for reuse.
 */
final class RowBuffer {
  private static final int INITIAL_ROWS = 1024;

  /** Data at least this long is kept by reference when its owner hands it over (see LogRow). */
  static final int KEEP_THRESHOLD = 4096;

  /** A validity bitmap, laid out as Arrow's: bit {@code i % 8} of byte {@code i / 8}. */
  static final class Validity {
    byte[] bits = new byte[0];

    void resize(int rows) {
      bits = Arrays.copyOf(bits, (rows + 7) / 8);
    }

    void set(int row) {
      bits[row >> 3] |= (byte) (1 << (row & 7));
    }

    void clear(int rows) {
      Arrays.fill(bits, 0, (rows + 7) / 8, (byte) 0);
    }
  }

  /**
   * A variable-width column. Values are copied into an arena, except long values handed over by
   * their owner, which are kept by reference ({@code kept}) and copied by the writer thread. The
   * end offsets of null rows are filled in lazily, so a null costs nothing when added.
   */
  static final class Bytes {
    byte[] arena = new byte[4096];
    int arenaLength;
    // The logical length: arena bytes plus kept values.
    int length;
    int[] ends = new int[1];
    // Rows whose end offset is written.
    int endsFilled;
    final Validity validity = new Validity();
    // Kept values, in row order, with their logical start.
    final List<byte[]> kept = new ArrayList<>();
    int[] keptStarts = new int[8];

    void resize(int rows) {
      ends = Arrays.copyOf(ends, rows + 1);
      validity.resize(rows);
    }

    void add(int row, byte[] bytes, int count) {
      fillEnds(row);
      if (arenaLength + count > arena.length) {
        arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLength + count));
      }
      System.arraycopy(bytes, 0, arena, arenaLength, count);
      arenaLength += count;
      end(row, count);
    }

    /** Adds a whole array its owner will not change again, without copying it. */
    void keep(int row, byte[] bytes) {
      fillEnds(row);
      int index = kept.size();
      if (index == keptStarts.length) {
        keptStarts = Arrays.copyOf(keptStarts, index * 2);
      }
      keptStarts[index] = length;
      kept.add(bytes);
      end(row, bytes.length);
    }

    private void end(int row, int count) {
      length += count;
      ends[row + 1] = length;
      endsFilled = row + 1;
      validity.set(row);
    }

    /** Receives the column's bytes in row order, run by run. */
    interface RunConsumer {
      void accept(byte[] bytes, int from, int count) throws IOException;
    }

    /** The column's bytes in row order: arena runs between the values kept by reference. */
    void forEachRun(RunConsumer consumer) throws IOException {
      int at = 0;
      int arenaAt = 0;
      for (int k = 0; k < kept.size(); k++) {
        int inline = keptStarts[k] - at;
        if (inline > 0) {
          consumer.accept(arena, arenaAt, inline);
        }
        at += inline;
        arenaAt += inline;
        byte[] value = kept.get(k);
        consumer.accept(value, 0, value.length);
        at += value.length;
      }
      if (arenaLength > arenaAt) {
        consumer.accept(arena, arenaAt, arenaLength - arenaAt);
      }
    }

    /** Writes the end offsets of the null rows before {@code row}. */
    void fillEnds(int row) {
      if (endsFilled < row) {
        Arrays.fill(ends, endsFilled + 1, row + 1, length);
        endsFilled = row;
      }
    }

    void clear(int rows) {
      arenaLength = 0;
      length = 0;
      endsFilled = 0;
      kept.clear();
      validity.clear(rows);
    }
  }

  /** The most rows a batch holds. */
  final int maxRows;

  private int capacity;
  long[] seq;
  long[] ts;
  long[] duration;
  short[] func;
  // MAX_PARAMS slots per row; the first paramCount of each row are set (see paramSlots).
  long[] params;
  final Validity paramSlots = new Validity();
  int[] errno;
  final Validity errnoValid = new Validity();
  long[] result;
  final Validity resultValid = new Validity();
  int[] fd;
  final Validity fdValid = new Validity();
  long[] size;
  final Validity sizeValid = new Validity();
  final Bytes data = new Bytes();
  final Bytes path = new Bytes();
  final Bytes memWrites = new Bytes();
  final Bytes proto = new Bytes();
  final Bytes localAddr = new Bytes();
  final Bytes peerAddr = new Bytes();
  int rows;

  RowBuffer(int maxRows) {
    this(maxRows, Math.min(maxRows, INITIAL_ROWS));
  }

  private RowBuffer(int maxRows, int rowCapacity) {
    this.maxRows = maxRows;
    resize(rowCapacity);
  }

  /** An empty buffer with the room another has grown to. */
  static RowBuffer sizedLike(RowBuffer other) {
    RowBuffer buffer = new RowBuffer(other.maxRows, other.capacity);
    Bytes[] columns = buffer.variableColumns();
    Bytes[] others = other.variableColumns();
    for (int c = 0; c < columns.length; c++) {
      columns[c].arena = new byte[others[c].arena.length];
    }
    return buffer;
  }

  // Starts small and grows fourfold, so a short run doesn't pay for a whole batch of room.
  private void resize(int rowCapacity) {
    capacity = rowCapacity;
    seq = Arrays.copyOf(seq == null ? new long[0] : seq, capacity);
    ts = Arrays.copyOf(ts == null ? new long[0] : ts, capacity);
    duration = Arrays.copyOf(duration == null ? new long[0] : duration, capacity);
    func = Arrays.copyOf(func == null ? new short[0] : func, capacity);
    params = Arrays.copyOf(params == null ? new long[0] : params, capacity * LogSchema.MAX_PARAMS);
    paramSlots.resize(capacity * LogSchema.MAX_PARAMS);
    errno = Arrays.copyOf(errno == null ? new int[0] : errno, capacity);
    result = Arrays.copyOf(result == null ? new long[0] : result, capacity);
    fd = Arrays.copyOf(fd == null ? new int[0] : fd, capacity);
    size = Arrays.copyOf(size == null ? new long[0] : size, capacity);
    for (Validity validity : new Validity[] {errnoValid, resultValid, fdValid, sizeValid}) {
      validity.resize(capacity);
    }
    for (Bytes column : variableColumns()) {
      column.resize(capacity);
    }
  }

  boolean isFull() {
    return rows == maxRows;
  }

  /** Bytes held in the variable-width columns. */
  long variableBytes() {
    return (long) data.length + memWrites.length;
  }

  void add(LogRow row) {
    int i = rows;
    if (i == capacity) {
      resize(Math.min(maxRows, capacity * 4));
    }
    seq[i] = row.seq;
    ts[i] = row.tsNanos;
    duration[i] = row.durationNanos;
    func[i] = (short) row.funcId;
    addParams(i, row.params, row.paramCount);
    if (row.hasErrno) {
      errno[i] = row.errno;
      errnoValid.set(i);
    }
    if (row.hasResult) {
      result[i] = row.result;
      resultValid.set(i);
    }
    if (row.hasFd) {
      fd[i] = row.fd;
      fdValid.set(i);
    }
    if (row.hasSize) {
      size[i] = row.size;
      sizeValid.set(i);
    }
    if (row.data != null) {
      addData(i, row);
    }
    if (row.path != null || row.proto != null || row.localAddr != null || row.peerAddr != null) {
      addTexts(i, row);
    }
    if (row.memWrites != null) {
      memWrites.add(i, row.memWrites, row.memWritesLength);
    }
    rows = i + 1;
  }

  private void addParams(int row, long[] values, int count) {
    int base = row * LogSchema.MAX_PARAMS;
    System.arraycopy(values, 0, params, base, count);
    for (int p = 0; p < count; p++) {
      paramSlots.set(base + p);
    }
  }

  private void addData(int row, LogRow values) {
    if (values.dataHandedOver && values.dataLength >= KEEP_THRESHOLD) {
      data.keep(row, values.data);
    } else {
      data.add(row, values.data, values.dataLength);
    }
  }

  private void addTexts(int row, LogRow values) {
    text(path, row, values.path);
    text(proto, row, values.proto);
    text(localAddr, row, values.localAddr);
    text(peerAddr, row, values.peerAddr);
  }

  private static void text(Bytes column, int row, String value) {
    if (value != null) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      column.add(row, utf8, utf8.length);
    }
  }

  Bytes[] variableColumns() {
    return new Bytes[] {data, path, memWrites, proto, localAddr, peerAddr};
  }

  /** Completes the lazily written parts; called once the batch is handed over, before encoding. */
  void seal() {
    for (Bytes column : variableColumns()) {
      column.fillEnds(rows);
    }
  }

  void reset() {
    for (Validity validity : new Validity[] {errnoValid, resultValid, fdValid, sizeValid}) {
      validity.clear(rows);
    }
    for (Bytes column : variableColumns()) {
      column.clear(rows);
    }
    // Parameter values of unused slots are left as they were: their validity bit says null.
    paramSlots.clear(rows * LogSchema.MAX_PARAMS);
    rows = 0;
  }
}
