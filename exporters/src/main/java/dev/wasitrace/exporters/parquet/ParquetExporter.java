package dev.wasitrace.exporters.parquet;

import dev.wasitrace.analyzer.SqlErrors;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the tables of an analysis session as Hive-partitioned Parquet: for each {@link
 * ExportedTable}, one DuckDB {@code COPY … TO 'DIR/<table>' (PARTITION_BY (date))} into the staging
 * folder of an {@link ExportDirectory}, which then moves the result into place.
 */
public final class ParquetExporter {
  /**
   * The Parquet options. ZSTD: a third of Snappy's size on call logs, and read by Spark (3.2+),
   * Trino and DuckDB. Parquet format v1 pages, DuckDB's default, for the widest range of readers.
   * UUID file names ({@code part-<uuid>.parquet}, as Spark names its own) never collide when an
   * append adds files to a partition that has some.
   */
  private static final String OPTIONS =
      "FORMAT parquet, COMPRESSION zstd, PRESERVE_ORDER false, RETURN_FILES true";

  /**
   * Rows a partitioned COPY holds per partition before it writes them out: one row group's worth
   * rather than DuckDB's 524,288, which cut the peak memory of an export of 4 M calls from 3.0 to
   * 2.1 GB, at the same speed and with the same row groups.
   */
  private static final long FLUSH_THRESHOLD = 122_880;

  private ParquetExporter() {}

  /** Writes every table of the session behind the connection into the target, then commits it. */
  public static ParquetExport export(Connection connection, ExportDirectory target) {
    ParquetLayout layout;
    try {
      layout = ParquetLayout.read(connection);
    } catch (SQLException e) {
      throw new UserError("cannot read the tables to export: " + SqlErrors.oneLine(e), e);
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Long> files = new LinkedHashMap<>();
    setFlushThreshold(connection);
    try {
      writeTables(connection, layout, target, rows, files);
    } finally {
      resetFlushThreshold(connection);
    }
    ParquetExport export = new ParquetExport(target.dir(), target.mode(), rows, files);
    target.commit(layout, export);
    return export;
  }

  private static void setFlushThreshold(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET partitioned_write_flush_threshold = " + FLUSH_THRESHOLD);
    } catch (SQLException e) {
      throw new UserError("cannot set up DuckDB for the export: " + SqlErrors.oneLine(e), e);
    }
  }

  /** Best effort: a failure here must not hide the export's own, and changes no result. */
  private static void resetFlushThreshold(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("RESET partitioned_write_flush_threshold");
    } catch (SQLException e) {
      // the setting stays: it only shapes how later partitioned writes buffer
    }
  }

  private static void writeTables(
      Connection connection,
      ParquetLayout layout,
      ExportDirectory target,
      Map<String, Long> rows,
      Map<String, Long> files) {
    for (ParquetLayout.TableLayout table : layout.tables()) {
      String name = table.table().name();
      try {
        long[] written = write(connection, table, target);
        rows.put(name, written[0]);
        files.put(name, written[1]);
      } catch (SQLException e) {
        throw new UserError(
            "cannot write " + name + " to " + target.shown() + ": " + SqlErrors.oneLine(e), e);
      } catch (IOException e) {
        throw new UserError(
            "cannot write "
                + name
                + " to "
                + target.shown()
                + ": "
                + dev.wasitrace.registry.Registry.describe(e),
            e);
      }
    }
  }

  /** One table: its rows and files written. */
  private static long[] write(
      Connection connection, ParquetLayout.TableLayout layout, ExportDirectory target)
      throws SQLException, IOException {
    ExportedTable table = layout.table();
    Path to = target.staged(table);
    String copy;
    if (table.partitioned()) {
      copy =
          "COPY ("
              + layout.select(notExportedYet(table, target))
              + ") TO "
              + SqlText.literal(to.toString())
              + " ("
              + OPTIONS
              + ", PARTITION_BY ("
              + ParquetLayout.PARTITION_COLUMN
              + "), FILENAME_PATTERN 'part-{uuid}')";
    } else {
      Files.createDirectories(to);
      copy =
          "COPY ("
              + layout.select(null)
              + ") TO "
              + SqlText.literal(to.resolve(table.name() + ".parquet").toString())
              + " ("
              + OPTIONS
              + ")";
    }
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(copy)) {
      if (!result.next()) {
        throw new SQLException("COPY gave no result");
      }
      Object[] written = (Object[]) result.getArray("Files").getArray();
      return new long[] {result.getLong("Count"), written.length};
    }
  }

  /**
   * In an append, the rows of processes (or modules) the folder has already: those are kept as they
   * were. Null when every row is to be written.
   */
  private static String notExportedYet(ExportedTable table, ExportDirectory target) {
    String key;
    String source;
    switch (table.rows()) {
      case PER_PROCESS -> {
        key = "process_id";
        source = "processes";
      }
      case PER_MODULE -> {
        key = "module_digest";
        source = "modules";
      }
      default -> {
        return null;
      }
    }
    List<Path> existing = target.existingFiles(source);
    if (existing.isEmpty()) {
      return null;
    }
    // The files by name, not by a glob: a folder name may hold glob characters.
    String list =
        existing.stream()
            .map(file -> SqlText.literal(file.toString()))
            .collect(Collectors.joining(", ", "[", "]"));
    String column = SqlText.identifier(key);
    return column
        + " NOT IN (SELECT "
        + column
        + " FROM read_parquet("
        + list
        + ", hive_partitioning = false))";
  }
}
