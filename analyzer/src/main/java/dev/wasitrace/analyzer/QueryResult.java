package dev.wasitrace.analyzer;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/**
 * The rows a statement returned, with plain Java values: null, {@link String}, {@link Boolean},
 * {@link Number}, {@code byte[]} (BLOB), {@link List} (LIST and ARRAY), {@link Map} (STRUCT and
 * MAP, in column order); everything else (times, dates, intervals, UUIDs) as DuckDB's text.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows) {
  /** A result column: its name and DuckDB type ({@code BIGINT}, {@code BLOB}, …). */
  public record Column(String name, String type) {}

  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  public List<String> names() {
    return columns.stream().map(Column::name).toList();
  }

  static QueryResult read(ResultSet results) throws SQLException {
    ResultSetMetaData meta = results.getMetaData();
    List<Column> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(new Column(meta.getColumnName(i), meta.getColumnTypeName(i)));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (results.next()) {
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = value(results.getObject(i + 1));
      }
      rows.add(Arrays.asList(row));
    }
    return new QueryResult(columns, rows);
  }

  static Object value(Object value) throws SQLException {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Number) {
      return value;
    }
    if (value instanceof Blob blob) {
      return blob.getBytes(1, (int) blob.length());
    }
    if (value instanceof Array array) {
      Object[] items = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(items.length);
      for (Object item : items) {
        list.add(value(item));
      }
      return list;
    }
    if (value instanceof DuckDBStruct struct) {
      return map(struct.getMap());
    }
    if (value instanceof Map<?, ?> map) {
      return map(map);
    }
    return value.toString();
  }

  private static Map<String, Object> map(Map<?, ?> map) throws SQLException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      out.put(String.valueOf(entry.getKey()), value(entry.getValue()));
    }
    return out;
  }
}
