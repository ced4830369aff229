package dev.wasitrace.log;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Turns a {@link RowBuffer} into one compressed Arrow record batch on a channel. Runs on the writer
 * thread and owns the Arrow vectors, which keep their buffers from batch to batch (they only grow):
 * allocating and zeroing fresh off-heap memory per batch cost more than the copies themselves.
 */
final class BatchEncoder implements AutoCloseable {
  /** Buffers of a variable-width vector: validity, offsets, values. */
  private static final int DATA_BUFFER = 2;

  private final VectorSchemaRoot root;
  private final LogVectors v;
  private final CompressionCodec codec;
  // Validity bitmaps are built here one column at a time (each is copied out before the next).
  private byte[] scratchBits = new byte[0];

  BatchEncoder(VectorSchemaRoot root, CompressionCodec codec) {
    this.root = root;
    this.v = new LogVectors(root);
    this.codec = codec;
  }

  void write(RowBuffer rows, WriteChannel channel) throws IOException {
    int n = rows.rows;
    rows.seal();
    longs(v.seq, rows.seq, null, n);
    longs(v.ts, rows.ts, null, n);
    longs(v.duration, rows.duration, null, n);
    room(v.func, n);
    ArrowBuf funcs = v.func.getDataBuffer();
    for (int i = 0; i < n; i++) {
      funcs.setShort(i * 2L, rows.func[i >> RowBuffer.CHUNK_SHIFT][i & RowBuffer.CHUNK_MASK]);
    }
    allValid(v.func.getValidityBuffer(), n);
    ints(v.errno, rows.errno, optional(rows, RowBuffer.HAS_ERRNO), n);
    longs(v.result, rows.result, optional(rows, RowBuffer.HAS_RESULT), n);
    ints(v.fd, rows.fd, optional(rows, RowBuffer.HAS_FD), n);
    longs(v.size, rows.size, optional(rows, RowBuffer.HAS_SIZE), n);
    params(rows, n);
    // With our codec, the data column's bytes are compressed from the row buffer directly.
    ZstdBatchCodec batchCodec = codec instanceof ZstdBatchCodec c ? c : null;
    variable(v.data, rows.data, n, batchCodec == null);
    variable(v.path, rows.path, n, true);
    variable(v.memWrites, rows.memWrites, n, true);
    variable(v.proto, rows.proto, n, true);
    variable(v.localAddr, rows.localAddr, n, true);
    variable(v.peerAddr, rows.peerAddr, n, true);
    variable(v.path2, rows.path2, n, true);
    root.setRowCount(n);
    ArrowRecordBatch batch;
    if (batchCodec != null) {
      batchCodec.startBatch();
      batch = unload(n, batchCodec, rows.data);
    } else {
      batch = new VectorUnloader(root, true, codec, true).getRecordBatch();
    }
    try (batch) {
      MessageSerializer.serialize(channel, batch, IpcOption.DEFAULT);
    }
  }

  /**
   * What Arrow's VectorUnloader does (a node per vector, every buffer compressed), except that the
   * data column's value bytes come from the row buffer rather than from its vector.
   */
  private ArrowRecordBatch unload(int rows, ZstdBatchCodec batchCodec, RowBuffer.Bytes data)
      throws IOException {
    List<ArrowFieldNode> nodes = new ArrayList<>();
    List<ArrowBuf> buffers = new ArrayList<>();
    try {
      for (FieldVector vector : root.getFieldVectors()) {
        append(vector, nodes, buffers, batchCodec, data);
      }
    } catch (IOException | RuntimeException e) {
      buffers.forEach(ArrowBuf::close);
      throw e;
    }
    return new ArrowRecordBatch(
        rows,
        nodes,
        buffers,
        CompressionUtil.createBodyCompression(batchCodec),
        List.of(),
        true,
        false);
  }

  private void append(
      FieldVector vector,
      List<ArrowFieldNode> nodes,
      List<ArrowBuf> buffers,
      ZstdBatchCodec batchCodec,
      RowBuffer.Bytes data)
      throws IOException {
    nodes.add(new ArrowFieldNode(vector.getValueCount(), vector.getNullCount()));
    List<ArrowBuf> fieldBuffers = vector.getFieldBuffers();
    for (int b = 0; b < fieldBuffers.size(); b++) {
      if (vector == v.data && b == DATA_BUFFER) {
        buffers.add(batchCodec.compressValues(data));
        continue;
      }
      ArrowBuf buffer = fieldBuffers.get(b);
      // The codec releases its input; the vector keeps its buffer for the next batch.
      buffer.getReferenceManager().retain();
      buffers.add(batchCodec.compress(vector.getAllocator(), buffer));
    }
    for (FieldVector child : vector.getChildrenFromFields()) {
      append(child, nodes, buffers, batchCodec, data);
    }
  }

