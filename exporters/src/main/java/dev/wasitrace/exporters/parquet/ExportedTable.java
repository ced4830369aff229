package dev.wasitrace.exporters.parquet;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A table of the analysis session that the Parquet export writes: its name, the column whose UTC
 * date names each row's partition ({@code date=YYYY-MM-DD}), and what its rows belong to (which
 * decides how {@code --append} keeps them unique).
 */
public record ExportedTable(String name, String timeColumn, Rows rows) {
  /** What a table's rows belong to. */
  public enum Rows {
    /** Rows of one process each, by {@code process_id}: appended once per process. */
    PER_PROCESS,
    /** One row per stored module, by {@code module_digest}: appended once per module. */
    PER_MODULE,
    /** A static lookup table without time (errnos): one unpartitioned file, replaced each time. */
    LOOKUP
  }

  public ExportedTable {
    requireNonNull(name, "name");
    requireNonNull(rows, "rows");
    if ((timeColumn == null) != (rows == Rows.LOOKUP)) {
      throw new IllegalArgumentException(name + ": only a lookup table has no time column");
    }
  }

  /** Whether the files go under {@code date=} folders. */
  public boolean partitioned() {
    return timeColumn != null;
  }

  /**
   * Every table written, in the order written. {@code processes} comes last: in an append its files
   * are moved in last, so a process is listed only once all its rows are there.
   */
  public static final List<ExportedTable> ALL =
      List.of(
          new ExportedTable("errnos", null, Rows.LOOKUP),
          new ExportedTable("modules", "stored_time", Rows.PER_MODULE),
          new ExportedTable("syscalls", "ts", Rows.PER_PROCESS),
          new ExportedTable("network_events", "ts", Rows.PER_PROCESS),
          new ExportedTable("tcp_connections", "ts", Rows.PER_PROCESS),
          new ExportedTable("http_exchanges", "ts", Rows.PER_PROCESS),
          new ExportedTable("http_messages", "ts_ns", Rows.PER_PROCESS),
          new ExportedTable("processes", "start_time", Rows.PER_PROCESS));

  /** Tables and views of the session that are deliberately not written, and why. */
  public static final Map<String, String> NOT_EXPORTED =
      Map.of(
          "tcp_connections_raw",
          "the base table of tcp_connections, which carries every one of its columns"
              + " (end_ns = ts_ns + duration_ns)");
}
