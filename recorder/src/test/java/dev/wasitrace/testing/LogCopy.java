package dev.wasitrace.testing;

import dev.wasitrace.log.LogBatch;
import dev.wasitrace.log.LogChecksums;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.log.LogRow;
import dev.wasitrace.log.LogSchema;
import dev.wasitrace.log.LogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rewrites a process log through {@link LogReader} and {@link LogWriter}, changing its records on
 * the way: the tampered logs of the replay tests. Everything else (function dictionary, metadata,
 * the end-of-stream marker) is kept as it was.
 */
public final class LogCopy {
  private LogCopy() {}

  /** One record of a log, copied out. */
  public record Record(
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
      byte[] memWrites,
      String proto,
      String localAddr,
      String peerAddr,
      String path2) {

    public Record withSeq(long value) {
      return new Record(
          value,
          tsNanos,
          durationNanos,
          func,
          params,
          errno,
          result,
          fd,
          size,
          data,
          path,
          memWrites,
          proto,
          localAddr,
          peerAddr,
          path2);
    }

    public Record withData(byte[] value) {
      return new Record(
          seq,
          tsNanos,
          durationNanos,
          func,
          params,
          errno,
          result,
          fd,
          size,
          value,
          path,
          memWrites,
          proto,
          localAddr,
          peerAddr,
          path2);
    }

    public Record withPath2(String value) {
      return new Record(
          seq,
          tsNanos,
          durationNanos,
          func,
          params,
          errno,
          result,
          fd,
          size,
          data,
          path,
          memWrites,
          proto,
          localAddr,
          peerAddr,
          value);
    }

    public Record withPath(String value) {
      return new Record(
          seq,
          tsNanos,
          durationNanos,
          func,
          params,
          errno,
          result,
          fd,
          size,
          data,
          value,
          memWrites,
          proto,
          localAddr,
          peerAddr,
          path2);
    }
  }

  /** Every record of a log. */
  public static List<Record> read(Path log) throws IOException {
    try (LogReader reader = new LogReader(log)) {
      return readAll(reader);
    }
  }

  /** Replaces the log by a copy whose records are {@code change} applied to the original's. */
  public static void rewrite(Path log, UnaryOperator<List<Record>> change) throws IOException {
    Path copy = log.resolveSibling(log.getFileName() + ".copy");
    try (LogReader reader = new LogReader(log)) {
      List<Record> records = change.apply(readAll(reader));
      Map<String, String> metadata = new HashMap<>(reader.metadata());
      metadata.remove(LogSchema.META_VERSION);
      metadata.remove(LogSchema.META_FUNCTIONS);
      List<String> names = reader.functionNames();
      try (LogWriter writer = new LogWriter(copy, names, metadata, LogWriter.Options.DEFAULT)) {
        LogRow row = new LogRow();
        for (Record record : records) {
          writer.append(toRow(record, names, row));
        }
      }
    }
    Files.move(copy, log, StandardCopyOption.REPLACE_EXISTING);
    Files.move(
        LogChecksums.pathFor(copy), LogChecksums.pathFor(log), StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<Record> readAll(LogReader reader) {
    List<Record> records = new ArrayList<>();
    while (reader.next()) {
      LogBatch b = reader.batch();
      for (int r = 0; r < b.rows(); r++) {
        records.add(
            new Record(
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
                b.memWrites(r),
                b.proto(r),
                b.localAddr(r),
                b.peerAddr(r),
                b.path2(r)));
      }
    }
    return records;
  }

  private static LogRow toRow(Record record, List<String> names, LogRow row) {
    row.clear()
        .call(record.seq(), record.tsNanos(), record.durationNanos(), names.indexOf(record.func()))
        .params(record.params())
        .path(record.path())
        .path2(record.path2())
        .socket(record.proto(), record.localAddr(), record.peerAddr());
    if (record.errno() != null) {
      row.errno(record.errno());
    }
    if (record.result() != null) {
      row.result(record.result());
    }
    if (record.fd() != null) {
      row.fd(record.fd());
    }
    if (record.size() != null) {
      row.size(record.size());
    }
    if (record.data() != null) {
      row.data(record.data(), record.data().length);
    }
    if (record.memWrites() != null) {
      row.memWrites(record.memWrites(), record.memWrites().length);
    }
    return row;
  }
}
