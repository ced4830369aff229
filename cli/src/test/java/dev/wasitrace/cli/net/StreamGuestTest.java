package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.addr;
import static dev.wasitrace.cli.net.Net.assertDataRowsName;
import static dev.wasitrace.cli.net.Net.assertSameBytes;
import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.cli.Cli;
import dev.wasitrace.testing.TestData;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** stream.wasm (the benchmark's guest), small: 4 MiB to a Java sink, every byte in the log. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamGuestTest {
  @TempDir Path home;

  /** Byte i of the stream is i % 251 (testdata/README.md). */
  static byte[] pattern(int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (i % 251);
    }
    return b;
  }

  @Test
  void streamsMebibytesToAJavaSink() throws Exception {
    try (ServerSocket sink = new ServerSocket(0, 50, loopback())) {
      int port = sink.getLocalPort();
      int[] clientPort = new int[1];
      Net.Peer<byte[]> reader =
          new Net.Peer<>(
              "sink",
              () -> {
                try (Socket s = sink.accept()) {
                  clientPort[0] = s.getPort();
                  return s.getInputStream().readAllBytes(); // then close: the guest waits for it
                }
              });

      Cli.Result result =
          new Cli(home).run("run", TestData.wasm("stream").toString(), "127.0.0.1", "" + port, "4");

      assertEquals("sent 4194304 bytes\n", result.out(), result.err());
      assertEquals(0, result.exitCode(), result.err());
      byte[] received = reader.get();
      assertSameBytes(pattern(4 << 20), received, "what the sink received");

      NetLog log = NetLog.read(home, result.processId());
      List<NetLog.Socket> sockets = log.opened();
      assertEquals(1, sockets.size());
      NetLog.Socket s = sockets.get(0);
      assertSameBytes(received, s.sent(), "log's sock_send bytes vs wire");
      assertDataRowsName(s, "TCP", addr(clientPort[0]), addr(port));
      assertEquals(0, s.calls("sock_shutdown").get(0).errno());
    }
  }
}
