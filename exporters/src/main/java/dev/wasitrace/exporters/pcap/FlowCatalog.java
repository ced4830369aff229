package dev.wasitrace.exporters.pcap;

import dev.wasitrace.analyzer.SqlErrors;
import dev.wasitrace.analyzer.SqlFiles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which flows go into the pcap: every TCP connection of {@code tcp_connections} and every UDP flow
 * (see {@link UdpFlows}), or those a {@code --filter} keeps. The filter is a WHERE clause over the
 * view {@code pcap_flows} ({@code queries/pcap_flows.sql}), run by DuckDB.
 */
final class FlowCatalog {
  private FlowCatalog() {}

  /**
   * The flows of {@code processIds} that {@code filter} keeps (all when null). Creates {@code
   * pcap_udp_flows} and {@code pcap_flows}. A filter DuckDB rejects is a {@link
   * PcapExportException} with DuckDB's message.
   */
  static FlowIndex load(Connection connection, List<String> processIds, String filter)
      throws SQLException {
    Set<String> processes = new HashSet<>(processIds);
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql());
    }
    List<UdpFlows.Builder> udpFlows = UdpFlows.derive(connection);
    Set<String> kept = filter == null ? null : kept(connection, filter);
    FlowIndex index = new FlowIndex();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT process_id, uid, orig_h, orig_p, resp_h, resp_p, local_orig, fd,"
                    + " first_seq, last_seq FROM tcp_connections")) {
      while (rows.next()) {
        String uid = rows.getString(2);
        if (!processes.contains(rows.getString(1))
            || (kept != null && !kept.contains("tcp " + uid))) {
          continue;
        }
        String orig = FlowEndpoints.text(rows.getString(3), (Integer) rows.getObject(4));
        String resp = FlowEndpoints.text(rows.getString(5), (Integer) rows.getObject(6));
        boolean localOrig = rows.getBoolean(7);
        FlowEndpoints endpoints =
            FlowEndpoints.of(localOrig ? orig : resp, localOrig ? resp : orig);
        if (endpoints == null) {
          continue; // no address at all: nothing of it reached the network
        }
        index.addTcp(
            new Flow(
                rows.getString(1),
                uid,
                Packet.TCP,
                endpoints,
                localOrig,
                rows.getInt(8),
                rows.getLong(9),
                rows.getLong(10)));
      }
    }
    for (UdpFlows.Builder udp : udpFlows) {
      String uid = udp.uid();
      FlowEndpoints endpoints = FlowEndpoints.of(udp.local, udp.peer);
      if (endpoints == null
          || !processes.contains(udp.processId)
          || (kept != null && !kept.contains("udp " + uid))) {
        continue;
      }
      index.addUdp(
          UdpFlows.key(udp.processId, udp.fd, udp.local, udp.peer),
          new Flow(
              udp.processId,
              uid,
              Packet.UDP,
              endpoints,
              udp.localOrig,
              udp.fd,
              udp.firstSeq,
              udp.lastSeq));
    }
    return index;
  }

  /** The flows the filter keeps, as {@code "tcp UID"} and {@code "udp UID"}. */
  private static Set<String> kept(Connection connection, String filter) throws SQLException {
    Set<String> kept = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT proto, uid FROM pcap_flows WHERE (" + filter + "\n)")) {
      while (rows.next()) {
        kept.add(rows.getString(1) + " " + rows.getString(2));
      }
    } catch (SQLException e) {
      throw new PcapExportException("bad --filter: " + SqlErrors.oneLine(e), e);
    }
    return kept;
  }

  private static String sql() {
    return SqlFiles.read(SqlFiles.PCAP_FLOWS);
  }
}
