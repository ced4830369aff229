package dev.wasitrace.log;

import java.io.IOException;
import java.util.List;
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
    fixed(v.seq, n);
    fixed(v.ts, n);
    fixed(v.duration, n);
    fixed(v.func, n);
    fixed(v.errno, n);
    fixed(v.result, n);
    fixed(v.fd, n);
    fixed(v.size, n);
    v.params.setInitialCapacity(n);
    v.params.allocateNew();
    ArrowBuf seqBuf = v.seq.getDataBuffer();
    ArrowBuf tsBuf = v.ts.getDataBuffer();
    ArrowBuf durationBuf = v.duration.getDataBuffer();
    ArrowBuf funcBuf = v.func.getDataBuffer();
    ArrowBuf paramBuf = v.paramValues.getDataBuffer();
    ArrowBuf paramValid = v.paramValues.getValidityBuffer();
    for (int i = 0; i < n; i++) {
      seqBuf.setLong((long) i * 8, rows.seq[i]);
      tsBuf.setLong((long) i * 8, rows.ts[i]);
      durationBuf.setLong((long) i * 8, rows.duration[i]);
      funcBuf.setShort((long) i * 2, rows.func[i]);
      int base = i * LogSchema.MAX_PARAMS;
      for (int p = 0; p < rows.paramCount[i]; p++) {
        paramBuf.setLong((long) (base + p) * 8, rows.params[base + p]);
        BitVectorHelper.setBit(paramValid, base + p);
      }
      int f = rows.flags[i];
      if ((f & RowBuffer.HAS_ERRNO) != 0) {
        v.errno.set(i, rows.errno[i]);
      }
      if ((f & RowBuffer.HAS_RESULT) != 0) {
        v.result.set(i, rows.result[i]);
      }
      if ((f & RowBuffer.HAS_FD) != 0) {
        v.fd.set(i, rows.fd[i]);
      }
      if ((f & RowBuffer.HAS_SIZE) != 0) {
        v.size.set(i, rows.size[i]);
      }
    }
    for (FieldVector vector : List.<FieldVector>of(v.seq, v.ts, v.duration, v.func, v.params)) {
      allValid(vector.getValidityBuffer(), n);
    }
    variable(v.data, rows.data, rows.flags, RowBuffer.HAS_DATA, n);
    variable(v.memWrites, rows.memWrites, rows.flags, RowBuffer.HAS_MEM_WRITES, n);
    v.path.allocateNew(n);
    for (int i = 0; i < n; i++) {
      if (rows.paths[i] != null) {
        v.path.setSafe(i, rows.paths[i]);
      }
    }
    root.setRowCount(n);
    try (ArrowRecordBatch batch = new VectorUnloader(root, true, codec, true).getRecordBatch()) {
      MessageSerializer.serialize(channel, batch, IpcOption.DEFAULT);
    }
  }

  private static void fixed(BaseFixedWidthVector vector, int rows) {
    vector.setInitialCapacity(Math.max(rows, 1));
    vector.allocateNew();
  }

  private static void variable(
      BaseVariableWidthVector vector, RowBuffer.Bytes bytes, byte[] flags, int flag, int rows) {
    vector.allocateNew(Math.max(bytes.length, 1), Math.max(rows, 1));
    ArrowBuf offsets = vector.getOffsetBuffer();
    ArrowBuf validity = vector.getValidityBuffer();
    for (int i = 0; i <= rows; i++) {
      offsets.setInt((long) i * 4, i == 0 ? 0 : bytes.offsets[i]);
    }
    for (int i = 0; i < rows; i++) {
      if ((flags[i] & flag) != 0) {
        BitVectorHelper.setBit(validity, i);
      }
    }
    vector.getDataBuffer().setBytes(0, bytes.arena, 0, bytes.length);
    vector.setLastSet(rows - 1);
    vector.setValueCount(rows);
  }

  private static void allValid(ArrowBuf validity, int rows) {
    int fullBytes = rows / 8;
    validity.setZero(0, validity.capacity());
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
