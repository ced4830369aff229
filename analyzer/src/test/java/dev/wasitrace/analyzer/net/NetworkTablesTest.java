package dev.wasitrace.analyzer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.analyzer.http.TraceRequestRenderer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tcp_connections and http_exchanges derived in a real in-memory DuckDB from a network_events table
 * filled by hand.
 */
class NetworkTablesTest {
  private static final int ECONNREFUSED = 14;
  private static final int ECONNRESET = 15;

  private static Connection db;

  @BeforeAll
  static void derive() throws SQLException {
    db = DriverManager.getConnection("jdbc:duckdb:");
    execute(
        "CREATE TABLE network_events (process_id VARCHAR, seq BIGINT, ts TIMESTAMPTZ_NS,"
            + " proto VARCHAR, type VARCHAR, errno INTEGER, fd INTEGER, src VARCHAR, dst VARCHAR,"
            + " size BIGINT, data BLOB)");
    List<NetworkEvent> events = new ArrayList<>();
    // client: a refused connect on fd 3, then fd 3 again for two keep-alive requests.
    events.addAll(
        EventScript.between("128.232.110.120:34854", "66.35.250.204:80")
            .process("client")
            .seq(1)
            .conn(ECONNREFUSED)
            .events());
    events.addAll(
        EventScript.between("128.232.110.120:34855", "66.35.250.204:80")
            .process("client")
            .seq(3)
            .at(Instant.parse("2024-05-06T07:08:09.000000100Z"))
            .conn(26)
            .send("GET /a HTTP/1.1\r\nHost: example.org\r\nUser-Agent: test/1.0\r\n\r\n")
            .recv("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
            .send("POST /b HTTP/1.1\r\nHost: example.org\r\nContent-Length: 3\r\n\r\nabc")
            .recv("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n")
            .recv("2\r\nok\r\n0\r\n\r\n")
            .shut()
            .eof()
            .events());
    events.addAll(
        EventScript.udp("127.0.0.1:5000", "127.0.0.1:53")
            .process("client")
            .fd(4)
            .seq(20)
            .send("q")
            .events());
    // server: a pipelining peer that resets the connection.
    events.addAll(
        EventScript.between("[::1]:8080", "[::1]:40002")
            .process("server")
            .fd(5)
            .seq(7)
            .at(Instant.parse("2024-05-06T07:08:10Z"))
            .accept()
            .recv("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\n")
            .send("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx")
            .recvError(ECONNRESET)
            .events());
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO network_events VALUES (?, ?, make_timestamp_ns(?) AT TIME ZONE 'UTC',"
                + " ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (NetworkEvent event : events) {
        insert.setString(1, event.processId());
        insert.setLong(2, event.seq());
        insert.setLong(3, ConnectionLoader.epochNanos(event.ts()));
        insert.setString(4, event.proto());
        insert.setString(5, event.type());
        insert.setInt(6, event.errno());
        insert.setInt(7, event.fd());
        insert.setString(8, event.src());
        insert.setString(9, event.dst());
        if (event.size() < 0) {
          insert.setObject(10, null);
        } else {
          insert.setLong(10, event.size());
        }
        insert.setBytes(11, event.data());
        insert.execute();
      }
    }
    NetworkTables.derive(db);
  }

  @AfterAll
  static void close() throws SQLException {
    db.close();
  }

