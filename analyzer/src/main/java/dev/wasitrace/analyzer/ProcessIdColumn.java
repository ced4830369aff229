package dev.wasitrace.analyzer;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The {@code process_id} column the loader adds to every log's batches: dictionary-encoded, a
 * one-value dictionary per log and index 0 on every row, so that a row costs four bytes, not its
 * 36-character ID.
 */
final class ProcessIdColumn {
  static final String NAME = "process_id";
  static final long DICTIONARY_ID = 1;
  private static final ArrowType.Int INDEX = new ArrowType.Int(32, true);
  static final Field FIELD =
      new Field(
          NAME,
          new FieldType(false, INDEX, new DictionaryEncoding(DICTIONARY_ID, false, INDEX)),
          null);

  private ProcessIdColumn() {}

  /** The one-value dictionary of a process's ID; the caller closes it. */
  static VarCharVector dictionary(String id, BufferAllocator allocator) {
    VarCharVector values = new VarCharVector(NAME, allocator);
    values.allocateNew(1);
    values.setSafe(0, id.getBytes(StandardCharsets.UTF_8));
    values.setValueCount(1);
    return values;
  }

  /** Index 0 (the process's ID) on every row: zeroed values, every row valid. */
  static IntVector indexes(int rows, BufferAllocator allocator) {
    IntVector indexes = (IntVector) FIELD.createVector(allocator);
    indexes.allocateNew(rows);
    indexes.getDataBuffer().setZero(0, (long) rows * IntVector.TYPE_WIDTH);
    indexes.getValidityBuffer().setOne(0L, (rows + 7) / 8L);
    indexes.setValueCount(rows);
    return indexes;
  }
}
