package dev.wasitrace.cli.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers shared by the network tests: loopback addresses, peers, byte assertions. */
public final class Net {
  private Net() {}

  static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }

  /** "127.0.0.1:PORT", the log's form of an address. */
  static String addr(int port) {
    return "127.0.0.1:" + port;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  /** Reads up to and including the next newline (or to the end of the stream). */
  static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    return line.toByteArray();
  }

  /** A peer's work on its own thread; {@link #get()} waits for it (a minute at most). */
  public static final class Peer<T> {
    private final FutureTask<T> task;

    public Peer(String name, Callable<T> body) {
      this.task = new FutureTask<>(body);
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.start();
    }

    public T get() throws InterruptedException {
      try {
        return task.get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new AssertionError("peer failed: " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new AssertionError("peer did not finish within 60 s", e);
      }
    }
  }

  /** What a Java server saw of its one connection. */
  public record Served(int clientPort, byte[] received, byte[] sent) {}

  /** Accepts one connection and echoes it until the client ends its side. */
  public static Peer<Served> echoOnce(ServerSocket server) {
    return new Peer<>(
        "echo-server",
        () -> {
          try (Socket s = server.accept()) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
              received.write(buf, 0, n);
              out.write(buf, 0, n);
              out.flush();
              sent.write(buf, 0, n);
            }
            return new Served(s.getPort(), received.toByteArray(), sent.toByteArray());
          }
        });
  }

  /** Equal bytes, with a readable excerpt of both in the message. */
  static void assertSameBytes(byte[] expected, byte[] actual, String what) {
    assertArrayEquals(
        expected,
        actual,
        () ->
            what
                + ": expected "
                + expected.length
                + " bytes "
                + excerpt(expected)
                + " but got "
                + actual.length
                + " bytes "
                + excerpt(actual));
  }

  static String excerpt(byte[] b) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < Math.min(b.length, 400); i++) {
      int c = b[i] & 0xff;
      if (c == '\r') {
        out.append("\\r");
      } else if (c == '\n') {
        out.append("\\n");
      } else if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02x", c));
      }
    }
    return out.append(b.length > 400 ? "\"…" : "\"").toString();
  }

  /**
   * Every call on the socket that moved bytes says which socket it was on: protocol, and the given
   * peer address (local too, when given).
   */
  static void assertDataRowsName(NetLog.Socket socket, String proto, String local, String peer) {
    List<NetLog.Row> rows = socket.dataRows();
    assertTrue(!rows.isEmpty(), "no data calls on " + socket);
    for (NetLog.Row row : rows) {
      assertEquals(proto, row.proto(), "proto of " + row);
      if (peer != null) {
        assertEquals(peer, row.peerAddr(), "peer_addr of " + row);
      }
      if (local != null) {
        assertEquals(local, row.localAddr(), "local_addr of " + row);
      }
    }
  }

  /** The sock_* calls that failed, as "func errno", in call order. */
  static List<String> failedSocketCalls(NetLog log) {
    return log.rows.stream()
        .filter(r -> r.func().startsWith("sock_") && r.errno() != null && r.errno() != 0)
        .map(r -> r.func() + " " + r.errno())
        .toList();
  }
}
