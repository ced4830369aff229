package dev.wasitrace.exporters.pcap;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One process's packets in time order, made as its socket events stream out of DuckDB: the events
 * of exported flows go through their flow's {@link TcpConversation} or {@link UdpConversation};
 * only the packets of the event at hand are held. A process's calls follow one another, so its
 * packets come out in time order; the times are clamped to make sure of it.
 */
final class PacketSource implements AutoCloseable {
  /**
   * The events, their durations and bytes. The view's window functions run without the bytes, which
   * are joined from {@code syscalls} afterwards: carrying a gigabyte of BLOBs through the windows
   * made the query five times slower.
   */
  private static final String EVENTS =
      "SELECT n.seq, epoch_ns(n.ts) AS start_ns, s.duration_ns, n.proto, n.type, n.errno, n.fd,"
          + " n.local_addr, n.peer_addr, s.data"
          + " FROM (SELECT process_id, seq, ts, proto, type, errno, fd, local_addr, peer_addr"
          + "       FROM network_events WHERE process_id = ? AND seq BETWEEN ? AND ?) n"
          + " JOIN syscalls s ON s.process_id = n.process_id AND s.seq = n.seq"
          + " ORDER BY n.seq";

  private static final byte[] NONE = new byte[0];

  private final String processId;
  private final FlowIndex flows;
  private final int mtu;
  private final PreparedStatement query;
  private ResultSet rows;
  private final Map<String, TcpConversation> tcp = new HashMap<>();
  private final Map<String, UdpConversation> udp = new HashMap<>();
  private final ArrayDeque<Packet> pending = new ArrayDeque<>();
  private long lastEnd = Long.MIN_VALUE;
  private Packet head;
  private long packets;
  private long payloadBytes;

  /**
   * Streams {@code processId}'s events from {@code connection}, which it uses alone until closed (a
   * DuckDB connection streams one result at a time).
   */
  PacketSource(Connection connection, String processId, FlowIndex flows, int mtu)
      throws SQLException {
    this.processId = processId;
    this.flows = flows;
    this.mtu = mtu;
    long[] span = flows.span(processId);
    if (span == null) {
      this.query = null;
      return;
    }
    this.query = connection.prepareStatement(EVENTS);
    query.setString(1, processId);
    query.setLong(2, span[0]);
    query.setLong(3, span[1]);
    this.rows = query.executeQuery();
  }

  /** The packet {@link #advance} moved to; null once there are no more. */
  Packet head() {
    return head;
  }

  /** Moves to the next packet; false when there is none. */
  boolean advance() throws SQLException {
    while (pending.isEmpty() && rows != null) {
      if (!rows.next()) {
        rows.close();
        rows = null;
        break;
      }
      handle(event(rows));
    }
    head = pending.poll();
    if (head != null) {
      packets++;
      payloadBytes += head.length;
    }
    return head != null;
  }

  private void handle(SocketEvent event) {
    Flow flow = flows.find(processId, event);
    if (flow == null) {
      return;
    }
    long start = Math.max(event.startNs(), lastEnd);
    long end = Math.max(start, event.endNs());
    lastEnd = end;
    event = event.at(start, end);
    if (flow.protocol() == Packet.TCP) {
      tcp.computeIfAbsent(flow.uid(), uid -> new TcpConversation(flow, mss(flow), pending::add))
          .accept(event);
    } else {
      udp.computeIfAbsent(flow.uid(), uid -> new UdpConversation(flow, pending::add)).accept(event);
    }
    if (event.seq() == flow.lastSeq()) { // the flow's last event: forget it
      tcp.remove(flow.uid());
      udp.remove(flow.uid());
    }
  }

  private int mss(Flow flow) {
    return mtu - (flow.endpoints().local().address().length == 4 ? 40 : 60);
  }

  private static SocketEvent event(ResultSet rows) throws SQLException {
    long start = rows.getLong(2);
    long duration = rows.getLong(3); // null (a call that never returned) reads as 0
    int errno = rows.getInt(6);
    if (rows.wasNull()) {
      errno = -1;
    }
    byte[] data = rows.getBytes(10);
    return new SocketEvent(
        rows.getLong(1),
        start,
        start + Math.max(0, duration),
        rows.getString(4),
        rows.getString(5),
        errno,
        rows.getInt(7),
        rows.getString(8),
        rows.getString(9),
        data == null ? NONE : data);
  }

  /** Packets passed on so far. */
  long packets() {
    return packets;
  }

  /** Payload bytes of those packets. */
  long payloadBytes() {
    return payloadBytes;
  }

  @Override
  public void close() throws SQLException {
    if (rows != null) {
      rows.close();
      rows = null;
    }
    if (query != null) {
      query.close();
    }
  }
}
