package dev.wasitrace.analyzer.http;

import dev.wasitrace.analyzer.net.NetworkEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits the two byte streams of one recorded TCP connection into HTTP/1.x messages and pairs them
 * into exchanges.
 *
 * <p>The client is the side whose bytes start with a request line (or the HTTP/2 preface), so the
 * guest may be either side. Framing follows RFC 9112: a request has a chunked body ({@code
 * Transfer-Encoding} ending in {@code chunked}, trailers included), a {@code Content-Length} body,
 * or none. A response has no body after HEAD, for 1xx, 204 and 304, or for a 2xx to CONNECT;
 * otherwise chunked, then Content-Length, then everything up to the close of the connection.
 * Responses are paired with requests in order, so keep-alive and pipelined requests come out right;
 * 1xx responses before the final one are kept as interim ({@code 100 Continue} for {@code Expect:
 * 100-continue}). A request with {@code Expect: 100-continue} that got a final response without a
 * 100 may never have sent its body: when the bytes after its head are the next request, the body
 * counts as not sent. Requests nobody answered have no response; bytes that run out mid-message
 * make an incomplete message.
 *
 * <p>HTTP/2 with prior knowledge (the {@code PRI * HTTP/2.0} preface), a {@code 101 Switching
 * Protocols} upgrade ({@code h2c}, {@code websocket}, …) and a CONNECT tunnel end the HTTP/1.x
 * part; the result names the new protocol instead of parsing its bytes as HTTP/1.x.
 *
 * <p>Hand-written on purpose: the libraries that frame HTTP/1.1 incrementally (Netty's
 * HttpObjectDecoder, Apache HttpCore's session buffers, Jetty's HttpParser) are built around live
 * channels and would need adapters to replay two recorded streams, pair them, and keep which
 * recorded call carried each byte (the times and record numbers every message needs). They would
 * also bring large dependencies for about 300 lines of framing that the tests here pin down.
 */
