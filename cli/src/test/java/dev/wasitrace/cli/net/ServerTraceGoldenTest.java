package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.cli.Cli;
import dev.wasitrace.testing.TestData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trace request and trace network on the server side of a recording (http_server.wasm, with two
 * requests pipelined in one write), and a refused connect, against text written by hand.
 */
class ServerTraceGoldenTest {
  @TempDir Path home;

  @Test
  void pipelinedRequestsToTheServerGuestArePairedInOrder() throws Exception {
    int clientPort;
    int port;
    String id;
    try (GuestProcess guest = GuestProcess.run(home, TestData.wasm("http_server"), "0", "1")) {
      port = guest.awaitListeningPort();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(loopback(), port));
        clientPort = socket.getLocalPort();
        OutputStream out = socket.getOutputStream();
        // Two requests in one write: pipelined; the second closes the connection.
        out.write(
            ("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                    + "Connection: close\r\n\r\nping")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String answers = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(answers.endsWith("ping"), answers);
      }
      assertEquals(0, guest.awaitExit());
      id = guest.processId();
    }
    Cli cli = new Cli(home);
    Cli.Result lines = cli.run("trace", "request", id);
    assertEquals(0, lines.exitCode(), lines.err());
    String pair = "127.0.0.1:" + clientPort + " > 127.0.0.1:" + port;
    assertEquals(
        "HTTP " + pair + ": GET /hello => 200 OK\n" + "HTTP " + pair + ": POST /echo => 200 OK\n",
        TraceGoldenTest.withoutTimes(lines.out()));

    Cli.Result network = cli.run("trace", "network", id);
    String text = TraceGoldenTest.withoutTimes(network.out());
    assertTrue(
        text.startsWith(
            "TCP 127.0.0.1:"
                + clientPort
                + " > 127.0.0.1:"
                + port
                + ": ACCEPT OK\n"
                + "TCP 127.0.0.1:"
                + clientPort
                + " > 127.0.0.1:"
                + port
                + ": RECV OK "),
        text);
  }

  @Test
  void aRefusedConnectIsShownWithItsErrno() throws Exception {
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, loopback())) {
      closed = probe.getLocalPort();
    }
    Cli cli = new Cli(home);
    Cli.Result run =
        cli.run("run", TestData.wasm("echo_client").toString(), "127.0.0.1", "" + closed, "x");
    assertEquals(1, run.exitCode());
    Cli.Result network = cli.run("trace", "network", run.processId());
    String first = TraceGoldenTest.withoutTimes(network.out()).lines().findFirst().orElse("");
    assertTrue(
        first.matches(
            "TCP 127\\.0\\.0\\.1:\\d+ > 127\\.0\\.0\\.1:" + closed + ": CONN ECONNREFUSED"),
        first);
  }
}
