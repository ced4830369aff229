package dev.wasitrace.analyzer.net;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Cuts the TCP events of {@code network_events}, read in the order {@code process_id, fd, seq},
 * into connections. A descriptor number is reused once its socket is closed, so one descriptor's
 * events can belong to several connections in turn: a new one starts at every successful ACCEPT and
 * at every CONN, except a CONN that goes on with a connect still in progress on the same socket
 * (after EINPROGRESS or EALREADY) or that finds it connected (EISCONN). Failed ACCEPTs (no
 * connection came of them) and UDP events are left out.
 */
public final class ConnectionGrouper {
  private static final int EALREADY = 7;
  private static final int EINPROGRESS = 26;
  private static final int EISCONN = 30;

  private final Consumer<TcpConnection> sink;
  private final List<NetworkEvent> current = new ArrayList<>();

  /** Passes each connection to {@code sink} once its last event has been seen. */
  public ConnectionGrouper(Consumer<TcpConnection> sink) {
    this.sink = requireNonNull(sink);
  }

  /** The connections of {@code events} (ordered by process, descriptor and record number). */
  public static List<TcpConnection> group(Iterable<NetworkEvent> events) {
    List<TcpConnection> connections = new ArrayList<>();
    ConnectionGrouper grouper = new ConnectionGrouper(connections::add);
    for (NetworkEvent event : events) {
      grouper.accept(event);
    }
    grouper.finish();
    return connections;
  }

  /** Takes the next event. */
  public void accept(NetworkEvent event) {
    if (!event.proto().equals("TCP")) {
      return;
    }
    String type = event.type();
    if (type.equals(NetworkEvent.ACCEPT) && !event.ok()) {
      return;
    }
    if (!current.isEmpty()) {
      NetworkEvent first = current.get(0);
      boolean sameSocket = first.processId().equals(event.processId()) && first.fd() == event.fd();
      boolean starts =
          type.equals(NetworkEvent.ACCEPT)
              || (type.equals(NetworkEvent.CONN) && !continuesConnect(event));
      if (!sameSocket || starts) {
        finish();
      }
    }
    current.add(event);
  }

  /** Passes on the connection in progress, if any. Call after the last event. */
  public void finish() {
    if (!current.isEmpty()) {
      NetworkEvent first = current.get(0);
      sink.accept(new TcpConnection(first.processId(), first.fd(), current));
      current.clear();
    }
  }

  private boolean continuesConnect(NetworkEvent connect) {
    NetworkEvent first = current.get(0);
    if (!first.type().equals(NetworkEvent.CONN)) {
      return false;
    }
    if (connect.peer() != null
        && first.peer() != null
        && !Objects.equals(connect.peer(), first.peer())) {
      return false;
    }
    if (connect.errno() == EISCONN || connect.errno() == EALREADY) {
      return true;
    }
    for (NetworkEvent event : current) {
      boolean pending =
          event.type().equals(NetworkEvent.CONN)
              && (event.errno() == EINPROGRESS || event.errno() == EALREADY);
      if (!pending) {
        return false;
      }
    }
    return true;
  }
}
