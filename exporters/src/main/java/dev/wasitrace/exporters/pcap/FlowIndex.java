package dev.wasitrace.exporters.pcap;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The flows to export, found from their events: a TCP event belongs to the connection on its
 * descriptor whose records span its own (as {@code tcp_connections} cut them), a UDP event to the
 * flow of its socket and addresses.
 */
final class FlowIndex {
  private final Map<String, NavigableMap<Long, Flow>> tcp = new HashMap<>();
  private final Map<String, Flow> udp = new HashMap<>();
  private final Map<String, long[]> spans = new HashMap<>();
  private int size;

  void addTcp(Flow flow) {
    tcp.computeIfAbsent(flow.processId() + '\n' + flow.fd(), k -> new TreeMap<>())
        .put(flow.firstSeq(), flow);
    added(flow);
  }

  /** A UDP flow, found by {@link UdpFlows#key}. */
  void addUdp(String key, Flow flow) {
    udp.put(key, flow);
    added(flow);
  }

  private void added(Flow flow) {
    size++;
    long[] span =
        spans.computeIfAbsent(flow.processId(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
    span[0] = Math.min(span[0], flow.firstSeq());
    span[1] = Math.max(span[1], flow.lastSeq());
  }

  /** The flow {@code event} of {@code processId} belongs to, or null when it is not exported. */
  Flow find(String processId, SocketEvent event) {
    if (event.proto().equals("UDP")) {
      return udp.get(UdpFlows.key(processId, event.fd(), event.local(), event.peer()));
    }
    NavigableMap<Long, Flow> connections = tcp.get(processId + '\n' + event.fd());
    if (connections == null) {
      return null;
    }
    Map.Entry<Long, Flow> candidate = connections.floorEntry(event.seq());
    return candidate == null || candidate.getValue().lastSeq() < event.seq()
        ? null
        : candidate.getValue();
  }

  /** The first and last record of {@code processId}'s flows, or null when it has none. */
  long[] span(String processId) {
    return spans.get(processId);
  }

  /** How many flows are exported. */
  int size() {
    return size;
  }
}
