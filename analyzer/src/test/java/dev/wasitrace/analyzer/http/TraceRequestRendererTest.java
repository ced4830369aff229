package dev.wasitrace.analyzer.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.analyzer.net.EventScript;
import dev.wasitrace.analyzer.net.NetworkEvent;
import dev.wasitrace.analyzer.net.SeedTraffic;
import dev.wasitrace.analyzer.net.TcpConnection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** trace request, expected text written by hand from the bytes on the wire (and seed 001). */
class TraceRequestRendererTest {
  @SafeVarargs
  private static String render(boolean verbose, List<NetworkEvent>... connections) {
    List<TcpConnection> tcp = new ArrayList<>();
    for (List<NetworkEvent> events : connections) {
      tcp.add(new TcpConnection("p1", events.get(0).fd(), events));
    }
    return new TraceRequestRenderer(ZoneOffset.UTC, verbose)
        .render(TraceRequestRenderer.conversations(tcp));
  }

  private static EventScript client() {
    return EventScript.between("127.0.0.1:40000", "127.0.0.1:8080").conn(0);
  }

  @Test
  void seed() {
    assertEquals(
        "2023/06/30 08:13:24.326929 HTTP 172.16.0.0:49152 > 44.194.85.187:443: GET / => 200 OK\n",
        render(false, SeedTraffic.events()));
  }

  @Test
  void seedVerbose() {
    assertEquals(
        """
        2023/06/30 08:13:24.326929 HTTP 172.16.0.0:49152 > 44.194.85.187:443
        > GET / HTTP/1.1
        > Host: eo3qh2ncelpc9q0.m.pipedream.net
        > User-Agent: Go-http-client/1.1
        > Accept-Encoding: gzip
        >
        < HTTP/1.1 200 OK
        < Date: Thu, 29 Jun 2023 22:13:24 GMT
        < Content-Type: text/html; charset=utf-8
        < Content-Length: 14
        < Connection: keep-alive
        < X-Powered-By: Express
        < Access-Control-Allow-Origin: *
        <
        Hello, World!
        """,
        render(true, SeedTraffic.events()));
  }

