package dev.wasitrace.cli;

import dev.wasitrace.analyzer.QueryResult;
import dev.wasitrace.wasi.EscapedBytes;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of an SQL statement, printed like the other commands' lists: aligned columns, CSV with a
 * header row, or a JSON array of objects. BLOBs show as escaped text cut at 32 bytes in a table
 * ({@code "Hello\n"}), as DuckDB's BLOB text in CSV ({@code \xHH} escapes: {@code '…'::BLOB} reads
 * it back), and as base64 in JSON. NULL is {@code NULL} in a table, an empty CSV field, JSON null.
 */
final class QueryOutput {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private QueryOutput() {}

  static void print(PrintStream out, OutputFormat format, QueryResult result) {
    List<String> keys = uniqueNames(result.names());
    switch (format) {
      case TABLE ->
          TableOutput.print(
              out,
              result.names(),
              result.rows().stream()
                  .map(row -> row.stream().map(QueryOutput::cell).toList())
                  .toList());
      case CSV -> CsvOutput.print(out, keys, records(keys, result, QueryOutput::csv));
      case JSON -> JsonOutput.print(out, records(keys, result, QueryOutput::json));
    }
  }

  /** Column names as object keys: a repeated name gets {@code _1}, {@code _2}, … as DuckDB does. */
  static List<String> uniqueNames(List<String> names) {
    Set<String> seen = new HashSet<>();
    List<String> keys = new ArrayList<>();
    for (String name : names) {
      String key = name;
      for (int i = 1; !seen.add(key); i++) {
        key = name + "_" + i;
      }
      keys.add(key);
    }
    return keys;
  }

  private static List<Map<String, Object>> records(
      List<String> keys, QueryResult result, java.util.function.Function<Object, Object> value) {
    List<Map<String, Object>> records = new ArrayList<>(result.rows().size());
    for (List<Object> row : result.rows()) {
      Map<String, Object> record = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        record.put(keys.get(i), value.apply(row.get(i)));
      }
      records.add(record);
    }
    return records;
  }

  /** A table cell: one line, BLOBs escaped and cut, NULL spelled out. */
  static String cell(Object value) {
    if (value instanceof String text) {
      return oneLine(text);
    }
    return text(value, true);
  }

  private static String text(Object value, boolean cut) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[] bytes) {
      return cut ? EscapedBytes.cut(bytes) : blobText(bytes);
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        items.add(text(item, cut));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (value instanceof Map<?, ?> map) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries.add(entry.getKey() + ": " + text(entry.getValue(), cut));
      }
      return "{" + String.join(", ", entries) + "}";
    }
    return cut ? oneLine(value.toString()) : value.toString();
  }

  private static String oneLine(String text) {
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 && text.indexOf('\t') < 0) {
      return text;
    }
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }

  private static Object csv(Object value) {
    if (value == null || value instanceof String || value instanceof Number) {
      return value;
    }
    return text(value, false);
  }

  private static Object json(Object value) {
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Double number && !Double.isFinite(number)) {
      return number.toString();
    }
    if (value instanceof Float number && !Float.isFinite(number)) {
      return number.toString();
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>(list.size());
      for (Object item : list) {
        items.add(json(item));
      }
      return items;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        entries.put(String.valueOf(entry.getKey()), json(entry.getValue()));
      }
      return entries;
    }
    return value;
  }

  /**
   * A BLOB as DuckDB writes it as text: printable ASCII as is, every other byte (and the backslash)
   * as {@code \xHH}.
   */
  static String blobText(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      int v = b & 0xff;
      if (v >= 0x20 && v < 0x7f && v != '\\') {
        out.append((char) v);
      } else {
        out.append("\\x").append(HEX[v >> 4]).append(HEX[v & 0xf]);
      }
    }
    return out.toString();
  }
}
