package dev.wasitrace.analyzer.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.analyzer.net.EventScript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** HTTP/1.x framing over recorded byte streams, split the ways real reads split them. */
class HttpFramerTest {
  private static EventScript client() {
    return EventScript.between("127.0.0.1:40000", "127.0.0.1:8080").conn(0);
  }

  private static HttpConversation frame(EventScript script) {
    HttpConversation conversation = HttpFramer.frame(script.events());
    assertNotNull(conversation);
    return conversation;
  }

  private static String body(HttpMessage message) {
    return new String(message.body(), UTF_8);
  }

  /** Each exchange as "METHOD TARGET => STATUS [body]". */
  private static List<String> summary(HttpConversation conversation) {
    return conversation.exchanges().stream()
        .map(
            e ->
                e.transDepth()
                    + " "
                    + e.request().method()
                    + " "
                    + e.request().target()
                    + " ["
                    + body(e.request())
                    + "] => "
                    + (e.response() == null
                        ? "none"
                        : e.response().status() + " [" + body(e.response()) + "]"))
        .toList();
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }

  @Test
  void aHeaderSplitAcrossTwoReads() {
    HttpConversation conversation =
        frame(
            client()
                .send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
                .recv("HTTP/1.1 200 OK\r\nContent-Le")
                .recv("ngth: 5\r\n\r\nhel")
                .recv("lo"));
    assertEquals(List.of("1 GET /a [] => 200 [hello]"), summary(conversation));
    HttpExchange exchange = conversation.exchanges().get(0);
    assertEquals("127.0.0.1:40000", conversation.client());
    assertEquals("127.0.0.1:8080", conversation.server());
    assertTrue(conversation.clientIsLocal());
    assertEquals(11, exchange.request().first().seq());
    assertEquals(11, exchange.request().last().seq());
    assertEquals(12, exchange.response().first().seq());
    assertEquals(14, exchange.response().last().seq());
    assertEquals(EventScript.START.plusMillis(2), exchange.response().first().ts());
    assertEquals(List.of("HTTP/1.1 200 OK", "Content-Length: 5"), exchange.response().head());
    assertTrue(exchange.response().complete());
  }

  @Test
  void chunkedWithASizeLineSplitAndTrailers() {
    HttpConversation conversation =
        frame(
            client()
                .send("GET / HTTP/1.1\r\n\r\n")
                .recv("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1")
                .recv("0;ext=1\r\n0123456789abcdef\r\n")
                .recv("0\r\nX-Checksum: 42\r\n\r\n")
                .send("GET /next HTTP/1.1\r\n\r\n")
                .recv("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"));
    assertEquals(
        List.of("1 GET / [] => 200 [hello0123456789abcdef]", "2 GET /next [] => 200 []"),
        summary(conversation));
    HttpMessage response = conversation.exchanges().get(0).response();
    assertEquals("42", response.trailers().first("x-checksum"));
    assertEquals(21, response.bodyLength());
    assertEquals(14, response.last().seq());
  }

