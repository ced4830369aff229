package dev.wasitrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.ModuleInfo;
import dev.wasitrace.registry.ProcessInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisSessionTest {
  @TempDir Path dir;

  private Path writeLines(String name, int lines, int batchRows) {
    Path log = dir.resolve(name + ".arrow");
    try (SyntheticLog writer = new SyntheticLog(log, batchRows)) {
      for (int i = 0; i < lines; i++) {
        writer.write(1, "line " + i + "\n");
      }
    }
    return log;
  }

  private static Object single(AnalysisSession session, String sql) {
    QueryResult result = session.query(sql);
    assertEquals(1, result.rows().size(), sql);
    return result.rows().get(0).get(0);
  }

  @Test
  void theTablesFramedInJavaAreMadeWhenSqlNamesThem() {
    Path log = writeLines("a", 10, 64);
    // (Without naming them: a name in a string counts too.)
    String made =
        "SELECT count(*) FROM information_schema.tables"
            + " WHERE table_name LIKE 'tcp%raw' OR table_name LIKE 'http%messages'";
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(RecordedProcess.ofLog("p-1", log)), List.of(), LoadListener.NONE);
      assertEquals(10L, single(session, "SELECT count(*) FROM syscalls"));
      assertEquals(0L, single(session, made), "not made for a query over syscalls");
      assertEquals(0L, single(session, "SELECT count(*) FROM TCP_Connections"));
      assertEquals(2L, single(session, made));
      assertEquals(0L, single(session, "SELECT count(*) FROM http_exchanges"), "made once");
    }
  }

  @Test
  void loadsEveryRowWithItsProcessIdAndNanosecondTimes() {
    Path log = writeLines("a", 1000, 64);
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      Map<String, LogLoad> loads =
          session.load(List.of(RecordedProcess.ofLog("p-1", log)), List.of(), LoadListener.NONE);
      assertEquals(1000, loads.get("p-1").records());
      assertTrue(loads.get("p-1").complete());
      assertEquals(1000L, single(session, "SELECT count(*) FROM syscalls WHERE process_id='p-1'"));
      assertEquals(
          "2023-11-14 22:13:20.000001123+00",
          single(session, "SELECT ts::VARCHAR FROM syscalls WHERE seq = 1"));
      assertEquals(
          Arrays.asList(1L, 1024L, 1L, 2048L, null, null, null, null, null, null),
          single(session, "SELECT params FROM syscalls WHERE seq = 7"));
      assertEquals("fd_write", single(session, "SELECT DISTINCT func FROM syscalls"));
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      for (List<Object> row :
          session.query("SELECT data FROM syscalls WHERE fd = 1 ORDER BY seq").rows()) {
        stdout.writeBytes((byte[]) row.get(0));
      }
      assertTrue(stdout.toString(StandardCharsets.UTF_8).startsWith("line 0\nline 1\nline 2\n"));
      assertEquals(
          List.of("p-1", 1000L, true),
          session.query("SELECT process_id, records, log_complete FROM processes").rows().get(0));
    }
  }

  @Test
  void loadsManyLogsIntoOneTable() {
    List<RecordedProcess> processes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      processes.add(RecordedProcess.ofLog("p-" + i, writeLines("log" + i, 100 + i, 50)));
    }
    List<String> loaded = Collections.synchronizedList(new ArrayList<>());
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(
          processes,
          List.of(),
          new LoadListener() {
            @Override
            public void loaded(RecordedProcess process, LogLoad load) {
              loaded.add(process.id());
            }
          });
      assertEquals(12, loaded.size());
      QueryResult counts =
          session.query("SELECT process_id, count(*) FROM syscalls GROUP BY ALL ORDER BY count(*)");
      assertEquals(12, counts.rows().size());
      for (int i = 0; i < 12; i++) {
        assertEquals(List.of("p-" + i, 100L + i), counts.rows().get(i));
      }
    }
  }

  @Test
  void aLogCutMidBatchLoadsUpToItsLastWholeBatchWithAWarning() throws IOException {
    Path log = writeLines("cut", 1000, 100);
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.setLength(file.length() - 50); // the end marker and part of the last batch
    }
    List<String> warnings = new ArrayList<>();
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      Map<String, LogLoad> loads =
          session.load(
              List.of(RecordedProcess.ofLog("cut", log)),
              List.of(),
              new LoadListener() {
                @Override
                public void warning(String message) {
                  warnings.add(message);
                }
              });
      assertEquals(900, loads.get("cut").records());
      assertFalse(loads.get("cut").complete());
      assertEquals(900L, single(session, "SELECT count(*) FROM syscalls"));
      assertEquals(false, single(session, "SELECT log_complete FROM processes"));
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).startsWith("process cut: the log is cut short"), warnings.get(0));
      assertTrue(warnings.get(0).endsWith("; loaded its first 900 records"), warnings.get(0));
    }
  }

  @Test
  void anUnreadableLogIsAClearError() throws IOException {
    Path good = writeLines("good", 10, 10);
    Path bad = dir.resolve("bad.arrow");
    Files.writeString(bad, "not an arrow stream at all");
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      AnalysisException e =
          assertThrows(
              AnalysisException.class,
              () ->
                  session.load(
                      List.of(
                          RecordedProcess.ofLog("good", good), RecordedProcess.ofLog("bad", bad)),
                      List.of(),
                      LoadListener.NONE));
      assertTrue(e.getMessage().startsWith("cannot read the log of process bad: "), e.getMessage());
    }
  }

  @Test
  void aProcessWithoutLogLoadsNoRows() {
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(
          List.of(RecordedProcess.ofLog("none", dir.resolve("missing.arrow"))),
          List.of(),
          LoadListener.NONE);
      assertEquals(0L, single(session, "SELECT count(*) FROM syscalls"));
      assertEquals(0L, single(session, "SELECT records FROM processes"));
    }
  }

  @Test
  void nothingToLoadGivesEmptyTables() {
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(), List.of(), LoadListener.NONE);
      for (String table : List.of("processes", "modules", "syscalls", "network_events")) {
        assertEquals(0L, single(session, "SELECT count(*) FROM " + table), table);
      }
    }
  }

  @Test
  void modulesAndProcessMetadataFillTheirTables() {
    Path log = writeLines("m", 3, 10);
    RecordedProcess process =
        RecordedProcess.of(
            new ProcessInfo(
                "p",
                java.time.Instant.parse("2024-01-02T03:04:05.123456Z"),
                java.time.Instant.parse("2024-01-02T03:04:06Z"),
                "abc123",
                "hello.wasm",
                List.of("hello.wasm", "x y"),
                List.of("A=1"),
                List.of(),
                "chicory 1.7.5",
                "compiler",
                null,
                ProcessInfo.Status.EXITED,
                3,
                null,
                3L),
            log);
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(
          List.of(process),
          List.of(
              new ModuleInfo(
                  "abc123", "hello.wasm", 4242, java.time.Instant.parse("2024-01-02T03:04:05Z"))),
          LoadListener.NONE);
      assertEquals(
          List.of(
              "exited",
              3,
              "hello.wasm",
              List.of("hello.wasm", "x y"),
              List.of("A=1"),
              3L,
              "compiler",
              4242L),
          session
              .query(
                  "SELECT status, exit_code, p.module_name, args, env, records, engine, m.size"
                      + " FROM processes p JOIN modules m USING (module_digest)")
              .rows()
              .get(0));
      assertEquals(
          "2024-01-02 03:04:05.123456+00",
          single(session, "SELECT start_time::VARCHAR FROM processes"));
      assertTrue((Long) single(session, "SELECT log_bytes FROM processes") > 0);
    }
  }

  @Test
  void badSqlIsOneLineOfDuckDbsMessage() {
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(), List.of(), LoadListener.NONE);
      AnalysisException syntax =
          assertThrows(AnalysisException.class, () -> session.query("SELEC 1"));
      assertEquals("Parser Error: syntax error at or near \"SELEC\"", syntax.getMessage());
      AnalysisException table =
          assertThrows(AnalysisException.class, () -> session.query("SELECT * FROM nope"));
      assertTrue(
          table.getMessage().startsWith("Catalog Error: Table with name nope does not exist!"),
          table.getMessage());
      assertFalse(table.getMessage().contains("\n"));
      // The session goes on after an error.
      assertEquals(2, single(session, "SELECT 1 + 1"));
    }
  }

  @Test
  void blobsComeBackAsBytes() {
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      assertArrayEquals(
          new byte[] {0, (byte) 0xab}, (byte[]) single(session, "SELECT '\\x00\\xab'::BLOB"));
      assertNull(session.query("CREATE TABLE t (a INT)"));
    }
  }

  /**
   * The errnos table and the recorder's names (trace, replay, exports) are two copies: they agree.
   */
  @Test
  void theErrnosTableNamesEveryErrnoAsTheRecorderDoes() {
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(), List.of(), LoadListener.NONE);
      List<List<Object>> rows =
          session.query("SELECT errno, name FROM errnos ORDER BY errno").rows();
      for (int errno = 0; errno < rows.size(); errno++) {
        assertEquals(errno, ((Number) rows.get(errno).get(0)).intValue());
        assertEquals(dev.wasitrace.wasi.Errno.name(errno), rows.get(errno).get(1));
      }
      // The recorder knows no more names than the table has.
      assertTrue(dev.wasitrace.wasi.Errno.name(rows.size()).startsWith("E#"));
    }
  }
}
