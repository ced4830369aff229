package dev.wasitrace.bench.corruption;

import dev.wasitrace.log.LogRow;
import dev.wasitrace.log.LogWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small logs written straight with arrow-schema's writer, in batches of a chosen size. */
final class TestLogs {
  private TestLogs() {}

  /** {@code rows} fd_write calls, each line its own, in batches of {@code batchRows}. */
  static void write(Path path, int rows, int batchRows, long startNanos) throws IOException {
    LogWriter.Options options =
        new LogWriter.Options(
            batchRows,
            LogWriter.Options.DEFAULT.batchBytes(),
            Duration.ofHours(1),
            LogWriter.Options.DEFAULT.zstdLevel());
    try (LogWriter writer =
        new LogWriter(path, List.of("args_get", "fd_write", "proc_exit"), Map.of(), options)) {
      LogRow row = new LogRow();
      for (int i = 0; i < rows; i++) {
        byte[] line = ("line " + i + "\n").getBytes(StandardCharsets.UTF_8);
        row.clear()
            .call(i, startNanos + i * 1_000L, 100 + i % 7, 1)
            .params(new long[] {1, 1024, 1, 1020})
            .errno(0)
            .fd(1)
            .size(line.length)
            .result(line.length)
            .data(line, line.length);
        writer.append(row);
      }
    }
  }
}
