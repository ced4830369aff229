package dev.wasitrace.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.wasitrace.cli.Cli;
import dev.wasitrace.exporters.parquet.ParquetLayout;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasitrace export parquet} through the real CLI, over recorded runs of file and network
 * guests: the dataset read back by a fresh DuckDB gives the rows of the live tables, in folders
 * named by the rows' UTC dates, in types Spark and Trino read; re-export, append, and bad input.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExportParquetTest {
  /** The tables of the export and the column each one's date comes from (exporters/docs). */
  private static final Map<String, String> DATE_OF = new LinkedHashMap<>();

  static {
    DATE_OF.put("processes", "start_time");
    DATE_OF.put("modules", "stored_time");
    DATE_OF.put("syscalls", "ts");
    DATE_OF.put("network_events", "ts");
    DATE_OF.put("tcp_connections", "ts");
    DATE_OF.put("http_exchanges", "ts");
    DATE_OF.put("http_messages", "ts_ns");
    DATE_OF.put("errnos", null); // a static lookup table: one file, no partitions
  }

  @TempDir static Path home;
  @TempDir static Path shared;
  @TempDir Path scratch;

  /** The live tables, written by {@code query --db}, and the export of the same processes. */
  private static Path live;

  private static Path exported;
  private static final List<String> processIds = new ArrayList<>();

  @BeforeAll
  static void recordAndExport() throws Exception {
    Cli cli = new Cli(home);
    Path sandbox = Files.createDirectory(shared.resolve("sandbox"));
    record(cli.run("run", "--env", "GREETING=hi", TestData.wasm("hello").toString(), "a", "b c"));
    record(
        cli.run(
            "run", "--dir", sandbox + ":/sandbox", TestData.wasm("fileio").toString(), "/sandbox"));
    record(cli.run("run", TestData.wasm("writeloop").toString(), "3000"));
    record(httpClientRun(cli));
    record(echoClientRun(cli));
    record(udpRun(cli));

    live = shared.resolve("live.duckdb");
    Cli.Result db = cli.run("query", "--db", live.toString());
    assertEquals(0, db.exitCode(), db.err());
    exported = shared.resolve("export");
    Cli.Result export = cli.run("export", "parquet", "--all", "-o", exported.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertEquals("", export.out());
    assertTrue(
        export
            .err()
            .matches(
                "wasitrace: exported 6 processes to .*export \\([\\d,]+ rows in 8 tables\\)\n"),
        export.err());
  }

  private static void record(Cli.Result run) {
    assertEquals(0, run.exitCode(), run.err());
    processIds.add(run.processId());
  }

  /** http_client.wasm: four requests on one kept-alive connection to a Java HttpServer. */
  private static Cli.Result httpClientRun(Cli cli) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    for (String path : List.of("/hello", "/echo", "/last", "/chunked")) {
      server.createContext(
          path,
          ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] answer =
                path.equals("/echo") ? body : ("at " + path).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, path.equals("/chunked") ? 0 : answer.length);
            try (OutputStream out = ex.getResponseBody()) {
              out.write(answer);
            }
          });
    }
    server.start();
    try {
      Cli.Result run =
          cli.run(
              "run",
              TestData.wasm("http_client").toString(),
              "127.0.0.1",
              String.valueOf(server.getAddress().getPort()));
      assertTrue(run.out().endsWith("eof\n"), run.out());
      return run;
    } finally {
      server.stop(0);
    }
  }

  /** echo_client.wasm against a Java echo server: CONN, SEND, RECV, SHUT. */
  private static Cli.Result echoClientRun(Cli cli) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread echo =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  OutputStream out = s.getOutputStream();
                  byte[] buf = new byte[4096];
                  int n;
                  while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                  }
                } catch (IOException e) {
                  // the test fails on the guest's output
                }
              });
      echo.start();
      Cli.Result run =
          cli.run(
              "run",
              TestData.wasm("echo_client").toString(),
              "127.0.0.1",
              String.valueOf(server.getLocalPort()),
              "hello",
              "two words");
      echo.join(TimeUnit.SECONDS.toMillis(30));
      assertTrue(run.out().endsWith("closed\n"), run.out());
      return run;
    }
  }

  /** udp.wasm sends a datagram to a Java peer, which answers. */
  private static Cli.Result udpRun(Cli cli) throws Exception {
    try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Thread answer =
          new Thread(
              () -> {
                try {
                  DatagramPacket got = new DatagramPacket(new byte[1024], 1024);
                  peer.receive(got);
                  byte[] pong = "pong".getBytes(StandardCharsets.UTF_8);
                  peer.send(new DatagramPacket(pong, pong.length, got.getSocketAddress()));
                } catch (IOException e) {
                  // the test fails on the guest's output
                }
              });
      answer.start();
      Cli.Result run =
          cli.run(
              "run",
              TestData.wasm("udp").toString(),
              "send",
              "127.0.0.1",
              String.valueOf(peer.getLocalPort()),
              "ping");
      answer.join(TimeUnit.SECONDS.toMillis(30));
      assertTrue(run.out().endsWith(": pong\n"), run.out());
      return run;
    }
  }

  // ---- reading back ----

  /** A fresh DuckDB with the live tables attached as {@code live}. */
  private static Connection duckdb() throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    execute(connection, "ATTACH " + literal(live.toString()) + " AS live (READ_ONLY)");
    return connection;
  }

  private static String parquet(Path dir, String table) {
    return "read_parquet("
        + literal(dir.resolve(table) + "/**/*.parquet")
        + ", hive_partitioning = true)";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      return rows.getLong(1);
    }
  }

  private static List<String> strings(Connection connection, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  /** Column names and types of a live table or view. */
  private static Map<String, String> liveColumns(Connection connection, String table)
      throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT column_name, data_type FROM information_schema.columns WHERE"
                    + " table_catalog = 'live' AND table_name = "
                    + literal(table)
                    + " ORDER BY ordinal_position")) {
      while (rows.next()) {
        columns.put(rows.getString(1), rows.getString(2));
      }
    }
    assertFalse(columns.isEmpty(), "no live table " + table);
    return columns;
  }

  /**
   * The read-back columns in the live table's order and types: a nanosecond timestamp {@code ts}
   * comes back exactly from {@code ts_ns} (the {@code ts} column of the files has microseconds).
   */
  private static String readBackColumns(Map<String, String> live) {
    List<String> columns = new ArrayList<>();
    live.forEach(
        (name, type) ->
            columns.add(
                type.equals("TIMESTAMPTZ_NS")
                    ? "make_timestamp_ns(\"" + name + "_ns\") AT TIME ZONE 'UTC' AS " + name
                    : "\"" + name + "\""));
    return String.join(", ", columns);
  }

  private static String quotedColumns(Map<String, String> live) {
    return String.join(", ", live.keySet().stream().map(c -> "\"" + c + "\"").toList());
  }

  /** Both ways EXCEPT ALL, and the counts: the dataset's rows are the live table's rows. */
  private static long assertSameRows(Connection connection, Path dir, String table, String where)
      throws SQLException {
    Map<String, String> columns = liveColumns(connection, table);
    String liveRows =
        "SELECT "
            + quotedColumns(columns)
            + " FROM live.main."
            + table
            + (where == null ? "" : " WHERE " + where);
    String readBack = "SELECT " + readBackColumns(columns) + " FROM " + parquet(dir, table);
    long rows = count(connection, "SELECT count(*) FROM (" + liveRows + ")");
    assertEquals(rows, count(connection, "SELECT count(*) FROM " + parquet(dir, table)), table);
    assertEquals(
        0,
        count(connection, "SELECT count(*) FROM (" + liveRows + " EXCEPT ALL " + readBack + ")"),
        table + ": live rows missing from the Parquet files");
    assertEquals(
        0,
        count(connection, "SELECT count(*) FROM (" + readBack + " EXCEPT ALL " + liveRows + ")"),
        table + ": rows in the Parquet files that are not live");
    return rows;
  }

  // ---- the dataset ----

  @Test
  void everyTableReadsBackAsTheLiveRows() throws Exception {
    try (Connection duckdb = duckdb()) {
      // Every live table or view is exported, except the one the docs name.
      Set<String> liveTables =
          new TreeSet<>(
              strings(
                  duckdb,
                  "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'live'"));
      Set<String> expected = new TreeSet<>(DATE_OF.keySet());
      expected.add("tcp_connections_raw");
      assertEquals(expected, liveTables);

      for (String table : DATE_OF.keySet()) {
        long rows = assertSameRows(duckdb, exported, table, null);
        assertTrue(rows > 0, table + " has rows, so the comparison shows something");
        assertEquals(
            0,
            count(
                duckdb,
                "SELECT count(*) FROM "
                    + parquet(exported, table)
                    + " WHERE schema_version IS DISTINCT FROM "
                    + ParquetLayout.SCHEMA_VERSION),
            table + ": schema_version on every row");
      }
      // The guests' traffic is all there: TCP and UDP events, an HTTP connection.
      assertEquals(
          List.of("TCP", "UDP"),
          strings(
              duckdb,
              "SELECT DISTINCT proto FROM " + parquet(exported, "network_events") + " ORDER BY 1"));
      assertEquals(
          List.of("GET /chunked", "GET /hello", "GET /last", "POST /echo"),
          strings(
              duckdb,
              "SELECT method || ' ' || uri FROM "
                  + parquet(exported, "http_exchanges")
                  + " ORDER BY 1"));
      assertEquals(
          new TreeSet<>(processIds),
          new TreeSet<>(
              strings(duckdb, "SELECT process_id FROM " + parquet(exported, "processes"))));
    }
  }

  @Test
  void timestampsAreMicrosecondsBesideExactNanoseconds() throws Exception {
    try (Connection duckdb = duckdb()) {
      for (String table :
          List.of("syscalls", "network_events", "tcp_connections", "http_exchanges")) {
        String rows = parquet(exported, table);
        assertEquals(
            "TIMESTAMP WITH TIME ZONE",
            strings(duckdb, "SELECT typeof(ts) FROM " + rows + " LIMIT 1").get(0),
            table);
        // ts is ts_ns cut to microseconds (rounded down, as Spark and Java do).
        assertEquals(
            0,
            count(duckdb, "SELECT count(*) FROM " + rows + " WHERE epoch_us(ts) <> ts_ns // 1000"),
            table);
        assertTrue(
            count(duckdb, "SELECT count(*) FROM " + rows + " WHERE ts_ns % 1000 <> 0") > 0,
            table + ": the nanoseconds are kept");
      }
    }
  }

  @Test
  void partitionFoldersAreTheUtcDatesOfTheRows() throws Exception {
    try (Connection duckdb = duckdb()) {
      for (Map.Entry<String, String> table : DATE_OF.entrySet()) {
        Path folder = exported.resolve(table.getKey());
        Set<String> folders = new TreeSet<>();
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(folder)) {
          walk.filter(Files::isRegularFile)
              .forEach(
                  f -> {
                    folders.add(folder.relativize(f.getParent()).toString());
                    files.add(f.getFileName().toString());
                  });
        }
        if (table.getValue() == null) {
          assertEquals(Set.of(""), folders, table.getKey() + ": not partitioned");
          continue;
        }
        for (String name : folders) {
          assertTrue(name.matches("date=\\d{4}-\\d\\d-\\d\\d"), table.getKey() + ": " + name);
        }
        for (String file : files) {
          assertTrue(file.matches("part-[0-9a-f-]{36}\\.parquet"), table.getKey() + ": " + file);
        }
        String rows = parquet(exported, table.getKey());
        // The folders are exactly the dates of the rows...
        assertEquals(
            folders,
            new TreeSet<>(
                strings(duckdb, "SELECT DISTINCT 'date=' || date::VARCHAR FROM " + rows)));
        // ... and each row is in the folder of its own time's UTC date.
        String column = table.getValue();
        String utcDate =
            switch (column) {
              case "ts" -> "CAST(make_timestamp(ts_ns // 1000) AS DATE)";
              case "ts_ns" -> "CAST(make_timestamp(ts_ns // 1000) AS DATE)";
              default -> "CAST(timezone('UTC', " + column + ") AS DATE)";
            };
        assertEquals(
            0,
            count(
                duckdb, "SELECT count(*) FROM " + rows + " WHERE date IS DISTINCT FROM " + utcDate),
            table.getKey());
        // The date lives in the folder names only, not inside the files.
        assertEquals(
            0,
            count(
                duckdb,
                "SELECT count(*) FROM parquet_schema("
                    + literal(folder + "/**/*.parquet")
                    + ") WHERE name = 'date'"),
            table.getKey());
      }
    }
  }

  @Test
  void filesHoldOnlyTypesSparkAndTrinoRead() throws Exception {
    try (Connection duckdb = duckdb()) {
      String schema = "parquet_schema(" + literal(exported + "/**/*.parquet") + ")";
      // No TIMESTAMP(NANOS) (Spark refuses it), no INT96, no unsigned or interval types.
      List<String> unreadable =
          strings(
              duckdb,
              "SELECT DISTINCT file_name || ': ' || name FROM "
                  + schema
                  + " WHERE coalesce(logical_type, '') LIKE '%NANOS=NanoSeconds%'"
                  + " OR type = 'INT96'"
                  + " OR coalesce(converted_type, '') IN"
                  + " ('UINT_8', 'UINT_16', 'UINT_32', 'UINT_64', 'INTERVAL', 'MAP', 'MAP_KEY_VALUE')");
      assertEquals(List.of(), unreadable);
      // Timestamps are INT64 TIMESTAMP(MICROS, isAdjustedToUTC=true): Spark's TimestampType.
      List<String> timestamps =
          strings(
              duckdb,
              "SELECT DISTINCT name || ' ' || type || ' ' || logical_type FROM "
                  + schema
                  + " WHERE logical_type LIKE 'TimestampType%' ORDER BY 1");
      assertEquals(
          4, timestamps.size(), timestamps.toString()); // ts, start_time, end_time, stored_time
      for (String timestamp : timestamps) {
        assertTrue(
            timestamp.contains(" INT64 ")
                && timestamp.contains("isAdjustedToUTC=1")
                && timestamp.contains("MICROS=MicroSeconds"),
            timestamp);
      }
      assertEquals(
          List.of("ZSTD"),
          strings(
              duckdb,
              "SELECT DISTINCT compression FROM parquet_metadata("
                  + literal(exported + "/**/*.parquet")
                  + ")"));
    }
  }

  // ---- writing again ----

  private Cli cli() {
    return new Cli(home);
  }

  private static void assertOneErrorLine(Cli.Result result, String expected) {
    assertEquals(1, result.exitCode(), result.err());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith("wasitrace: " + expected), result.err());
    assertFalse(result.err().contains("\tat "), result.err());
  }

  /** Every file under a folder, relative, with its size: to show a folder did not change. */
  private static Map<String, Long> listing(Path dir) throws IOException {
    Map<String, Long> files = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(f).toString(), Files.size(f));
      }
    }
    return files;
  }

  /** Nothing but the folder itself in its parent: no staging or replaced folder left behind. */
  private static void assertNoLeftovers(Path dir) throws IOException {
    try (Stream<Path> siblings = Files.list(dir.getParent())) {
      List<String> hidden =
          siblings
              .map(p -> p.getFileName().toString())
              .filter(n -> n.contains(".wasitrace-"))
              .toList();
      assertEquals(List.of(), hidden);
    }
  }

  @Test
  void anExportIsNotReplacedWithoutOverwrite() throws Exception {
    Path out = scratch.resolve("out");
    assertEquals(
        0, cli().run("export", "parquet", "-o", out.toString(), processIds.get(0)).exitCode());
    Map<String, Long> before = listing(out);

    Cli.Result again = cli().run("export", "parquet", "-o", out.toString());
    assertOneErrorLine(
        again,
        out
            + " already holds an export: give --overwrite to replace it, or --append to add the"
            + " processes it does not have");
    assertEquals(before, listing(out));
    assertNoLeftovers(out);

    Cli.Result both =
        cli().run("export", "parquet", "--overwrite", "--append", "-o", out.toString());
    assertOneErrorLine(both, "give --overwrite or --append, not both");

    // --overwrite: the new export replaces the old one whole.
    Cli.Result overwrite =
        cli()
            .run(
                "export",
                "parquet",
                "--overwrite",
                "-o",
                out.toString(),
                processIds.get(1),
                processIds.get(2));
    assertEquals(0, overwrite.exitCode(), overwrite.err());
    assertNoLeftovers(out);
    try (Connection duckdb = duckdb()) {
      assertEquals(
          new TreeSet<>(List.of(processIds.get(1), processIds.get(2))),
          new TreeSet<>(strings(duckdb, "SELECT process_id FROM " + parquet(out, "processes"))));
      assertSameRows(
          duckdb,
          out,
          "syscalls",
          "process_id IN (" + literal(processIds.get(1)) + ", " + literal(processIds.get(2)) + ")");
    }
  }

  @Test
  void aFolderThatIsNotAnExportIsNeverWrittenTo() throws Exception {
    Path mine = Files.createDirectory(scratch.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    assertOneErrorLine(
        cli().run("export", "parquet", "-o", mine.toString()),
        mine + " is not empty: export to a new folder");
    assertOneErrorLine(
        cli().run("export", "parquet", "--overwrite", "-o", mine.toString()),
        mine + " is not a wasitrace Parquet export (it has no _wasitrace.json): not replacing it");
    assertOneErrorLine(
        cli().run("export", "parquet", "--append", "-o", mine.toString()),
        mine + " is not a wasitrace Parquet export (it has no _wasitrace.json): not adding to it");
    assertEquals(Map.of("notes.txt", 7L), listing(mine));
    assertNoLeftovers(mine);
  }

  @Test
  void appendAddsOnlyTheProcessesNotExportedYet() throws Exception {
    Path out = scratch.resolve("daily");
    // Day 1: two processes (written into a folder that exists, empty).
    Files.createDirectory(out);
    Cli.Result first =
        cli()
            .run(
                "export",
                "parquet",
                "--append",
                "-o",
                out.toString(),
                processIds.get(0),
                processIds.get(3));
    assertEquals(0, first.exitCode(), first.err());
    // Day 2: all of them; the two already there are skipped.
    Cli.Result second = cli().run("export", "parquet", "--append", "--all", "-o", out.toString());
    assertEquals(0, second.exitCode(), second.err());
    assertTrue(
        second.err().startsWith("wasitrace: skipping 2 processes that " + out + " has already\n"),
        second.err());
    assertTrue(second.err().contains("wasitrace: exported 4 processes to"), second.err());
    // Day 3: nothing new.
    Cli.Result third = cli().run("export", "parquet", "--append", "-o", out.toString());
    assertEquals(0, third.exitCode(), third.err());
    assertEquals(
        "wasitrace: nothing to export: " + out + " has every selected process already\n",
        third.err());
    assertNoLeftovers(out);

    // Together: the live rows, each once (modules and errnos too).
    try (Connection duckdb = duckdb()) {
      for (String table : DATE_OF.keySet()) {
        assertSameRows(duckdb, out, table, null);
      }
    }
    String marker = Files.readString(out.resolve("_wasitrace.json"));
    assertEquals(2, marker.split("\"mode\" : \"append\"", -1).length - 1, marker);
  }

  // ---- bad input ----

  @Test
  void anUnknownIdIsOneLineAndWritesNothing() {
    Path out = scratch.resolve("out");
    assertOneErrorLine(
        cli().run("export", "parquet", "-o", out.toString(), "ffffffff"),
        "no process matches ID ffffffff");
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnwritableOutputIsOneLine() throws Exception {
    Path file = Files.writeString(scratch.resolve("file"), "x");
    assertOneErrorLine(
        cli().run("export", "parquet", "-o", file.resolve("out").toString()),
        "cannot write " + file.resolve("out") + ": " + file + " is a file, not a folder");
    assertOneErrorLine(
        cli().run("export", "parquet", "-o", file.toString()),
        "cannot export to " + file + ": it is a file, not a folder");
    assertEquals("x", Files.readString(file));

    // --debug adds the stack trace.
    Cli.Result debug = cli().run("--debug", "export", "parquet", "-o", file.toString());
    assertEquals(1, debug.exitCode());
    assertTrue(debug.err().contains("\tat "), debug.err());
  }

  @Test
  void aTruncatedLogIsExportedUpToItsLastWholeBatchWithAWarning(@TempDir Path home2)
      throws Exception {
    Cli cli = new Cli(home2);
    Cli.Result run = cli.run("run", TestData.wasm("writeloop").toString(), "140000");
    assertEquals(0, run.exitCode(), run.err());
    Path log = home2.resolve("processes").resolve(run.processId()).resolve("log.arrow");
    long records = 0;
    long lastBatch = 0;
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        lastBatch = reader.batch().rows();
        records += lastBatch;
      }
      assertTrue(reader.batchesRead() >= 2, "batches: " + reader.batchesRead());
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.setLength(file.length() - 100); // inside the last batch, as a killed run leaves it
    }
    long whole = records - lastBatch;

    Path out = scratch.resolve("cut");
    Cli.Result export = cli.run("export", "parquet", "-o", out.toString());
    assertEquals(0, export.exitCode(), export.err());
    List<String> err = export.err().lines().toList();
    assertEquals(2, err.size(), export.err());
    assertTrue(
        err.get(0)
            .startsWith(
                "wasitrace: warning: process " + run.processId() + ": the log is cut short"),
        err.get(0));
    assertTrue(err.get(1).startsWith("wasitrace: exported 1 process to "), err.get(1));
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
      assertEquals(whole, count(duckdb, "SELECT count(*) FROM " + parquet(out, "syscalls")));
      assertEquals(whole - 1, count(duckdb, "SELECT max(seq) FROM " + parquet(out, "syscalls")));
      assertEquals(
          List.of("false"),
          strings(duckdb, "SELECT log_complete::VARCHAR FROM " + parquet(out, "processes")));
    }
  }
}
