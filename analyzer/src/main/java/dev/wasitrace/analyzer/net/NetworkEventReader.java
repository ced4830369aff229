package dev.wasitrace.analyzer.net;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Reads {@link NetworkEvent}s from the {@code network_events} view of a DuckDB database. */
public final class NetworkEventReader {
  /**
   * The rows of {@code network_events} that {@code where} keeps, in {@code order}; with their bytes
   * only when {@code data} is set (a gigabyte of traffic takes seconds to fetch).
   */
  private static String select(String where, String order, boolean data) {
    return "SELECT process_id, seq, epoch_ns(ts) AS ts_ns, proto, type, errno, fd, src, dst, size, "
        + (data ? "data" : "NULL::BLOB AS data")
        + " FROM network_events WHERE "
        + where
        + " ORDER BY "
        + order;
  }

  private NetworkEventReader() {}

  /** Passes each event of {@code processId}, in record order, to {@code sink}. */
  public static void forEach(Connection connection, String processId, Consumer<NetworkEvent> sink)
      throws SQLException {
    forEach(connection, processId, true, sink);
  }

  /**
   * Passes each event of {@code processId}, in record order, to {@code sink}; without their bytes
   * ({@link NetworkEvent#data()} null, {@code size} still set) unless {@code data}.
   */
  public static void forEach(
      Connection connection, String processId, boolean data, Consumer<NetworkEvent> sink)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(select("process_id = ?", "seq", data))) {
      query.setString(1, processId);
      read(query, sink);
    }
  }

  /** The events of {@code processId}, in record order. */
  public static List<NetworkEvent> events(Connection connection, String processId)
      throws SQLException {
    List<NetworkEvent> events = new ArrayList<>();
    forEach(connection, processId, events::add);
    return events;
  }

  /** The TCP connections of {@code processId}, by their first record. */
  public static List<TcpConnection> tcpConnections(Connection connection, String processId)
      throws SQLException {
    List<TcpConnection> connections = new ArrayList<>();
    ConnectionGrouper grouper = new ConnectionGrouper(connections::add);
    try (PreparedStatement query =
        connection.prepareStatement(select("process_id = ? AND proto = 'TCP'", "fd, seq", true))) {
      query.setString(1, processId);
      read(query, grouper::accept);
    }
    grouper.finish();
    connections.sort(Comparator.comparingLong(TcpConnection::firstSeq));
    return connections;
  }

  /**
   * Passes the TCP connections of every process to {@code sink}, process by process and, within a
   * process, descriptor by descriptor.
   */
  public static void forEachTcpConnection(Connection connection, Consumer<TcpConnection> sink)
      throws SQLException {
    ConnectionGrouper grouper = new ConnectionGrouper(sink);
    try (PreparedStatement query =
        connection.prepareStatement(select("proto = 'TCP'", "process_id, fd, seq", true))) {
      read(query, grouper::accept);
    }
    grouper.finish();
  }

  private static void read(PreparedStatement query, Consumer<NetworkEvent> sink)
      throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        sink.accept(event(rows));
      }
    }
  }

  private static NetworkEvent event(ResultSet rows) throws SQLException {
    long ns = rows.getLong(3);
    Instant ts =
        Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    int errno = rows.getInt(6);
    if (rows.wasNull()) {
      errno = -1;
    }
    int fd = rows.getInt(7);
    if (rows.wasNull()) {
      fd = -1;
    }
    long size = rows.getLong(10);
    if (rows.wasNull()) {
      size = -1;
    }
    return new NetworkEvent(
        rows.getString(1),
        rows.getLong(2),
        ts,
        rows.getString(4),
        rows.getString(5),
        errno,
        fd,
        rows.getString(8),
        rows.getString(9),
        size,
        rows.getBytes(11));
  }
}
