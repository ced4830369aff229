package dev.wasitrace.exporters.parquet;

/**
 * The partition of a row: the UTC date of its time column, as SQL. Computed from the epoch with
 * integer arithmetic, not with casts: a cast to DATE follows the session's time zone, and a cast of
 * a nanosecond timestamp to microseconds rounds 23:59:59.9999995 into the next day. A null time
 * gives a null date, which DuckDB writes as Hive's {@code date=__HIVE_DEFAULT_PARTITION__}.
 */
final class PartitionDate {
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final long NANOS_PER_DAY = MICROS_PER_DAY * 1000;

  private PartitionDate() {}

  /** The date of {@code column} of the given DuckDB type; BIGINT means ns since the epoch. */
  static String of(String table, String column, String type) {
    String source = SqlText.identifier(column);
    String days =
        switch (type) {
          case "TIMESTAMP WITH TIME ZONE" ->
              SqlText.floorDiv("epoch_us(" + source + ")", MICROS_PER_DAY);
          case "TIMESTAMPTZ_NS", "TIMESTAMP_NS" ->
              SqlText.floorDiv("epoch_ns(" + source + ")", NANOS_PER_DAY);
          case "BIGINT" -> SqlText.floorDiv(source, NANOS_PER_DAY);
          default ->
              throw new IllegalStateException(
                  table + "." + column + " (" + type + ") cannot give the partition date");
        };
    return "DATE '1970-01-01' + CAST(" + days + " AS INTEGER)";
  }
}
