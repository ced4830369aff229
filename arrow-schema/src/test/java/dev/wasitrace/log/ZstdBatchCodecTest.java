package dev.wasitrace.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZstdBatchCodecTest {
  private static final int WORDS = 16_384;

  @TempDir Path dir;

  private static ArrowBuf longs(BufferAllocator allocator, LongUnaryOperator value) {
    ArrowBuf buffer = allocator.buffer(WORDS * 8L);
    for (int i = 0; i < WORDS; i++) {
      buffer.setLong(i * 8L, value.applyAsLong(i));
    }
    buffer.writerIndex(WORDS * 8L);
    return buffer;
  }

  private static boolean mostlyRepeats(LongUnaryOperator value) {
    try (BufferAllocator allocator = new RootAllocator();
        ArrowBuf buffer = longs(allocator, value)) {
      return ZstdBatchCodec.mostlyRepeats(buffer, buffer.writerIndex());
    }
  }

  @Test
  void tellsRepetitiveColumnsFromNoisyOnes() {
    assertTrue(mostlyRepeats(i -> 64), "constant");
    assertTrue(mostlyRepeats(i -> i / 10 * 4096), "runs of ten");
    assertFalse(mostlyRepeats(i -> i), "sequence numbers");
    assertFalse(mostlyRepeats(i -> 1_700_000_000_000_000_000L + i * 777 + i % 13), "timestamps");
    assertFalse(mostlyRepeats(i -> i % 2 == 0 ? 64 : i), "half repeats");
  }

  /** A noisy buffer compresses to the same bytes before and after a repetitive one (dfast). */
  @Test
  void theLevelsOwnStrategyComesBackAfterARepetitiveBuffer() throws IOException {
    try (BufferAllocator allocator = new RootAllocator();
        ZstdBatchCodec codec = new ZstdBatchCodec(allocator, 1)) {
      byte[] before = compressed(codec, allocator, i -> i * 7919 % 100_003);
      byte[] repetitive = compressed(codec, allocator, i -> 64);
      byte[] after = compressed(codec, allocator, i -> i * 7919 % 100_003);

      assertArrayEquals(before, after);
      // The constant column took dfast's path: a few dozen bytes, not one per row.
      assertTrue(repetitive.length < 100, repetitive.length + " bytes");
    }
  }

  private static byte[] compressed(
      ZstdBatchCodec codec, BufferAllocator allocator, LongUnaryOperator value) {
    codec.startBatch();
    try (ArrowBuf compressed = codec.compress(allocator, longs(allocator, value))) {
      byte[] bytes = new byte[(int) compressed.writerIndex()];
      compressed.getBytes(0, bytes);
      return bytes;
    }
  }

  /** At the recorder's own options (level 1), repetitive and noisy columns read back as written. */
  @Test
  void aLogAtTheDefaultOptionsReadsBack() throws IOException {
    Path log = dir.resolve("log.arrow");
    int rows = 40_000;
    try (LogWriter writer =
        new LogWriter(log, LogRoundTripTest.FUNCTIONS, Map.of(), LogWriter.Options.DEFAULT)) {
      LogRow row = new LogRow();
      for (int i = 0; i < rows; i++) {
        row.clear()
            .call(i, 1_700_000_000_000_000_000L + i * 777L + i % 13, 300 + i % 7, 0)
            .params(new long[] {1, 1024, 1, 2048})
            .errno(0)
            .fd(1)
            .size(64)
            .result(i / 100);
        writer.append(row);
      }
    }
    int seen = 0;
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        LogBatch batch = reader.batch();
        for (int r = 0; r < batch.rows(); r++, seen++) {
          assertEquals(seen, batch.seq(r));
          assertEquals(1_700_000_000_000_000_000L + seen * 777L + seen % 13, batch.tsNanos(r));
          assertEquals(300 + seen % 7, batch.durationNanos(r));
          assertEquals(64, batch.size(r));
          assertEquals(seen / 100, batch.result(r));
          assertEquals(1, batch.fd(r));
          assertEquals(0, batch.errno(r));
        }
      }
    }
    assertEquals(rows, seen);
  }
}
