package dev.wasitrace.analyzer;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The {@code trace summary} table, as {@code strace -c} prints it: one row per WASI function, most
 * time first, then the total; computed by {@code queries/summary.sql}.
 *
 * <pre>
 * % time     seconds  usecs/call     calls    errors syscall
 * ------ ----------- ----------- --------- --------- ----------------
 *  99.10    0.021735           2     10000           fd_write
 * </pre>
 */
public final class SyscallSummary {
  static final String HEADER = "% time     seconds  usecs/call     calls    errors syscall";
  static final String RULE = "------ ----------- ----------- --------- --------- ----------------";

  private SyscallSummary() {}

  /** The summary's rows: pct_time, seconds, usecs_per_call, calls, errors, syscall. */
  public static QueryResult query(AnalysisSession session) {
    return session.queryFile(SqlFiles.SUMMARY);
  }

  /** Prints the rows of {@link #query} as strace does. */
  public static void print(PrintStream out, QueryResult summary) {
    out.println(HEADER);
    out.println(RULE);
    List<List<Object>> rows = summary.rows();
    for (int i = 0; i < rows.size(); i++) {
      List<Object> row = rows.get(i);
      if (i == rows.size() - 1) {
        out.println(RULE); // the total comes last
      }
      long errors = ((Number) row.get(4)).longValue();
      out.println(
          String.format(
              Locale.ROOT,
              "%6.2f %11.6f %11d %9d %9s %s",
              ((Number) row.get(0)).doubleValue(),
              ((Number) row.get(1)).doubleValue(),
              ((Number) row.get(2)).longValue(),
              ((Number) row.get(3)).longValue(),
              errors == 0 ? "" : Long.toString(errors),
              row.get(5)));
    }
  }
}
