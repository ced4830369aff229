package dev.wasitrace.analyzer.http;

import java.util.List;

/**
 * What {@link HttpFramer} found on one TCP connection.
 *
 * @param client the address of the side that sent the requests
 * @param server the other side's address
 * @param clientIsLocal whether the guest is the client
 * @param exchanges the HTTP/1.x exchanges, in order
 * @param protocolSwitch where the connection left HTTP/1.x, or null
 */
public record HttpConversation(
    String client,
    String server,
    boolean clientIsLocal,
    List<HttpExchange> exchanges,
    ProtocolSwitch protocolSwitch) {
  public HttpConversation {
    exchanges = List.copyOf(exchanges);
  }

  /**
   * Zeek-style service names: {@code http} when there were HTTP/1.x exchanges, then {@code http2}
   * for HTTP/2, or the upgraded protocol, comma-separated; null when neither.
   */
  public String service() {
    StringBuilder service = new StringBuilder();
    if (!exchanges.isEmpty()) {
      service.append("http");
    }
    if (protocolSwitch != null && !protocolSwitch.protocol().equals("tunnel")) {
      if (service.length() > 0) {
        service.append(',');
      }
      service.append(protocolSwitch.protocol().equals("h2") ? "http2" : protocolSwitch.protocol());
    }
    return service.length() == 0 ? null : service.toString();
  }
}
