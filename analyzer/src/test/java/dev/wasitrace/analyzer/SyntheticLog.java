package dev.wasitrace.analyzer;

import dev.wasitrace.log.LogRow;
import dev.wasitrace.log.LogWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A log written row by row with arrow-schema's writer, as the recorder would. */
final class SyntheticLog implements AutoCloseable {
  static final List<String> FUNCTIONS =
      List.of(
          "fd_write",
          "fd_read",
          "fd_close",
          "proc_exit",
          "sock_open",
          "sock_connect",
          "sock_accept",
          "sock_send",
          "sock_recv",
          "sock_shutdown",
          "sock_send_to",
          "sock_recv_from");

  /** 2023-11-14T22:13:20Z plus 123 ns: every row's time is this plus 1 µs per seq. */
  static final long START_NANOS = 1_700_000_000_000_000_123L;

  private final LogWriter writer;
  private final LogRow row = new LogRow();
  private long seq;

  SyntheticLog(Path path, int batchRows) {
    try {
      this.writer =
          new LogWriter(
              path,
              FUNCTIONS,
              Map.of(),
              new LogWriter.Options(batchRows, 1L << 30, Duration.ofHours(1), 3));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the next row: seq, ts and a duration of 1000 ns + seq. */
  LogRow next(String function) {
    int id = FUNCTIONS.indexOf(function);
    if (id < 0) {
      throw new IllegalArgumentException(function);
    }
    long s = seq++;
    return row.clear().call(s, START_NANOS + s * 1000, 1000 + s, id);
  }

  void append() {
    writer.append(row);
  }

  /** A successful fd_write of text to fd. */
  SyntheticLog write(int fd, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    next("fd_write")
        .params(new long[] {fd, 1024, 1, 2048})
        .errno(0)
        .fd(fd)
        .size(bytes.length)
        .result(bytes.length)
        .data(bytes, bytes.length);
    append();
    return this;
  }

  long rows() {
    return seq;
  }

  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
