package dev.wasitrace.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasitrace.cli.Cli;
import dev.wasitrace.cli.CliProcess;
import dev.wasitrace.cli.net.Net;
import dev.wasitrace.testing.TestData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code export codetracer} of the socket guests, recorded against Java peers: every trace valid in
 * both profiles, and its Socket events carry exactly the bytes that crossed the wire.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExportCodeTracerNetworkTest {
  private static final int SOCKET = 9;
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @TempDir Path home;
  @TempDir Path out;

  private Cli cli() {
    return new Cli(home);
  }

  private CodeTracerTrace export(String id) throws Exception {
    Path v16 = out.resolve(id + "-0.16");
    Cli.Result export = cli().run("export", "codetracer", id, "-o", v16.toString());
    assertEquals(0, export.exitCode(), export.err());
    TraceValidator.assertValid(v16, "0.16");
    Path v14 = out.resolve(id + "-0.14");
    export =
        cli().run("export", "codetracer", id, "-o", v14.toString(), "--format-version", "0.14");
    assertEquals(0, export.exitCode(), export.err());
    TraceValidator.assertValid(v14, "0.14");
    return CodeTracerTrace.read(v16);
  }

  /** The Socket events of one type (SEND, RECV, CONN, ACCEPT, SHUT). */
  private static List<CodeTracerTrace.Event> socketEvents(CodeTracerTrace trace, String type)
      throws IOException {
    List<CodeTracerTrace.Event> events = new java.util.ArrayList<>();
    for (CodeTracerTrace.Event event : trace.events(SOCKET)) {
      if (event.metadataJson().get("type").asText().equals(type)) {
        events.add(event);
      }
    }
    return events;
  }

  private static String joined(List<CodeTracerTrace.Event> events) {
    StringBuilder text = new StringBuilder();
    events.forEach(e -> text.append(e.content()));
    return text.toString();
  }

  /** http_client's four requests on one keep-alive connection, against a Java HttpServer. */
  @Test
  void httpClientRequestsAndAnswersAreItsSocketEvents() throws Exception {
    TraceValidator.assumePython();
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(LOOPBACK, 0), 0);
    for (String path : List.of("/hello", "/chunked", "/echo", "/last")) {
      server.createContext(
          path,
          ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] answer =
                path.equals("/echo") ? body : ("answer " + path).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream response = ex.getResponseBody()) {
              response.write(answer);
            }
          });
    }
    server.start();
    try {
      int port = server.getAddress().getPort();
      Cli.Result run =
          cli().run("run", TestData.wasm("http_client").toString(), "127.0.0.1", "" + port);
      assertEquals(0, run.exitCode(), run.err());

      CodeTracerTrace trace = export(run.processId());
      String sent = joined(socketEvents(trace, "SEND"));
      assertTrue(sent.startsWith("GET /hello HTTP/1.1\r\nHost: 127.0.0.1:" + port), sent);
      assertTrue(sent.endsWith("Connection: close\r\n\r\n"), sent);
      assertTrue(sent.contains("\r\n\r\nping from wasm"), sent);
      String received = joined(socketEvents(trace, "RECV"));
      for (String answer : List.of("answer /hello", "answer /chunked", "ping from wasm")) {
        assertTrue(received.contains(answer), received);
      }
      assertTrue(received.endsWith("answer /last"), received);
      assertEquals(1, socketEvents(trace, "CONN").size());
    } finally {
      server.stop(0);
    }
  }

  /**
   * stream's bulk sends (1 MiB in 64 KiB calls) to a Java sink: one event per send with its byte
   * count; the bytes (0 to 250) are not UTF-8, so the events say their text is lossy.
   */
  @Test
  void streamedBytesAreAllInItsSocketEvents() throws Exception {
    TraceValidator.assumePython();
    try (ServerSocket sink = new ServerSocket(0, 50, LOOPBACK)) {
      Net.Peer<Long> received =
          new Net.Peer<>(
              "sink",
              () -> {
                try (Socket s = sink.accept()) {
                  return s.getInputStream().transferTo(OutputStream.nullOutputStream());
                }
              });
      Cli.Result run =
          cli()
              .run(
                  "run",
                  TestData.wasm("stream").toString(),
                  "127.0.0.1",
                  String.valueOf(sink.getLocalPort()),
                  "1");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(1L << 20, received.get());

      CodeTracerTrace trace = export(run.processId());
      List<CodeTracerTrace.Event> sends = socketEvents(trace, "SEND");
      assertEquals(16, sends.size(), "one event per 64 KiB sock_send");
      long bytes = 0;
      for (CodeTracerTrace.Event send : sends) {
        bytes += send.metadataJson().get("bytes").asLong();
        assertTrue(send.metadataJson().get("lossy").asBoolean(), send.metadata());
      }
      assertEquals(1L << 20, bytes, "bytes in the SEND events");
      // The first send starts at byte 0 of the pattern: 0..127 are ASCII and kept as they are.
      for (int i = 0; i < 128; i++) {
        assertEquals(i, sends.get(0).content().charAt(i), "byte " + i);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"echo_client", "echo_client_v1"})
  void echoClientTrafficIsInItsSocketEvents(String guest) throws Exception {
    TraceValidator.assumePython();
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
      Net.Peer<Net.Served> echoed = Net.echoOnce(server);
      int port = server.getLocalPort();
      Cli.Result run =
          cli()
              .run(
                  "run",
                  TestData.wasm(guest).toString(),
                  "127.0.0.1",
                  String.valueOf(port),
                  "hello",
                  "two words");
      assertEquals(0, run.exitCode(), run.err());
      String wire = new String(echoed.get().received(), StandardCharsets.UTF_8);
      assertEquals("hello\ntwo words\n", wire);

      CodeTracerTrace trace = export(run.processId());
      assertEquals(wire, joined(socketEvents(trace, "SEND")), "sent bytes");
      assertEquals(wire, joined(socketEvents(trace, "RECV")), "received bytes (the echo)");
      List<CodeTracerTrace.Event> connects = socketEvents(trace, "CONN");
      assertEquals(1, connects.size());
      assertTrue(
          connects.get(0).content().endsWith(" > 127.0.0.1:" + port + ": OK"),
          connects.get(0).content());
      JsonNode meta = socketEvents(trace, "SEND").get(0).metadataJson();
      assertEquals("TCP", meta.get("proto").asText());
      assertEquals("127.0.0.1:" + port, meta.get("peer").asText());
      assertEquals(1, socketEvents(trace, "SHUT").size());
      assertEquals(
          "connected to 127.0.0.1:" + port + "\necho: hello\necho: two words\nclosed\n",
          trace.content(0));
    }
  }

  @Test
  void udpDatagramsAreSocketEvents() throws Exception {
    TraceValidator.assumePython();
    try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
      Net.Peer<String> received =
          new Net.Peer<>(
              "udp-echo",
              () -> {
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                server.receive(packet);
                String message =
                    new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                byte[] answer = ("echo: " + message).getBytes(StandardCharsets.UTF_8);
                server.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                return message;
              });
      Cli.Result run =
          cli()
              .run(
                  "run",
                  TestData.wasm("udp").toString(),
                  "send",
                  "127.0.0.1",
                  String.valueOf(server.getLocalPort()),
                  "ping");
      assertEquals(0, run.exitCode(), run.err());
      String message = received.get();

      CodeTracerTrace trace = export(run.processId());
      assertEquals(message, joined(socketEvents(trace, "SEND")));
      assertEquals("echo: " + message, joined(socketEvents(trace, "RECV")));
      assertEquals("UDP", socketEvents(trace, "SEND").get(0).metadataJson().get("proto").asText());
    }
  }

  @Test
  void aServerGuestsAcceptAndEchoAreSocketEvents() throws Exception {
    TraceValidator.assumePython();
    Process guest =
        CliProcess.builder(home, "run", TestData.wasm("echo_server").toString(), "0", "1")
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(out.resolve("server.err").toFile())
            .start();
    try {
      BufferedReader stdout =
          new BufferedReader(new InputStreamReader(guest.getInputStream(), StandardCharsets.UTF_8));
      String first = stdout.readLine();
      assertTrue(first != null && first.startsWith("listening on 127.0.0.1:"), first);
      int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
      String payload = "first line\nsecond line\n";
      String echoed;
      int clientPort;
      try (Socket client = new Socket(LOOPBACK, port)) {
        clientPort = client.getLocalPort();
        client.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
        client.shutdownOutput();
        echoed = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      }
      assertEquals(payload, echoed);
      assertTrue(guest.waitFor(1, TimeUnit.MINUTES), "the server guest did not exit");
      assertEquals(0, guest.exitValue());
      String id = java.nio.file.Files.readAllLines(out.resolve("server.err")).get(0);

      CodeTracerTrace trace = export(id);
      assertEquals(payload, joined(socketEvents(trace, "RECV")));
      assertEquals(payload, joined(socketEvents(trace, "SEND")));
      List<CodeTracerTrace.Event> accepts = socketEvents(trace, "ACCEPT");
      assertEquals(1, accepts.size());
      assertEquals("127.0.0.1:" + clientPort, accepts.get(0).metadataJson().get("peer").asText());
    } finally {
      guest.destroyForcibly();
    }
  }
}
