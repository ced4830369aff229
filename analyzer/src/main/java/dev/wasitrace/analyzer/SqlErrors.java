package dev.wasitrace.analyzer;

import java.sql.SQLException;

/** DuckDB's errors as the one line a command prints. */
public final class SqlErrors {
  private SqlErrors() {}

  /**
   * DuckDB's message without the excerpt of the statement it adds after a blank line, on one line:
   * {@code Parser Error: syntax error at or near "SELEC"}.
   */
  public static String oneLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int excerpt = message.indexOf("\n\n");
    if (excerpt >= 0) {
      message = message.substring(0, excerpt);
    }
    return message.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
