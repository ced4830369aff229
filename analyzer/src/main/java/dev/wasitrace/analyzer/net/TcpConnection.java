package dev.wasitrace.analyzer.net;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The events of one TCP connection of a recorded process, in call order: from its CONN or ACCEPT to
 * its last SHUT (see {@link ConnectionGrouper}).
 */
public record TcpConnection(String processId, int fd, List<NetworkEvent> events) {
  public TcpConnection {
    requireNonNull(processId, "processId");
    events = List.copyOf(events);
    if (events.isEmpty()) {
      throw new IllegalArgumentException("a connection has events");
    }
  }

  /** The record number of the first event. */
  public long firstSeq() {
    return events.get(0).seq();
  }

  /** The record number of the last event. */
  public long lastSeq() {
    return events.get(events.size() - 1).seq();
  }

  /** Whether the guest opened the connection (a CONN); false when it accepted it (the peer did). */
  public boolean localOriginated() {
    return !events.get(0).type().equals(NetworkEvent.ACCEPT);
  }

  /** The guest's address, from the first event that has it; null when none does. */
  public String local() {
    for (NetworkEvent event : events) {
      if (event.local() != null) {
        return event.local();
      }
    }
    return null;
  }

  /** The peer's address, from the first event that has it; null when none does. */
  public String peer() {
    for (NetworkEvent event : events) {
      if (event.peer() != null) {
        return event.peer();
      }
    }
    return null;
  }
}
