package dev.wasitrace.analyzer.net;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.wasi.Errno;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;

/**
 * The lines of {@code wasitrace trace network}, in Timecraft's format:
 *
 * <pre>
 * 2023/06/30 08:13:20.463329 TCP 172.16.0.0:49152 &gt; 44.194.85.187:443: CONN EINPROGRESS
 * 2023/06/30 08:13:20.947931 TCP 172.16.0.0:49152 &gt; 44.194.85.187:443: SEND OK 112
 * </pre>
 *
 * <p>{@code TIME PROTO SRC > DST: TYPE RESULT[ SIZE]}: TIME in the given zone to the microsecond;
 * RESULT {@code OK} or the WASI errno's name ({@code ECONNREFUSED}); SIZE after a successful SEND
 * or RECV (0 for the peer's EOF). An address nobody recorded prints as {@code ?}.
 *
 * <p>Verbose ({@code -v}): each line starts with {@code [SEQ] }, and a SEND or RECV that moved
 * bytes is followed by a blank line, the {@link HexDump} of its bytes and a blank line.
 */
public final class TraceNetworkRenderer {
  private final TraceTime time;
  private final boolean verbose;

  public TraceNetworkRenderer(ZoneId zone, boolean verbose) {
    this.time = new TraceTime(requireNonNull(zone));
    this.verbose = verbose;
  }

  /**
   * Writes the lines of one process's events, read from the {@code network_events} view in record
   * order, to {@code out}.
   */
  public void render(Connection connection, String processId, Appendable out) throws SQLException {
    StringBuilder text = new StringBuilder(256);
    NetworkEventReader.forEach(
        connection,
        processId,
        verbose, // the bytes only for the hex dumps
        event -> {
          text.setLength(0);
          appendTo(event, text);
          append(text, out);
        });
  }

  /** Writes the lines of {@code events}, in the order given, to {@code out}. */
  public void render(Iterable<NetworkEvent> events, Appendable out) {
    StringBuilder text = new StringBuilder(256);
    for (NetworkEvent event : events) {
      text.setLength(0);
      appendTo(event, text);
      append(text, out);
    }
  }

  private static void append(CharSequence text, Appendable out) {
    try {
      out.append(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of one event: its line and, verbose, its dump, each line ending in a newline. */
  public String render(NetworkEvent event) {
    StringBuilder text = new StringBuilder(128);
    appendTo(event, text);
    return text.toString();
  }

  private void appendTo(NetworkEvent event, StringBuilder out) {
    if (verbose) {
      out.append('[').append(event.seq()).append("] ");
    }
    time.formatTo(event.ts(), out);
    out.append(' ').append(event.proto()).append(' ');
    out.append(event.src() == null ? "?" : event.src());
    out.append(" > ");
    out.append(event.dst() == null ? "?" : event.dst());
    out.append(": ").append(event.type()).append(' ').append(result(event.errno()));
    if (event.movesBytes() && event.ok()) {
      out.append(' ').append(event.size() >= 0 ? event.size() : event.bytes().length);
    }
    out.append('\n');
    if (verbose && event.movesBytes() && event.data() != null && event.data().length > 0) {
      out.append('\n');
      HexDump.appendTo(event.data(), out);
      out.append('\n');
    }
  }

  /** {@code OK}, the errno's name, or {@code ?} for a call that never returned. */
  static String result(int errno) {
    if (errno == 0) {
      return "OK";
    }
    return errno < 0 ? "?" : Errno.name(errno);
  }
}
