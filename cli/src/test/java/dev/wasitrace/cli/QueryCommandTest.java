package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.log.LogStats;
import dev.wasitrace.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasitrace query}: SQL over real recorded runs of the test guests. */
class QueryCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path home;
  @TempDir Path scratch;

  private static Cli.Result hello;
  private static Cli.Result echo;
  private static Cli.Result writeloop;

  @BeforeAll
  static void record() {
    Cli cli = new Cli(home);
    hello = cli.run("run", "--env", "GREETING=hi", TestData.wasm("hello").toString(), "a", "b c");
    echo =
        cli.runWithInput(
            "some input\nmore\n".getBytes(StandardCharsets.UTF_8),
            "run",
            TestData.wasm("stdin_echo").toString());
    writeloop = cli.run("run", TestData.wasm("writeloop").toString(), "1000");
    for (Cli.Result run : List.of(hello, echo, writeloop)) {
      assertEquals(0, run.exitCode(), run.err());
    }
  }

  private static Cli.Result query(String... args) {
    List<String> command = new ArrayList<>(List.of("query"));
    command.addAll(List.of(args));
    return new Cli(home).run(command);
  }

  private static Cli.Result ok(Cli.Result result) {
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("", result.err());
    return result;
  }

  private static JsonNode json(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("-o", "json"));
    command.addAll(List.of(args));
    return JSON.readTree(ok(query(command.toArray(String[]::new))).out());
  }

  private static long records(String processId) throws Exception {
    return LogStats.scan(RegistryFiles.processDir(home, processId).resolve("log.arrow")).records();
  }

  private static void assertOneErrorLine(Cli.Result result, String start) {
    assertEquals(1, result.exitCode(), result.out());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith(start), result.err());
    assertFalse(result.err().contains("\tat "), result.err());
    assertFalse(result.err().contains("Exception"), result.err());
  }

  @Test
  void syscallsHasOneRowPerRecordOfEveryProcess() throws Exception {
    JsonNode counts =
        json("SELECT process_id, count(*) AS n, max(seq) AS last FROM syscalls GROUP BY ALL");
    assertEquals(3, counts.size(), counts.toString());
    for (JsonNode row : counts) {
      long records = records(row.get("process_id").asText());
      assertEquals(records, row.get("n").asLong(), row.toString());
      assertEquals(records - 1, row.get("last").asLong(), row.toString());
    }
  }

  @Test
  void theStdoutBytesOfFdWriteToFd1AreTheGuestsStdout() throws Exception {
    for (Cli.Result run : List.of(hello, echo, writeloop)) {
      JsonNode rows =
          json(
              "--process",
              run.processId(),
              "SELECT data FROM syscalls WHERE func = 'fd_write' AND fd = 1 ORDER BY seq");
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      for (JsonNode row : rows) {
        stdout.writeBytes(Base64.getDecoder().decode(row.get("data").asText()));
      }
      assertArrayEquals(run.outBytes(), stdout.toByteArray(), run.out());
    }
  }

  @Test
  void processesAndModulesDescribeTheRuns() throws Exception {
    JsonNode process =
        json("SELECT * FROM processes WHERE process_id = '" + hello.processId() + "'").get(0);
    assertEquals("hello.wasm", process.get("module_name").asText());
    assertEquals("exited", process.get("status").asText());
    assertEquals(0, process.get("exit_code").asInt());
    assertEquals(
        List.of(TestData.wasm("hello").toString(), "a", "b c"),
        JSON.convertValue(process.get("args"), List.class));
    assertEquals(List.of("GREETING=hi"), JSON.convertValue(process.get("env"), List.class));
    assertEquals(records(hello.processId()), process.get("records").asLong());
    assertEquals(
        Files.size(RegistryFiles.processDir(home, hello.processId()).resolve("log.arrow")),
        process.get("log_bytes").asLong());
    assertTrue(process.get("log_complete").asBoolean());
    assertTrue(
        process.get("start_time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), process.toString());

    JsonNode modules =
        json(
            "SELECT m.module_name, m.size, count(p.process_id) AS runs FROM modules m"
                + " JOIN processes p USING (module_digest) GROUP BY ALL ORDER BY 1");
    assertEquals(3, modules.size(), modules.toString());
    assertEquals("hello.wasm", modules.get(0).get("module_name").asText());
    assertEquals(Files.size(TestData.wasm("hello")), modules.get(0).get("size").asLong());
    assertEquals(1, modules.get(0).get("runs").asInt());
  }

  @Test
  void processesAreChosenByIdOrUniquePrefix() throws Exception {
    String sql = "SELECT DISTINCT process_id FROM syscalls ORDER BY 1";
    JsonNode one = json("--process", hello.processId().substring(0, 8), sql);
    assertEquals(1, one.size());
    assertEquals(hello.processId(), one.get(0).get("process_id").asText());

    JsonNode two =
        json("-p", echo.processId(), "--process", writeloop.processId().substring(0, 13), sql);
    Set<String> expected = new TreeSet<>(List.of(echo.processId(), writeloop.processId()));
    Set<String> seen = new TreeSet<>();
    two.forEach(row -> seen.add(row.get("process_id").asText()));
    assertEquals(expected, seen);
    assertEquals(1, json("-p", echo.processId(), "SELECT * FROM processes").size());
    assertEquals(3, json("--all", "SELECT * FROM processes").size());

    assertOneErrorLine(
        query("--process", "ffffffff-not-there", "SELECT 1"),
        "wasitrace: no process matches ID ffffffff-not-there");
    assertOneErrorLine(
        query("--all", "-p", hello.processId(), "SELECT 1"),
        "wasitrace: give process IDs or --all, not both");
  }

  @Test
  void tableOutputIsAlignedWithBlobsEscapedAndCut() {
    Cli.Result result =
        ok(
            query(
                "-p",
                writeloop.processId(),
                "SELECT seq, func, data, size, path FROM syscalls WHERE func = 'fd_write'"
                    + " ORDER BY seq LIMIT 2"));
    List<String> lines = result.out().lines().toList();
    assertEquals(3, lines.size(), result.out());
    assertTrue(lines.get(0).matches("seq +func +data +size +path"), lines.get(0));
    int dataColumn = lines.get(0).indexOf("data");
    for (String line : lines.subList(1, 3)) {
      assertEquals(
          "\"0123456789abcdefghijklmnopqrstuv\"...  64    NULL", line.substring(dataColumn), line);
      assertTrue(line.substring(lines.get(0).indexOf("func")).startsWith("fd_write  "), line);
    }
  }

  @Test
  void csvOutputReadsBackInDuckDb() throws Exception {
    Cli.Result result =
        ok(
            query(
                "-o",
                "csv",
                "-p",
                hello.processId(),
                "SELECT seq, func, data, 'a,b \"c\"' AS text FROM syscalls ORDER BY seq"));
    Path csv = scratch.resolve("out.csv");
    Files.writeString(csv, result.out());
    assertTrue(result.out().startsWith("seq,func,data,text\n"), result.out());
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT count(*), count(DISTINCT text), max(text),"
                    + " string_agg(data::BLOB::VARCHAR, '' ORDER BY seq)"
                    + " FILTER (WHERE func = 'fd_write')"
                    + " FROM read_csv('"
                    + csv
                    + "', header = true, all_varchar = true)")) {
      rows.next();
      assertEquals(records(hello.processId()), rows.getLong(1));
      assertEquals(1, rows.getLong(2));
      assertEquals("a,b \"c\"", rows.getString(3));
      // The BLOB text of both writes reads back as their bytes.
      assertTrue(rows.getString(4).startsWith("Hello, World!\\x0Aarg[1]=a"), rows.getString(4));
    }
  }

  @Test
  void jsonOutputIsAnArrayOfObjects() throws Exception {
    JsonNode rows =
        json(
            "SELECT 1 AS n, 'x' AS s, NULL AS z, [1, 2] AS l, {'k': 'v'} AS st,"
                + " '\\x00\\xff'::BLOB AS b, 1 AS n");
    assertEquals(1, rows.size());
    JsonNode row = rows.get(0);
    assertEquals(
        List.of("n", "s", "z", "l", "st", "b", "n_1"), List.copyOf(iterable(row.fieldNames())));
    assertEquals(1, row.get("n").asInt());
    assertTrue(row.get("z").isNull());
    assertEquals("[1,2]", row.get("l").toString());
    assertEquals("{\"k\":\"v\"}", row.get("st").toString());
    assertEquals("AP8=", row.get("b").asText());
    assertEquals("[]", ok(query("-o", "json", "SELECT 1 WHERE false")).out().strip());
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  @Test
  void sqlComesFromAFileOrStdin() throws Exception {
    Path file = scratch.resolve("q.sql");
    Files.writeString(file, "CREATE TEMP TABLE t AS SELECT 41 AS x;\nSELECT x + 1 AS y FROM t;\n");
    assertEquals("y\n42\n", ok(query("--file", file.toString())).out());
    Cli cli = new Cli(home);
    byte[] sql = "SELECT 'from stdin' AS s".getBytes(StandardCharsets.UTF_8);
    assertEquals("s\nfrom stdin\n", ok(cli.runWithInput(sql, "query")).out());
    assertEquals("s\nfrom stdin\n", ok(cli.runWithInput(sql, "query", "-")).out());
    assertOneErrorLine(query(), "wasitrace: the SQL is empty");
    assertOneErrorLine(
        query("--file", file.toString(), "SELECT 1"),
        "wasitrace: give the SQL as an argument or with --file, not both");
    assertOneErrorLine(
        query("--file", scratch.resolve("none.sql").toString()), "wasitrace: cannot read ");
  }

  @Test
  void badSqlPrintsDuckDbsMessageOnOneLine() {
    assertOneErrorLine(
        query("SELEC 1"), "wasitrace: Parser Error: syntax error at or near \"SELEC\"");
    assertOneErrorLine(
        query("SELECT * FROM no_such_table"),
        "wasitrace: Catalog Error: Table with name no_such_table does not exist!");
    assertOneErrorLine(query("SELECT no_such_column FROM syscalls"), "wasitrace: Binder Error: ");
  }

  @Test
  void statementsWithoutRowsPrintNothing() {
    Cli.Result result = ok(query("CREATE TEMP TABLE t (a INT)"));
    assertEquals("", result.out());
  }

  @Test
  void dbWritesADatabaseThatDuckDbOpens() throws Exception {
    Path db = scratch.resolve("trace.duckdb");
    Cli.Result written = query("--db", db.toString());
    assertEquals(0, written.exitCode(), written.err());
    assertEquals("wasitrace: wrote 3 processes to " + db + "\n", written.err());
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT (SELECT count(*) FROM syscalls), (SELECT count(*) FROM processes),"
                    + " (SELECT count(*) FROM modules), (SELECT count(*) FROM network_events),"
                    + " (SELECT sum(records) FROM processes)")) {
      rows.next();
      long records =
          records(hello.processId()) + records(echo.processId()) + records(writeloop.processId());
      assertEquals(records, rows.getLong(1));
      assertEquals(3, rows.getLong(2));
      assertEquals(3, rows.getLong(3));
      assertEquals(0, rows.getLong(4));
      assertEquals(records, rows.getLong(5));
    }
    // Again, with a query: the tables are replaced, tables of the user's stay.
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE mine AS SELECT 7 AS x");
    }
    Cli.Result again =
        ok(
            query(
                "--db",
                db.toString(),
                "-p",
                hello.processId(),
                "SELECT (SELECT count(*) FROM processes) AS p, (SELECT x FROM mine) AS x"));
    assertEquals("p  x\n1  7\n", again.out());
  }

  @Test
  void summaryIsAliasOfTraceSummary() {
    Cli.Result trace = ok(new Cli(home).run("trace", "summary", "--all"));
    Cli.Result alias = ok(query("--summary"));
    assertEquals(trace.out(), alias.out());
    assertOneErrorLine(
        query("--summary", "SELECT 1"),
        "wasitrace: --summary runs its own query: give no SQL with it");
  }
}
