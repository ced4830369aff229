package dev.wasitrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.log.LogSchema;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

class LogColumnsTest {
  private static final List<Field> NEWEST = LogSchema.schema(Map.of()).getFields();

  @Test
  void anOlderLogGetsTheColumnsAddedAfterItsLast() {
    List<Field> format2 = NEWEST.subList(0, NEWEST.size() - 1);
    assertEquals(NEWEST, LogColumns.newest(format2));
    assertEquals(List.of(NEWEST.get(NEWEST.size() - 1)), LogColumns.missing(format2, NEWEST));
    assertEquals(LogSchema.PATH2, LogColumns.missing(format2, NEWEST).get(0).getName());
    assertEquals(List.of(), LogColumns.missing(NEWEST, NEWEST));
  }

  @Test
  void columnsThatAreNoPrefixAreRefused() {
    List<Field> reordered = new java.util.ArrayList<>(NEWEST);
    java.util.Collections.swap(reordered, 0, 1);
    assertNull(LogColumns.missing(reordered, NEWEST));
    assertNull(LogColumns.missing(NEWEST, NEWEST.subList(0, 3)));
  }

  @Test
  void aMissingColumnIsAllNulls() {
    try (RootAllocator allocator = new RootAllocator();
        FieldVector nulls = LogColumns.nulls(NEWEST.get(NEWEST.size() - 1), 1000, allocator)) {
      assertEquals(1000, nulls.getValueCount());
      assertEquals(1000, nulls.getNullCount());
      assertTrue(nulls.isNull(999));
    }
  }
}
