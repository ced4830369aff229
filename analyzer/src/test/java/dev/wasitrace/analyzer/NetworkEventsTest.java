package dev.wasitrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.log.LogRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** queries/network_events.sql over logs written call by call, as a client and a server would. */
class NetworkEventsTest {
  private static final int EAGAIN = 6;
  private static final int ECONNREFUSED = 14;
  private static final int ECONNRESET = 15;
  private static final int EINPROGRESS = 26;

  @TempDir static Path dir;

  private static List<String> client;
  private static List<String> server;
  private static List<String> detail;

  /** One event as {@code [seq] PROTO SRC > DST: TYPE RESULT SIZE fd=N}. */
  private static final String EVENT =
      "'[' || seq || '] ' || proto || ' ' || coalesce(src, '?') || ' > ' || coalesce(dst, '?')"
          + " || ': ' || type || ' ' || result || coalesce(' ' || size, '') || ' fd=' || fd";

  @BeforeAll
  static void load() {
    Path clientLog = dir.resolve("client.arrow");
    try (SyntheticLog log = new SyntheticLog(clientLog, 4)) {
      String local = "127.0.0.1:40001";
      String server = "127.0.0.1:8080";
      call(log, "sock_open", -1, 0, "TCP", null, null).result(3);
      log.append(); // 0
      call(log, "sock_connect", 3, ECONNREFUSED, "TCP", "127.0.0.1:40000", "127.0.0.1:9");
      log.append(); // 1: refused
      // The recorder notes the closing socket as it was: with the address it tried.
      call(log, "fd_close", 3, 0, "TCP", "127.0.0.1:40000", "127.0.0.1:9").params(new long[] {3});
      log.append(); // 2: never connected: no event
      call(log, "sock_open", -1, 0, "TCP", null, null).result(3);
      log.append(); // 3
      call(log, "sock_connect", 3, EINPROGRESS, "TCP", local, server);
      log.append(); // 4
      call(log, "sock_send", 3, EAGAIN, "TCP", local, server);
      log.append(); // 5: nothing happened
      bytes(call(log, "sock_send", 3, 0, "TCP", local, server), "hello");
      log.append(); // 6
      bytes(call(log, "fd_write", 3, 0, "TCP", local, server), "world");
      log.append(); // 7: fd_write on a socket
      call(log, "sock_recv", 3, EAGAIN, "TCP", local, server);
      log.append(); // 8: nothing happened
      bytes(call(log, "sock_recv", 3, 0, "TCP", local, server), "ok");
      log.append(); // 9
      bytes(call(log, "fd_read", 3, 0, "TCP", local, server), "");
      log.append(); // 10: the peer's EOF
      call(log, "sock_shutdown", 3, 0, "TCP", local, server).params(new long[] {3, 2});
      log.append(); // 11: SHUT (w)
      call(log, "fd_close", 3, 0, null, null, null).params(new long[] {3});
      log.append(); // 12: the read side closes now
      log.write(1, "done\n"); // 13: stdout is no socket
      call(log, "fd_close", 1, 0, null, null, null).params(new long[] {1});
      log.append(); // 14
    }
    Path serverLog = dir.resolve("server.arrow");
    try (SyntheticLog log = new SyntheticLog(serverLog, 5)) {
      String listen = "127.0.0.1:8080";
      String peer1 = "127.0.0.1:40001";
      String peer2 = "[::1]:40002";
      call(log, "sock_open", -1, 0, "TCP", null, null).result(3);
      log.append(); // 0
      call(log, "sock_accept", 3, EAGAIN, "TCP", listen, null);
      log.append(); // 1: nothing to accept yet
      call(log, "sock_accept", 3, 0, "TCP", listen, peer1).result(4);
      log.append(); // 2
      bytes(call(log, "fd_read", 4, 0, "TCP", listen, peer1), "hello");
      log.append(); // 3
      bytes(call(log, "sock_send", 4, 0, "TCP", listen, peer1), "ok");
      log.append(); // 4
      call(log, "sock_shutdown", 4, 0, "TCP", listen, peer1).params(new long[] {4, 3});
      log.append(); // 5: SHUT
      call(log, "fd_close", 4, 0, "TCP", listen, peer1).params(new long[] {4});
      log.append(); // 6: nothing left open
      call(log, "sock_accept", 3, 0, "TCP", "[::1]:8080", peer2).result(4);
      log.append(); // 7: fd 4 again
      call(log, "sock_recv", 4, ECONNRESET, "TCP", "[::1]:8080", peer2);
      log.append(); // 8
      call(log, "sock_shutdown", 4, 0, "TCP", "[::1]:8080", peer2).params(new long[] {4, 1});
      log.append(); // 9: SHUT (r)
      call(log, "fd_close", 4, 0, "TCP", "[::1]:8080", peer2).params(new long[] {4});
      log.append(); // 10: SHUT (w)
      call(log, "fd_close", 3, 0, "TCP", listen, null).params(new long[] {3});
      log.append(); // 11: the listener has no peer: no event
      bytes(call(log, "sock_send_to", 5, 0, "UDP", "127.0.0.1:5000", "127.0.0.1:5001"), "ping");
      log.append(); // 12
      bytes(call(log, "sock_recv_from", 5, 0, "UDP", "127.0.0.1:5000", "127.0.0.1:5001"), "pong");
      log.append(); // 13
      call(log, "fd_close", 5, 0, "UDP", "127.0.0.1:5000", null).params(new long[] {5});
      log.append(); // 14: UDP has no connection to shut
    }
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(
          List.of(
              RecordedProcess.ofLog("client", clientLog),
              RecordedProcess.ofLog("server", serverLog)),
          List.of(),
          LoadListener.NONE);
      client = events(session, "client");
      server = events(session, "server");
      detail =
          session
              .query(
                  "SELECT seq || ' ' || errno || ' ' || func || ' ' || local_addr || ' '"
                      + " || coalesce(peer_addr, '-') || ' ' || decode(data) || ' '"
                      + " || strftime(ts, '%Y-%m-%d %H:%M:%S.%n')"
                      + " FROM network_events WHERE process_id = 'client' AND data IS NOT NULL")
              .rows()
              .stream()
              .map(row -> (String) row.get(0))
              .toList();
    }
  }

  private static List<String> events(AnalysisSession session, String processId) {
    List<String> lines = new ArrayList<>();
    for (List<Object> row :
        session
            .query(
                "SELECT "
                    + EVENT
                    + " FROM network_events WHERE process_id = '"
                    + processId
                    + "' ORDER BY seq")
            .rows()) {
      lines.add((String) row.get(0));
    }
    return lines;
  }

  private static LogRow call(
      SyntheticLog log,
      String function,
      int fd,
      int errno,
      String proto,
      String local,
      String peer) {
    LogRow row = log.next(function).errno(errno).socket(proto, local, peer);
    if (fd >= 0) {
      row.fd(fd).params(new long[] {fd});
    }
    return row;
  }

  private static LogRow bytes(LogRow row, String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    return row.size(data.length).result(data.length).data(data, data.length);
  }

  @Test
  void clientSide() {
    assertEquals(
        List.of(
            "[1] TCP 127.0.0.1:40000 > 127.0.0.1:9: CONN ECONNREFUSED fd=3",
            "[4] TCP 127.0.0.1:40001 > 127.0.0.1:8080: CONN EINPROGRESS fd=3",
            "[6] TCP 127.0.0.1:40001 > 127.0.0.1:8080: SEND OK 5 fd=3",
            "[7] TCP 127.0.0.1:40001 > 127.0.0.1:8080: SEND OK 5 fd=3",
            "[9] TCP 127.0.0.1:8080 > 127.0.0.1:40001: RECV OK 2 fd=3",
            "[10] TCP 127.0.0.1:8080 > 127.0.0.1:40001: RECV OK 0 fd=3",
            "[11] TCP 127.0.0.1:40001 > 127.0.0.1:8080: SHUT (w) OK fd=3",
            "[12] TCP 127.0.0.1:40001 > 127.0.0.1:8080: SHUT (r) OK fd=3"),
        client);
  }

  @Test
  void serverSide() {
    assertEquals(
        List.of(
            "[2] TCP 127.0.0.1:40001 > 127.0.0.1:8080: ACCEPT OK fd=4",
            "[3] TCP 127.0.0.1:40001 > 127.0.0.1:8080: RECV OK 5 fd=4",
            "[4] TCP 127.0.0.1:8080 > 127.0.0.1:40001: SEND OK 2 fd=4",
            "[5] TCP 127.0.0.1:8080 > 127.0.0.1:40001: SHUT OK fd=4",
            "[7] TCP [::1]:40002 > [::1]:8080: ACCEPT OK fd=4",
            "[8] TCP [::1]:40002 > [::1]:8080: RECV ECONNRESET fd=4",
            "[9] TCP [::1]:8080 > [::1]:40002: SHUT (r) OK fd=4",
            "[10] TCP [::1]:8080 > [::1]:40002: SHUT (w) OK fd=4",
            "[12] UDP 127.0.0.1:5000 > 127.0.0.1:5001: SEND OK 4 fd=5",
            "[13] UDP 127.0.0.1:5001 > 127.0.0.1:5000: RECV OK 4 fd=5"),
        server);
  }

  @Test
  void eventsCarryTheCallsBytesAddressesAndTimes() {
    assertEquals(
        List.of(
            "6 0 sock_send 127.0.0.1:40001 127.0.0.1:8080 hello 2023-11-14 22:13:20.000006123",
            "7 0 fd_write 127.0.0.1:40001 127.0.0.1:8080 world 2023-11-14 22:13:20.000007123",
            "9 0 sock_recv 127.0.0.1:40001 127.0.0.1:8080 ok 2023-11-14 22:13:20.000009123",
            "10 0 fd_read 127.0.0.1:40001 127.0.0.1:8080  2023-11-14 22:13:20.000010123"),
        detail);
  }
}