  @Test
  void theGuestAsServerKeepAliveAndAPostBody() {
    List<NetworkEvent> events =
        EventScript.between("127.0.0.1:8080", "127.0.0.1:40001")
            .fd(4)
            .accept()
            .recv("POST /echo HTTP/1.1\r\nHost: localhost:8080\r\nContent-Length: 6\r\n\r\nhello\n")
            .send("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n")
            .recv("GET /missing HTTP/1.1\r\nHost: localhost:8080\r\n\r\n")
            .send("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            .eof()
            .shut()
            .events();
    assertEquals(
        """
        2023/06/30 08:13:20.465329 HTTP 127.0.0.1:40001 > 127.0.0.1:8080: POST /echo => 200 OK
        2023/06/30 08:13:20.467329 HTTP 127.0.0.1:40001 > 127.0.0.1:8080: GET /missing => 404 Not Found
        """,
        render(false, events));
    assertEquals(
        """
        2023/06/30 08:13:20.465329 HTTP 127.0.0.1:40001 > 127.0.0.1:8080
        > POST /echo HTTP/1.1
        > Host: localhost:8080
        > Content-Length: 6
        >
        hello
        < HTTP/1.1 200 OK
        < Content-Length: 6
        <
        hello

        2023/06/30 08:13:20.467329 HTTP 127.0.0.1:40001 > 127.0.0.1:8080
        > GET /missing HTTP/1.1
        > Host: localhost:8080
        >
        < HTTP/1.1 404 Not Found
        < Content-Length: 0
        <
        """,
        render(true, events));
  }

  @Test
  void pipelinedChunkedGzipHeadAnd204() {
    byte[] gzipped = HttpFramerTest.gzip("{\"ok\":true}");
    String chunk = Integer.toHexString(gzipped.length);
    List<NetworkEvent> events =
        client()
            .send(
                "GET /data HTTP/1.1\r\n\r\nHEAD /data HTTP/1.1\r\n\r\nDELETE /data HTTP/1.1\r\n\r\n")
            .recv(
                HttpFramerTest.concat(
                    ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + chunk
                            + "\r\n")
                        .getBytes(UTF_8),
                    gzipped,
                    "\r\n0\r\n\r\n".getBytes(UTF_8)))
            .recv("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
            .events();
    assertEquals(
        """
        2023/06/30 08:13:20.465329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080: GET /data => 200 OK
        2023/06/30 08:13:20.466329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080: HEAD /data => 200 OK
        2023/06/30 08:13:20.466329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080: DELETE /data => 204 No Content
        """,
        render(false, events));
    String verbose = render(true, events);
    assertEquals(
        """
        2023/06/30 08:13:20.465329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080
        > GET /data HTTP/1.1
        >
        < HTTP/1.1 200 OK
        < Content-Encoding: gzip
        < Transfer-Encoding: chunked
        <
        {"ok":true}

        2023/06/30 08:13:20.466329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080
        > HEAD /data HTTP/1.1
        >
        < HTTP/1.1 200 OK
        < Content-Length: 11
        <

        2023/06/30 08:13:20.466329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080
        > DELETE /data HTTP/1.1
        >
        < HTTP/1.1 204 No Content
        <
        """,
        verbose);
  }

  @Test
  void continueBinaryAndUnanswered() {
    List<NetworkEvent> events =
        client()
            .send("PUT /blob HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
            .recv("HTTP/1.1 100 Continue\r\n\r\n")
            .send(new byte[] {0, (byte) 0xff, 1})
            .recv("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
            .send("GET /never HTTP/1.1\r\n\r\n")
            .eof()
            .events();
    assertEquals(
        """
        2023/06/30 08:13:20.467329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080: PUT /blob => 201 Created
        2023/06/30 08:13:20.468329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080: GET /never => (no response)
        """,
        render(false, events));
    assertEquals(
        """
        2023/06/30 08:13:20.467329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080
        > PUT /blob HTTP/1.1
        > Expect: 100-continue
        > Content-Length: 3
        >
        (binary content)
        < HTTP/1.1 100 Continue
        <
        < HTTP/1.1 201 Created
        < Content-Length: 0
        <

        2023/06/30 08:13:20.468329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080
        > GET /never HTTP/1.1
        >
        (no response)
        """,
        render(true, events));
  }

  @Test
  void http2IsLabelledAndConnectionsInterleaveByTime() {
    byte[] settings = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    List<NetworkEvent> h2 =
        EventScript.between("127.0.0.1:40002", "127.0.0.1:8443")
            .fd(5)
            .seq(100)
            .at(Instant.parse("2023-06-30T08:13:20.464000Z"))
            .conn(0)
            .send(
                HttpFramerTest.concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(UTF_8), settings))
            .recv(settings)
            .events();
    List<NetworkEvent> h2c =
        client()
            .send(
                "GET / HTTP/1.1\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
            .recv("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n")
            .events();
    assertEquals(
        """
        2023/06/30 08:13:20.465000 HTTP/2 127.0.0.1:40002 > 127.0.0.1:8443: (HTTP/2 with prior knowledge, not decoded)
        2023/06/30 08:13:20.465329 HTTP 127.0.0.1:40000 > 127.0.0.1:8080: GET / => 101 Switching Protocols
        2023/06/30 08:13:20.465329 HTTP/2 127.0.0.1:40000 > 127.0.0.1:8080: (HTTP/2 after the upgrade, not decoded)
        """,
        render(false, h2c, h2));
    assertEquals(
        """
        2023/06/30 08:13:20.465000 HTTP/2 127.0.0.1:40002 > 127.0.0.1:8443
        (HTTP/2 with prior knowledge, not decoded)
        """,
        render(true, h2));
  }
}
