package dev.wasitrace.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wasitrace.cli.Cli;
import dev.wasitrace.cli.CliProcess;
import dev.wasitrace.testing.TestData;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
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

  /** A Java peer on its own thread; get() waits for its result. */
  private static <T> FutureTask<T> peer(String name, Callable<T> body) {
    FutureTask<T> task = new FutureTask<>(body);
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return task;
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

  @ParameterizedTest
  @ValueSource(strings = {"echo_client", "echo_client_v1"})
  void echoClientTrafficIsInItsSocketEvents(String guest) throws Exception {
    TraceValidator.assumePython();
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
      FutureTask<String> received =
          peer(
              "echo-server",
              () -> {
                try (Socket s = server.accept()) {
                  ByteArrayOutputStream all = new ByteArrayOutputStream();
                  InputStream in = s.getInputStream();
                  OutputStream echo = s.getOutputStream();
                  byte[] buf = new byte[8192];
                  for (int n; (n = in.read(buf)) > 0; ) {
                    all.write(buf, 0, n);
                    echo.write(buf, 0, n);
                    echo.flush();
                  }
                  return all.toString(StandardCharsets.UTF_8);
                }
              });
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
      String wire = received.get(1, TimeUnit.MINUTES);
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
      FutureTask<String> received =
          peer(
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
      String message = received.get(1, TimeUnit.MINUTES);

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
