package dev.wasitrace.analyzer.http;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A request and what answered it.
 *
 * @param transDepth its place on the connection, from 1 (Zeek's trans_depth)
 * @param request the request
 * @param interim the 1xx responses before the final one ({@code 100 Continue}, {@code 103 Early
 *     Hints}); a {@code 101 Switching Protocols} is the final response
 * @param response the final response; null when none was recorded
 */
public record HttpExchange(
    int transDepth, HttpMessage request, List<HttpMessage> interim, HttpMessage response) {
  public HttpExchange {
    requireNonNull(request, "request");
    interim = List.copyOf(interim);
  }

  /** The first byte of any response (interim or final); null when none came. */
  public Moment firstResponseByte() {
    if (!interim.isEmpty()) {
      return interim.get(0).first();
    }
    return response == null ? null : response.first();
  }
}
