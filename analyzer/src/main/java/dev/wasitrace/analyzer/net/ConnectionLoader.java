package dev.wasitrace.analyzer.net;

import java.sql.SQLException;
import java.time.Instant;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends {@link ConnectionSummary} rows to {@code tcp_connections_raw} (defined, with the {@code
 * tcp_connections} view over it, by {@code queries/tcp_connections.sql}) with DuckDB's appender.
 */
public final class ConnectionLoader implements AutoCloseable {
  /** The table the rows go to. */
  public static final String TABLE = "tcp_connections_raw";

  private final DuckDBAppender appender;

  /** Appends through {@code connection}; the table must exist. */
  public ConnectionLoader(DuckDBConnection connection) throws SQLException {
    this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE);
  }

  /** Appends one connection; {@code service} may be null. */
  public void append(ConnectionSummary connection, String service) throws SQLException {
    appender.beginRow();
    appender.append(connection.processId());
    appender.append(connection.uid());
    appendNullable(connection.communityId());
    appender.append(epochNanos(connection.ts()));
    appender.append(epochNanos(connection.end()));
    appendNullable(connection.origH());
    appendPort(connection.origP());
    appendNullable(connection.respH());
    appendPort(connection.respP());
    appender.append(connection.origBytes());
    appender.append(connection.respBytes());
    appender.append(connection.connState());
    appender.append(connection.history());
    appendNullable(service);
    appender.append(connection.localOrig());
    appender.append(connection.fd());
    appender.append(connection.firstSeq());
    appender.append(connection.lastSeq());
    appender.endRow();
  }

  private void appendNullable(String value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }

  private void appendPort(int port) throws SQLException {
    if (port < 0) {
      appender.appendNull();
    } else {
      appender.append(port);
    }
  }

  static long epochNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /** Flushes the rows and releases the appender. */
  @Override
  public void close() throws SQLException {
    appender.close();
  }
}
