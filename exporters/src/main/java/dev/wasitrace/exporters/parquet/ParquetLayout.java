package dev.wasitrace.exporters.parquet;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.LoadListener;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the export writes for each table, worked out from the session's own tables: the columns (see
 * {@link ExportedColumn}), {@code schema_version}, and the partition column {@code date}, which
 * DuckDB keeps out of the files (it is in the folder names, where Hive readers look for it).
 */
public final class ParquetLayout {
  /**
   * The {@code schema_version} of every written row. Bumped whenever the written columns of any
   * table change (a column added, removed, renamed or retyped), so that files of one version always
   * read together; {@code --append} refuses a folder of another version.
   */
  public static final int SCHEMA_VERSION = 2;

  /** The Hive partition column: the UTC date of the row's time column. */
  public static final String PARTITION_COLUMN = "date";

  /** The column that carries {@link #SCHEMA_VERSION} in every row. */
  public static final String VERSION_COLUMN = "schema_version";

  /** One written column, with the DuckDB type it is written as. */
  public record WrittenColumn(String name, String type) {}

  /** One table as written: its SELECT and the columns that SELECT gives. */
  public record TableLayout(ExportedTable table, String select, List<WrittenColumn> columns) {
    /** The SELECT of the rows to write, limited by a WHERE condition when not null. */
    String select(String where) {
      return where == null ? select : select + " WHERE " + where;
    }
  }

  private final List<TableLayout> tables;

  private ParquetLayout(List<TableLayout> tables) {
    this.tables = List.copyOf(tables);
  }

  public List<TableLayout> tables() {
    return tables;
  }

  /**
   * The layout any session has: that of an empty one (the tables' columns do not depend on the
   * rows), for checks made before the logs are loaded.
   */
  public static ParquetLayout ofEmptySession() {
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(), List.of(), LoadListener.NONE);
      return read(session.connection());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot describe the tables of an empty session", e);
    }
  }

  /** The layout of every {@link ExportedTable} of the session behind the connection. */
  public static ParquetLayout read(Connection connection) throws SQLException {
    List<TableLayout> tables = new ArrayList<>();
    for (ExportedTable table : ExportedTable.ALL) {
      tables.add(layout(connection, table));
    }
    return new ParquetLayout(tables);
  }

  private static TableLayout layout(Connection connection, ExportedTable table)
      throws SQLException {
    Map<String, String> types = describe(connection, SqlText.identifier(table.name()));
    List<String> select = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, String> column : types.entrySet()) {
      for (ExportedColumn written :
          ExportedColumn.of(table.name(), column.getKey(), column.getValue())) {
        if (!names.add(written.name())) {
          throw new IllegalStateException(
              table.name() + " would have two columns named " + written.name());
        }
        select.add(written.expression() + " AS " + SqlText.identifier(written.name()));
      }
    }
    for (String reserved : List.of(VERSION_COLUMN, PARTITION_COLUMN)) {
      if (names.contains(reserved)) {
        throw new IllegalStateException(
            table.name() + " has a column " + reserved + ", a name the export adds itself");
      }
    }
    select.add("CAST(" + SCHEMA_VERSION + " AS INTEGER) AS " + VERSION_COLUMN);
    String columnsOnly =
        "SELECT " + String.join(", ", select) + " FROM " + SqlText.identifier(table.name());
    List<WrittenColumn> written = new ArrayList<>();
    describe(connection, "(" + columnsOnly + ")")
        .forEach((name, type) -> written.add(new WrittenColumn(name, type)));
    if (table.partitioned()) {
      String timeType = types.get(table.timeColumn());
      if (timeType == null) {
        throw new IllegalStateException(table.name() + " has no column " + table.timeColumn());
      }
      select.add(
          PartitionDate.of(table.name(), table.timeColumn(), timeType) + " AS " + PARTITION_COLUMN);
    }
    String rows =
        "SELECT " + String.join(", ", select) + " FROM " + SqlText.identifier(table.name());
    return new TableLayout(table, rows, written);
  }

  /** Column names and DuckDB types of a table, view or parenthesised query, in order. */
  private static Map<String, String> describe(Connection connection, String relation)
      throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("DESCRIBE " + relation)) {
      while (rows.next()) {
        columns.put(rows.getString("column_name"), rows.getString("column_type"));
      }
    }
    return columns;
  }

  /**
   * The layout as text, one line per table: {@code syscalls (date of ts): process_id VARCHAR, …}. A
   * change in it is a change of {@link #SCHEMA_VERSION}.
   */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (TableLayout layout : tables) {
      text.append(layout.table().name());
      if (layout.table().partitioned()) {
        text.append(" (date of ").append(layout.table().timeColumn()).append(')');
      }
      text.append(':');
      String separator = " ";
      for (WrittenColumn column : layout.columns()) {
        text.append(separator).append(column.name()).append(' ').append(column.type());
        separator = ", ";
      }
      text.append('\n');
    }
    return text.toString();
  }
}
