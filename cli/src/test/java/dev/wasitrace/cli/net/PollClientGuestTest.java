package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.addr;
import static dev.wasitrace.cli.net.Net.assertDataRowsName;
import static dev.wasitrace.cli.net.Net.assertSameBytes;
import static dev.wasitrace.cli.net.Net.bytes;
import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.cli.Cli;
import dev.wasitrace.cli.net.Net.Served;
import dev.wasitrace.testing.TestData;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * poll_client.wasm: two non-blocking connections multiplexed with poll_oneoff, against two Java
 * servers that answer in a forced order (B first; A only once the guest closed B).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PollClientGuestTest {
  @TempDir Path home;

  @Test
  void multiplexesTwoNonBlockingConnections() throws Exception {
    try (ServerSocket a = new ServerSocket(0, 50, loopback());
        ServerSocket b = new ServerSocket(0, 50, loopback())) {
      CountDownLatch bClosedByGuest = new CountDownLatch(1);
      Net.Peer<Served> serverB =
          new Net.Peer<>(
              "server-b",
              () -> {
                try (Socket s = b.accept()) {
                  byte[] line = Net.readLine(s.getInputStream());
                  byte[] answer = bytes("B got: " + Net.text(line));
                  OutputStream out = s.getOutputStream();
                  out.write(answer);
                  out.flush();
                  s.shutdownOutput();
                  InputStream in = s.getInputStream();
                  byte[] more = in.readAllBytes(); // until the guest closes
                  bClosedByGuest.countDown();
                  assertEquals(0, more.length, "B got more than one line");
                  return new Served(s.getPort(), line, answer);
                }
              });
      Net.Peer<Served> serverA =
          new Net.Peer<>(
              "server-a",
              () -> {
                try (Socket s = a.accept()) {
                  byte[] line = Net.readLine(s.getInputStream());
                  if (!bClosedByGuest.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the guest never closed B");
                  }
                  byte[] answer = bytes("A got: " + Net.text(line));
                  s.getOutputStream().write(answer);
                  s.getOutputStream().flush();
                  return new Served(s.getPort(), line, answer);
                }
              });

      Cli.Result result =
          new Cli(home)
              .run(
                  "run",
                  TestData.wasm("poll_client").toString(),
                  "127.0.0.1",
                  String.valueOf(a.getLocalPort()),
                  String.valueOf(b.getLocalPort()));

      assertEquals(
          "a: recv before answer errno=6\n"
              + "a: A got: hello from a\n"
              + "b: B got: hello from b\n"
              + "done\n",
          result.out(),
          result.err());
      assertEquals(0, result.exitCode(), result.err());
      assertEquals("", result.errAfterId(), "SO_ERROR should be readable");
      Served servedA = serverA.get();
      Served servedB = serverB.get();
      assertSameBytes(bytes("hello from a\n"), servedA.received(), "A received");
      assertSameBytes(bytes("hello from b\n"), servedB.received(), "B received");

      NetLog log = NetLog.read(home, result.processId());
      List<NetLog.Socket> sockets = log.opened();
      assertEquals(2, sockets.size(), log.dump());
      Served[] served = {servedA, servedB};
      int[] ports = {a.getLocalPort(), b.getLocalPort()};
      for (int i = 0; i < 2; i++) {
        NetLog.Socket s = sockets.get(i);
        String what = i == 0 ? "A" : "B";
        assertEquals(0, s.calls("fd_fdstat_set_flags").get(0).errno(), what + ": O_NONBLOCK");
        assertEquals(26, s.calls("sock_connect").get(0).errno(), what + ": EINPROGRESS");
        assertEquals(0, s.calls("sock_getsockopt").get(0).errno(), what + ": SO_ERROR");
        assertSameBytes(served[i].received(), s.sent(), what + ": log's sent bytes vs wire");
        assertSameBytes(served[i].sent(), s.received(), what + ": log's received bytes vs wire");
        assertDataRowsName(s, "TCP", addr(served[i].clientPort()), addr(ports[i]));
        assertTrue(s.closed, what + ": closed");
      }
      // The early receive on A found nothing: EAGAIN, recorded as such.
      assertTrue(
          sockets.get(0).calls("sock_recv").stream()
              .anyMatch(r -> Integer.valueOf(6).equals(r.errno())),
          "EAGAIN on A: " + log.dump());
      List<NetLog.Row> polls = log.calls("poll_oneoff");
      assertFalse(polls.isEmpty(), "no poll_oneoff in the log");
      for (NetLog.Row poll : polls) {
        assertEquals(0, poll.errno(), poll.toString());
      }
    }
  }
}
