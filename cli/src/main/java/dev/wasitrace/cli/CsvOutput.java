package dev.wasitrace.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Records as CSV: a header row of keys, then one row per record; fields quoted as RFC 4180 says,
 * lines ended with {@code \n} as Unix tools expect.
 */
final class CsvOutput {
  private CsvOutput() {}

  static void print(PrintStream out, List<String> keys, List<Map<String, Object>> records) {
    out.print(row(keys.stream().map(k -> (Object) k).toList()));
    for (Map<String, Object> record : records) {
      out.print(row(keys.stream().map(record::get).toList()));
    }
  }

  private static String row(List<Object> values) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(field(values.get(i)));
    }
    return line.append('\n').toString();
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
