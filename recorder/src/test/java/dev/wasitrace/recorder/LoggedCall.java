package dev.wasitrace.recorder;

import dev.wasitrace.log.LogBatch;
import dev.wasitrace.log.LogReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One row of a log, copied out for assertions. */
record LoggedCall(
    long seq,
    long tsNanos,
    long durationNanos,
    String func,
    long[] params,
    Integer errno,
    Long result,
    Integer fd,
    Long size,
    byte[] data,
    String path,
    byte[] memWrites) {

  String dataText() {
    return data == null ? null : new String(data, StandardCharsets.UTF_8);
  }

  static List<LoggedCall> readAll(Path log) throws IOException {
    List<LoggedCall> calls = new ArrayList<>();
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        LogBatch b = reader.batch();
        for (int r = 0; r < b.rows(); r++) {
          calls.add(
              new LoggedCall(
                  b.seq(r),
                  b.tsNanos(r),
                  b.durationNanos(r),
                  b.func(r),
                  b.params(r),
                  b.hasErrno(r) ? b.errno(r) : null,
                  b.hasResult(r) ? b.result(r) : null,
                  b.hasFd(r) ? b.fd(r) : null,
                  b.hasSize(r) ? b.size(r) : null,
                  b.data(r),
                  b.path(r),
                  b.memWrites(r)));
        }
      }
    }
    return calls;
  }
}
