package dev.wasitrace.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a {@code get} command lists. Each column has a header and a short text for people (the
 * table), and a key and a full value for programs (CSV and JSON: whole IDs, ISO times, bytes).
 */
final class Listing<T> {
  private record Column<T>(
      String header, String key, Function<T, String> text, Function<T, Object> value) {}

  private final List<Column<T>> columns = new ArrayList<>();

  Listing<T> column(
      String header, String key, Function<T, String> text, Function<T, Object> value) {
    columns.add(new Column<>(header, key, text, value));
    return this;
  }

  /** A value only programs see (CSV and JSON), not shown in the table. */
  Listing<T> field(String key, Function<T, Object> value) {
    columns.add(new Column<>(null, key, null, value));
    return this;
  }

  /** A time as programs read it (CSV, JSON): ISO-8601, or null. */
  static String iso(Instant time) {
    return time == null ? null : time.toString();
  }

  void print(PrintStream out, OutputFormat format, List<T> items) {
    switch (format) {
      case TABLE -> TableOutput.print(out, headers(), items.stream().map(this::cells).toList());
      case CSV -> CsvOutput.print(out, keys(), items.stream().map(this::record).toList());
      case JSON -> JsonOutput.print(out, items.stream().map(this::record).toList());
    }
  }

  private List<Column<T>> tableColumns() {
    return columns.stream().filter(c -> c.header() != null).toList();
  }

  private List<String> headers() {
    return tableColumns().stream().map(Column::header).toList();
  }

  private List<String> cells(T item) {
    return tableColumns().stream().map(c -> c.text().apply(item)).toList();
  }

  private List<String> keys() {
    return columns.stream().map(Column::key).toList();
  }

  private Map<String, Object> record(T item) {
    Map<String, Object> record = new LinkedHashMap<>();
    for (Column<T> column : columns) {
      record.put(column.key(), column.value().apply(item));
    }
    return record;
  }
}