public final class HttpFramer {
  private static final Pattern REQUEST_LINE =
      Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+ [^ ]+ HTTP/[0-9]\\.[0-9]");
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/[0-9]\\.[0-9] [0-9]{3}( .*)?");
  private static final byte[] H2_PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] H2_PREFACE_LINE =
      "PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII);

  private HttpFramer() {}

  /**
   * The HTTP found in one TCP connection's events (in call order), or null when neither side starts
   * with a request.
   */
  public static HttpConversation frame(List<NetworkEvent> events) {
    if (!mayStartRequest(events, NetworkEvent.SEND)
        && !mayStartRequest(events, NetworkEvent.RECV)) {
      // Neither side's first byte can begin a request line or the HTTP/2 preface: not HTTP, and
      // joining the connection's bytes (a gigabyte of them, say) would be for nothing.
      return null;
    }
    RecordedStream local = RecordedStream.of(events, true);
    RecordedStream peer = RecordedStream.of(events, false);
    boolean localRequests = startsWithRequest(local);
    boolean peerRequests = startsWithRequest(peer);
    if (localRequests && peerRequests) {
      // Both look like requests (odd): the side that spoke first is the client.
      localRequests = local.momentOf(0).seq() < peer.momentOf(0).seq();
      peerRequests = !localRequests;
    }
    if (!localRequests && !peerRequests) {
      return null;
    }
    String localAddress = null;
    String peerAddress = null;
    for (NetworkEvent event : events) {
      localAddress = localAddress == null ? event.local() : localAddress;
      peerAddress = peerAddress == null ? event.peer() : peerAddress;
    }
    RecordedStream client = localRequests ? local : peer;
    RecordedStream server = localRequests ? peer : local;
    Pairing pairing = new Pairing(new MessageReader(client), new MessageReader(server));
    pairing.run();
    return new HttpConversation(
        localRequests ? localAddress : peerAddress,
        localRequests ? peerAddress : localAddress,
        localRequests,
        pairing.exchanges,
        pairing.protocolSwitch);
  }

  /** Whether the first byte one side sent ({@code SEND}: the guest) is a token character. */
  private static boolean mayStartRequest(List<NetworkEvent> events, String type) {
    for (NetworkEvent event : events) {
      if (event.type().equals(type) && event.ok() && event.bytes().length > 0) {
        int first = event.bytes()[0] & 0xFF;
        return first < 0x80 && TOKEN_START.matcher(String.valueOf((char) first)).matches();
      }
    }
    return false;
  }

  private static final Pattern TOKEN_START = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]");

  private static boolean startsWithRequest(RecordedStream stream) {
    MessageReader reader = new MessageReader(stream);
    if (reader.startsWith(H2_PREFACE_LINE)) {
      return true;
    }
    String line = reader.peekLine();
    return line != null && REQUEST_LINE.matcher(line).matches();
  }

  /** Reads requests and responses in turn and pairs them. */
  private static final class Pairing {
    private final MessageReader requests;
    private final MessageReader responses;
    private final List<HttpExchange> exchanges = new ArrayList<>();
    private ProtocolSwitch protocolSwitch;

    Pairing(MessageReader requests, MessageReader responses) {
      this.requests = requests;
      this.responses = responses;
    }

    void run() {
      try {
        while (!requests.atEnd() && protocolSwitch == null) {
          if (requests.startsWith(H2_PREFACE) || requests.startsWith(H2_PREFACE_LINE)) {
            protocolSwitch =
                new ProtocolSwitch(
                    "h2", ProtocolSwitch.PRIOR_KNOWLEDGE, moment(requests, requests.position()));
            return;
          }
          if (!exchange()) {
            return;
          }
        }
      } catch (MessageReader.Malformed e) {
        // Not HTTP/1.x from here on: keep what was framed before.
      }
    }

    /** Frames the next exchange; false when the requests' head is incomplete or not HTTP. */
    private boolean exchange() throws MessageReader.Malformed {
      String line = requests.peekLine();
      if (line == null || !REQUEST_LINE.matcher(line).matches()) {
        return false;
      }
      MessageReader.Head head = requests.readHead();
      if (head == null) {
        return false;
      }
      String method = head.lines().get(0).split(" ", 2)[0];
      boolean expectsContinue = head.headers().has("Expect", "100-continue");
      List<HttpMessage> interim = new ArrayList<>();
      HttpMessage response = null;
      // A request's body does not depend on its response, except after Expect: 100-continue:
      // read the responses first.
      boolean responsesBroken = false;
      while (response == null) {
        HttpMessage next;
        try {
          next = response(method);
        } catch (MessageReader.Malformed e) {
          responsesBroken = true; // keep the request, unanswered
          break;
        }
        if (next == null) {
          break;
        }
        if (next.status() >= 100 && next.status() < 200 && next.status() != 101) {
          interim.add(next);
        } else {
          response = next;
        }
      }
      boolean bodySkipped =
          expectsContinue
              && response != null
              && interim.stream().noneMatch(m -> m.status() == 100)
              && bodyNeverSent();
      MessageReader.Body body =
          bodySkipped
              ? new MessageReader.Body(new byte[0], HttpHeaders.NONE, requests.position(), true)
              : requestBody(head.headers());
      HttpMessage request = message(requests, head, body);
      exchanges.add(new HttpExchange(exchanges.size() + 1, request, interim, response));
      if (response != null && response.status() == 101) {
        String upgrade = response.headers().first("Upgrade");
        if (upgrade == null) {
          upgrade = head.headers().first("Upgrade");
        }
        protocolSwitch =
            new ProtocolSwitch(upgradeProtocol(upgrade), ProtocolSwitch.UPGRADE, response.first());
      } else if (method.equals("CONNECT")
          && response != null
          && response.status() >= 200
          && response.status() < 300) {
        protocolSwitch = new ProtocolSwitch("tunnel", ProtocolSwitch.CONNECT, response.first());
      }
      return body.complete() && !responsesBroken;
    }

    /** Whether the client went on with another request (or closed) instead of the body. */
    private boolean bodyNeverSent() {
      if (requests.atEnd()) {
        return requests.stream().ended();
      }
      String line = requests.peekLine();
      return line != null && REQUEST_LINE.matcher(line).matches();
    }

    private MessageReader.Body requestBody(HttpHeaders headers) throws MessageReader.Malformed {
      List<String> codings = headers.tokens("Transfer-Encoding");
      if (!codings.isEmpty()) {
        if (!codings.get(codings.size() - 1).equals("chunked")) {
          throw new MessageReader.Malformed("request body of unknown length");
        }
        return requests.readChunked();
      }
      long length = contentLength(headers);
      return requests.readFixed(Math.max(length, 0));
    }

    /** The next response, or null when none (or only part of its head) was recorded. */
    private HttpMessage response(String method) throws MessageReader.Malformed {
      if (responses.atEnd()) {
        return null;
      }
      String line = responses.peekLine();
      if (line == null) {
        return null;
      }
      if (!STATUS_LINE.matcher(line).matches()) {
        throw new MessageReader.Malformed("not a status line: " + line);
      }
      MessageReader.Head head = responses.readHead();
      if (head == null) {
        return null;
      }
      int status = Integer.parseInt(head.lines().get(0).substring(9, 12));
      HttpHeaders headers = head.headers();
      MessageReader.Body body;
      List<String> codings = headers.tokens("Transfer-Encoding");
      if (method.equals("HEAD")
          || (status >= 100 && status < 200)
          || status == 204
          || status == 304
          || (method.equals("CONNECT") && status >= 200 && status < 300)) {
        body = responses.readFixed(0);
      } else if (!codings.isEmpty()) {
        body =
            codings.get(codings.size() - 1).equals("chunked")
                ? responses.readChunked()
                : responses.readToEnd();
      } else {
        long length = contentLength(headers);
        body = length >= 0 ? responses.readFixed(length) : responses.readToEnd();
      }
      return message(responses, head, body);
    }

    private static HttpMessage message(
        MessageReader reader, MessageReader.Head head, MessageReader.Body body) {
      int last = Math.max(head.start(), body.end() - 1);
      return new HttpMessage(
          head.lines(),
          head.headers(),
          body.bytes(),
          body.trailers(),
          moment(reader, head.start()),
          moment(reader, last),
          body.complete());
    }
  }

  private static Moment moment(MessageReader reader, int offset) {
    return reader.stream().momentOf(Math.min(offset, reader.stream().length() - 1));
  }

  /** The Content-Length, -1 when absent; differing or bad values are not HTTP. */
  private static long contentLength(HttpHeaders headers) throws MessageReader.Malformed {
    List<String> values = headers.tokens("Content-Length");
    long length = -1;
    for (String value : values) {
      long parsed;
      try {
        parsed = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw new MessageReader.Malformed("bad Content-Length: " + value);
      }
      if (parsed < 0 || (length >= 0 && parsed != length)) {
        throw new MessageReader.Malformed("bad Content-Length: " + value);
      }
      length = parsed;
    }
    return length;
  }

  private static String upgradeProtocol(String upgrade) {
    if (upgrade == null || upgrade.isBlank()) {
      return "unknown";
    }
    String first = upgrade.split(",")[0].strip().toLowerCase(Locale.ROOT);
    return first.equals("h2c") || first.equals("h2") ? "h2" : first;
  }
}
