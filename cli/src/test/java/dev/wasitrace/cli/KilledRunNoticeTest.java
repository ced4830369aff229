package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed run's log ends without its end-of-stream marker. That is said where it helps (the
 * status, {@code describe process}, {@code verify}, a command on that process alone), not before
 * every answer about the whole registry; {@code --quiet} silences it too.
 */
class KilledRunNoticeTest {
  private static final String KILLED = "0123abcd-0000-4000-8000-000000000000";
  private static final String NOTICE =
      "wasitrace: warning: process "
          + KILLED
          + ": the log ends without its end-of-stream marker (the run was killed or is still"
          + " running); loaded its first 5 records\n";

  @TempDir java.nio.file.Path home;
  private Cli cli;

  @BeforeEach
  void recordAndKillACopy() throws Exception {
    cli = new Cli(home);
    Cli.Result run = cli.run("run", TestData.wasm("writeloop").toString(), "3");
    assertEquals(0, run.exitCode(), run.err());
    // What kill -9 leaves: the metadata says running, the log lacks its end-of-stream marker.
    RegistryFiles.copyProcess(home, run.processId(), KILLED);
    RegistryFiles.markKilled(home, KILLED);
    RegistryFiles.truncateLog(home, KILLED, RegistryFiles.END_OF_STREAM_BYTES);
  }

  @Test
  void queriesAndTracesOfTheWholeRegistrySayNothingOfIt() {
    Cli.Result query = cli.run("query", "-o", "csv", "SELECT count(*) AS n FROM syscalls");
    assertEquals(0, query.exitCode(), query.err());
    assertEquals("n\n10\n", query.out());
    assertEquals("", query.err());
    Cli.Result summary = cli.run("trace", "summary", "--all");
    assertEquals(0, summary.exitCode(), summary.err());
    assertEquals("", summary.err());
    // It is in the processes table, for whoever asks.
    Cli.Result status =
        cli.run(
            "query",
            "-o",
            "csv",
            "SELECT status, log_complete FROM processes WHERE process_id = '" + KILLED + "'");
    assertEquals("status,log_complete\nkilled,false\n", status.out());
  }

  @Test
  void aBadSqlMessageIsTheOnlyLine() {
    Cli.Result query = cli.run("query", "SELEC 1");
    assertEquals(1, query.exitCode());
    assertEquals(1, query.err().lines().count(), query.err());
    assertTrue(query.err().startsWith("wasitrace: "), query.err());
  }

  @Test
  void aCommandOnThatProcessAloneSaysItOnce() {
    Cli.Result query = cli.run("query", "-p", "0123abcd", "SELECT count(*) AS n FROM syscalls");
    assertEquals(0, query.exitCode(), query.err());
    assertEquals(NOTICE, query.err());
    Cli.Result summary = cli.run("trace", "summary", KILLED);
    assertEquals(NOTICE, summary.err());
  }

  @Test
  void quietSilencesItWhereverTheOptionStands() {
    for (String[] args :
        new String[][] {
          {"--quiet", "query", "-p", KILLED, "SELECT 1 AS one"},
          {"query", "-q", "-p", KILLED, "SELECT 1 AS one"},
        }) {
      Cli.Result query = cli.run(args);
      assertEquals(0, query.exitCode(), query.err());
      assertEquals("one\n1\n", query.out());
      assertEquals("", query.err());
    }
  }

  @Test
  void aCodeTracerExportOfItSaysItUnlessQuiet() {
    java.nio.file.Path trace = home.resolve("trace");
    Cli.Result export = cli.run("export", "codetracer", KILLED, "-o", trace.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertTrue(
        export.err().startsWith("wasitrace: warning: the log of process " + KILLED + " is"),
        export.err());
    Cli.Result quiet =
        cli.run("export", "codetracer", "--quiet", KILLED, "-o", home.resolve("t2").toString());
    assertEquals(0, quiet.exitCode(), quiet.err());
    assertEquals("", quiet.err());
  }

  @Test
  void statusDescribeAndVerifySayIt() {
    assertTrue(cli.run("get", "process").out().contains(" killed\n"));
    String described = cli.run("describe", "process", KILLED).out();
    assertTrue(described.contains("cut short (the run was killed)"), described);
    Cli.Result verify = cli.run("verify");
    assertEquals(0, verify.exitCode(), verify.out());
    assertEquals(
        "wasitrace: verified 2 process(es) and 1 module(s): no damage; 1 log(s) end early where"
            + " their run was killed, as they should\n",
        verify.err());
  }
}
