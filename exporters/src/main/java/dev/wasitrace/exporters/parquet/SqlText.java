package dev.wasitrace.exporters.parquet;

/** Pieces of DuckDB SQL text built from names and paths. */
final class SqlText {
  private SqlText() {}

  /** A string literal: {@code 'it''s'}. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** A quoted identifier: {@code "type"}. */
  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * Integer division rounding down, exact on BIGINT: DuckDB's {@code //} rounds toward zero and
   * {@code fdiv} goes through DOUBLE, which cannot tell the last nanosecond of a day from the next.
   */
  static String floorDiv(String dividend, long divisor) {
    String d = Long.toString(divisor);
    return "((" + dividend + ") - (((" + dividend + ") % " + d + ") + " + d + ") % " + d + ") // "
        + d;
  }
}
