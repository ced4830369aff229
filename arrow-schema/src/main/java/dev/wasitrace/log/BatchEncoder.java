package dev.wasitrace.log;

import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Turns a {@link RowBuffer} into one compressed Arrow record batch on a channel. Runs on the writer
 * thread and owns the Arrow vectors, which keep their buffers from batch to batch (they only grow):
 * allocating and zeroing fresh off-heap memory per batch cost more than the copies themselves.
 */
final class BatchEncoder implements AutoCloseable {
  private final VectorSchemaRoot root;
  private final LogVectors v;
  private final CompressionCodec codec;

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
      funcs.setShort(i * 2L, rows.func[i]);
    }
    allValid(v.func.getValidityBuffer(), n);
    ints(v.errno, rows.errno, rows.errnoValid, n);
    longs(v.result, rows.result, rows.resultValid, n);
    ints(v.fd, rows.fd, rows.fdValid, n);
    longs(v.size, rows.size, rows.sizeValid, n);
    params(rows, n);
    variable(v.data, rows.data, n);
    variable(v.path, rows.path, n);
    variable(v.memWrites, rows.memWrites, n);
    variable(v.proto, rows.proto, n);
    variable(v.localAddr, rows.localAddr, n);
    variable(v.peerAddr, rows.peerAddr, n);
    root.setRowCount(n);
    if (codec instanceof ZstdBatchCodec batchCodec) {
      batchCodec.startBatch();
    }
    try (ArrowRecordBatch batch = new VectorUnloader(root, true, codec, true).getRecordBatch()) {
      MessageSerializer.serialize(channel, batch, IpcOption.DEFAULT);
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
    for (int i = 0; i < slots; i++) {
      values.setLong(i * 8L, rows.params[i]);
    }
    v.paramValues.getValidityBuffer().setBytes(0, rows.paramSlots.bits, 0, (slots + 7) / 8);
  }

  private static void longs(
      BaseFixedWidthVector vector, long[] values, RowBuffer.Validity validity, int rows) {
    room(vector, rows);
    ArrowBuf buffer = vector.getDataBuffer();
    for (int i = 0; i < rows; i++) {
      buffer.setLong(i * 8L, values[i]);
    }
    validity(vector, validity, rows);
  }

  private static void ints(
      BaseFixedWidthVector vector, int[] values, RowBuffer.Validity validity, int rows) {
    room(vector, rows);
    ArrowBuf buffer = vector.getDataBuffer();
    for (int i = 0; i < rows; i++) {
      buffer.setInt(i * 4L, values[i]);
    }
    validity(vector, validity, rows);
  }

  private static void room(BaseFixedWidthVector vector, int rows) {
    if (vector.getValueCapacity() < rows) {
      vector.setInitialCapacity(grown(rows));
      vector.allocateNew();
    }
  }

  private static void validity(BaseFixedWidthVector vector, RowBuffer.Validity validity, int rows) {
    if (validity == null) {
      allValid(vector.getValidityBuffer(), rows);
    } else {
      vector.getValidityBuffer().setBytes(0, validity.bits, 0, (rows + 7) / 8);
    }
  }

  private static void variable(BaseVariableWidthVector vector, RowBuffer.Bytes column, int rows) {
    if (vector.getValueCapacity() < rows || vector.getDataBuffer().capacity() < column.length) {
      vector.allocateNew(grown((long) column.length), grown(rows));
    }
    ArrowBuf offsets = vector.getOffsetBuffer();
    for (int i = 0; i <= rows; i++) {
      offsets.setInt(i * 4L, column.ends[i]);
    }
    vector.getValidityBuffer().setBytes(0, column.validity.bits, 0, (rows + 7) / 8);
    copyValues(vector.getDataBuffer(), column);
    vector.setLastSet(rows - 1);
    vector.setValueCount(rows);
  }

  /** The column's bytes in row order: arena runs between the values kept by reference. */
  private static void copyValues(ArrowBuf target, RowBuffer.Bytes column) {
    List<byte[]> kept = column.kept;
    long at = 0;
    int arenaAt = 0;
    for (int k = 0; k < kept.size(); k++) {
      int inline = column.keptStarts[k] - (int) at;
      target.setBytes(at, column.arena, arenaAt, inline);
      at += inline;
      arenaAt += inline;
      byte[] value = kept.get(k);
      target.setBytes(at, value, 0, value.length);
      at += value.length;
    }
    target.setBytes(at, column.arena, arenaAt, column.arenaLength - arenaAt);
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
