package dev.wasitrace.exporters.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.wasi.Errno;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The segments one connection's events make: handshake, seq/ack arithmetic, MSS, FIN, RST. */
class TcpConversationTest {
  private static final String GUEST = "127.0.0.1:40000";
  private static final String SERVER = "127.0.0.1:8080";
  private static final int MSS = 1460;

  private final List<Packet> packets = new ArrayList<>();
  private long seq = 1;

  private TcpConversation conversation(boolean localOrig) {
    Flow flow =
        new Flow(
            "p",
            "CtestUid",
            Packet.TCP,
            FlowEndpoints.of(GUEST, SERVER),
            localOrig,
            3,
            0,
            Long.MAX_VALUE);
    return new TcpConversation(flow, MSS, packets::add);
  }

  /** An event of the connection from {@code start} to {@code end} (ns). */
  private SocketEvent event(String type, int errno, byte[] data, long start, long end) {
    return new SocketEvent(seq++, start, end, "TCP", type, errno, 3, GUEST, SERVER, data);
  }

  private SocketEvent event(String type, int errno, long start, long end) {
    return event(type, errno, new byte[0], start, end);
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i % 251);
    }
    return bytes;
  }

  /** "G" for the guest's packets, "P" for the peer's, then the flags as tcpdump prints them. */
  private List<String> shape() {
    List<String> shape = new ArrayList<>();
    for (Packet p : packets) {
      String flags =
          (p.has(Packet.SYN) ? "S" : "")
              + (p.has(Packet.FIN) ? "F" : "")
              + (p.has(Packet.RST) ? "R" : "")
              + (p.has(Packet.PSH) ? "P" : "")
              + (p.has(Packet.ACK) ? "." : "");
      String from = p.src.toString().equals(GUEST) ? "G" : "P";
      shape.add(from + " " + flags + (p.length > 0 ? " " + p.length : ""));
    }
    return shape;
  }

  private Packet first(String from, int flag) {
    return packets.stream()
        .filter(p -> p.src.toString().equals(from.equals("G") ? GUEST : SERVER) && p.has(flag))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void connectSendReceiveAndCloseBothWays() {
    TcpConversation c = conversation(true);
    c.accept(event("CONN", 0, 1_000, 2_000));
    c.accept(event("SEND", 0, bytes(10), 3_000, 3_500));
    c.accept(event("RECV", 0, bytes(5), 4_000, 4_500));
    c.accept(event("SHUT (w)", 0, 5_000, 5_100));
    c.accept(event("RECV", 0, 6_000, 6_500)); // the server's EOF
    c.accept(event("SHUT", 0, 7_000, 7_100)); // fd_close: nothing left to send

    assertEquals(
        List.of(
            "G S", "P S.", "G .", // handshake
            "G P. 10", "P .", // data and its ACK
            "P P. 5", "G .", "G F.", "P .", // the guest's FIN
            "P F.", "G ."), // the server's
        shape());
    Packet syn = packets.get(0);
    Packet synAck = packets.get(1);
    int g = syn.seq; // the guest's initial sequence number
    int p = synAck.seq;
    assertEquals(g + 1, synAck.ack);
    assertEquals(List.of(g + 1, p + 1), List.of(packets.get(2).seq, packets.get(2).ack));
    // Data: seq where the previous left off, ack what was received.
    assertEquals(List.of(g + 1, p + 1), List.of(packets.get(3).seq, packets.get(3).ack));
    assertEquals(g + 11, packets.get(4).ack);
    assertEquals(List.of(p + 1, g + 11), List.of(packets.get(5).seq, packets.get(5).ack));
    assertEquals(p + 6, packets.get(6).ack);
    // FINs take one sequence number each.
    assertEquals(List.of(g + 11, p + 6), List.of(packets.get(7).seq, packets.get(7).ack));
    assertEquals(g + 12, packets.get(8).ack);
    assertEquals(List.of(p + 6, g + 12), List.of(packets.get(9).seq, packets.get(9).ack));
    assertEquals(List.of(g + 12, p + 7), List.of(packets.get(10).seq, packets.get(10).ack));
    // Times: SYN when connect was called, the answer when it returned, the peer's bytes when the
    // receive returned.
    assertEquals(List.of(1_000L, 2_000L, 2_000L), times(0, 3));
    assertEquals(3_000L, packets.get(3).timeNs);
    assertEquals(4_500L, packets.get(5).timeNs);
    assertEquals(5_000L, packets.get(7).timeNs);
    assertEquals(6_500L, packets.get(9).timeNs);
  }

  @Test
  void synAndSynAckCarryMssWindowScaleAndSackPermitted() {
    conversation(true).accept(event("CONN", 0, 1, 2));
    byte[] options = {2, 4, (byte) (MSS >> 8), (byte) MSS, 1, 3, 3, 7, 1, 1, 4, 2};
    assertArrayEquals(options, packets.get(0).options);
    assertArrayEquals(options, packets.get(1).options);
    assertEquals(65535, packets.get(0).window);
    assertEquals(0, packets.get(2).options.length);
    assertEquals(512, packets.get(2).window, "64 KiB in units of 128");
  }

  @Test
  void aLargeSendIsCutAtTheMssAndAckedEverySecondSegment() {
    TcpConversation c = conversation(true);
    c.accept(event("CONN", 0, 0, 10));
    packets.clear();
    byte[] data = bytes(5 * MSS + 100);
    c.accept(event("SEND", 0, data, 1_000, 7_000));

    assertEquals(
        List.of(
            "G . 1460",
            "G . 1460",
            "P .",
            "G . 1460",
            "G . 1460",
            "P .",
            "G . 1460",
            "G P. 100",
            "P ."),
        shape());
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    int expectedSeq = packets.get(0).seq;
    long lastTime = 0;
    for (Packet p : packets) {
      assertTrue(p.timeNs >= lastTime && p.timeNs >= 1_000 && p.timeNs <= 7_000, p.toString());
      lastTime = p.timeNs;
      if (p.length > 0) {
        assertEquals(expectedSeq, p.seq, "each segment starts where the previous ended");
        payload.write(p.payload, p.offset, p.length);
        expectedSeq += p.length;
      } else {
        assertEquals(expectedSeq, p.ack, "the ACK covers every segment before it");
      }
    }
    assertArrayEquals(data, payload.toByteArray(), "the segments carry the bytes, in order");
    assertEquals(expectedSeq, packets.get(packets.size() - 1).ack);
    assertEquals(1_000L, packets.get(0).timeNs, "the first segment leaves when send is called");
  }

  @Test
  void aRefusedConnectIsASynAnsweredByRstAck() {
    TcpConversation c = conversation(true);
    c.accept(event("CONN", Errno.value("ECONNREFUSED"), 1_000, 1_200));
    c.accept(event("SHUT", 0, 2_000, 2_100)); // the close afterwards sends nothing

    assertEquals(List.of("G S", "P R."), shape());
    Packet rst = packets.get(1);
    assertEquals(0, rst.seq);
    assertEquals(packets.get(0).seq + 1, rst.ack);
    assertEquals(0, rst.window);
    assertEquals(1_200L, rst.timeNs);
  }

  @Test
  void aResetFromThePeerEndsTheConnection() {
    TcpConversation c = conversation(true);
    c.accept(event("CONN", 0, 0, 10));
    c.accept(event("RECV", 0, bytes(8), 20, 30));
    c.accept(event("SEND", 0, bytes(4), 40, 50));
    c.accept(event("RECV", Errno.value("ECONNRESET"), 60, 70));
    c.accept(event("SHUT", 0, 80, 90));

    assertEquals(List.of("G S", "P S.", "G .", "P P. 8", "G .", "G P. 4", "P .", "P R."), shape());
    Packet rst = packets.get(7);
    assertEquals(first("P", Packet.SYN).seq + 9, rst.seq, "the peer's next sequence number");
    assertEquals(first("G", Packet.SYN).seq + 5, rst.ack);
    assertTrue(c.over());
  }

  @Test
  void epipeAfterThePeersFinIsItsResetButAfterTheGuestsOwnFinItIsNot() {
    TcpConversation c = conversation(true);
    c.accept(event("CONN", 0, 0, 10));
    c.accept(event("RECV", 0, 20, 30)); // the peer closed
    c.accept(event("SEND", 0, bytes(3), 40, 50)); // goes out; the peer's stack resets
    c.accept(event("SEND", Errno.value("EPIPE"), 60, 70));
    assertEquals(List.of("G S", "P S.", "G .", "P F.", "G .", "G P. 3", "P .", "P R."), shape());

    packets.clear();
    TcpConversation d = conversation(true);
    d.accept(event("CONN", 0, 0, 10));
    d.accept(event("SHUT (w)", 0, 20, 30));
    d.accept(event("SEND", Errno.value("EPIPE"), 40, 50)); // the guest's own doing
    assertEquals(List.of("G S", "P S.", "G .", "G F.", "P ."), shape());
  }

  @Test
  void anAcceptedConnectionIsOpenedByThePeer() {
    TcpConversation c = conversation(false);
    c.accept(event("ACCEPT", 0, 100, 900));
    c.accept(event("RECV", 0, bytes(20), 1_000, 1_100));
    c.accept(event("SEND", 0, bytes(30), 1_200, 1_300));
    c.accept(event("SHUT", 0, 1_400, 1_500));

    assertEquals(
        List.of("P S", "G S.", "P .", "P P. 20", "G .", "G P. 30", "P .", "G F.", "P ."), shape());
    assertEquals(
        List.of(900L, 900L, 900L), times(0, 3), "the handshake was over when accept returned");
    assertEquals(first("P", Packet.SYN).seq + 1, packets.get(1).ack);
  }

  @Test
  void aNonBlockingConnectSendsOneSynAndCompletesWhenTheSocketIsUsed() {
    TcpConversation c = conversation(true);
    c.accept(event("CONN", Errno.value("EINPROGRESS"), 100, 110));
    c.accept(event("CONN", Errno.value("EALREADY"), 200, 210));
    c.accept(event("SEND", 0, bytes(5), 300, 310));

    assertEquals(List.of("G S", "P S.", "G .", "G P. 5", "P ."), shape());
    assertEquals(List.of(100L, 300L, 300L), times(0, 3));
  }

  @Test
  void callsThatNeverReachedTheNetworkSendNothing() {
    TcpConversation c = conversation(true);
    c.accept(event("CONN", Errno.value("EACCES"), 100, 110)); // the sandbox said no
    c.accept(event("SHUT (r)", 0, 200, 210));
    c.accept(event("SHUT", 0, 300, 310));
    assertEquals(List.of(), shape());

    TcpConversation d = conversation(true);
    d.accept(event("CONN", 0, 0, 10));
    packets.clear();
    d.accept(event("SHUT (r)", 0, 20, 30)); // shutting the reading side sends nothing
    d.accept(event("RECV", Errno.value("ENOTCONN"), 40, 50));
    assertEquals(List.of(), shape());
  }

  @Test
  void initialSequenceNumbersComeFromTheUid() {
    conversation(true).accept(event("CONN", 0, 0, 10));
    List<Packet> first = List.copyOf(packets);
    packets.clear();
    conversation(true).accept(event("CONN", 0, 0, 10));
    assertEquals(first.get(0).seq, packets.get(0).seq, "the same log gives the same file");
    assertEquals(first.get(1).seq, packets.get(1).seq);
    assertTrue(TcpConversation.isn("Ca", 1) != TcpConversation.isn("Cb", 1));
    assertTrue(TcpConversation.isn("Ca", 1) != TcpConversation.isn("Ca", 2));
  }

  private List<Long> times(int from, int to) {
    return packets.subList(from, to).stream().map(p -> p.timeNs).toList();
  }
}
