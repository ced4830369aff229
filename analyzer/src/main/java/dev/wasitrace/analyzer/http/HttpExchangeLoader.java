package dev.wasitrace.analyzer.http;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Instant;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends the messages of {@link HttpConversation}s to {@code http_messages} (defined, with the
 * {@code http_exchanges} view over it, by {@code queries/http_exchanges.sql}) with DuckDB's
 * appender: each exchange's request, its interim responses and its final response.
 */
public final class HttpExchangeLoader implements AutoCloseable {
  /** The table the rows go to. */
  public static final String TABLE = "http_messages";

  private final DuckDBAppender appender;

  /** Appends through {@code connection}; the table must exist. */
  public HttpExchangeLoader(DuckDBConnection connection) throws SQLException {
    this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE);
  }

  /** Appends the messages of {@code conversation}, on the connection {@code uid}. */
  public void append(String processId, String uid, HttpConversation conversation)
      throws SQLException {
    requireNonNull(processId);
    requireNonNull(uid);
    for (HttpExchange exchange : conversation.exchanges()) {
      append(processId, uid, conversation, exchange.transDepth(), "request", exchange.request());
      for (HttpMessage interim : exchange.interim()) {
        append(processId, uid, conversation, exchange.transDepth(), "interim", interim);
      }
      if (exchange.response() != null) {
        append(
            processId, uid, conversation, exchange.transDepth(), "response", exchange.response());
      }
    }
  }

  private void append(
      String processId,
      String uid,
      HttpConversation conversation,
      int transDepth,
      String kind,
      HttpMessage message)
      throws SQLException {
    boolean response = message.isResponse();
    appender.beginRow();
    appender.append(processId);
    appender.append(uid);
    appender.append(transDepth);
    appender.append(kind);
    nullable(conversation.client());
    nullable(conversation.server());
    appender.append(conversation.clientIsLocal());
    appender.append(epochNanos(message.first().ts()));
    appender.append(epochNanos(message.last().ts()));
    appender.append(message.first().seq());
    appender.append(message.last().seq());
    nullable(message.method());
    nullable(message.target());
    String version = message.version();
    nullable(version.startsWith("HTTP/") ? version.substring(5) : version);
    if (response) {
      appender.append(message.status());
    } else {
      appender.appendNull();
    }
    nullable(message.reason());
    nullable(response ? null : message.headers().first("Host"));
    nullable(response ? null : message.headers().first("User-Agent"));
    nullable(message.headers().first("Content-Type"));
    nullable(message.headers().first("Content-Encoding"));
    appender.append(String.join("\r\n", message.head()));
    appender.append((long) message.bodyLength());
    appender.append(message.body());
    appender.append(message.complete());
    appender.endRow();
  }

  private void nullable(String value) throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else {
      appender.append(value);
    }
  }

  private static long epochNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }

  /** Flushes the rows and releases the appender. */
  @Override
  public void close() throws SQLException {
    appender.close();
  }
}
