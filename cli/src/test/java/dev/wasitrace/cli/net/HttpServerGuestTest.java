package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.addr;
import static dev.wasitrace.cli.net.Net.assertDataRowsName;
import static dev.wasitrace.cli.net.Net.assertSameBytes;
import static dev.wasitrace.cli.net.Net.bytes;
import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * http_server.wasm in its own process: java.net.http.HttpClient (through a recording proxy) and raw
 * sockets send it requests, several per connection.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpServerGuestTest {
  @TempDir Path home;

  static String response(String body, boolean close) {
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
        + body.length()
        + "\r\n"
        + (close ? "Connection: close\r\n" : "")
        + "\r\n"
        + body;
  }

  /** One raw connection: what the client wrote and read, and its port. */
  record Raw(int port, byte[] sent, byte[] received) {}

  @Test
  void servesKeepAliveConnectionsFromHttpClientAndRawSockets() throws Exception {
    try (GuestProcess guest = GuestProcess.run(home, TestData.wasm("http_server"), "0", "3")) {
      int port = guest.awaitListeningPort();

      // Connection 1: HttpClient, four requests on one kept-alive connection; /bye ends it.
      byte[] wire1Out;
      byte[] wire1In;
      int wire1Port;
      try (RecordingProxy proxy = new RecordingProxy(port)) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://127.0.0.1:" + proxy.port());
        HttpResponse<String> hello = get(client, base.resolve("/hello"));
        assertEquals(200, hello.statusCode());
        assertEquals("hello from wasm", hello.body());
        HttpResponse<String> echo =
            client.send(
                HttpRequest.newBuilder(base.resolve("/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString("a body from HttpClient"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, echo.statusCode());
        assertEquals("a body from HttpClient", echo.body());
        assertEquals("hello from wasm", get(client, base.resolve("/hello")).body());
        HttpResponse<String> bye = get(client, base.resolve("/bye"));
        assertEquals("bye", bye.body());
        assertEquals("close", bye.headers().firstValue("connection").orElse(""));
        assertEquals(1, proxy.connections().size(), "HttpClient kept one connection alive");
        RecordingProxy.Connection wire = proxy.connections().get(0);
        wire1Out = wire.fromClient();
        wire1In = wire.fromUpstream();
        wire1Port = wire.upstreamLocalPort();
      }

      // Connection 2: two requests; the second says "Connection: close".
      String req2a = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      String req2b =
          "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\n"
              + "Connection: close\r\n\r\nhello there";
      Raw raw2;
      try (Socket s = new Socket(loopback(), port)) {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        out.write(bytes(req2a));
        out.flush();
        byte[] first = in.readNBytes(response("hello from wasm", false).length());
        assertEquals(response("hello from wasm", false), Net.text(first));
        got.write(first);
        out.write(bytes(req2b));
        out.flush();
        byte[] rest = in.readAllBytes(); // the server closes
        assertEquals(response("hello there", true), Net.text(rest));
        got.write(rest);
        raw2 = new Raw(s.getLocalPort(), bytes(req2a + req2b), got.toByteArray());
      }

      // Connection 3: one request, then the client ends its side.
      String req3 = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      Raw raw3;
      try (Socket s = new Socket(loopback(), port)) {
        s.getOutputStream().write(bytes(req3));
        s.getOutputStream().flush();
        s.shutdownOutput();
        byte[] got = s.getInputStream().readAllBytes();
        assertEquals(response("hello from wasm", false), Net.text(got));
        raw3 = new Raw(s.getLocalPort(), bytes(req3), got);
      }

      assertEquals(0, guest.awaitExit(), guest.err());
      assertEquals(
          "listening on 127.0.0.1:"
              + port
              + "\n"
              + "conn 1: GET /hello -> 200\n"
              + "conn 1: POST /echo -> 200\n"
              + "conn 1: GET /hello -> 200\n"
              + "conn 1: GET /bye -> 200\n"
              + "conn 1: closed after 4 requests (server close)\n"
              + "conn 2: GET /hello -> 200\n"
              + "conn 2: POST /echo -> 200\n"
              + "conn 2: closed after 2 requests (client close)\n"
              + "conn 3: GET /hello -> 200\n"
              + "conn 3: closed after 1 requests (client eof)\n"
              + "served 3 connections\n",
          guest.stdout());

      NetLog log = NetLog.read(home, guest.processId());
      NetLog.Socket listener = log.opened().get(0);
      assertTrue(listener.localAddrs().contains(addr(port)), listener.localAddrs().toString());
      List<NetLog.Socket> accepted = log.accepted();
      assertEquals(3, accepted.size(), log.dump());
      Raw[] raws = {new Raw(wire1Port, wire1Out, wire1In), raw2, raw3};
      for (int i = 0; i < 3; i++) {
        NetLog.Socket c = accepted.get(i);
        String what = "connection " + (i + 1);
        assertEquals(addr(raws[i].port()), c.opened.peerAddr(), what + ": accept row's peer");
        assertSameBytes(raws[i].sent(), c.received(), what + ": log's bytes in vs wire");
        assertSameBytes(raws[i].received(), c.sent(), what + ": log's bytes out vs wire");
        assertDataRowsName(c, "TCP", addr(port), addr(raws[i].port()));
        // Requests are read with fd_read; heads go out with fd_write, bodies with sock_send.
        assertFalse(c.calls("fd_read").isEmpty(), what + ": fd_read on the socket");
        assertFalse(c.calls("fd_write").isEmpty(), what + ": fd_write on the socket");
        assertFalse(c.calls("sock_send").isEmpty(), what + ": sock_send on the socket");
        assertTrue(c.closed, what + ": closed");
      }
    }
  }

  private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
