package dev.wasitrace.analyzer;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * A log batch's vectors taken out of its reader: moved (the first log, whose allocator the stream
 * exports from) or copied into the stream's allocator (every later log, which then closes).
 */
final class BatchCopies {
  private BatchCopies() {}

  /** The batch's vectors, their buffers moved out of the reader's root. */
  static List<FieldVector> moveOut(VectorSchemaRoot root) {
    List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors().size() + 1);
    for (FieldVector vector : root.getFieldVectors()) {
      var transfer = vector.getTransferPair(vector.getAllocator());
      transfer.transfer();
      vectors.add((FieldVector) transfer.getTo());
    }
    return vectors;
  }

  /** The batch's buffers copied into {@code allocator}, one memory copy each. */
  static List<FieldVector> copyOut(VectorSchemaRoot source, BufferAllocator allocator) {
    VectorSchemaRoot target = VectorSchemaRoot.create(source.getSchema(), allocator);
    List<ArrowBuf> copies = new ArrayList<>();
    try (ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
      for (ArrowBuf buffer : batch.getBuffers()) {
        long length = buffer.readableBytes();
        ArrowBuf copy = allocator.buffer(length);
        copy.setBytes(0, buffer, buffer.readerIndex(), length);
        copy.writerIndex(length);
        copies.add(copy);
      }
      try (ArrowRecordBatch copied =
          new ArrowRecordBatch(batch.getLength(), batch.getNodes(), copies)) {
        new VectorLoader(target).load(copied);
      }
    } finally {
      copies.forEach(ArrowBuf::close);
    }
    return new ArrayList<>(target.getFieldVectors());
  }

  /** A dictionary's values copied into {@code allocator}; the caller closes them. */
  static VarCharVector copy(VarCharVector source, BufferAllocator allocator) {
    VarCharVector copy = new VarCharVector(source.getField(), allocator);
    copy.allocateNew(source.getValueCount());
    for (int i = 0; i < source.getValueCount(); i++) {
      copy.setSafe(i, source.get(i));
    }
    copy.setValueCount(source.getValueCount());
    return copy;
  }
}
