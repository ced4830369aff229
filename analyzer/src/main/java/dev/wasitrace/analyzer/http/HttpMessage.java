package dev.wasitrace.analyzer.http;

import java.util.List;

/**
 * One HTTP/1.x request or response as recorded.
 *
 * @param head the start line and the header lines as received, without their line ends
 * @param headers the header fields
 * @param body the body with the transfer coding removed (chunks joined), the content coding ({@code
 *     gzip}) kept
 * @param trailers the trailer fields of a chunked body
 * @param first the call that carried the message's first byte
 * @param last the call that carried its last byte
 * @param complete whether every byte the framing promised was recorded
 */
public record HttpMessage(
    List<String> head,
    HttpHeaders headers,
    byte[] body,
    HttpHeaders trailers,
    Moment first,
    Moment last,
    boolean complete) {
  public HttpMessage {
    head = List.copyOf(head);
  }

  /** The request line or status line. */
  public String startLine() {
    return head.get(0);
  }

  /** Whether this is a response (its start line is a status line). */
  public boolean isResponse() {
    return startLine().startsWith("HTTP/");
  }

  /** A request's method ({@code GET}); null for a response. */
  public String method() {
    return isResponse() ? null : part(0);
  }

  /** A request's target ({@code /index.html}); null for a response. */
  public String target() {
    return isResponse() ? null : part(1);
  }

  /** The protocol version, {@code HTTP/1.1}. */
  public String version() {
    return isResponse() ? part(0) : part(2);
  }

  /** A response's status code; 0 for a request. */
  public int status() {
    return isResponse() ? Integer.parseInt(part(1)) : 0;
  }

  /** A response's reason phrase ({@code Not Found}, may be empty); null for a request. */
  public String reason() {
    if (!isResponse()) {
      return null;
    }
    String line = startLine();
    int first = line.indexOf(' ');
    int second = line.indexOf(' ', first + 1);
    return second < 0 ? "" : line.substring(second + 1);
  }

  /** The body's length without the transfer coding. */
  public int bodyLength() {
    return body.length;
  }

  private String part(int index) {
    String[] parts = startLine().split(" ", 3);
    return index < parts.length ? parts[index] : "";
  }
}
