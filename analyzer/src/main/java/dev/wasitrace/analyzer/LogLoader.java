package dev.wasitrace.analyzer;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.duckdb.DuckDBConnection;

/**
 * Loads process logs into the {@code syscalls} table through one DuckDB connection: the logs go
 * over as one Arrow C stream of their batches ({@link LogBatchStream}), inserted by one statement.
 */
final class LogLoader {
  /** The stream's columns in the order of the syscalls table. */
  private static final String COLUMNS =
      ProcessIdColumn.NAME
          + ", seq, ts, duration_ns, func, errno, fd, size, data, path, path2, result, proto,"
          + " local_addr, peer_addr, params, mem_writes";

  private final DuckDBConnection connection;
  private final String streamName;

  /** {@code streamName}: a name of its own for the stream, unique among concurrent loaders. */
  LogLoader(DuckDBConnection connection, String streamName) {
    this.connection = requireNonNull(connection);
    this.streamName = requireNonNull(streamName);
  }

  /** Loads the logs {@code logs} gives until it has no more. */
  void load(LogBatchStream.Logs logs) throws SQLException, IOException {
    LogBatchStream batches = LogBatchStream.open(logs);
    if (batches == null) {
      return; // nothing with rows
    }
    try {
      try (ArrowArrayStream stream =
          ArrowArrayStream.allocateNew(LogBatchStream.allocatorOf(batches.first()))) {
        Data.exportArrayStream(LogBatchStream.allocatorOf(batches.first()), batches, stream);
        connection.registerArrowStream(streamName, stream);
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO syscalls SELECT " + COLUMNS + " FROM " + streamName)) {
          insert.execute();
        } catch (SQLException e) {
          // DuckDB says only that the stream failed, with a Java stack trace: say why instead.
          if (batches.failure() != null) {
            throw batches.failure();
          }
          throw e;
        } finally {
          try (Statement drop = connection.createStatement()) {
            drop.execute("DROP VIEW IF EXISTS " + streamName);
          }
        }
      }
    } finally {
      batches.release();
    }
  }

  /** A daemon thread for the pool of loaders, so that a failed load never keeps the JVM up. */
  static Thread thread(Runnable task) {
    Thread thread = new Thread(task, "wasitrace-log-loader");
    thread.setDaemon(true);
    return thread;
  }
}
