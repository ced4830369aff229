package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.addr;
import static dev.wasitrace.cli.net.Net.assertDataRowsName;
import static dev.wasitrace.cli.net.Net.assertSameBytes;
import static dev.wasitrace.cli.net.Net.bytes;
import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wasitrace.cli.Cli;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** http_client.wasm against a Java HttpServer, through a proxy that records the wire. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpClientGuestTest {
  @TempDir Path home;

  /** One request as the server saw it. */
  record Seen(String method, String path, String body, int remotePort, String connection) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private void note(HttpExchange ex, byte[] body) {
    seen.add(
        new Seen(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            new String(body, StandardCharsets.UTF_8),
            ex.getRemoteAddress().getPort(),
            ex.getRequestHeaders().getFirst("Connection")));
  }

  private void answer(HttpExchange ex, String text) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    note(ex, body);
    byte[] answer = text != null ? text.getBytes(StandardCharsets.UTF_8) : body;
    ex.sendResponseHeaders(200, answer.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(answer);
    }
  }

  private HttpServer server() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback(), 0), 0);
    server.createContext("/hello", ex -> answer(ex, "hello, wasm"));
    server.createContext("/echo", ex -> answer(ex, null));
    server.createContext("/last", ex -> answer(ex, "bye"));
    server.createContext(
        "/chunked",
        ex -> {
          note(ex, ex.getRequestBody().readAllBytes());
          ex.sendResponseHeaders(200, 0); // length 0: chunked
          try (OutputStream out = ex.getResponseBody()) {
            for (String part : List.of("one ", "two ", "three")) {
              out.write(part.getBytes(StandardCharsets.UTF_8));
              out.flush(); // one chunk each
            }
          }
        });
    server.start();
    return server;
  }

  /** The requests exactly as testdata/README.md says http_client sends them, in order. */
  static List<String> expectedRequests(int port) {
    String host = "Host: 127.0.0.1:" + port + "\r\nUser-Agent: wasitrace-test\r\n";
    return List.of(
        "GET /hello HTTP/1.1\r\n" + host + "\r\n",
        "GET /chunked HTTP/1.1\r\n" + host + "\r\n",
        "POST /echo HTTP/1.1\r\n"
            + host
            + "Content-Type: text/plain\r\nContent-Length: 14\r\n\r\nping from wasm",
        "GET /last HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n");
  }

  @Test
  void fourRequestsOnOneKeepAliveConnection() throws Exception {
    HttpServer server = server();
    try (RecordingProxy proxy = new RecordingProxy(server.getAddress().getPort())) {
      Cli.Result result =
          new Cli(home)
              .run(
                  "run",
                  TestData.wasm("http_client").toString(),
                  "127.0.0.1",
                  String.valueOf(proxy.port()));

      assertEquals(
          "GET /hello -> 200 length=11\nhello, wasm\n"
              + "GET /chunked -> 200 chunked\none two three\n"
              + "POST /echo -> 200 length=14\nping from wasm\n"
              + "GET /last -> 200 length=3\nbye\n"
              + "eof\n",
          result.out(),
          result.err());
      assertEquals(0, result.exitCode(), result.err());

      // What the server saw: four requests, one connection.
      assertEquals(
          List.of("GET /hello", "GET /chunked", "POST /echo", "GET /last"),
          seen.stream().map(s -> s.method() + " " + s.path()).toList());
      assertEquals("ping from wasm", seen.get(2).body());
      assertEquals("close", seen.get(3).connection());
      assertEquals(1, proxy.connections().size(), "connections the guest opened");
      RecordingProxy.Connection wire = proxy.connections().get(0);
      for (Seen s : seen) {
        assertEquals(wire.upstreamLocalPort(), s.remotePort(), "all requests on one connection");
      }
      byte[] fromGuest = wire.fromClient();
      byte[] toGuest = wire.fromUpstream();
      assertEquals(String.join("", expectedRequests(proxy.port())), Net.text(fromGuest));

      // The log holds exactly the bytes that crossed the wire, on the one socket.
      NetLog log = NetLog.read(home, result.processId());
      List<NetLog.Socket> sockets = log.opened();
      assertEquals(1, sockets.size(), log.dump());
      NetLog.Socket socket = sockets.get(0);
      assertSameBytes(fromGuest, socket.sent(), "log's sock_send bytes vs wire");
      assertSameBytes(toGuest, socket.received(), "log's sock_recv bytes vs wire");
      assertDataRowsName(socket, "TCP", addr(wire.clientPort()), addr(proxy.port()));
      assertEquals(4, socket.calls("sock_send").size(), "one sock_send per request");
      NetLog.Row post = socket.calls("sock_send").get(2);
      assertEquals(2L, post.params()[2], "the POST goes out as two iovecs");
      assertSameBytes(
          bytes(expectedRequests(proxy.port()).get(2)),
          post.data(),
          "the POST's data (head, body)");
      List<NetLog.Row> recvs = socket.calls("sock_recv");
      assertEquals(0L, recvs.get(recvs.size() - 1).result(), "ends with end of stream");
      assertTrue(socket.closed, "socket closed in the log");
    } finally {
      server.stop(0);
    }
  }
}
