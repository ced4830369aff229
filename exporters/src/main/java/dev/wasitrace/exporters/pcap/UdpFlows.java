package dev.wasitrace.exporters.pcap;

import dev.wasitrace.analyzer.net.CommunityId;
import dev.wasitrace.analyzer.net.ConnectionUid;
import dev.wasitrace.analyzer.net.Endpoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Cuts the successful UDP SENDs and RECVs of {@code network_events} into flows, one per socket and
 * peer, and appends a conn.log-like row for each to {@code pcap_udp_flows} (see {@code
 * pcap_flows.sql}). The datagrams themselves are not read here, only their sizes.
 */
final class UdpFlows {
  private static final String EVENTS =
      "SELECT process_id, seq, epoch_ns(ts) AS ts_ns, type, fd, local_addr, peer_addr, size"
          + " FROM network_events WHERE proto = 'UDP' AND type IN ('SEND', 'RECV') AND errno = 0"
          + " ORDER BY process_id, seq";

  /** One flow as its events are seen. */
  static final class Builder {
    final String processId;
    final int fd;
    final String local;
    final String peer;
    final long firstSeq;
    final long firstNs;
    final boolean localOrig;
    long lastSeq;
    long lastNs;
    long localBytes;
    long peerBytes;
    final StringBuilder history = new StringBuilder();

    Builder(String processId, int fd, String local, String peer, long seq, long ns, boolean send) {
      this.processId = processId;
      this.fd = fd;
      this.local = local;
      this.peer = peer;
      this.firstSeq = seq;
      this.firstNs = ns;
      this.localOrig = send;
    }

    void add(long seq, long ns, boolean send, long size) {
      lastSeq = seq;
      lastNs = ns;
      if (send) {
        localBytes += size;
      } else {
        peerBytes += size;
      }
      char letter = send == localOrig ? 'D' : 'd';
      if (history.indexOf(String.valueOf(letter)) < 0) {
        history.append(letter);
      }
    }

    String uid() {
      return ConnectionUid.of(processId, fd, firstSeq);
    }
  }

  private UdpFlows() {}

  /** The flows of every loaded process, also appended to {@code pcap_udp_flows}. */
  static List<Builder> derive(Connection connection) throws SQLException {
    Map<String, Builder> flows = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(EVENTS)) {
      while (rows.next()) {
        String processId = rows.getString(1);
        long seq = rows.getLong(2);
        long ns = rows.getLong(3);
        boolean send = rows.getString(4).equals(SocketEvent.SEND);
        int fd = rows.getInt(5);
        String local = rows.getString(6);
        String peer = rows.getString(7);
        long size = rows.getLong(8);
        Builder flow =
            flows.computeIfAbsent(
                key(processId, fd, local, peer),
                k -> new Builder(processId, fd, local, peer, seq, ns, send));
        flow.add(seq, ns, send, size);
      }
    }
    List<Builder> all = new ArrayList<>(flows.values());
    try (DuckDBConnection writer = connection.unwrap(DuckDBConnection.class).duplicate();
        DuckDBAppender rows =
            writer.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "pcap_udp_flows")) {
      for (Builder flow : all) {
        append(rows, flow);
      }
    }
    return all;
  }

  /** How the exporter finds an event's flow: process, descriptor and both addresses. */
  static String key(String processId, int fd, String local, String peer) {
    return processId + '\n' + fd + '\n' + local + '\n' + peer;
  }

  private static void append(DuckDBAppender rows, Builder flow) throws SQLException {
    Endpoint local = Endpoint.parse(flow.local);
    Endpoint peer = Endpoint.parse(flow.peer);
    Endpoint orig = flow.localOrig ? local : peer;
    Endpoint resp = flow.localOrig ? peer : local;
    rows.beginRow();
    rows.append(flow.processId);
    rows.append(flow.uid());
    nullable(
        rows,
        orig == null || resp == null || orig.address().length != resp.address().length
            ? null
            : CommunityId.of(CommunityId.UDP, orig, resp));
    rows.append(flow.firstNs);
    rows.append(flow.lastNs);
    nullable(rows, orig == null ? null : orig.host());
    port(rows, orig);
    nullable(rows, resp == null ? null : resp.host());
    port(rows, resp);
    rows.append(flow.localOrig ? flow.localBytes : flow.peerBytes);
    rows.append(flow.localOrig ? flow.peerBytes : flow.localBytes);
    rows.append(flow.history.length() == 2 ? "SF" : "S0");
    rows.append(flow.history.toString());
    rows.append(flow.localOrig);
    rows.append(flow.fd);
    rows.append(flow.firstSeq);
    rows.append(flow.lastSeq);
    rows.endRow();
  }

  private static void nullable(DuckDBAppender rows, String value) throws SQLException {
    if (value == null) {
      rows.appendNull();
    } else {
      rows.append(value);
    }
  }

  private static void port(DuckDBAppender rows, Endpoint endpoint) throws SQLException {
    if (endpoint == null) {
      rows.appendNull();
    } else {
      rows.append(endpoint.port());
    }
  }
}