  @Test
  void aChunkedRequestBody() {
    HttpConversation conversation =
        frame(
            client()
                .send("POST /up HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
                .send("0\r\n\r\n")
                .recv("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
    assertEquals(List.of("1 POST /up [abc] => 201 []"), summary(conversation));
  }

  @Test
  void keepAliveAndPipelinedRequestsPairInOrder() {
    HttpConversation keepAlive =
        frame(
            client()
                .send("GET /1 HTTP/1.1\r\n\r\n")
                .recv("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na")
                .send("GET /2 HTTP/1.1\r\n\r\n")
                .recv("HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\nb"));
    assertEquals(List.of("1 GET /1 [] => 200 [a]", "2 GET /2 [] => 404 [b]"), summary(keepAlive));

    HttpConversation pipelined =
        frame(
            client()
                .send("GET /1 HTTP/1.1\r\n\r\nGET /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n")
                .recv(
                    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"
                        + "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb")
                .eof());
    assertEquals(
        List.of("1 GET /1 [] => 200 [a]", "2 GET /2 [] => 200 [b]", "3 GET /3 [] => none"),
        summary(pipelined));
    // The second response came in the same read as the first.
    assertEquals(12, pipelined.exchanges().get(1).response().first().seq());
  }

  @Test
  void bodiesDelimitedByTheClose() {
    HttpConversation closed =
        frame(
            client()
                .send("GET / HTTP/1.0\r\n\r\n")
                .recv("HTTP/1.0 200 OK\r\n\r\nall ")
                .recv("of it")
                .eof());
    assertEquals(List.of("1 GET / [] => 200 [all of it]"), summary(closed));
    assertTrue(closed.exchanges().get(0).response().complete());

    HttpConversation cutShort =
        frame(
            client()
                .send("GET / HTTP/1.1\r\n\r\n")
                .recv("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nso far"));
    assertEquals(List.of("1 GET / [] => 200 [so far]"), summary(cutShort));
    assertFalse(cutShort.exchanges().get(0).response().complete());
  }

  @Test
  void noBodyAfterHeadNorFor204Or304() {
    HttpConversation conversation =
        frame(
            client()
                .send(
                    "HEAD /big HTTP/1.1\r\n\r\nDELETE /x HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\nGET /d HTTP/1.1\r\n\r\n")
                .recv("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
                .recv("HTTP/1.1 204 No Content\r\n\r\n")
                .recv("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n")
                .recv("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
    assertEquals(
        List.of(
            "1 HEAD /big [] => 200 []",
            "2 DELETE /x [] => 204 []",
            "3 GET /c [] => 304 []",
            "4 GET /d [] => 200 [ok]"),
        summary(conversation));
  }

  @Test
  void expect100Continue() {
    HttpConversation conversation =
        frame(
            client()
                .send("PUT /f HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
                .recv("HTTP/1.1 100 Continue\r\n\r\n")
                .send("hello")
                .recv("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    assertEquals(List.of("1 PUT /f [hello] => 200 []"), summary(conversation));
    HttpExchange exchange = conversation.exchanges().get(0);
    assertEquals(1, exchange.interim().size());
    assertEquals(100, exchange.interim().get(0).status());
    assertEquals(12, exchange.firstResponseByte().seq());
    assertEquals(14, exchange.response().first().seq());
    assertEquals(13, exchange.request().last().seq());
  }

  @Test
  void expect100ContinueRefusedBeforeTheBodyWasSent() {
    HttpConversation conversation =
        frame(
            client()
                .send("PUT /f HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
                .recv("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n")
                .send("GET / HTTP/1.1\r\n\r\n")
                .recv("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    assertEquals(List.of("1 PUT /f [] => 417 []", "2 GET / [] => 200 []"), summary(conversation));
  }

  @Test
  void requestsWithoutAnswers() {
    HttpConversation conversation =
        frame(client().send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").recvError(15));
    assertEquals(List.of("1 GET /slow [] => none"), summary(conversation));
    // An interim response only.
    HttpConversation interimOnly =
        frame(
            client()
                .send("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n")
                .recv("HTTP/1.1 100 Continue\r\n\r\n")
                .send("x"));
    assertNull(interimOnly.exchanges().get(0).response());
    assertEquals(1, interimOnly.exchanges().get(0).interim().size());
  }

  @Test
  void theGuestAsServer() {
    HttpConversation conversation =
        frame(
            EventScript.between("127.0.0.1:8080", "127.0.0.1:40001")
                .accept()
                .recv("GET /hi HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .send("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n")
                .send("hi!")
                .shut());
    assertEquals(List.of("1 GET /hi [] => 200 [hi!]"), summary(conversation));
    assertFalse(conversation.clientIsLocal());
    assertEquals("127.0.0.1:40001", conversation.client());
    assertEquals("127.0.0.1:8080", conversation.server());
  }

  @Test
  void http2WithPriorKnowledgeIsLabelledNotParsed() {
    byte[] settings = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    HttpConversation conversation =
        frame(
            client()
                .send(concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(UTF_8), settings))
                .recv(settings));
    assertEquals(List.of(), conversation.exchanges());
    assertEquals("h2", conversation.protocolSwitch().protocol());
    assertEquals(ProtocolSwitch.PRIOR_KNOWLEDGE, conversation.protocolSwitch().how());
    assertEquals(11, conversation.protocolSwitch().at().seq());
    assertEquals("http2", conversation.service());
  }

  @Test
  void h2cUpgrade() {
    byte[] frames = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    HttpConversation conversation =
        frame(
            client()
                .send(
                    "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                        + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n")
                .recv(
                    concat(
                        "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                            .getBytes(UTF_8),
                        frames))
                .send(concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(UTF_8), frames)));
    assertEquals(List.of("1 GET / [] => 101 []"), summary(conversation));
    assertEquals("h2", conversation.protocolSwitch().protocol());
    assertEquals(ProtocolSwitch.UPGRADE, conversation.protocolSwitch().how());
    assertEquals("http,http2", conversation.service());
  }

  @Test
  void connectTunnel() {
    HttpConversation conversation =
        frame(
            client()
                .send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
                .recv("HTTP/1.1 200 Connection established\r\n\r\n")
                .send(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05})
                .recv(new byte[] {0x16, 0x03, 0x03}));
    assertEquals(List.of("1 CONNECT example.com:443 [] => 200 []"), summary(conversation));
    assertEquals("tunnel", conversation.protocolSwitch().protocol());
    assertEquals("http", conversation.service());
  }

  @Test
  void bareLineFeedsAndFoldedHeaders() {
    HttpConversation conversation =
        frame(
            client()
                .send("GET / HTTP/1.1\nHost: x\n\n")
                .recv("HTTP/1.1 200 OK\nX-Long: a\n  b\nContent-Length: 2\n\nok"));
    assertEquals(List.of("1 GET / [] => 200 [ok]"), summary(conversation));
    assertEquals("a b", conversation.exchanges().get(0).response().headers().first("X-Long"));
  }

  @Test
  void whatIsNotHttp() {
    assertNull(
        HttpFramer.frame(
            client().recv("220 smtp.example.com ESMTP\r\n").send("EHLO me\r\n").events()));
    assertNull(
        HttpFramer.frame(client().send(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x0a}).events()));
    assertNull(HttpFramer.frame(client().events()));
    // A response that is not HTTP leaves its request unanswered.
    HttpConversation garbage =
        frame(client().send("GET / HTTP/1.1\r\n\r\n").recv("SSH-2.0-OpenSSH\r\n"));
    assertEquals(List.of("1 GET / [] => none"), summary(garbage));
  }

  @Test
  void gzipBodiesDecodeForDisplay() {
    byte[] compressed = gzip("squeezed text\n");
    HttpConversation conversation =
        frame(
            client()
                .send("GET / HTTP/1.1\r\nAccept-Encoding: gzip\r\n\r\n")
                .recv(
                    concat(
                        ("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                                + compressed.length
                                + "\r\n\r\n")
                            .getBytes(UTF_8),
                        compressed)));
    HttpMessage response = conversation.exchanges().get(0).response();
    assertEquals(compressed.length, response.bodyLength());
    assertEquals("squeezed text\n", BodyText.of(response));
  }

  @Test
  void bodyTextOfBinaryAndUndecodableBodies() {
    HttpHeaders gzip = new HttpHeaders(List.of(new HttpHeaders.Field("Content-Encoding", "gzip")));
    HttpHeaders brotli = new HttpHeaders(List.of(new HttpHeaders.Field("Content-Encoding", "br")));
    assertNull(BodyText.of(message(HttpHeaders.NONE, new byte[] {(byte) 0xff, (byte) 0xfe})));
    assertNull(BodyText.of(message(gzip, "not gzip".getBytes(UTF_8))));
    assertNull(BodyText.of(message(brotli, "abc".getBytes(UTF_8))));
    assertEquals("héllo", BodyText.of(message(HttpHeaders.NONE, "héllo".getBytes(UTF_8))));
  }

  private static HttpMessage message(HttpHeaders headers, byte[] body) {
    Moment moment = new Moment(1, EventScript.START);
    return new HttpMessage(
        List.of("HTTP/1.1 200 OK"), headers, body, HttpHeaders.NONE, moment, moment, true);
  }
}
