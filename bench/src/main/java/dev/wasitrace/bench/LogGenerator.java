package dev.wasitrace.bench;

import dev.wasitrace.log.LogRow;
import dev.wasitrace.log.LogWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Logs as {@code writeloop.wasm} records them (one 64-byte fd_write to stdout per call, with
 * varying times and durations), written straight with arrow-schema's writer: 10,000,000 records in
 * seconds instead of a guest run per log.
 */
final class LogGenerator {
  static final List<String> FUNCTIONS =
      List.of("args_sizes_get", "args_get", "fd_write", "fd_fdstat_get", "proc_exit");
  private static final int FD_WRITE = 2;
  private static final byte[] LINE =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+\n"
          .getBytes(StandardCharsets.UTF_8);

  private LogGenerator() {}

  /**
   * Writes calls {@code first} to {@code first + count - 1} of one endless writeloop run, in
   * batches of {@code batchRows} (the recorder's: {@code LogWriter.Options.DEFAULT.batchRows()}),
   * compressed as the recorder does: any split of the calls into logs holds the same records. Each
   * log's seq starts at 0.
   */
  static void write(Path path, long first, long count, int batchRows) throws IOException {
    LogWriter.Options recorder = LogWriter.Options.DEFAULT;
    LogWriter.Options options =
        new LogWriter.Options(
            batchRows, recorder.batchBytes(), Duration.ofHours(1), recorder.zstdLevel());
    try (LogWriter writer = new LogWriter(path, FUNCTIONS, Map.of(), options)) {
      LogRow row = new LogRow();
      long[] params = {1, 70816, 1, 70812};
      for (long i = first; i < first + count; i++) {
        long random = mix(i);
        long duration = 150 + (random & 0x1ff);
        long ts = START_NANOS + i * 1_000 + ((random >>> 9) & 0xff);
        row.clear()
            .call(i - first, ts, duration, FD_WRITE)
            .params(params)
            .errno(0)
            .fd(1)
            .size(LINE.length)
            .result(LINE.length)
            .data(LINE, LINE.length);
        writer.append(row);
      }
    }
  }

  private static final long START_NANOS = 1_700_000_000_000_000_000L;

  /** SplitMix64's finaliser: a well-spread pseudo-random value per call. */
  private static long mix(long x) {
    long z = x * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
