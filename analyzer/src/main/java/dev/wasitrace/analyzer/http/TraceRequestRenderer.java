package dev.wasitrace.analyzer.http;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.analyzer.net.NetworkEventReader;
import dev.wasitrace.analyzer.net.TcpConnection;
import dev.wasitrace.analyzer.net.TraceTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The lines of {@code wasitrace trace request}, in Timecraft's format, one per HTTP exchange:
 *
 * <pre>
 * 2023/06/30 08:13:24.326929 HTTP 172.16.0.0:49152 &gt; 44.194.85.187:443: GET / =&gt; 200 OK
 * </pre>
 *
 * <p>{@code TIME HTTP CLIENT > SERVER: METHOD TARGET => STATUS REASON}: TIME is when the first byte
 * of the final response was recorded (for a request nobody answered, when it was sent, and the line
 * ends {@code => (no response)}); CLIENT is the side that sent the request, the guest or its peer.
 * Exchanges of all connections come in the order of their TIME.
 *
 * <p>Verbose ({@code -v}), per exchange: {@code TIME HTTP CLIENT > SERVER}; the request's start
 * line and headers prefixed {@code "> "}, an empty {@code ">"} line, the request body; interim
 * (1xx) responses and the final response the same way with {@code "< "}; the response body. Bodies
 * are shown without their content coding (gzip) when they are UTF-8 text, else as {@code (binary
 * content)}. A blank line separates exchanges. The empty prefixed lines are {@code ">"} and {@code
 * "<"} with no trailing space, as in Timecraft's documented output.
 *
 * <p>Where a connection leaves HTTP/1.x (HTTP/2 with prior knowledge, an {@code h2c} or other
 * upgrade, a CONNECT tunnel), one more line says so instead of decoding it: {@code TIME HTTP/2
 * CLIENT > SERVER: (HTTP/2 with prior knowledge, not decoded)}.
 */
public final class TraceRequestRenderer {
  private final TraceTime time;
  private final boolean verbose;

  public TraceRequestRenderer(ZoneId zone, boolean verbose) {
    this.time = new TraceTime(requireNonNull(zone));
    this.verbose = verbose;
  }

  /** Renders the HTTP of one process's TCP connections, read from {@code network_events}. */
  public void render(Connection connection, String processId, Appendable out) throws SQLException {
    render(conversations(NetworkEventReader.tcpConnections(connection, processId)), out);
  }

  /** The HTTP conversations among {@code connections} (those with no HTTP left out). */
  public static List<HttpConversation> conversations(List<TcpConnection> connections) {
    List<HttpConversation> conversations = new ArrayList<>();
    for (TcpConnection connection : connections) {
      HttpConversation conversation = HttpFramer.frame(connection.events());
      if (conversation != null) {
        conversations.add(conversation);
      }
    }
    return conversations;
  }

  /** The text of {@code conversations}. */
  public String render(List<HttpConversation> conversations) {
    StringBuilder out = new StringBuilder();
    render(conversations, out);
    return out.toString();
  }

  /** Writes the text of {@code conversations} to {@code out}. */
  public void render(List<HttpConversation> conversations, Appendable out) {
    List<Entry> entries = new ArrayList<>();
    for (HttpConversation conversation : conversations) {
      for (HttpExchange exchange : conversation.exchanges()) {
        entries.add(new Entry(moment(exchange), conversation, exchange, null));
      }
      ProtocolSwitch protocolSwitch = conversation.protocolSwitch();
      if (protocolSwitch != null) {
        entries.add(new Entry(protocolSwitch.at(), conversation, null, protocolSwitch));
      }
    }
    entries.sort(
        Comparator.comparing((Entry e) -> e.at().ts())
            .thenComparing(Entry::order, Comparator.naturalOrder()));
    StringBuilder text = new StringBuilder();
    boolean first = true;
    for (Entry entry : entries) {
      text.setLength(0);
      if (verbose && !first) {
        text.append('\n');
      }
      first = false;
      if (entry.exchange() != null) {
        exchange(entry, text);
      } else {
        protocolSwitch(entry, text);
      }
      try {
        out.append(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private record Entry(
      Moment at, HttpConversation conversation, HttpExchange exchange, ProtocolSwitch change) {
    /** Keeps an exchange before the switch it led to when both have the same time. */
    Integer order() {
      return exchange == null ? Integer.MAX_VALUE : exchange.transDepth();
    }
  }

  /** When the exchange's line is dated: its final response's first byte, else the request's. */
  private static Moment moment(HttpExchange exchange) {
    if (exchange.response() != null) {
      return exchange.response().first();
    }
    if (!exchange.interim().isEmpty()) {
      return exchange.interim().get(0).first();
    }
    return exchange.request().first();
  }

  private void exchange(Entry entry, StringBuilder out) {
    HttpExchange exchange = entry.exchange();
    prefix(entry.at().ts(), "HTTP", entry.conversation(), out);
    HttpMessage request = exchange.request();
    HttpMessage response = exchange.response();
    if (!verbose) {
      out.append(": ").append(request.method()).append(' ').append(request.target()).append(" => ");
      if (response == null) {
        out.append(exchange.interim().isEmpty() ? "(no response)" : "(no final response)");
      } else {
        out.append(response.status());
        if (!response.reason().isEmpty()) {
          out.append(' ').append(response.reason());
        }
      }
      out.append('\n');
      return;
    }
    out.append('\n');
    message(request, "> ", ">", out);
    for (HttpMessage interim : exchange.interim()) {
      message(interim, "< ", "<", out);
    }
    if (response == null) {
      out.append(exchange.interim().isEmpty() ? "(no response)\n" : "(no final response)\n");
    } else {
      message(response, "< ", "<", out);
    }
  }

  private static void message(HttpMessage message, String prefix, String empty, StringBuilder out) {
    for (String line : message.head()) {
      out.append(prefix).append(line).append('\n');
    }
    out.append(empty).append('\n');
    if (message.bodyLength() > 0) {
      String text = BodyText.of(message);
      out.append(text == null ? BodyText.BINARY : text);
      if (out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
    }
  }

  private void protocolSwitch(Entry entry, StringBuilder out) {
    ProtocolSwitch change = entry.change();
    boolean h2 = change.protocol().equals("h2");
    prefix(entry.at().ts(), h2 ? "HTTP/2" : "HTTP", entry.conversation(), out);
    out.append(verbose ? "\n" : ": ");
    String name = h2 ? "HTTP/2" : change.protocol();
    out.append('(').append(name);
    switch (change.how()) {
      case ProtocolSwitch.PRIOR_KNOWLEDGE -> out.append(" with prior knowledge");
      case ProtocolSwitch.CONNECT -> out.append(" after CONNECT");
      default -> out.append(" after the upgrade");
    }
    out.append(", not decoded)\n");
  }

  private void prefix(
      Instant at, String protocol, HttpConversation conversation, StringBuilder out) {
    time.formatTo(at, out);
    out.append(' ').append(protocol).append(' ');
    out.append(conversation.client() == null ? "?" : conversation.client());
    out.append(" > ");
    out.append(conversation.server() == null ? "?" : conversation.server());
  }
}
