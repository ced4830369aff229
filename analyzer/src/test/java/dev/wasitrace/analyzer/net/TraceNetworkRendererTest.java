package dev.wasitrace.analyzer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** trace network lines, expected text written by hand from the events (and from seed 001). */
class TraceNetworkRendererTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final int ECONNREFUSED = 14;
  private static final int ECONNRESET = 15;
  private static final int EPIPE = 64;

  private static String render(List<NetworkEvent> events, boolean verbose) {
    StringBuilder out = new StringBuilder();
    new TraceNetworkRenderer(UTC, verbose).render(events, out);
    return out.toString();
  }

  @Test
  void seed() {
    assertEquals(
        """
        2023/06/30 08:13:20.463329 TCP 172.16.0.0:49152 > 44.194.85.187:443: CONN EINPROGRESS
        2023/06/30 08:13:20.947931 TCP 172.16.0.0:49152 > 44.194.85.187:443: SEND OK 112
        2023/06/30 08:13:24.326929 TCP 44.194.85.187:443 > 172.16.0.0:49152: RECV OK 209
        """,
        render(SeedTraffic.events(), false));
  }

  @Test
  void seedVerbose() {
    assertEquals(
        """
        [23] 2023/06/30 08:13:20.463329 TCP 172.16.0.0:49152 > 44.194.85.187:443: CONN EINPROGRESS
        [40] 2023/06/30 08:13:20.947931 TCP 172.16.0.0:49152 > 44.194.85.187:443: SEND OK 112

        00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|
        00000010  48 6f 73 74 3a 20 65 6f  33 71 68 32 6e 63 65 6c  |Host: eo3qh2ncel|
        00000020  70 63 39 71 30 2e 6d 2e  70 69 70 65 64 72 65 61  |pc9q0.m.pipedrea|
        00000030  6d 2e 6e 65 74 0d 0a 55  73 65 72 2d 41 67 65 6e  |m.net..User-Agen|
        00000040  74 3a 20 47 6f 2d 68 74  74 70 2d 63 6c 69 65 6e  |t: Go-http-clien|
        00000050  74 2f 31 2e 31 0d 0a 41  63 63 65 70 74 2d 45 6e  |t/1.1..Accept-En|
        00000060  63 6f 64 69 6e 67 3a 20  67 7a 69 70 0d 0a 0d 0a  |coding: gzip....|

        [45] 2023/06/30 08:13:24.326929 TCP 44.194.85.187:443 > 172.16.0.0:49152: RECV OK 209

        00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  |HTTP/1.1 200 OK.|
        00000010  0a 44 61 74 65 3a 20 54  68 75 2c 20 32 39 20 4a  |.Date: Thu, 29 J|
        00000020  75 6e 20 32 30 32 33 20  32 32 3a 31 33 3a 32 34  |un 2023 22:13:24|
        00000030  20 47 4d 54 0d 0a 43 6f  6e 74 65 6e 74 2d 54 79  | GMT..Content-Ty|
        00000040  70 65 3a 20 74 65 78 74  2f 68 74 6d 6c 3b 20 63  |pe: text/html; c|
        00000050  68 61 72 73 65 74 3d 75  74 66 2d 38 0d 0a 43 6f  |harset=utf-8..Co|
        00000060  6e 74 65 6e 74 2d 4c 65  6e 67 74 68 3a 20 31 34  |ntent-Length: 14|
        00000070  0d 0a 43 6f 6e 6e 65 63  74 69 6f 6e 3a 20 6b 65  |..Connection: ke|
        00000080  65 70 2d 61 6c 69 76 65  0d 0a 58 2d 50 6f 77 65  |ep-alive..X-Powe|
        00000090  72 65 64 2d 42 79 3a 20  45 78 70 72 65 73 73 0d  |red-By: Express.|
        000000a0  0a 41 63 63 65 73 73 2d  43 6f 6e 74 72 6f 6c 2d  |.Access-Control-|
        000000b0  41 6c 6c 6f 77 2d 4f 72  69 67 69 6e 3a 20 2a 0d  |Allow-Origin: *.|
        000000c0  0a 0d 0a 48 65 6c 6c 6f  2c 20 57 6f 72 6c 64 21  |...Hello, World!|
        000000d0  0a                                                |.|

        """,
        render(SeedTraffic.events(), true));
  }

  @Test
  void timesAreLocalToTheZoneGiven() {
    StringBuilder out = new StringBuilder();
    new TraceNetworkRenderer(ZoneId.of("Asia/Kolkata"), false)
        .render(SeedTraffic.events().subList(0, 1), out);
    assertEquals(
        "2023/06/30 13:43:20.463329 TCP 172.16.0.0:49152 > 44.194.85.187:443: CONN EINPROGRESS\n",
        out.toString());
  }

  @Test
  void serverSide() {
    List<NetworkEvent> events =
        EventScript.between("127.0.0.1:8080", "127.0.0.1:40001")
            .fd(4)
            .seq(7)
            .at(Instant.parse("2024-01-02T03:04:05.000001999Z"))
            .accept()
            .recv("ping")
            .send("pong!")
            .shutWrite()
            .eof()
            .shutRead()
            .events();
    assertEquals(
        """
        2024/01/02 03:04:05.000001 TCP 127.0.0.1:40001 > 127.0.0.1:8080: ACCEPT OK
        2024/01/02 03:04:05.001001 TCP 127.0.0.1:40001 > 127.0.0.1:8080: RECV OK 4
        2024/01/02 03:04:05.002001 TCP 127.0.0.1:8080 > 127.0.0.1:40001: SEND OK 5
        2024/01/02 03:04:05.003001 TCP 127.0.0.1:8080 > 127.0.0.1:40001: SHUT (w) OK
        2024/01/02 03:04:05.004001 TCP 127.0.0.1:40001 > 127.0.0.1:8080: RECV OK 0
        2024/01/02 03:04:05.005001 TCP 127.0.0.1:8080 > 127.0.0.1:40001: SHUT (r) OK
        """,
        render(events, false));
    assertEquals(
        """
        [7] 2024/01/02 03:04:05.000001 TCP 127.0.0.1:40001 > 127.0.0.1:8080: ACCEPT OK
        [8] 2024/01/02 03:04:05.001001 TCP 127.0.0.1:40001 > 127.0.0.1:8080: RECV OK 4

        00000000  70 69 6e 67                                       |ping|

        [9] 2024/01/02 03:04:05.002001 TCP 127.0.0.1:8080 > 127.0.0.1:40001: SEND OK 5

        00000000  70 6f 6e 67 21                                    |pong!|

        [10] 2024/01/02 03:04:05.003001 TCP 127.0.0.1:8080 > 127.0.0.1:40001: SHUT (w) OK
        [11] 2024/01/02 03:04:05.004001 TCP 127.0.0.1:40001 > 127.0.0.1:8080: RECV OK 0
        [12] 2024/01/02 03:04:05.005001 TCP 127.0.0.1:8080 > 127.0.0.1:40001: SHUT (r) OK
        """,
        render(events, true));
  }

  @Test
  void failuresNameTheErrnoAndCarryNoSize() {
    List<NetworkEvent> refused =
        EventScript.between("127.0.0.1:40000", "127.0.0.1:9").seq(1).conn(ECONNREFUSED).events();
    List<NetworkEvent> reset =
        EventScript.between("[::1]:8080", "[::1]:40002")
            .seq(2)
            .at(EventScript.START.plusSeconds(1))
            .accept()
            .recvError(ECONNRESET)
            .sendError(EPIPE)
            .shut()
            .events();
    assertEquals(
        """
        2023/06/30 08:13:20.463329 TCP 127.0.0.1:40000 > 127.0.0.1:9: CONN ECONNREFUSED
        2023/06/30 08:13:21.463329 TCP [::1]:40002 > [::1]:8080: ACCEPT OK
        2023/06/30 08:13:21.464329 TCP [::1]:40002 > [::1]:8080: RECV ECONNRESET
        2023/06/30 08:13:21.465329 TCP [::1]:8080 > [::1]:40002: SEND EPIPE
        2023/06/30 08:13:21.466329 TCP [::1]:8080 > [::1]:40002: SHUT OK
        """,
        render(concat(refused, reset), false));
    // No dump for a failed RECV or SEND in -v either.
    assertEquals(
        "[3] 2023/06/30 08:13:21.464329 TCP [::1]:40002 > [::1]:8080: RECV ECONNRESET\n",
        new TraceNetworkRenderer(UTC, true).render(reset.get(1)));
  }

  @Test
  void udpUnknownAddressesAndCallsThatNeverReturned() {
    List<NetworkEvent> udp =
        EventScript.udp("127.0.0.1:5000", "127.0.0.1:5001")
            .seq(12)
            .send("ping")
            .recv("pong")
            .events();
    NetworkEvent orphan =
        new NetworkEvent(
            "p1",
            20,
            EventScript.START,
            "TCP",
            NetworkEvent.SEND,
            -1,
            3,
            "10.0.0.1:1",
            null,
            -1,
            null);
    assertEquals(
        """
        2023/06/30 08:13:20.463329 UDP 127.0.0.1:5000 > 127.0.0.1:5001: SEND OK 4
        2023/06/30 08:13:20.464329 UDP 127.0.0.1:5001 > 127.0.0.1:5000: RECV OK 4
        2023/06/30 08:13:20.463329 TCP 10.0.0.1:1 > ?: SEND ?
        """,
        render(concat(udp, List.of(orphan)), false));
  }

  private static List<NetworkEvent> concat(List<NetworkEvent> a, List<NetworkEvent> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
