package dev.wasitrace.analyzer.net;

import dev.wasitrace.analyzer.SqlFiles;
import dev.wasitrace.analyzer.http.HttpConversation;
import dev.wasitrace.analyzer.http.HttpExchangeLoader;
import dev.wasitrace.analyzer.http.HttpFramer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * The network tables derived in Java: {@code tcp_connections} and {@code http_exchanges}. Their
 * definitions are {@code queries/tcp_connections.sql} and {@code queries/http_exchanges.sql}; the
 * rows of their base tables ({@code tcp_connections_raw}, {@code http_messages}) come from {@link
 * ConnectionSummarizer} and {@link HttpFramer} run over {@code network_events}.
 */
public final class NetworkTables {
  /** The tables these files make, as SQL names them. */
  private static final Pattern NAMES =
      Pattern.compile(
          "\\b(tcp_connections|tcp_connections_raw|http_exchanges|http_messages)\\b",
          Pattern.CASE_INSENSITIVE);

  private NetworkTables() {}

  /** Whether the SQL names one of these tables (in a query, a comment or a string alike). */
  public static boolean namedIn(String sql) {
    return NAMES.matcher(sql).find();
  }

  /**
   * Creates (or replaces) the tables and views of {@code queries/tcp_connections.sql} and {@code
   * queries/http_exchanges.sql} and fills them from the {@code network_events} view, which must
   * exist: every process's TCP events, read in {@code process_id, fd, seq} order, cut into
   * connections, each summarised after Zeek's conn.log and framed as HTTP.
   */
  public static void derive(Connection connection) throws SQLException {
    DuckDBConnection duckdb = connection.unwrap(DuckDBConnection.class);
    try (Statement statement = connection.createStatement()) {
      statement.execute(SqlFiles.read(SqlFiles.TCP_CONNECTIONS));
      statement.execute(SqlFiles.read(SqlFiles.HTTP_EXCHANGES));
    }
    // The appenders write through a connection of their own, so that they never disturb the
    // query whose rows are being read.
    try (DuckDBConnection writer = duckdb.duplicate();
        ConnectionLoader connections = new ConnectionLoader(writer);
        HttpExchangeLoader exchanges = new HttpExchangeLoader(writer)) {
      SQLException[] failure = new SQLException[1];
      NetworkEventReader.forEachTcpConnection(
          connection,
          tcp -> {
            if (failure[0] != null) {
              return;
            }
            try {
              ConnectionSummary summary = ConnectionSummarizer.summarize(tcp);
              HttpConversation http = HttpFramer.frame(tcp.events());
              connections.append(summary, http == null ? null : http.service());
              if (http != null) {
                exchanges.append(summary.processId(), summary.uid(), http);
              }
            } catch (SQLException e) {
              failure[0] = e;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }
}
