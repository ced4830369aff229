package dev.wasitrace.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * Rows printed in columns aligned with spaces, like kubectl and Timecraft: each column as wide as
 * its widest cell, two spaces between columns, no trailing spaces.
 */
final class TableOutput {
  private static final String GAP = "  ";

  private TableOutput() {}

  static void print(PrintStream out, List<String> headers, List<List<String>> rows) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printRow(out, headers, widths);
    for (List<String> row : rows) {
      printRow(out, row, widths);
    }
  }

  private static void printRow(PrintStream out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      line.append(cell);
      if (i + 1 < cells.size()) {
        line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
      }
    }
    out.println(line);
  }
}
