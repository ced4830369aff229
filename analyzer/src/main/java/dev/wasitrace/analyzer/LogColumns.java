package dev.wasitrace.analyzer;

import dev.wasitrace.log.LogSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The columns logs of every format version are loaded with: the newest format's. A log format adds
 * columns only at the end (see {@link LogSchema}), so an older log's columns are a prefix of the
 * newest's, and its batches get the columns it lacks as nulls.
 */
final class LogColumns {
  private LogColumns() {}

  /** A log's columns, followed by those the newest format added after them. */
  static List<Field> newest(List<Field> logFields) {
    Set<String> names = new HashSet<>();
    logFields.forEach(field -> names.add(field.getName()));
    List<Field> fields = new ArrayList<>(logFields);
    for (Field field : LogSchema.schema(Map.of()).getFields()) {
      if (!names.contains(field.getName())) {
        fields.add(field);
      }
    }
    return fields;
  }

  /**
   * The columns a log lacks to have {@code all}, or null when its columns are no prefix of them.
   */
  static List<Field> missing(List<Field> logFields, List<Field> all) {
    if (logFields.size() > all.size() || !all.subList(0, logFields.size()).equals(logFields)) {
      return null;
    }
    return all.subList(logFields.size(), all.size());
  }

  /** A column of {@code rows} nulls. */
  static FieldVector nulls(Field field, int rows, BufferAllocator allocator) {
    FieldVector vector = field.createVector(allocator);
    vector.setInitialCapacity(rows);
    vector.allocateNew();
    vector.setValueCount(rows);
    return vector;
  }
}
