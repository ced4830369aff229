package dev.wasitrace.exporters.parquet;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A column as written to Parquet: its name and the SQL that computes it from the session's table.
 * Only types that DuckDB, Spark and Trino all read from Parquet go through as they are; a
 * nanosecond timestamp becomes two columns, and any other type stops the export, so that a new
 * column never silently writes something a reader rejects.
 */
record ExportedColumn(String name, String expression) {
  /** Types written as they are: Parquet's plain physical and logical types. */
  private static final Set<String> PLAIN =
      Set.of(
          "BOOLEAN",
          "TINYINT",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "FLOAT",
          "DOUBLE",
          "VARCHAR",
          "BLOB",
          "DATE",
          // INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true): Spark's TimestampType, Trino's timestamp
          "TIMESTAMP WITH TIME ZONE");

  /** DECIMAL up to 38 digits is Parquet's DECIMAL, read by all three. */
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\d+\\)");

  /** A list ({@code T[]}) or a fixed-size array ({@code T[10]}): written as a Parquet LIST. */
  private static final Pattern LIST = Pattern.compile("(.+)\\[\\d*\\]");

  /**
   * Parquet's TIMESTAMP(NANOS) that DuckDB would write for these is unreadable by Spark (it fails,
   * or with a legacy flag reads a bare long) and rounded to milliseconds by Trino's default.
   */
  private static final Set<String> NANOSECOND_TIMESTAMPS = Set.of("TIMESTAMPTZ_NS", "TIMESTAMP_NS");

  /** The suffix of the exact nanosecond column written beside a nanosecond timestamp. */
  static final String NANOS_SUFFIX = "_ns";

  /**
   * The written column(s) of a session column of the given DuckDB type: a nanosecond timestamp
   * {@code ts} becomes {@code ts}, a microsecond {@code TIMESTAMP WITH TIME ZONE} (truncated, as
   * Java and Spark truncate), and {@code ts_ns}, the exact nanoseconds since the epoch (BIGINT).
   */
  static List<ExportedColumn> of(String table, String column, String type) {
    String source = SqlText.identifier(column);
    if (NANOSECOND_TIMESTAMPS.contains(type)) {
      String nanos = "epoch_ns(" + source + ")";
      return List.of(
          new ExportedColumn(
              column, "make_timestamp(" + SqlText.floorDiv(nanos, 1000) + ") AT TIME ZONE 'UTC'"),
          new ExportedColumn(column + NANOS_SUFFIX, nanos));
    }
    if (!portable(type)) {
      throw new IllegalStateException(
          table
              + "."
              + column
              + " has the type "
              + type
              + ", which Spark or Trino cannot read from Parquet as DuckDB writes it: give it a"
              + " mapping in ExportedColumn");
    }
    return List.of(new ExportedColumn(column, source));
  }

  private static boolean portable(String type) {
    var list = LIST.matcher(type);
    String element = list.matches() ? list.group(1) : type;
    if (PLAIN.contains(element)) {
      return true;
    }
    var decimal = DECIMAL.matcher(element);
    return decimal.matches() && Integer.parseInt(decimal.group(1)) <= 38;
  }
}
