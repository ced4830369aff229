package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.addr;
import static dev.wasitrace.cli.net.Net.assertSameBytes;
import static dev.wasitrace.cli.net.Net.bytes;
import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.cli.Cli;
import dev.wasitrace.testing.TestData;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** udp.wasm: one datagram each way, with a Java DatagramSocket as the peer. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UdpGuestTest {
  @TempDir Path home;

  /** A datagram as the Java side received it. */
  record Datagram(byte[] data, int fromPort) {}

  static Datagram receive(DatagramSocket socket) throws Exception {
    byte[] buf = new byte[65536];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    socket.receive(packet);
    return new Datagram(Arrays.copyOf(buf, packet.getLength()), packet.getPort());
  }

  @Test
  void sendsADatagramAndReadsTheAnswer() throws Exception {
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback(), 0))) {
      peer.setSoTimeout(60_000); // a missing datagram fails the test instead of hanging it
      int port = peer.getLocalPort();
      Net.Peer<Datagram> answering =
          new Net.Peer<>(
              "udp-peer",
              () -> {
                Datagram got = receive(peer);
                byte[] pong = bytes("pong");
                peer.send(new DatagramPacket(pong, pong.length, loopback(), got.fromPort()));
                return got;
              });

      Cli.Result result =
          new Cli(home)
              .run(
                  "run",
                  TestData.wasm("udp").toString(),
                  "send",
                  "127.0.0.1",
                  String.valueOf(port),
                  "ping");

      assertEquals(
          "sent 4 bytes to 127.0.0.1:" + port + "\nreply from 127.0.0.1:" + port + ": pong\n",
          result.out(),
          result.err());
      assertEquals(0, result.exitCode(), result.err());
      Datagram got = answering.get();
      assertSameBytes(bytes("ping"), got.data(), "peer received");

      NetLog log = NetLog.read(home, result.processId());
      List<NetLog.Socket> sockets = log.opened();
      assertEquals(1, sockets.size(), log.dump());
      NetLog.Socket s = sockets.get(0);
      assertSameBytes(got.data(), s.sent(), "log's sock_send_to bytes vs wire");
      assertSameBytes(bytes("pong"), s.received(), "log's sock_recv_from bytes vs wire");
      for (NetLog.Row row : s.dataRows()) {
        assertEquals("UDP", row.proto(), row.toString());
        // The socket is not connected: the peer column is the datagram's address.
        assertEquals(addr(port), row.peerAddr(), row.toString());
      }
      assertTrue(
          s.localAddrs().stream().anyMatch(a -> a.endsWith(":" + got.fromPort())),
          "the socket's local port (the one the peer saw) is in the log: " + s.localAddrs());
    }
  }

  @Test
  void servesOneDatagram() throws Exception {
    try (GuestProcess guest = GuestProcess.run(home, TestData.wasm("udp"), "serve", "0");
        DatagramSocket client = new DatagramSocket(new InetSocketAddress(loopback(), 0))) {
      client.setSoTimeout(60_000);
      int port = guest.awaitListeningPort();
      byte[] ping = bytes("ping");
      client.send(new DatagramPacket(ping, ping.length, loopback(), port));
      Datagram reply = receive(client);
      assertSameBytes(bytes("echo: ping"), reply.data(), "reply");
      assertEquals(port, reply.fromPort());

      assertEquals(0, guest.awaitExit(), guest.err());
      assertEquals(
          "listening on 127.0.0.1:"
              + port
              + "\ngot \"ping\" from 127.0.0.1:"
              + client.getLocalPort()
              + "\nreplied 10 bytes\n",
          guest.stdout());

      NetLog log = NetLog.read(home, guest.processId());
      NetLog.Socket s = log.opened().get(0);
      assertSameBytes(ping, s.received(), "log's sock_recv_from bytes vs wire");
      assertSameBytes(reply.data(), s.sent(), "log's sock_send_to bytes vs wire");
      for (NetLog.Row row : s.dataRows()) {
        assertEquals("UDP", row.proto(), row.toString());
        assertEquals(addr(port), row.localAddr(), row.toString());
        assertEquals(addr(client.getLocalPort()), row.peerAddr(), row.toString());
      }
    }
  }
}
