package dev.wasitrace.exporters.pcap;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.duckdb.DuckDBConnection;

/**
 * Writes the recorded TCP and UDP traffic of processes as a classic pcap: for every exported flow
 * (see {@link FlowCatalog}), the packets a capture on the guest's host would have shown (see {@link
 * TcpConversation}, {@link UdpConversation}), every process's packets merged in time order.
 *
 * <p>Nothing is held in memory beyond the packets of one event per process: each process's events
 * stream from DuckDB through a connection of their own, and a priority queue picks the earliest
 * next packet among the processes.
 */
public final class PcapExporter {
  private final PcapExportOptions options;

  public PcapExporter(PcapExportOptions options) {
    this.options = requireNonNull(options);
  }

  /**
   * Exports the flows of {@code processIds}, loaded into {@code connection}'s database (an {@code
   * AnalysisSession}'s: {@code network_events}, {@code tcp_connections}), to {@code out}. Leaves
   * {@code out} open.
   */
  public PcapExportResult export(Connection connection, List<String> processIds, OutputStream out)
      throws SQLException, IOException {
    FlowIndex flows = FlowCatalog.load(connection, processIds, options.filter());
    PacketEncoder encoder = options.pcap4j() ? new Pcap4jPacketEncoder() : new RawPacketEncoder();
    DuckDBConnection duckdb = connection.unwrap(DuckDBConnection.class);
    List<DuckDBConnection> own = new ArrayList<>();
    List<PacketSource> sources = new ArrayList<>();
    PcapWriter writer = new PcapWriter(out);
    try {
      for (String processId : processIds) {
        DuckDBConnection streaming = duckdb.duplicate();
        own.add(streaming);
        sources.add(new PacketSource(streaming, processId, flows, options.mtu()));
      }
      merge(sources, encoder, writer);
      writer.close();
    } catch (SQLException | IOException | RuntimeException e) {
      try {
        close(sources, own);
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed); // the first failure is the one to report
      }
      throw e;
    }
    close(sources, own);
    Map<String, Long> packetsByProcess = new LinkedHashMap<>();
    long payload = 0;
    for (int i = 0; i < processIds.size(); i++) {
      packetsByProcess.merge(processIds.get(i), sources.get(i).packets(), Long::sum);
      payload += sources.get(i).payloadBytes();
    }
    return new PcapExportResult(
        writer.records(), payload, writer.bytes(), flows.size(), packetsByProcess);
  }

  /** The earliest packet of any process next; equal times in the order the processes were given. */
  private static void merge(List<PacketSource> sources, PacketEncoder encoder, PcapWriter writer)
      throws SQLException, IOException {
    Map<PacketSource, Integer> order = new LinkedHashMap<>();
    for (PacketSource source : sources) {
      order.put(source, order.size());
    }
    PriorityQueue<PacketSource> queue =
        new PriorityQueue<>(
            Math.max(1, sources.size()),
            Comparator.<PacketSource>comparingLong(s -> s.head().timeNs)
                .thenComparingInt(order::get));
    for (PacketSource source : sources) {
      if (source.advance()) {
        queue.add(source);
      }
    }
    while (!queue.isEmpty()) {
      PacketSource source = queue.poll();
      encoder.write(source.head(), writer);
      if (source.advance()) {
        queue.add(source);
      }
    }
  }

  private static void close(List<PacketSource> sources, List<DuckDBConnection> connections)
      throws SQLException {
    SQLException failure = null;
    for (PacketSource source : sources) {
      try {
        source.close();
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    for (DuckDBConnection connection : connections) {
      try {
        connection.close();
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
