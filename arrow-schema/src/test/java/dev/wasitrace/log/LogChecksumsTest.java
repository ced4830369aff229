package dev.wasitrace.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage to a log, in its messages or its checksum file, stops every read before it. */
class LogChecksumsTest {
  private static final int ROWS_PER_BATCH = 4;

  @TempDir Path dir;

  private Path write(String name, String processId) throws IOException {
    Path log = dir.resolve(name);
    try (LogWriter writer =
        new LogWriter(
            log,
            LogRoundTripTest.FUNCTIONS,
            Map.of(LogSchema.META_PROCESS_ID, processId),
            LogRoundTripTest.options(ROWS_PER_BATCH))) {
      LogRoundTripTest.writeRows(writer, 0, 4 * ROWS_PER_BATCH);
    }
    return log;
  }

  /** Reads a log to its end: the rows read, and the reader's verdict. */
  private record Read(long rows, String truncation, boolean damaged, boolean complete) {}

  private static Read read(Path log) throws IOException {
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        // count only
      }
      return new Read(reader.rowsRead(), reader.truncation(), reader.damaged(), reader.complete());
    }
  }

  private static List<LogChecksums.Entry> entries(Path log) throws IOException {
    return LogChecksums.read(LogChecksums.pathFor(log)).entries();
  }

  private static byte[] message(byte[] log, LogChecksums.Entry entry) {
    return Arrays.copyOfRange(log, (int) entry.offset(), (int) entry.end());
  }

  @Test
  void anIntactLogVerifiesEveryBatch() throws IOException {
    Path log = write("log.arrow", "p1");
    assertEquals(5, entries(log).size()); // the header and four batches
    try (LogReader reader = new LogReader(log)) {
      assertTrue(reader.checksummed());
    }
    assertEquals(new Read(16, null, false, true), read(log));
  }

  @Test
  void aFlippedBitInABatchStopsTheReadBeforeIt() throws IOException {
    Path log = write("log.arrow", "p1");
    LogChecksums.Entry third = entries(log).get(3);
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      long at = third.offset() + third.length() / 2;
      file.seek(at);
      int b = file.read();
      file.seek(at);
      file.write(b ^ 0x10);
    }
    Read read = read(log);
    assertEquals(2 * ROWS_PER_BATCH, read.rows());
    assertTrue(read.damaged());
    assertEquals("the log is damaged at batch 3 (checksum mismatch)", read.truncation());
  }

  @Test
  void batchesSwappedRepeatedOrDroppedAreDamage() throws IOException {
    Path original = write("log.arrow", "p1");
    byte[] bytes = Files.readAllBytes(original);
    List<LogChecksums.Entry> entries = entries(original);
    byte[] head = Arrays.copyOfRange(bytes, 0, (int) entries.get(2).offset());
    byte[] second = message(bytes, entries.get(2));
    byte[] third = message(bytes, entries.get(3));
    byte[] tail = Arrays.copyOfRange(bytes, (int) entries.get(3).end(), bytes.length);
    // Each case: the bytes, and the batch where the damage is seen (the rows before it are read).
    Map<byte[][], Integer> cases =
        Map.of(
            new byte[][] {head, third, second, tail}, 2, // swapped
            new byte[][] {head, second, second, third, tail}, 3, // repeated
            new byte[][] {head, third, tail}, 2); // dropped
    for (Map.Entry<byte[][], Integer> mutation : cases.entrySet()) {
      Path log = copy(original, "mutated.arrow");
      Files.write(log, concat(mutation.getKey()));
      int batch = mutation.getValue();
      Read read = read(log);
      assertEquals((batch - 1) * ROWS_PER_BATCH, read.rows());
      assertTrue(read.damaged(), read.truncation());
      assertTrue(
          read.truncation().startsWith("the log is damaged at batch " + batch), read.truncation());
    }
  }

  @Test
  void aBatchSplicedFromAnotherProcessWithItsEntryIsDamage() throws IOException {
    Path log = write("log.arrow", "p1");
    Path other = write("other.arrow", "p2"); // the same rows, another process
    byte[] bytes = Files.readAllBytes(log);
    byte[] foreign = Files.readAllBytes(other);
    LogChecksums.Entry ours = entries(log).get(2);
    LogChecksums.Entry theirs = entries(other).get(2);
    assertEquals(ours.length(), theirs.length());
    System.arraycopy(foreign, (int) theirs.offset(), bytes, (int) ours.offset(), ours.length());
    Files.write(log, bytes);
    byte[] sums = Files.readAllBytes(LogChecksums.pathFor(log));
    byte[] foreignSums = Files.readAllBytes(LogChecksums.pathFor(other));
    int entry = LogChecksums.HEADER_BYTES + 2 * LogChecksums.ENTRY_BYTES;
    System.arraycopy(foreignSums, entry, sums, entry, LogChecksums.ENTRY_BYTES);
    Files.write(LogChecksums.pathFor(log), sums);
    Read read = read(log);
    assertEquals(ROWS_PER_BATCH, read.rows());
    assertEquals("the log is damaged at batch 2 (checksum mismatch)", read.truncation());
  }

  @Test
  void aDamagedHeaderIsOneClearError() throws IOException {
    Path log = write("log.arrow", "p1");
    byte[] bytes = Files.readAllBytes(log);
    bytes[20] ^= 0x01;
    Files.write(log, bytes);
    InvalidLogException e = assertThrows(InvalidLogException.class, () -> new LogReader(log));
    assertTrue(
        e.getMessage().endsWith("is damaged in its header (checksum mismatch)"), e.getMessage());
  }

  @Test
  void aMissingChecksumFileLeavesNothingToTrust() throws IOException {
    Path log = write("log.arrow", "p1");
    Files.delete(LogChecksums.pathFor(log));
    Read read = read(log);
    assertEquals(0, read.rows());
    assertTrue(read.damaged());
    assertEquals(
        "the log is damaged: its checksum file log.arrow.sums is missing", read.truncation());
  }

  @Test
  void aLogCutInsideABatchEndsThereWithoutDamage() throws IOException {
    Path log = write("log.arrow", "p1");
    LogChecksums.Entry last = entries(log).get(4);
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.setLength(last.offset() + 10);
    }
    Read read = read(log);
    assertEquals(3 * ROWS_PER_BATCH, read.rows());
    assertFalse(read.damaged());
    assertEquals("the log is cut short at batch 4 (the file ends inside it)", read.truncation());
  }

  @Test
  void aFormatOneLogWithoutChecksumsStillReads() throws IOException {
    Path log = dir.resolve("hello.log.arrow");
    try (InputStream in = getClass().getResourceAsStream("/v1/hello.log.arrow")) {
      assertNotNull(in);
      Files.copy(in, log);
    }
    try (LogReader reader = new LogReader(log)) {
      assertFalse(reader.checksummed());
      assertEquals("1", reader.metadata().get(LogSchema.META_VERSION));
    }
    Read read = read(log);
    assertTrue(read.complete(), read.truncation());
    assertTrue(read.rows() > 5, "rows: " + read.rows());
  }

  private Path copy(Path log, String name) throws IOException {
    Path copy = dir.resolve(name);
    Files.copy(log, copy, StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        LogChecksums.pathFor(log), LogChecksums.pathFor(copy), StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] part : parts) {
      all.put(part);
    }
    return all.array();
  }
}
