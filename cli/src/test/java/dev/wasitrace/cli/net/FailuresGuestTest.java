package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.addr;
import static dev.wasitrace.cli.net.Net.assertSameBytes;
import static dev.wasitrace.cli.net.Net.bytes;
import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.cli.Cli;
import dev.wasitrace.testing.TestData;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * failures.wasm: refused, closed and reset connections, calls that need a connection, bad address
 * buffers and an unknown family each give the guest an errno, are recorded with it, and leave the
 * guest (and the host) running.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailuresGuestTest {
  @TempDir Path home;

  @Test
  void everyFailureIsAnErrnoAndIsRecorded() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, loopback())) {
      closedPort = s.getLocalPort(); // bound, then closed: nothing listens there
    }
    try (ServerSocket closing = new ServerSocket(0, 50, loopback());
        ServerSocket resetting = new ServerSocket(0, 50, loopback())) {
      Net.Peer<Integer> closer =
          new Net.Peer<>(
              "closer",
              () -> {
                try (Socket s = closing.accept()) {
                  return s.getPort(); // accepted and closed at once
                }
              });
      Net.Peer<byte[]> resetter =
          new Net.Peer<>(
              "resetter",
              () -> {
                Socket s = resetting.accept();
                OutputStream out = s.getOutputStream();
                out.write(bytes("partial\n"));
                out.flush();
                byte[] ack = s.getInputStream().readNBytes(4);
                s.setSoLinger(true, 0); // close sends a reset
                s.close();
                return ack;
              });

      Cli.Result result =
          new Cli(home)
              .run(
                  "run",
                  TestData.wasm("failures").toString(),
                  String.valueOf(closedPort),
                  String.valueOf(closing.getLocalPort()),
                  String.valueOf(resetting.getLocalPort()));

      assertEquals(
          "connect_refused errno=14\n"
              + "send_after_peer_closed errno=64\n"
              + "recv_after_peer_reset errno=15\n"
              + "accept_not_listening errno=28\n"
              + "recv_not_connected errno=53\n"
              + "getpeeraddr_not_connected errno=53\n"
              + "send_bad_fd errno=8\n"
              + "connect_bad_address_pointer errno=21\n"
              + "connect_bad_address_buffer errno=21\n"
              + "connect_bad_address_length errno=28\n"
              + "sock_open_unknown_family errno=5\n"
              + "getaddrinfo localhost errno=0 127.0.0.1:80\n"
              + "still alive\n",
          result.out(),
          result.err());
      assertEquals(0, result.exitCode(), result.err());
      closer.get();
      assertSameBytes(bytes("ack\n"), resetter.get(), "what the resetting peer read");

      NetLog log = NetLog.read(home, result.processId());
      assertEquals(
          List.of(
              "sock_connect 14",
              "sock_send 64",
              "sock_recv 15",
              "sock_accept 28",
              "sock_recv 53",
              "sock_getpeeraddr 53",
              "sock_send 8",
              "sock_connect 21",
              "sock_connect 21",
              "sock_connect 28",
              "sock_open 5"),
          Net.failedSocketCalls(log),
          log.dump());

      List<NetLog.Socket> sockets = log.opened();
      // 1 refused, 2 closed by the peer, 3 reset by the peer.
      NetLog.Row refused = sockets.get(0).calls("sock_connect").get(0);
      assertEquals(14, refused.errno());
      assertEquals("TCP", refused.proto());

      NetLog.Socket closed = sockets.get(1);
      List<NetLog.Row> recvs = closed.calls("sock_recv");
      assertEquals(0L, recvs.get(recvs.size() - 1).result(), "end of stream before sending");
      List<NetLog.Row> sends = closed.calls("sock_send");
      NetLog.Row broken = sends.get(sends.size() - 1);
      assertEquals(64, broken.errno());
      assertEquals("TCP", broken.proto());
      assertEquals(addr(closing.getLocalPort()), broken.peerAddr(), "the failed send's socket");
      byte[] sentBeforeEpipe = new byte[1024 * (sends.size() - 1)];
      java.util.Arrays.fill(sentBeforeEpipe, (byte) 'x');
      assertSameBytes(sentBeforeEpipe, closed.sent(), "bytes of the sends that succeeded");

      NetLog.Socket reset = sockets.get(2);
      assertSameBytes(bytes("partial\n"), reset.received(), "log's received bytes vs wire");
      assertSameBytes(bytes("ack\n"), reset.sent(), "log's sent bytes vs wire");
      List<NetLog.Row> resetRecvs = reset.calls("sock_recv");
      NetLog.Row failed = resetRecvs.get(resetRecvs.size() - 1);
      assertEquals(15, failed.errno());
      assertEquals("TCP", failed.proto());
      assertEquals(addr(resetting.getLocalPort()), failed.peerAddr(), "the failed recv's socket");

      NetLog.Row badFd =
          log.calls("sock_send").stream()
              .filter(r -> Integer.valueOf(8).equals(r.errno()))
              .findFirst()
              .orElseThrow();
      assertEquals(9999, badFd.fd());
      NetLog.Row lookup = log.calls("sock_getaddrinfo").get(0);
      assertEquals(0, lookup.errno());
    }
  }
}
