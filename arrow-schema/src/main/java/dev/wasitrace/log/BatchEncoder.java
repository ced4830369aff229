package dev.wasitrace.log;

import java.io.IOException;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;

/**
 * Turns a {@link RowBuffer} into one compressed Arrow record batch on a channel. Runs on the writer
 * thread and owns the Arrow vectors, which it reuses from batch to batch.
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
    for (FieldVector vector : root.getFieldVectors()) {
      vector.clear();
    }
    fixed(v.seq, rows.seq, n, false);
    fixed(v.ts, rows.ts, n, false);
    fixed(v.duration, rows.duration, n, false);
    fixed(v.func, rows.func, n, false);
    fixed(v.errno, rows.errno, n, true);
    fixed(v.result, rows.result, n, true);
    fixed(v.fd, rows.fd, n, true);
    fixed(v.size, rows.size, n, true);
    v.params.setInitialCapacity(Math.max(n, 1));
    v.params.allocateNew();
    allValid(v.params.getValidityBuffer(), n);
    int slots = n * LogSchema.MAX_PARAMS;
    v.paramValues.getDataBuffer().setBytes(0, rows.params.values.array(), 0, (long) slots * 8);
    v.paramValues.getValidityBuffer().setBytes(0, rows.paramSlots, 0, (slots + 7) / 8);
    variable(v.data, rows.data, n);
    variable(v.path, rows.path, n);
    variable(v.memWrites, rows.memWrites, n);
    variable(v.proto, rows.proto, n);
    variable(v.localAddr, rows.localAddr, n);
    variable(v.peerAddr, rows.peerAddr, n);
    root.setRowCount(n);
    try (ArrowRecordBatch batch = new VectorUnloader(root, true, codec, true).getRecordBatch()) {
      MessageSerializer.serialize(channel, batch, IpcOption.DEFAULT);
    }
  }

  // Whole columns are copied at once: they are laid out in RowBuffer as Arrow lays them out.

  private static void fixed(
      BaseFixedWidthVector vector, RowBuffer.Fixed column, int rows, boolean nullable) {
    vector.setInitialCapacity(Math.max(rows, 1));
    vector.allocateNew();
    vector.getDataBuffer().setBytes(0, column.values.array(), 0, (long) rows * column.width);
    if (nullable) {
      vector.getValidityBuffer().setBytes(0, column.validity, 0, (rows + 7) / 8);
    } else {
      allValid(vector.getValidityBuffer(), rows);
    }
  }

  private static void variable(BaseVariableWidthVector vector, RowBuffer.Bytes column, int rows) {
    vector.allocateNew(Math.max(column.length, 1), Math.max(rows, 1));
    vector.getOffsetBuffer().setBytes(0, column.offsets.array(), 0, (rows + 1L) * 4);
    vector.getValidityBuffer().setBytes(0, column.validity, 0, (rows + 7) / 8);
    vector.getDataBuffer().setBytes(0, column.arena, 0, column.length);
    vector.setLastSet(rows - 1);
    vector.setValueCount(rows);
  }

  private static void allValid(ArrowBuf validity, int rows) {
    int fullBytes = rows / 8;
    for (long b = 0; b < fullBytes; b++) {
      validity.setByte(b, 0xFF);
    }
    for (int i = fullBytes * 8; i < rows; i++) {
      BitVectorHelper.setBit(validity, i);
    }
  }

  @Override
  public void close() {
    root.close();
  }
}