  private void params(RowBuffer rows, int n) {
    if (v.params.getValueCapacity() < n) {
      v.params.setInitialCapacity(grown(n));
      v.params.allocateNew();
    }
    allValid(v.params.getValidityBuffer(), n);
    int slots = n * LogSchema.MAX_PARAMS;
    ArrowBuf values = v.paramValues.getDataBuffer();
    // Unpacked into MAX_PARAMS slots a row; unused slots are zero (null by their validity).
    values.setZero(0, slots * 8L);
    for (int first = 0; first < n; first += RowBuffer.CHUNK_ROWS) {
      // The row buffer packs each chunk's parameters one row after another.
      long[] packed = rows.params[first >> RowBuffer.CHUNK_SHIFT];
      int[] shapes = rows.shape[first >> RowBuffer.CHUNK_SHIFT];
      int chunkRows = Math.min(RowBuffer.CHUNK_ROWS, n - first);
      int at = 0;
      for (int j = 0; j < chunkRows; j++) {
        long slot = (long) (first + j) * LogSchema.MAX_PARAMS * 8;
        for (int count = shapes[j] & RowBuffer.PARAM_COUNT; count > 0; count--) {
          values.setLong(slot, packed[at++]);
          slot += 8;
        }
      }
    }
    byte[] slotBits = bits(slots);
    rows.paramValidity(slotBits);
    v.paramValues.getValidityBuffer().setBytes(0, slotBits, 0, (slots + 7) / 8);
  }

  private static void longs(
      BaseFixedWidthVector vector, long[][] values, byte[] validity, int rows) {
    room(vector, rows);
    ArrowBuf buffer = vector.getDataBuffer();
    for (int i = 0; i < rows; i++) {
      buffer.setLong(i * 8L, values[i >> RowBuffer.CHUNK_SHIFT][i & RowBuffer.CHUNK_MASK]);
    }
    validity(vector, validity, rows);
  }

  private static void ints(BaseFixedWidthVector vector, int[][] values, byte[] validity, int rows) {
    room(vector, rows);
    ArrowBuf buffer = vector.getDataBuffer();
    for (int i = 0; i < rows; i++) {
      buffer.setInt(i * 4L, values[i >> RowBuffer.CHUNK_SHIFT][i & RowBuffer.CHUNK_MASK]);
    }
    validity(vector, validity, rows);
  }

  private static void room(BaseFixedWidthVector vector, int rows) {
    if (vector.getValueCapacity() < rows) {
      vector.setInitialCapacity(grown(rows));
      vector.allocateNew();
    }
  }

  private static void validity(BaseFixedWidthVector vector, byte[] validity, int rows) {
    if (validity == null) {
      allValid(vector.getValidityBuffer(), rows);
    } else {
      vector.getValidityBuffer().setBytes(0, validity, 0, (rows + 7) / 8);
    }
  }

  /** The validity of an optional column, built in a scratch array reused from batch to batch. */
  private byte[] optional(RowBuffer rows, int flag) {
    byte[] bits = bits(rows.rows);
    rows.validity(flag, bits);
    return bits;
  }

  private byte[] bits(int count) {
    int bytes = (count + 7) / 8;
    if (scratchBits.length < bytes) {
      scratchBits = new byte[bytes];
    }
    return scratchBits;
  }

  private static void variable(
      BaseVariableWidthVector vector, RowBuffer.Bytes column, int rows, boolean copyValues)
      throws IOException {
    long valueRoom = copyValues ? column.length : 0;
    if (vector.getValueCapacity() < rows || vector.getDataBuffer().capacity() < valueRoom) {
      vector.allocateNew(grown(Math.max(valueRoom, 1)), grown(rows));
    }
    ArrowBuf offsets = vector.getOffsetBuffer();
    for (int i = 0; i <= rows; i++) {
      offsets.setInt(i * 4L, column.ends[i]);
    }
    vector.getValidityBuffer().setBytes(0, column.validity.bits, 0, (rows + 7) / 8);
    if (copyValues) {
      ArrowBuf values = vector.getDataBuffer();
      long[] at = {0};
      column.forEachRun(
          (bytes, from, count) -> {
            values.setBytes(at[0], bytes, from, count);
            at[0] += count;
          });
    }
    vector.setLastSet(rows - 1);
    vector.setValueCount(rows);
  }

  private static void allValid(ArrowBuf validity, int rows) {
    int fullBytes = rows / 8;
    for (long b = 0; b < fullBytes; b++) {
      validity.setByte(b, 0xFF);
    }
    if (rows % 8 != 0) {
      validity.setByte(fullBytes, (1 << (rows % 8)) - 1);
    }
  }

  /** Room for growth, so a few bigger batches don't each reallocate. */
  private static int grown(int needed) {
    return (int) grown((long) needed);
  }

  /** The next power of two at or above {@code needed} (at least 1). */
  private static long grown(long needed) {
    return needed <= 1 ? 1 : Long.highestOneBit(needed - 1) << 1;
  }

  @Override
  public void close() {
    root.close();
    if (codec instanceof ZstdBatchCodec batchCodec) {
      batchCodec.close();
    }
  }
}
