package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IoEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The Event payloads the calls produce, in order. */
  private static List<JsonNode> events(LoggedCall... calls) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    IoEvents io = new IoEvents();
    try (TraceEventWriter writer = new TraceEventWriter(out, FormatVersion.V0_16)) {
      for (LoggedCall call : calls) {
        io.write(call, writer);
      }
      writer.finish();
    }
    List<JsonNode> events = new ArrayList<>();
    JSON.readTree(out.toByteArray()).forEach(e -> events.add(e.get("Event")));
    return events;
  }

  private static LoggedCall write(int fd, String text) {
    return CallBuilder.of(WasiFunction.FD_WRITE, fd, 0, 1, 0)
        .data(text)
        .result(text.length())
        .build();
  }

  @Test
  void stdoutIsWriteStderrIsWriteOther() throws IOException {
    List<JsonNode> events = events(write(1, "out\n"), write(2, "err\n"));
    assertEquals(0, events.get(0).get("kind").asInt());
    assertEquals("out\n", events.get(0).get("content").asText());
    JsonNode meta = JSON.readTree(events.get(0).get("metadata").asText());
    assertEquals("stdout", meta.get("stream").asText());
    assertEquals(1, meta.get("fd").asInt());
    assertEquals(2, events.get(1).get("kind").asInt());
    assertEquals(
        "stderr", JSON.readTree(events.get(1).get("metadata").asText()).get("stream").asText());
  }

  @Test
  void filesAreNamedByThePathTheyWereOpenedAs() throws IOException {
    List<JsonNode> events =
        events(
            CallBuilder.of(WasiFunction.FD_PRESTAT_DIR_NAME, 3, 0, 8).path("/sandbox").build(),
            CallBuilder.of(WasiFunction.PATH_OPEN, 3, 0, 0, 5, 1, 1L << 6, 0, 0, 0)
                .path("a.txt")
                .result(4)
                .build(),
            write(4, "data"),
            CallBuilder.of(WasiFunction.FD_READ, 4, 0, 1, 0).data("da").result(2).build(),
            CallBuilder.of(WasiFunction.FD_CLOSE, 4).build(),
            write(4, "x"));
    assertEquals(10, events.get(0).get("kind").asInt(), "path_open is an Open event");
    assertEquals("/sandbox/a.txt", events.get(0).get("content").asText());
    assertEquals(4, JSON.readTree(events.get(0).get("metadata").asText()).get("opened_fd").asInt());
    assertEquals(1, events.get(1).get("kind").asInt());
    assertEquals("/sandbox/a.txt", events.get(1).get("metadata").asText());
    assertEquals("data", events.get(1).get("content").asText());
    assertEquals(4, events.get(2).get("kind").asInt());
    assertEquals("da", events.get(2).get("content").asText());
    assertEquals("fd 4", events.get(3).get("metadata").asText(), "closed: no name any more");
  }

  @Test
  void stdinIsReadAndEmptyReadsAreNoEvent() throws IOException {
    List<JsonNode> events =
        events(
            CallBuilder.of(WasiFunction.FD_READ, 0, 0, 1, 0).data("in").result(2).build(),
            CallBuilder.of(WasiFunction.FD_READ, 0, 0, 1, 0).data(new byte[0]).result(0).build());
    assertEquals(1, events.size());
    assertEquals(3, events.get(0).get("kind").asInt());
    assertEquals("in", events.get(0).get("content").asText());
  }

  @Test
  void socketTrafficIsSocketEventsWithTheBytesAndAddresses() throws IOException {
    List<JsonNode> events =
        events(
            CallBuilder.of(WasiFunction.SOCK_CONNECT, 3, 0, 80)
                .socket("TCP", "127.0.0.1:5000", "127.0.0.1:80")
                .build(),
            CallBuilder.of(WasiFunction.SOCK_SEND, 3, 0, 1, 0, 0)
                .data("GET /")
                .result(5)
                .socket("TCP", "127.0.0.1:5000", "127.0.0.1:80")
                .build(),
            CallBuilder.of(WasiFunction.FD_WRITE, 3, 0, 1, 0)
                .data("more")
                .result(4)
                .socket("TCP", "127.0.0.1:5000", "127.0.0.1:80")
                .build(),
            CallBuilder.of(WasiFunction.SOCK_CONNECT, 4, 0, 81)
                .errno(Errno.value("ECONNREFUSED"))
                .socket("TCP", null, "127.0.0.1:81")
                .build());
    for (JsonNode event : events) {
      assertEquals(9, event.get("kind").asInt(), event.toString());
    }
    assertEquals("CONN 127.0.0.1:5000 > 127.0.0.1:80: OK", events.get(0).get("content").asText());
    assertEquals("GET /", events.get(1).get("content").asText());
    JsonNode meta = JSON.readTree(events.get(1).get("metadata").asText());
    assertEquals("SEND", meta.get("type").asText());
    assertEquals("127.0.0.1:80", meta.get("peer").asText());
    assertEquals(5, meta.get("bytes").asInt());
    assertEquals("more", events.get(2).get("content").asText(), "fd_write on a socket");
    assertEquals("CONN ? > 127.0.0.1:81: ECONNREFUSED", events.get(3).get("content").asText());
    assertEquals(
        "ECONNREFUSED",
        JSON.readTree(events.get(3).get("metadata").asText()).get("errno").asText());
  }

  @Test
  void aNonZeroExitIsAnErrorEvent() throws IOException {
    List<JsonNode> events =
        events(
            CallBuilder.of(WasiFunction.PROC_EXIT, 0).noReturn().build(),
            CallBuilder.of(WasiFunction.PROC_EXIT, 3).noReturn().build());
    assertEquals(1, events.size());
    assertEquals(11, events.get(0).get("kind").asInt());
    assertEquals("exit code 3", events.get(0).get("content").asText());
  }

  @Test
  void bytesThatAreNotUtf8AreDecodedLossilyAndSaySo() throws IOException {
    LoggedCall call =
        CallBuilder.of(WasiFunction.FD_WRITE, 1, 0, 1, 0)
            .data(new byte[] {'a', (byte) 0xff})
            .build();
    JsonNode event = events(call).get(0);
    assertEquals("a\uFFFD", event.get("content").asText());
    assertTrue(JSON.readTree(event.get("metadata").asText()).get("lossy").asBoolean());
  }

  @Test
  void callsWithoutIoHaveNoEvents() throws IOException {
    assertEquals(
        List.of(),
        events(
            CallBuilder.of(WasiFunction.CLOCK_TIME_GET, 0, 1, 0).result(5).build(),
            CallBuilder.of(WasiFunction.RANDOM_GET, 0, 4).data(new byte[4]).build(),
            CallBuilder.of(WasiFunction.FD_WRITE, 1, 0, 1, 0).errno(Errno.EFAULT).build()));
  }
}
