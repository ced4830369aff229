package dev.wasitrace.exporters.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.LoadListener;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter on sessions with hand-made rows: dates at midnight, time zones, failures. */
class ParquetExporterTest {
  @TempDir Path scratch;

  private static AnalysisSession emptySession() {
    AnalysisSession session = AnalysisSession.inMemory();
    session.load(List.of(), List.of(), LoadListener.NONE);
    return session;
  }

  private static void execute(AnalysisSession session, String sql) throws SQLException {
    try (Statement statement = session.connection().createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> rows(AnalysisSession session, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = session.connection().createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getString(i));
        }
        rows.add(String.join(" | ", row));
      }
    }
    return rows;
  }

  private static ParquetExport export(AnalysisSession session, Path dir, WriteMode mode) {
    try (ExportDirectory target = ExportDirectory.open(dir, mode)) {
      return ParquetExporter.export(session.connection(), target);
    }
  }

  private static Map<String, Long> listing(Path dir) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(f).toString(), Files.size(f));
      }
    }
    return files;
  }

  private static List<String> siblings(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir.getParent())) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theDateIsUtcWhateverTheSessionTimeZoneAndTheLastNanosecondStaysInItsDay() throws Exception {
    try (AnalysisSession session = emptySession()) {
      // UTC+14: a local-time cast would move every one of these rows a day on.
      execute(session, "SET TimeZone = 'Pacific/Kiritimati'");
      execute(
          session,
          "INSERT INTO syscalls (process_id, seq, ts, func) VALUES"
              + " ('p', 0, make_timestamp_ns(1704153599999999999) AT TIME ZONE 'UTC', 'a'),"
              + " ('p', 1, make_timestamp_ns(1704153600000000000) AT TIME ZONE 'UTC', 'b'),"
              + " ('p', 2, make_timestamp_ns(1704067200000000001) AT TIME ZONE 'UTC', 'c')");
      execute(
          session,
          "INSERT INTO modules VALUES ('d1', 'm.wasm', 1, NULL),"
              + " ('d2', 'n.wasm', 2, TIMESTAMPTZ '2024-01-01 23:30:00+00')");
      Path out = scratch.resolve("out");
      ParquetExport written = export(session, out, WriteMode.CREATE);
      assertEquals(3L, written.rows().get("syscalls"));
      assertEquals(2L, written.rows().get("modules"));

      // 2024-01-01T23:59:59.999999999Z is still the 1st; ts is cut, not rounded, to microseconds.
      assertEquals(
          List.of(
              "a | 2024-01-01 | 1704153599999999 | 1704153599999999999",
              "b | 2024-01-02 | 1704153600000000 | 1704153600000000000",
              "c | 2024-01-01 | 1704067200000000 | 1704067200000000001"),
          rows(
              session,
              "SELECT func, date, epoch_us(ts), ts_ns FROM read_parquet("
                  + SqlText.literal(out + "/syscalls/**/*.parquet")
                  + ", hive_partitioning = true) ORDER BY seq"));
      // A row without a time goes to Hive's partition for null.
      assertEquals(
          List.of("modules/date=2024-01-01", "modules/date=__HIVE_DEFAULT_PARTITION__"),
          listing(out).keySet().stream()
              .filter(f -> f.startsWith("modules/"))
              .map(f -> f.substring(0, f.lastIndexOf('/')))
              .sorted()
              .toList());
    }
  }

  /** A session whose processes table fails when read: the last table written. */
  private static AnalysisSession failingSession() throws SQLException {
    AnalysisSession session = emptySession();
    execute(session, "INSERT INTO syscalls (process_id, seq, func) VALUES ('p', 0, 'fd_write')");
    execute(session, "INSERT INTO processes (process_id, start_time) VALUES ('p', now())");
    execute(session, "ALTER TABLE processes RENAME TO processes_ok");
    execute(
        session,
        "CREATE VIEW processes AS SELECT * REPLACE (CASE WHEN process_id = 'p'"
            + " THEN error('the disk is on fire') ELSE status END AS status) FROM processes_ok");
    return session;
  }

  @Test
  void aFailureWhileWritingLeavesNoFolderBehind() throws Exception {
    Path out = scratch.resolve("new");
    try (AnalysisSession session = failingSession()) {
      UserError error = assertThrows(UserError.class, () -> export(session, out, WriteMode.CREATE));
      assertTrue(
          error.getMessage().startsWith("cannot write processes to " + out + ": "),
          error.getMessage());
      assertTrue(error.getMessage().contains("the disk is on fire"), error.getMessage());
    }
    assertFalse(Files.exists(out));
    assertEquals(List.of(), siblings(out));
  }

  @Test
  void aFailedOverwriteOrAppendLeavesTheEarlierExportAsItWas() throws Exception {
    Path out = scratch.resolve("earlier");
    try (AnalysisSession session = emptySession()) {
      execute(session, "INSERT INTO processes (process_id, start_time) VALUES ('q', now())");
      export(session, out, WriteMode.CREATE);
    }
    Map<String, Long> before = listing(out);
    String marker = Files.readString(out.resolve(ExportMarker.FILE));
    for (WriteMode mode : List.of(WriteMode.OVERWRITE, WriteMode.APPEND)) {
      try (AnalysisSession session = failingSession()) {
        assertThrows(UserError.class, () -> export(session, out, mode), mode.name());
      }
      assertEquals(before, listing(out), mode.name());
      assertEquals(marker, Files.readString(out.resolve(ExportMarker.FILE)), mode.name());
      assertEquals(List.of("earlier"), siblings(out), mode.name());
    }
  }

  @Test
  void aColumnOfATypeSparkCannotReadStopsTheExport() throws Exception {
    try (AnalysisSession session = emptySession()) {
      execute(session, "ALTER TABLE errnos ADD COLUMN wait INTERVAL");
      Path out = scratch.resolve("out");
      IllegalStateException error =
          assertThrows(IllegalStateException.class, () -> export(session, out, WriteMode.CREATE));
      assertTrue(
          error.getMessage().startsWith("errnos.wait has the type INTERVAL"), error.getMessage());
      assertFalse(Files.exists(out));
      assertEquals(List.of(), siblings(out));
    }
  }

  @Test
  void appendRefusesAnExportOfAnotherSchemaVersion() throws Exception {
    Path out = scratch.resolve("old");
    try (AnalysisSession session = emptySession()) {
      export(session, out, WriteMode.CREATE);
    }
    Path marker = out.resolve(ExportMarker.FILE);
    Files.writeString(
        marker,
        Files.readString(marker).replace("\"schema_version\" : 2,", "\"schema_version\" : 0,"));
    UserError error =
        assertThrows(UserError.class, () -> ExportDirectory.open(out, WriteMode.APPEND).close());
    assertEquals(
        out
            + " holds an export of schema version 0, this wasitrace writes version 2: export to"
            + " another folder, or replace it with --overwrite",
        error.getMessage());
    assertEquals(List.of("old"), siblings(out));
  }
}
