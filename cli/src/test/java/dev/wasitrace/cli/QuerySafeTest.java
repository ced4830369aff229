package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query --safe}: the user's SQL reaches the loaded tables and nothing else of the host, and
 * cannot turn that off; without it, the SQL runs with the user's rights.
 */
class QuerySafeTest {
  @TempDir static Path home;
  @TempDir Path scratch;

  @BeforeAll
  static void record() {
    Cli.Result run = new Cli(home).run("run", TestData.wasm("hello").toString());
    assertEquals(0, run.exitCode(), run.err());
  }

  private static Cli.Result query(String... args) {
    List<String> command = new ArrayList<>(List.of("query"));
    command.addAll(List.of(args));
    return new Cli(home).run(command);
  }

  @Test
  void theLoadedTablesStillAnswer() {
    Cli.Result result =
        query(
            "--safe",
            "-o",
            "csv",
            "SELECT count(*) AS writes, min(p.status) AS status FROM syscalls s"
                + " JOIN processes p USING (process_id) WHERE s.func = 'fd_write'");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("writes,status\n3,exited\n", result.out());
    assertEquals("", result.err());
  }

  @Test
  void writingAFileIsRefusedInOneLine() {
    Path target = scratch.resolve("x.csv");
    assertRefused(query("--safe", "COPY (SELECT 1) TO '" + target + "'"), target.toString());
    assertFalse(Files.exists(target));
    // The same statement without --safe writes it: the user's own rights.
    Cli.Result unsafe = query("COPY (SELECT 1) TO '" + target + "'");
    assertEquals(0, unsafe.exitCode(), unsafe.err());
    assertTrue(Files.exists(target));
  }

  @Test
  void readingAFileIsRefusedInOneLine() throws Exception {
    Path secret = Files.writeString(scratch.resolve("secret.csv"), "a\n42\n");
    assertRefused(query("--safe", "SELECT * FROM read_csv('" + secret + "')"), secret.toString());
    Path database = scratch.resolve("other.duckdb");
    assertRefused(query("--safe", "ATTACH '" + database + "' AS other"), database.toString());
    assertFalse(Files.exists(database));
  }

  @Test
  void theSqlCannotTurnItBackOn() {
    Path target = scratch.resolve("y.csv");
    for (String escape :
        new String[] {
          "SET enable_external_access = true",
          "RESET enable_external_access",
          "SET lock_configuration = false"
        }) {
      Cli.Result result = query("--safe", escape + "; COPY (SELECT 1) TO '" + target + "'");
      assertEquals(1, result.exitCode(), escape);
      assertEquals(1, result.err().lines().count(), result.err());
      assertTrue(
          result.err().startsWith("wasitrace: ")
              && result.err().contains("the configuration has been locked")
              && result.err().endsWith(" (query --safe forbids it)\n"),
          result.err());
      assertFalse(Files.exists(target), escape);
    }
  }

  @Test
  void aDatabaseFileIsStillWrittenAndQueried() {
    Path database = scratch.resolve("trace.duckdb");
    Cli.Result result =
        query(
            "--safe",
            "--db",
            database.toString(),
            "-o",
            "csv",
            "SELECT count(*) AS n FROM modules");
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("n\n1\n", result.out());
    assertTrue(Files.exists(database));
  }

  private static void assertRefused(Cli.Result result, String path) {
    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    assertEquals(
        "wasitrace: Permission Error: Cannot access file \""
            + path
            + "\" - file system operations are disabled by configuration (query --safe forbids"
            + " it)\n",
        result.err());
  }
}
