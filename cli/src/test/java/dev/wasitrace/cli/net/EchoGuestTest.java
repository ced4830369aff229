package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.addr;
import static dev.wasitrace.cli.net.Net.assertDataRowsName;
import static dev.wasitrace.cli.net.Net.assertSameBytes;
import static dev.wasitrace.cli.net.Net.bytes;
import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TCP echo pair (echo_client, echo_client_v1, echo_server) against Java peers. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoGuestTest {
  @TempDir Path home;

  @ParameterizedTest(name = "{0} ({1})")
  @CsvSource({"echo_client, sock_getpeeraddr", "echo_client_v1, sock_getpeeraddr_v1"})
  void echoClientTalksToAJavaServer(String guest, String getPeerAddr) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, loopback())) {
      int port = server.getLocalPort();
      Net.Peer<Served> peer = Net.echoOnce(server);

      Cli.Result result =
          new Cli(home)
              .run(
                  "run",
                  TestData.wasm(guest).toString(),
                  "127.0.0.1",
                  String.valueOf(port),
                  "hello",
                  "two words",
                  "x");

      assertEquals(
          "connected to 127.0.0.1:" + port + "\necho: hello\necho: two words\necho: x\nclosed\n",
          result.out(),
          result.err());
      assertEquals(0, result.exitCode(), result.err());
      Served served = peer.get();
      assertSameBytes(bytes("hello\ntwo words\nx\n"), served.received(), "server received");

      NetLog log = NetLog.read(home, result.processId());
      List<NetLog.Socket> sockets = log.opened();
      assertEquals(1, sockets.size(), log.dump());
      NetLog.Socket socket = sockets.get(0);
      assertSameBytes(served.received(), socket.sent(), "log's sock_send bytes vs wire");
      assertSameBytes(served.sent(), socket.received(), "log's sock_recv bytes vs wire");
      assertDataRowsName(socket, "TCP", addr(served.clientPort()), addr(port));
      assertEquals(0, socket.calls("sock_connect").get(0).errno());
      NetLog.Row peerAddr = socket.calls(getPeerAddr).get(0);
      assertEquals(0, peerAddr.errno(), log.dump());
      assertEquals(addr(port), peerAddr.peerAddr());
      assertEquals(List.of(0), socket.calls("sock_shutdown").stream().map(r -> r.errno()).toList());
      // The end of the stream is a receive of 0 bytes; then the socket is closed.
      List<NetLog.Row> recvs = socket.calls("sock_recv");
      assertEquals(0L, recvs.get(recvs.size() - 1).result());
      assertTrue(socket.closed, "no fd_close of the socket in the log");
      NetLog.Row close = socket.calls("fd_close").get(0);
      assertEquals(addr(port), close.peerAddr(), "fd_close names the socket it closed");
    }
  }

  @Test
  void echoServerServesJavaClientsOneAfterAnother() throws Exception {
    byte[] first = bytes("first line\nsecond line\n");
    byte[] second = new byte[300_000]; // more than one receive buffer, both ways at once
    new Random(42).nextBytes(second);
    try (GuestProcess guest = GuestProcess.run(home, TestData.wasm("echo_server"), "0", "2")) {
      int port = guest.awaitListeningPort();
      int[] clientPorts = new int[2];
      byte[][] echoes = new byte[2][];
      byte[][] payloads = {first, second};
      for (int i = 0; i < 2; i++) {
        try (Socket s = new Socket(loopback(), port)) {
          clientPorts[i] = s.getLocalPort();
          InputStream in = s.getInputStream();
          Net.Peer<byte[]> reader = new Net.Peer<>("echo-reader", in::readAllBytes);
          OutputStream out = s.getOutputStream();
          out.write(payloads[i]);
          out.flush();
          s.shutdownOutput();
          echoes[i] = reader.get();
        }
        assertSameBytes(payloads[i], echoes[i], "echo of connection " + (i + 1));
      }

      assertEquals(0, guest.awaitExit(), guest.err());
      assertEquals(
          "listening on 127.0.0.1:"
              + port
              + "\nconnection 1 from 127.0.0.1\nconnection 1: echoed "
              + first.length
              + " bytes\nconnection 2 from 127.0.0.1\nconnection 2: echoed "
              + second.length
              + " bytes\ndone\n",
          guest.stdout());

      NetLog log = NetLog.read(home, guest.processId());
      NetLog.Socket listener = log.opened().get(0);
      assertTrue(listener.localAddrs().contains(addr(port)), listener.localAddrs().toString());
      assertEquals(0, listener.calls("sock_bind").get(0).errno());
      assertEquals(0, listener.calls("sock_listen").get(0).errno());
      assertEquals(
          List.of("sock_setsockopt 0", "sock_getsockopt 0", "sock_getsockopt 0"),
          listener.rows.stream()
              .filter(r -> r.func().endsWith("sockopt"))
              .map(r -> r.func() + " " + r.errno())
              .toList());
      List<NetLog.Socket> accepted = log.accepted();
      assertEquals(2, accepted.size(), log.dump());
      for (int i = 0; i < 2; i++) {
        NetLog.Socket c = accepted.get(i);
        assertEquals(addr(clientPorts[i]), c.opened.peerAddr(), "accept row's peer");
        assertEquals(addr(port), c.opened.localAddr(), "accept row's local address");
        assertSameBytes(payloads[i], c.received(), "log's received bytes, connection " + (i + 1));
        assertSameBytes(echoes[i], c.sent(), "log's sent bytes, connection " + (i + 1));
        assertDataRowsName(c, "TCP", addr(port), addr(clientPorts[i]));
        assertEquals(0, c.calls("sock_setsockopt").get(0).errno(), "TCP_NODELAY");
        assertEquals(0, c.calls("sock_getsockopt").get(0).errno(), "TCP_NODELAY read back");
        assertTrue(c.closed, "connection " + (i + 1) + " not closed in the log");
      }
    }
  }
}
