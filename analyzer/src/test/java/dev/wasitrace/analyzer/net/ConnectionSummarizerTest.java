package dev.wasitrace.analyzer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** conn_state and history of recorded connections, after Zeek's conn.log. */
class ConnectionSummarizerTest {
  private static final int EACCES = 2;
  private static final int ECONNREFUSED = 14;
  private static final int ECONNRESET = 15;
  private static final int EINPROGRESS = 26;
  private static final int EISCONN = 30;
  private static final int EPIPE = 64;
  private static final int ETIMEDOUT = 73;

  private static EventScript client() {
    return EventScript.between("127.0.0.1:40000", "127.0.0.1:8080");
  }

  private static EventScript server() {
    return EventScript.between("127.0.0.1:8080", "127.0.0.1:40000");
  }

  private static ConnectionSummary summary(EventScript script) {
    return ConnectionSummarizer.summarize(script.connection());
  }

  private static String stateAndHistory(EventScript script) {
    ConnectionSummary summary = summary(script);
    return summary.connState() + " " + summary.history();
  }

  @Test
  void clientThatClosesNormally() {
    ConnectionSummary summary =
        summary(client().conn(EINPROGRESS).send("hello").recv("hi").eof().shut());
    assertEquals("SF", summary.connState());
    assertEquals("ShADdfF", summary.history());
    assertTrue(summary.localOrig());
    assertEquals("127.0.0.1", summary.origH());
    assertEquals(40000, summary.origP());
    assertEquals("127.0.0.1", summary.respH());
    assertEquals(8080, summary.respP());
    assertEquals(5, summary.origBytes());
    assertEquals(2, summary.respBytes());
    assertEquals(EventScript.START, summary.ts());
    assertEquals(EventScript.START.plusMillis(4), summary.end());
    assertEquals(10, summary.firstSeq());
    assertEquals(14, summary.lastSeq());
    assertEquals(3, summary.fd());
  }

  @Test
  void serverSideThePeerOriginates() {
    ConnectionSummary summary = summary(server().accept().recv("GET").send("200 OK!").shut().eof());
    assertEquals("SF", summary.connState());
    // The peer's SYN and data are the originator's (uppercase); the guest's FIN came first.
    assertEquals("ShADdfF", summary.history());
    assertFalse(summary.localOrig());
    assertEquals(40000, summary.origP());
    assertEquals(8080, summary.respP());
    assertEquals(3, summary.origBytes());
    assertEquals(7, summary.respBytes());
  }

  @Test
  void refusedConnects() {
    assertEquals("REJ Sr", stateAndHistory(client().conn(ECONNREFUSED)));
    // Non-blocking: the refusal shows on the first call after the connect.
    assertEquals(
        "REJ Sr", stateAndHistory(client().conn(EINPROGRESS).recvError(ECONNREFUSED).shut()));
    assertEquals("REJ Sr", stateAndHistory(client().conn(EINPROGRESS).sendError(ECONNREFUSED)));
  }

  @Test
  void unansweredAndBlockedConnects() {
    assertEquals("S0 S", stateAndHistory(client().conn(EINPROGRESS)));
    assertEquals("S0 S", stateAndHistory(client().conn(ETIMEDOUT)));
    // Closing a socket that never connected sends no FIN.
    assertEquals("S0 S", stateAndHistory(client().conn(EINPROGRESS).shut()));
    // The sandbox refused: nothing went out.
    assertEquals("OTH ", stateAndHistory(client().conn(EACCES)));
  }

  @Test
  void establishedWithoutClose() {
    assertEquals("S1 ShA", stateAndHistory(client().conn(0)));
    assertEquals("S1 ShA", stateAndHistory(client().conn(EINPROGRESS).conn(EISCONN)));
    assertEquals("S1 ShADd", stateAndHistory(client().conn(0).send("a").recv("b")));
    assertEquals("S1 ShA", stateAndHistory(server().accept()));
  }

  @Test
  void halfClosed() {
    // Only the originator's FIN: S2; only the responder's: S3.
    assertEquals("S2 ShADF", stateAndHistory(client().conn(0).send("a").shutWrite()));
    assertEquals("S3 ShAdf", stateAndHistory(client().conn(0).recv("b").eof()));
    assertEquals("S3 ShADf", stateAndHistory(server().accept().recv("a").shut()));
    // SHUT (r) sends nothing.
    assertEquals("S1 ShA", stateAndHistory(client().conn(0).shutRead()));
  }

  @Test
  void resets() {
    // The responder reset the guest's connection: RSTR.
    assertEquals("RSTR ShADr", stateAndHistory(client().conn(0).send("a").recvError(ECONNRESET)));
    assertEquals("RSTR ShAr", stateAndHistory(client().conn(0).sendError(EPIPE)));
    // The originator (the peer of an accepted connection) reset it: RSTO.
    assertEquals("RSTO ShADR", stateAndHistory(server().accept().recv("a").recvError(ECONNRESET)));
    // EPIPE after the guest's own SHUT (w) is its own doing, not a reset.
    assertEquals("S2 ShAF", stateAndHistory(client().conn(0).shutWrite().sendError(EPIPE)));
  }

  @Test
  void communityIdOfTheFiveTuple() {
    ConnectionSummary summary =
        summary(EventScript.between("128.232.110.120:34855", "66.35.250.204:80").conn(0));
    assertEquals("1:LQU9qZlK+B5F3KDmev6m5PMibrg=", summary.communityId());
    // The same flow seen from the server's side has the same ID.
    ConnectionSummary accepted =
        summary(EventScript.between("66.35.250.204:80", "128.232.110.120:34855").accept());
    assertEquals(summary.communityId(), accepted.communityId());
    assertEquals("128.232.110.120", accepted.origH());
  }

  @Test
  void unknownAddressesLeaveNulls() {
    ConnectionSummary summary =
        ConnectionSummarizer.summarize(
            new TcpConnection(
                "p1",
                3,
                java.util.List.of(
                    new NetworkEvent(
                        "p1",
                        1,
                        Instant.EPOCH,
                        "TCP",
                        "CONN",
                        EACCES,
                        3,
                        null,
                        "[::1]:80",
                        -1,
                        null))));
    assertNull(summary.origH());
    assertEquals(-1, summary.origP());
    assertEquals("::1", summary.respH());
    assertNull(summary.communityId());
  }

  @Test
  void uidIsStableAndZeekShaped() {
    String uid = ConnectionUid.of("p1", 3, 10);
    assertTrue(uid.matches("C[0-9A-Za-z]{17}"), uid);
    assertEquals(uid, ConnectionUid.of("p1", 3, 10));
    assertEquals(uid, summary(client().conn(0)).uid());
    assertNotEquals(uid, ConnectionUid.of("p1", 3, 11));
    assertNotEquals(uid, ConnectionUid.of("p2", 3, 10));
    assertNotEquals(uid, ConnectionUid.of("p1", 4, 10));
  }
}
