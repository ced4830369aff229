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
 *
 * <p>Columns are held in chunks of {@link #CHUNK_ROWS} rows, added as rows arrive: nothing is
 * copied to grow, a short run holds little, and no array is big enough for G1 to treat it as
 * humongous (each of those started a concurrent collection).
 */
final class RowBuffer {
  static final int CHUNK_SHIFT = 12;
  static final int CHUNK_ROWS = 1 << CHUNK_SHIFT;
  static final int CHUNK_MASK = CHUNK_ROWS - 1;

  /** Bytes per arena chunk of a variable-width column. */
  static final int ARENA_CHUNK = 64 * 1024;

  /** Data at least this long is kept by reference when its owner hands it over (see LogRow). */
  static final int KEEP_THRESHOLD = 4096;

  /** A validity bitmap, laid out as Arrow's: bit {@code i % 8} of byte {@code i / 8}. */
  static final class Validity {
    byte[] bits = new byte[0];

    void ensure(int rows) {
      if (bits.length < (rows + 7) / 8) {
        bits = Arrays.copyOf(bits, (rows + 7) / 8);
      }
    }

    void set(int row) {
      bits[row >> 3] |= (byte) (1 << (row & 7));
    }

    void clear(int rows) {
      Arrays.fill(bits, 0, (rows + 7) / 8, (byte) 0);
    }
  }

  /**
   * A variable-width column. Values are copied into an arena of fixed-size chunks, except long
   * values handed over by their owner, which are kept by reference ({@code kept}). The end offsets
   * of null rows are filled in lazily, so a null costs nothing when added.
   */
  static final class Bytes {
    final List<byte[]> arena = new ArrayList<>();
    int arenaLength;
    // The arena chunk being filled (the one at arenaLength, unless that is a chunk boundary).
    private byte[] filling;
    // The logical length: arena bytes plus kept values.
    int length;
    int[] ends = new int[1];
    // Rows whose end offset is written.
    int endsFilled;
    final Validity validity = new Validity();
    // Kept values, in row order, with their logical start.
    final List<byte[]> kept = new ArrayList<>();
    int[] keptStarts = new int[8];

    void ensureRows(int rows) {
      if (ends.length < rows + 1) {
        ends = Arrays.copyOf(ends, rows + 1);
      }
      validity.ensure(rows);
    }

    void add(int row, byte[] bytes, int count) {
      fillEnds(row);
      int inChunk = arenaLength & (ARENA_CHUNK - 1);
      if (inChunk != 0 && count <= ARENA_CHUNK - inChunk) {
        // The common case: the value fits in the chunk being filled.
        System.arraycopy(bytes, 0, filling, inChunk, count);
        arenaLength += count;
        end(row, count);
        return;
      }
      for (int from = 0; from < count; ) {
        int chunk = arenaLength / ARENA_CHUNK;
        int offset = arenaLength % ARENA_CHUNK;
        if (chunk == arena.size()) {
          arena.add(new byte[ARENA_CHUNK]);
        }
        filling = arena.get(chunk);
        int piece = Math.min(count - from, ARENA_CHUNK - offset);
        System.arraycopy(bytes, from, filling, offset, piece);
        from += piece;
        arenaLength += piece;
      }
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
        arenaRun(consumer, arenaAt, inline);
        at += inline;
        arenaAt += inline;
        byte[] value = kept.get(k);
        consumer.accept(value, 0, value.length);
        at += value.length;
      }
      arenaRun(consumer, arenaAt, arenaLength - arenaAt);
    }

    private void arenaRun(RunConsumer consumer, int from, int count) throws IOException {
      while (count > 0) {
        int offset = from % ARENA_CHUNK;
        int piece = Math.min(count, ARENA_CHUNK - offset);
        consumer.accept(arena.get(from / ARENA_CHUNK), offset, piece);
        from += piece;
        count -= piece;
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

  static final int PARAM_COUNT = 0xF;
  static final int HAS_ERRNO = 1 << 4;
  static final int HAS_RESULT = 1 << 5;
  static final int HAS_FD = 1 << 6;
  static final int HAS_SIZE = 1 << 7;

  /** The most rows a batch holds. */
  final int maxRows;

  // Chunks allocated so far; chunk c holds rows c * CHUNK_ROWS onwards.
  private int chunks;
  final long[][] seq;
  final long[][] ts;
  final long[][] duration;
  final short[][] func;
  // Each row's parameters, packed one row after another within a chunk (a row's count is in
  // shape): the guest's thread touches only the values a call has, not MAX_PARAMS slots.
  final long[][] params;
  // Values packed into the current chunk of params so far.
  private int paramsFill;
  final int[][] errno;
  final long[][] result;
  final int[][] fd;
  final long[][] size;
  // Per row, its parameter count and which optional columns it has: one store on the guest's
  // thread, from which the writer thread builds the validity bitmaps.
  final int[][] shape;
  final Bytes data = new Bytes();
  final Bytes path = new Bytes();
  final Bytes memWrites = new Bytes();
  final Bytes proto = new Bytes();
  final Bytes localAddr = new Bytes();
  final Bytes peerAddr = new Bytes();
  final Bytes path2 = new Bytes();
  int rows;

  RowBuffer(int maxRows) {
    this.maxRows = maxRows;
    int most = (maxRows + CHUNK_ROWS - 1) >> CHUNK_SHIFT;
    seq = new long[most][];
    ts = new long[most][];
    duration = new long[most][];
    func = new short[most][];
    params = new long[most][];
    errno = new int[most][];
    result = new long[most][];
    fd = new int[most][];
    size = new long[most][];
    shape = new int[most][];
  }

  private void addChunk() {
    int c = chunks++;
    seq[c] = new long[CHUNK_ROWS];
    ts[c] = new long[CHUNK_ROWS];
    duration[c] = new long[CHUNK_ROWS];
    func[c] = new short[CHUNK_ROWS];
    params[c] = new long[CHUNK_ROWS * LogSchema.MAX_PARAMS];
    errno[c] = new int[CHUNK_ROWS];
    result[c] = new long[CHUNK_ROWS];
    fd[c] = new int[CHUNK_ROWS];
    size[c] = new long[CHUNK_ROWS];
    shape[c] = new int[CHUNK_ROWS];
    for (Bytes column : variableColumns()) {
      column.ensureRows(chunks * CHUNK_ROWS);
    }
  }

  boolean isFull() {
    return rows == maxRows;
  }

  /** The seq of the first row (0 while there is none). */
  long firstSeq() {
    return rows == 0 ? 0 : seq[0][0];
  }

  /** Bytes held in the variable-width columns. */
  long variableBytes() {
    return (long) data.length + memWrites.length;
  }

  void add(LogRow row) {
    int i = rows;
    int c = i >> CHUNK_SHIFT;
    int j = i & CHUNK_MASK;
    if (c == chunks) {
      addChunk();
    }
    if (j == 0) {
      paramsFill = 0;
    }
    seq[c][j] = row.seq;
    ts[c][j] = row.tsNanos;
    duration[c][j] = row.durationNanos;
    func[c][j] = (short) row.funcId;
    System.arraycopy(row.params, 0, params[c], paramsFill, row.paramCount);
    paramsFill += row.paramCount;
    int rowShape = row.paramCount;
    if (row.hasErrno) {
      errno[c][j] = row.errno;
      rowShape |= HAS_ERRNO;
    }
    if (row.hasResult) {
      result[c][j] = row.result;
      rowShape |= HAS_RESULT;
    }
    if (row.hasFd) {
      fd[c][j] = row.fd;
      rowShape |= HAS_FD;
    }
    if (row.hasSize) {
      size[c][j] = row.size;
      rowShape |= HAS_SIZE;
    }
    shape[c][j] = rowShape;
    if (row.data != null) {
      addData(i, row);
    }
    if (row.path != null
        || row.proto != null
        || row.localAddr != null
        || row.peerAddr != null
        || row.path2 != null) {
      addTexts(i, row);
    }
    if (row.memWrites != null) {
      memWrites.add(i, row.memWrites, row.memWritesLength);
    }
    rows = i + 1;
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
    text(path2, row, values.path2);
  }

  private static void text(Bytes column, int row, String value) {
    if (value != null) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      column.add(row, utf8, utf8.length);
    }
  }

  Bytes[] variableColumns() {
    return new Bytes[] {data, path, memWrites, proto, localAddr, peerAddr, path2};
  }

  /**
   * Arrow's validity bitmap of an optional fixed-width column ({@code HAS_*}), into {@code bits}.
   */
  void validity(int flag, byte[] bits) {
    Arrays.fill(bits, 0, (rows + 7) / 8, (byte) 0);
    for (int i = 0; i < rows; i++) {
      if ((shape[i >> CHUNK_SHIFT][i & CHUNK_MASK] & flag) != 0) {
        bits[i >> 3] |= (byte) (1 << (i & 7));
      }
    }
  }

  /** The validity bitmap of the parameter slots: the first paramCount of each row. */
  void paramValidity(byte[] bits) {
    Arrays.fill(bits, 0, (rows * LogSchema.MAX_PARAMS + 7) / 8, (byte) 0);
    for (int i = 0; i < rows; i++) {
      int base = i * LogSchema.MAX_PARAMS;
      int count = shape[i >> CHUNK_SHIFT][i & CHUNK_MASK] & PARAM_COUNT;
      for (int p = 0; p < count; p++) {
        bits[(base + p) >> 3] |= (byte) (1 << ((base + p) & 7));
      }
    }
  }

  /** Completes the lazily written parts; called once the batch is handed over, before encoding. */
  void seal() {
    for (Bytes column : variableColumns()) {
      column.fillEnds(rows);
    }
  }

  void reset() {
    for (Bytes column : variableColumns()) {
      column.clear(rows);
    }
    rows = 0;
  }
}
