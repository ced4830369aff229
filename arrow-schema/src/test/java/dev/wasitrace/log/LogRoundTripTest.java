package dev.wasitrace.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogRoundTripTest {
  static final List<String> FUNCTIONS = List.of("fd_write", "fd_read", "proc_exit");

  @TempDir Path dir;

  static LogWriter.Options options(int batchRows) {
    return new LogWriter.Options(batchRows, 1L << 30, Duration.ofHours(1), 3);
  }

  static void writeRows(LogWriter writer, int from, int count) {
    LogRow row = new LogRow();
    for (int i = from; i < from + count; i++) {
      byte[] data = ("line " + i + "\n").getBytes(StandardCharsets.UTF_8);
      row.clear()
          .call(i, 1_700_000_000_000_000_000L + i * 1000L, 100 + i, i % 2)
          .params(new long[] {1, 1024, 1, 2048})
          .errno(0)
          .fd(1)
          .size(data.length)
          .result(data.length)
          .data(data, data.length);
      if (i % 3 == 0) {
        row.path("dir/file" + i);
      }
      if (i % 4 == 0) {
        row.socket("TCP", "127.0.0.1:" + (40000 + i), "[::1]:8080");
      }
      if (i % 5 == 0) {
        byte[] writes = {1, 2, 3, 4};
        row.memWrites(writes, writes.length);
      }
      writer.append(row);
    }
  }

  @Test
  void everyColumnReadsBackAsWritten() throws IOException {
    Path log = dir.resolve("log.arrow");
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of("k", "v"), options(4))) {
      writeRows(writer, 0, 10);
      LogRow exit = new LogRow();
      exit.clear().call(10, 1_700_000_000_000_010_000L, 5, 2).params(new long[] {3});
      writer.append(exit);
    }
    List<String> seen = new ArrayList<>();
    try (LogReader reader = new LogReader(log)) {
      assertEquals(FUNCTIONS, reader.functionNames());
      assertEquals("v", reader.metadata().get("k"));
      assertEquals(
          Integer.toString(LogSchema.VERSION), reader.metadata().get(LogSchema.META_VERSION));
      while (reader.next()) {
        LogBatch batch = reader.batch();
        for (int r = 0; r < batch.rows(); r++) {
          long seq = batch.seq(r);
          if (seq == 10) {
            assertEquals("proc_exit", batch.func(r));
            assertArrayEquals(new long[] {3}, batch.params(r));
            assertFalse(batch.hasErrno(r));
            assertFalse(batch.hasFd(r));
            assertNull(batch.data(r));
            continue;
          }
          int i = (int) seq;
          assertEquals(1_700_000_000_000_000_000L + i * 1000L, batch.tsNanos(r));
          assertEquals(100 + i, batch.durationNanos(r));
          assertEquals(FUNCTIONS.get(i % 2), batch.func(r));
          assertArrayEquals(new long[] {1, 1024, 1, 2048}, batch.params(r));
          assertEquals(0, batch.errno(r));
          assertEquals(1, batch.fd(r));
          assertEquals("line " + i + "\n", new String(batch.data(r), StandardCharsets.UTF_8));
          assertEquals(batch.data(r).length, batch.size(r));
          assertEquals(i % 3 == 0 ? "dir/file" + i : null, batch.path(r));
          assertArrayEquals(i % 5 == 0 ? new byte[] {1, 2, 3, 4} : null, batch.memWrites(r));
          assertEquals(i % 4 == 0 ? "TCP" : null, batch.proto(r));
          assertEquals(i % 4 == 0 ? "127.0.0.1:" + (40000 + i) : null, batch.localAddr(r));
          assertEquals(i % 4 == 0 ? "[::1]:8080" : null, batch.peerAddr(r));
          seen.add(Long.toString(seq));
        }
      }
      assertNull(reader.truncation());
      assertTrue(reader.complete());
      assertEquals(3, reader.batchesRead()); // 4 + 4 + 3 rows
      assertEquals(11, reader.rowsRead());
    }
    assertEquals(10, seen.size());
  }

  @Test
  void aBatchGrowsBeyondItsInitialRoom() throws IOException {
    Path log = dir.resolve("log.arrow");
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), options(65_536))) {
      writeRows(writer, 0, 5000);
    }
    try (LogReader reader = new LogReader(log)) {
      assertTrue(reader.next());
      LogBatch batch = reader.batch();
      assertEquals(5000, batch.rows());
      for (int r = 0; r < batch.rows(); r++) {
        assertEquals(r, batch.seq(r));
        assertEquals("line " + r + "\n", new String(batch.data(r), StandardCharsets.UTF_8));
        assertEquals(r % 3 == 0 ? "dir/file" + r : null, batch.path(r));
      }
      assertFalse(reader.next());
    }
  }

  /**
   * Fixed-width columns are copied chunk by chunk (4,096 rows each): every row of a batch that ends
   * inside its third chunk, with 0 to 10 parameters and each optional column present or not.
   */
  @Test
  void fixedWidthColumnsAndParameterCountsSurviveChunkBoundaries() throws IOException {
    Path log = dir.resolve("log.arrow");
    int rows = 2 * RowBuffer.CHUNK_ROWS + 1234;
    LogRow row = new LogRow();
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), options(65_536))) {
      for (int i = 0; i < rows; i++) {
        row.clear().call(i, 7L * i, i ^ 0x5555, i % 3).params(paramsOf(i));
        if (i % 2 == 0) {
          row.errno(i % 77);
        }
        if (i % 3 == 0) {
          row.result(-i);
        }
        if (i % 5 == 0) {
          row.fd(i % 1000);
        }
        if (i % 7 == 0) {
          row.size(1L << 40 | i);
        }
        writer.append(row);
      }
    }
    try (LogReader reader = new LogReader(log)) {
      assertTrue(reader.next());
      LogBatch batch = reader.batch();
      assertEquals(rows, batch.rows());
      for (int i = 0; i < rows; i++) {
        assertEquals(i, batch.seq(i));
        assertEquals(7L * i, batch.tsNanos(i));
        assertEquals(i ^ 0x5555, batch.durationNanos(i));
        assertEquals(FUNCTIONS.get(i % 3), batch.func(i));
        assertArrayEquals(paramsOf(i), batch.params(i), "params of row " + i);
        assertEquals(i % 2 == 0, batch.hasErrno(i));
        assertEquals(i % 3 == 0, batch.hasResult(i));
        assertEquals(i % 5 == 0, batch.hasFd(i));
        assertEquals(i % 7 == 0, batch.hasSize(i));
        if (i % 2 == 0) {
          assertEquals(i % 77, batch.errno(i));
        }
        if (i % 3 == 0) {
          assertEquals(-i, batch.result(i));
        }
        if (i % 5 == 0) {
          assertEquals(i % 1000, batch.fd(i));
        }
        if (i % 7 == 0) {
          assertEquals(1L << 40 | i, batch.size(i));
        }
      }
      assertFalse(reader.next());
    }
  }

  private static long[] paramsOf(int row) {
    long[] params = new long[row % (LogSchema.MAX_PARAMS + 1)];
    for (int p = 0; p < params.length; p++) {
      params[p] = (long) row * 31 + p - 5;
    }
    return params;
  }

  /**
   * Small copied values, packed into the data column's arena chunks (64 KiB) with some ending on a
   * chunk's last byte and some crossing into the next; the parameters, packed per chunk of rows,
   * vary in count. Several batches, so each reused buffer is filled again from its start.
   */
  @Test
  void smallValuesAndPackedParametersReadBackAcrossArenaChunksAndReusedBuffers()
      throws IOException {
    Path log = dir.resolve("log.arrow");
    int rows = 5 * 3_000 + 17;
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), options(3_000))) {
      LogRow row = new LogRow();
      for (int i = 0; i < rows; i++) {
        writer.append(row.clear().call(i, i, 1, 0).params(paramsOf(i)).data(smallValue(i), i % 97));
      }
    }
    int read = 0;
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        LogBatch batch = reader.batch();
        for (int r = 0; r < batch.rows(); r++, read++) {
          assertEquals(read, batch.seq(r));
          assertArrayEquals(paramsOf(read), batch.params(r), "params of row " + read);
          assertArrayEquals(
              Arrays.copyOf(smallValue(read), read % 97), batch.data(r), "data of row " + read);
        }
      }
    }
    assertEquals(rows, read);
  }

  /** A value of up to 96 bytes for row {@code i}, in an array longer than the value. */
  private static byte[] smallValue(int i) {
    byte[] bytes = new byte[100];
    for (int b = 0; b < bytes.length; b++) {
      bytes[b] = (byte) (i * 13 + b);
    }
    return bytes;
  }

  /** Bulk data handed over (kept by reference) between small copied values, nulls and batches. */
  @Test
  void handedOverDataKeepsItsPlaceAmongCopiedValuesAcrossBatchesOfChangingSize()
      throws IOException {
    Path log = dir.resolve("log.arrow");
    List<byte[]> expected = new ArrayList<>();
    // Batches of 7 rows; the rows of a batch vary in size from none to 200 KiB, so the writer's
    // reused buffers grow, then serve smaller batches, then grow again.
    int[] sizes = {0, 5, 70_000, 3, 4096, 4095, 200_000, 1, 0, 9000, 12, 65_536, 2, 0, 100};
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), options(7))) {
      LogRow row = new LogRow();
      for (int i = 0; i < sizes.length * 3; i++) {
        int size = sizes[(i * 7) % sizes.length];
        byte[] bytes = new byte[size];
        for (int b = 0; b < size; b++) {
          bytes[b] = (byte) (i * 31 + b * 7);
        }
        row.clear().call(i, i, 1, 0).params(new long[] {i});
        if (i % 4 == 3) {
          expected.add(null);
        } else if (i % 2 == 0) {
          row.dataHandedOver(bytes);
          expected.add(bytes);
        } else {
          byte[] reused = Arrays.copyOf(bytes, size + 10);
          row.data(reused, size);
          expected.add(bytes);
        }
        writer.append(row);
      }
    }
    List<byte[]> read = new ArrayList<>();
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        LogBatch batch = reader.batch();
        for (int r = 0; r < batch.rows(); r++) {
          assertEquals(read.size(), batch.seq(r));
          read.add(batch.data(r));
        }
      }
    }
    assertEquals(expected.size(), read.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), read.get(i), "row " + i);
    }
  }

  /** Random bytes don't compress: stored raw (zstd) or uncompressed (level 0), read back equal. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void incompressibleDataReadsBackAsWritten(int zstdLevel) throws IOException {
    Path log = dir.resolve("log.arrow");
    java.util.Random random = new java.util.Random(42);
    List<byte[]> written = new ArrayList<>();
    LogWriter.Options options = new LogWriter.Options(4, 1L << 30, Duration.ofHours(1), zstdLevel);
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), options)) {
      LogRow row = new LogRow();
      for (int i = 0; i < 10; i++) {
        byte[] bytes = new byte[i % 2 == 0 ? 10_000 : 17];
        random.nextBytes(bytes);
        written.add(bytes);
        row.clear().call(i, i, 1, 1).params(new long[] {i}).dataHandedOver(bytes);
        writer.append(row);
      }
    }
    List<byte[]> read = new ArrayList<>();
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        for (int r = 0; r < reader.batch().rows(); r++) {
          read.add(reader.batch().data(r));
        }
      }
    }
    assertEquals(written.size(), read.size());
    for (int i = 0; i < written.size(); i++) {
      assertArrayEquals(written.get(i), read.get(i), "row " + i);
    }
  }

  @Test
  void anEmptyLogIsAValidStream() throws IOException {
    Path log = dir.resolve("empty.arrow");
    new LogWriter(log, FUNCTIONS, Map.of(), options(4)).close();
    try (LogReader reader = new LogReader(log)) {
      assertFalse(reader.next());
      assertTrue(reader.complete());
      assertEquals(FUNCTIONS, reader.functionNames());
    }
    LogStats stats = LogStats.scan(log);
    assertEquals(0, stats.records());
    assertFalse(stats.cutShort());
  }

  @Test
  void aLogCutInsideItsLastBatchReadsUpToTheLastWholeBatch() throws IOException {
    Path log = dir.resolve("log.arrow");
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), options(100))) {
      writeRows(writer, 0, 100);
      writer.flush();
      writeRows(writer, 100, 100);
      writer.flush();
      writeRows(writer, 200, 100);
    }
    byte[] whole = Files.readAllBytes(log);
    // Cut 40 bytes into the last batch's body (the end-of-stream marker is 8 bytes).
    for (int cut : new int[] {whole.length - 8 - 40, whole.length - 4, whole.length - 8}) {
      Path cutLog = dir.resolve("cut" + cut + ".arrow");
      Files.write(cutLog, Arrays.copyOf(whole, cut));
      Files.copy(LogChecksums.pathFor(log), LogChecksums.pathFor(cutLog));
      try (LogReader reader = new LogReader(cutLog)) {
        long rows = 0;
        while (reader.next()) {
          rows += reader.batch().rows();
        }
        long expected = cut >= whole.length - 8 ? 300 : 200;
        assertEquals(expected, rows, "rows readable from a log cut at " + cut);
        assertFalse(reader.complete());
        assertTrue(reader.truncation() != null && !reader.truncation().isBlank());
      }
      assertTrue(LogStats.scan(cutLog).cutShort() || cut >= whole.length - 8);
    }
  }

  @Test
  void aFileThatIsNoLogIsRefusedClearly() throws IOException {
    Path junk = dir.resolve("junk.arrow");
    Files.writeString(junk, "this is not an arrow stream at all, just text\n");
    InvalidLogException e = assertThrows(InvalidLogException.class, () -> new LogReader(junk));
    assertTrue(e.getMessage().contains("junk.arrow"), e.getMessage());
    assertThrows(InvalidLogException.class, () -> new LogReader(dir.resolve("missing.arrow")));
  }

  @Test
  void batchesAreFlushedByAgeWhileTheWriterIsIdle() throws Exception {
    Path log = dir.resolve("log.arrow");
    LogWriter.Options byTime = new LogWriter.Options(65_536, 1L << 30, Duration.ofMillis(50), 3);
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), byTime)) {
      writeRows(writer, 0, 7);
      // No more rows: only the writer's own timer can put these on disk.
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (writer.rowsWritten() < 7 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(7, writer.rowsWritten());
      // A reader sees them while the writer is still open, as after a kill -9.
      try (LogReader reader = new LogReader(log)) {
        assertTrue(reader.next());
        assertEquals(7, reader.batch().rows());
        assertFalse(reader.next());
        assertFalse(reader.complete());
        assertTrue(reader.truncation().contains("end-of-stream"));
      }
    }
  }

  @Test
  void statsCountRecordsBatchesAndCompression() throws IOException {
    Path log = dir.resolve("log.arrow");
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), options(1000))) {
      writeRows(writer, 0, 2500);
    }
    LogStats stats = LogStats.scan(log);
    assertEquals(2500, stats.records());
    assertEquals(3, stats.batches());
    assertEquals(Files.size(log), stats.fileBytes());
    assertTrue(stats.compressedBytes() < stats.uncompressedBytes(), stats.toString());
    assertTrue(stats.compressionRatio() > 0.5, stats.toString());
    assertEquals(stats.fileBytes(), stats.compressedBytes() + stats.metadataBytes());
  }
}