  private static void execute(String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> rows(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet results = statement.executeQuery(sql)) {
      int columns = results.getMetaData().getColumnCount();
      while (results.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? " | " : "").append(results.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void tcpConnections() throws SQLException {
    assertEquals(
        List.of(
            "client | 1:TvfH9udVEZByUvlo6b1o2fIrLpk= | 128.232.110.120 | 34854 | 66.35.250.204 | 80"
                + " | 0 | 0 | REJ | Sr | null | true | 3 | 1 | 1",
            "client | 1:LQU9qZlK+B5F3KDmev6m5PMibrg= | 128.232.110.120 | 34855 | 66.35.250.204 | 80"
                + " | 121 | 107 | SF | ShADdFf | http | true | 3 | 3 | 10",
            "server | 1:Ib/edo06u8mvcvAxjmpzYE2LSP0= | ::1 | 40002 | ::1 | 8080"
                + " | 38 | 39 | RSTO | ShADdR | http | false | 5 | 7 | 10"),
        rows(
            "SELECT process_id, community_id, orig_h, orig_p, resp_h, resp_p, orig_bytes,"
                + " resp_bytes, conn_state, history, service, local_orig, fd, first_seq, last_seq"
                + " FROM tcp_connections ORDER BY process_id, first_seq"));
    assertEquals(
        List.of("TIMESTAMPTZ_NS | 1714979289000000100 | 0.007 | 7000000"),
        rows(
            "SELECT typeof(ts), epoch_ns(ts), duration, duration_ns FROM tcp_connections"
                + " WHERE first_seq = 3"));
    assertEquals(
        List.of("true"),
        rows("SELECT bool_and(uid SIMILAR TO 'C[0-9A-Za-z]{17}') FROM tcp_connections"));
  }

  @Test
  void httpExchanges() throws SQLException {
    assertEquals(
        List.of(
            "client | 1 | GET | example.org | /a | 1.1 | test/1.0 | 0 | 5 | 200 | OK | 1000000 | 1000000",
            "client | 2 | POST | example.org | /b | 1.1 | null | 3 | 2 | 201 | Created | 1000000 | 2000000",
            "server | 1 | GET | null | /1 | 1.1 | null | 0 | 1 | 200 | OK | 1000000 | 1000000",
            "server | 2 | GET | null | /2 | 1.1 | null | 0 | null | null | null | null | null"),
        rows(
            "SELECT process_id, trans_depth, method, host, uri, version, user_agent,"
                + " request_body_len, response_body_len, status_code, status_msg, ttfb_ns, total_ns"
                + " FROM http_exchanges ORDER BY process_id, trans_depth"));
    // Every exchange joins its connection.
    assertEquals(
        List.of("4 | 4"),
        rows(
            "SELECT count(*), count(c.uid) FROM http_exchanges h"
                + " LEFT JOIN tcp_connections c USING (process_id, uid)"));
    assertEquals(
        List.of("2024-05-06 07:08:09.001000100+00"),
        rows(
            "SELECT strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%n') || '+00'"
                + " FROM http_exchanges WHERE process_id = 'client' AND trans_depth = 1"));
  }

  @Test
  void derivingAgainReplacesTheRows() throws SQLException {
    NetworkTables.derive(db);
    assertEquals(
        List.of("3 | 4"),
        rows(
            "SELECT (SELECT count(*) FROM tcp_connections), (SELECT count(*) FROM http_exchanges)"));
  }

  @Test
  void renderersReadTheView() throws SQLException {
    StringBuilder network = new StringBuilder();
    new TraceNetworkRenderer(ZoneOffset.UTC, false).render(db, "server", network);
    assertEquals(
        """
        2024/05/06 07:08:10.000000 TCP [::1]:40002 > [::1]:8080: ACCEPT OK
        2024/05/06 07:08:10.001000 TCP [::1]:40002 > [::1]:8080: RECV OK 38
        2024/05/06 07:08:10.002000 TCP [::1]:8080 > [::1]:40002: SEND OK 39
        2024/05/06 07:08:10.003000 TCP [::1]:40002 > [::1]:8080: RECV ECONNRESET
        """,
        network.toString());
    StringBuilder requests = new StringBuilder();
    new TraceRequestRenderer(ZoneOffset.UTC, false).render(db, "client", requests);
    assertEquals(
        """
        2024/05/06 07:08:09.002000 HTTP 128.232.110.120:34855 > 66.35.250.204:80: GET /a => 200 OK
        2024/05/06 07:08:09.004000 HTTP 128.232.110.120:34855 > 66.35.250.204:80: POST /b => 201 Created
        """,
        requests.toString());
  }
}
