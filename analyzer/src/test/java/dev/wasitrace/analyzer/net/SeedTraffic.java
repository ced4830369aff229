package dev.wasitrace.analyzer.net;

import java.time.Instant;
import java.util.List;

/** The connection of Timecraft's trace documentation (seed 001): a Go client's GET. */
public final class SeedTraffic {
  public static final String REQUEST =
      "GET / HTTP/1.1\r\n"
          + "Host: eo3qh2ncelpc9q0.m.pipedream.net\r\n"
          + "User-Agent: Go-http-client/1.1\r\n"
          + "Accept-Encoding: gzip\r\n"
          + "\r\n";

  public static final String RESPONSE =
      "HTTP/1.1 200 OK\r\n"
          + "Date: Thu, 29 Jun 2023 22:13:24 GMT\r\n"
          + "Content-Type: text/html; charset=utf-8\r\n"
          + "Content-Length: 14\r\n"
          + "Connection: keep-alive\r\n"
          + "X-Powered-By: Express\r\n"
          + "Access-Control-Allow-Origin: *\r\n"
          + "\r\n"
          + "Hello, World!\n";

  private SeedTraffic() {}

  /** CONN EINPROGRESS [23], SEND 112 bytes [40], RECV 209 bytes [45], times in UTC. */
  public static List<NetworkEvent> events() {
    return EventScript.between("172.16.0.0:49152", "44.194.85.187:443")
        .seq(23)
        .at(Instant.parse("2023-06-30T08:13:20.463329500Z"))
        .conn(26)
        .seq(40)
        .at(Instant.parse("2023-06-30T08:13:20.947931999Z"))
        .send(REQUEST)
        .seq(45)
        .at(Instant.parse("2023-06-30T08:13:24.326929000Z"))
        .recv(RESPONSE)
        .events();
  }
}
