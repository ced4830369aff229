package dev.wasitrace.analyzer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting one descriptor's events into connections. */
class ConnectionGrouperTest {
  private static final int ECONNABORTED = 13;
  private static final int ECONNREFUSED = 14;
  private static final int EINPROGRESS = 26;
  private static final int EISCONN = 30;

  /** Each connection as "fd:firstSeq-lastSeq". */
  private static List<String> spans(List<NetworkEvent> events) {
    List<String> spans = new ArrayList<>();
    for (TcpConnection connection : ConnectionGrouper.group(events)) {
      spans.add(
          connection.processId()
              + "/"
              + connection.fd()
              + ":"
              + connection.firstSeq()
              + "-"
              + connection.lastSeq());
    }
    return spans;
  }

  @Test
  void aReusedDescriptorMakesOneConnectionPerConnect() {
    List<NetworkEvent> events = new ArrayList<>();
    // fd 3: refused, then a retry on a new socket that got the same number, then a third.
    events.addAll(
        EventScript.between("127.0.0.1:40000", "127.0.0.1:8080")
            .seq(1)
            .conn(ECONNREFUSED)
            .events());
    events.addAll(
        EventScript.between("127.0.0.1:40001", "127.0.0.1:8080")
            .seq(3)
            .conn(EINPROGRESS)
            .conn(EISCONN)
            .send("a")
            .shut()
            .events());
    events.addAll(EventScript.between("127.0.0.1:40002", "127.0.0.1:8080").seq(9).conn(0).events());
    assertEquals(List.of("p1/3:1-1", "p1/3:3-6", "p1/3:9-9"), spans(events));
  }

  @Test
  void aPendingConnectGoesOnUntilItFinishes() {
    assertEquals(
        List.of("p1/3:1-3"),
        spans(
            EventScript.between("127.0.0.1:40001", "127.0.0.1:8080")
                .seq(1)
                .conn(EINPROGRESS)
                .conn(EINPROGRESS)
                .conn(0)
                .events()));
    // ... but not a connect elsewhere.
    List<NetworkEvent> events = new ArrayList<>();
    events.addAll(
        EventScript.between("127.0.0.1:40001", "127.0.0.1:8080").seq(1).conn(EINPROGRESS).events());
    events.addAll(EventScript.between("127.0.0.1:40002", "127.0.0.1:9090").seq(2).conn(0).events());
    assertEquals(List.of("p1/3:1-1", "p1/3:2-2"), spans(events));
  }

  @Test
  void everyAcceptStartsAConnectionAndFailedOnesAreLeftOut() {
    List<NetworkEvent> events = new ArrayList<>();
    events.addAll(
        EventScript.between("127.0.0.1:8080", "127.0.0.1:40001")
            .fd(4)
            .seq(2)
            .accept()
            .recv("x")
            .shut()
            .events());
    events.addAll(
        EventScript.between("127.0.0.1:8080", null)
            .fd(3)
            .seq(5)
            .add(NetworkEvent.ACCEPT, ECONNABORTED, -1, null)
            .events());
    events.addAll(
        EventScript.between("127.0.0.1:8080", "127.0.0.1:40002").fd(4).seq(6).accept().events());
    events.sort(
        java.util.Comparator.comparing(NetworkEvent::processId)
            .thenComparingInt(NetworkEvent::fd)
            .thenComparingLong(NetworkEvent::seq));
    assertEquals(List.of("p1/4:2-4", "p1/4:6-6"), spans(events));
  }

  @Test
  void udpIsNotAConnectionAndProcessesAreApart() {
    List<NetworkEvent> events = new ArrayList<>();
    events.addAll(
        EventScript.udp("127.0.0.1:5000", "127.0.0.1:5001").fd(3).seq(1).send("x").events());
    events.addAll(
        EventScript.between("127.0.0.1:40001", "127.0.0.1:80").fd(3).seq(5).send("y").events());
    for (NetworkEvent event :
        EventScript.between("127.0.0.1:40001", "127.0.0.1:80").fd(3).seq(5).recv("z").events()) {
      events.add(
          new NetworkEvent(
              "p2",
              event.seq(),
              event.ts(),
              event.proto(),
              event.type(),
              event.errno(),
              event.fd(),
              event.src(),
              event.dst(),
              event.size(),
              event.data()));
    }
    assertEquals(List.of("p1/3:5-5", "p2/3:5-5"), spans(events));
  }
}
