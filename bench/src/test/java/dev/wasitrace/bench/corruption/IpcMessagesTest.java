package dev.wasitrace.bench.corruption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasitrace.bench.corruption.IpcMessages.Message;
import dev.wasitrace.bench.corruption.IpcMessages.Type;
import dev.wasitrace.log.LogChecksums;
import dev.wasitrace.log.LogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpcMessagesTest {
  @TempDir Path dir;

  @Test
  void findsEveryMessageAndTheyTileTheStream() throws IOException {
    Path log = dir.resolve("log.arrow");
    TestLogs.write(log, 1_000, 300, 0);
    byte[] bytes = Files.readAllBytes(log);

    List<Message> messages = IpcMessages.of(bytes);

    assertEquals(
        List.of(
            Type.SCHEMA,
            Type.DICTIONARY,
            Type.RECORD_BATCH,
            Type.RECORD_BATCH,
            Type.RECORD_BATCH,
            Type.RECORD_BATCH,
            Type.END_OF_STREAM),
        messages.stream().map(Message::type).toList());
    int offset = 0;
    for (Message message : messages) {
      assertEquals(offset, message.offset());
      assertEquals(8, message.prefixLength());
      offset = message.end();
    }
    assertEquals(bytes.length, offset);
    assertEquals(0, messages.get(0).bodyLength(), "a schema has no body");
    assertEquals(8, messages.get(messages.size() - 1).length());
  }

  @Test
  void aStreamCutAtABatchBoundaryStillReadsAsWholeBatches() throws IOException {
    Path log = dir.resolve("log.arrow");
    TestLogs.write(log, 1_000, 300, 0);
    byte[] bytes = Files.readAllBytes(log);
    Message second = IpcMessages.batches(IpcMessages.of(bytes)).get(1);
    Path cut = dir.resolve("cut.arrow");
    Files.write(cut, Arrays.copyOf(bytes, second.offset()));
    Files.copy(LogChecksums.pathFor(log), LogChecksums.pathFor(cut)); // as a killed run leaves it

    // The boundaries are Arrow's own: the first batch alone, whole, as Arrow Java reads it.
    try (LogReader reader = new LogReader(cut)) {
      int batches = 0;
      while (reader.next()) {
        batches++;
      }
      assertEquals(1, batches);
      assertEquals(300, reader.rowsRead());
    }
  }

  @Test
  void refusesAStreamThatIsNotWhole() throws IOException {
    Path log = dir.resolve("log.arrow");
    TestLogs.write(log, 100, 300, 0);
    byte[] bytes = Files.readAllBytes(log);

    assertThrows(IOException.class, () -> IpcMessages.of(Arrays.copyOf(bytes, bytes.length - 20)));
  }
}
