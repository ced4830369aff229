package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.cli.Cli;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network client recorded against a live peer replays byte for byte with the peer gone. */
class NetworkReplayTest {
  @TempDir Path home;

  @Test
  void anEchoClientReplaysWithItsServerGone() throws Exception {
    Cli cli = new Cli(home);
    Cli.Result recorded;
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, loopback())) {
      port = server.getLocalPort();
      CompletableFuture<Void> echo =
          CompletableFuture.runAsync(
              () -> {
                try (Socket socket = server.accept()) {
                  InputStream in = socket.getInputStream();
                  OutputStream out = socket.getOutputStream();
                  byte[] buffer = new byte[1024];
                  for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                  }
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      recorded =
          cli.run(
              "run",
              TestData.wasm("echo_client").toString(),
              "127.0.0.1",
              "" + port,
              "hello",
              "two words");
      echo.get(60, TimeUnit.SECONDS);
    }
    assertEquals(0, recorded.exitCode(), recorded.err());
    assertTrue(recorded.out().contains("echo: two words"), recorded.out());

    // The server is closed: a real connect would now be refused.
    try (Socket probe = new Socket()) {
      probe.connect(new java.net.InetSocketAddress(loopback(), port), 1000);
      throw new AssertionError("the port is still open");
    } catch (java.net.ConnectException expected) {
      // as it should be
    }
    Cli.Result replayed = cli.run("replay", recorded.processId());
    assertEquals(recorded.out(), replayed.out());
    assertEquals(recorded.errAfterId(), replayed.err());
    assertEquals(recorded.exitCode(), replayed.exitCode());

    Cli.Result traced = cli.run("replay", "--trace=%net", recorded.processId());
    assertTrue(traced.err().contains("sock_connect(3, 127.0.0.1:" + port + ") = 0"), traced.err());
  }
}
