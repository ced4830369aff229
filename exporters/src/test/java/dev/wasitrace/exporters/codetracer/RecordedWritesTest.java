package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedWritesTest {
  @Test
  void readsInlineAndDataEntries() {
    byte[] data = "hello".getBytes(StandardCharsets.US_ASCII);
    RecordedWrites writes =
        RecordedWrites.of(new Writes().fromData(100, 5).u32(200, 5).bytes(), data);
    assertArrayEquals(data, writes.bytes(100, 5));
    assertArrayEquals("ell".getBytes(StandardCharsets.US_ASCII), writes.bytes(101, 3));
    assertEquals(5, writes.unsigned(200, 4));
  }

  @Test
  void aRangeTheHostDidNotWriteWhollyIsUnknown() {
    RecordedWrites writes = RecordedWrites.of(new Writes().u32(200, 7).bytes(), null);
    assertNull(writes.bytes(198, 4));
    assertNull(writes.bytes(202, 4));
    assertEquals(-1, writes.unsigned(300, 1));
    assertEquals(-1, RecordedWrites.of(null, null).unsigned(0, 4));
  }

  @Test
  void laterWritesWinAndWritesSpanEntries() {
    byte[] zeros = new byte[24];
    RecordedWrites writes =
        RecordedWrites.of(new Writes().at(0, zeros).at(0, (byte) 4).u64(8, 0x40).bytes(), null);
    assertEquals(4, writes.unsigned(0, 1), "the field written after the zeroing");
    assertEquals(0x40, writes.unsigned(8, 8));
    assertEquals(0, writes.unsigned(2, 2));
    RecordedWrites split =
        RecordedWrites.of(new Writes().u32(0, 0x0201).u32(4, 0x0403).bytes(), null);
    assertEquals(0x0000_0403_0000_0201L, split.unsigned(0, 8));
  }

  @Test
  void aTruncatedEncodingKeepsItsWholeEntries() {
    byte[] full = new Writes().u32(8, 1).u32(16, 2).bytes();
    RecordedWrites writes = RecordedWrites.of(java.util.Arrays.copyOf(full, full.length - 2), null);
    assertEquals(1, writes.unsigned(8, 4));
    assertEquals(-1, writes.unsigned(16, 4));
  }

  @Test
  void stringArraysFollowThePointersIntoTheBuffer() {
    // argv at 1000: two pointers; the buffer at 2000: "prog\0-v\0".
    byte[] encoded = new Writes().u32(1000, 2000).u32(1004, 2005).text(2000, "prog\0-v\0").bytes();
    assertEquals(List.of("prog", "-v"), RecordedWrites.of(encoded, null).stringArray(1000, 2000));
    assertEquals(List.of(), RecordedWrites.of(encoded, null).stringArray(1000, 3000));
    assertNull(RecordedWrites.of(null, null).stringArray(1000, 2000));
  }
}
