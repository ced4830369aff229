package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.log.LogReader;
import dev.wasitrace.log.LogStats;
import dev.wasitrace.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code query} and {@code trace summary} over registries in the states real ones get into. */
class QueryRegistryStatesTest {
  @TempDir Path home;

  private Cli cli() {
    return new Cli(home);
  }

  @Test
  void anEmptyRegistryGivesEmptyTables() {
    for (String table : List.of("processes", "modules", "syscalls", "network_events")) {
      Cli.Result count = cli().run("query", "SELECT count(*) AS n FROM " + table);
      assertEquals(0, count.exitCode(), count.err());
      assertEquals("", count.err());
      assertEquals("n\n0\n", count.out(), table);
    }
    Cli.Result empty = cli().run("query", "-o", "json", "SELECT * FROM syscalls");
    assertEquals("[]\n", empty.out());
    Cli.Result summary = cli().run("trace", "summary", "--all");
    assertEquals(0, summary.exitCode(), summary.err());
    assertTrue(
        summary.out().endsWith("  0.00    0.000000           0         0           total\n"));
  }

  @Test
  void aLogCutMidBatchIsAnalysedUpToItsLastWholeBatchWithAWarning() throws Exception {
    Cli.Result run = cli().run("run", TestData.wasm("writeloop").toString(), "140000");
    assertEquals(0, run.exitCode(), run.err());
    Path log = RegistryFiles.processDir(home, run.processId()).resolve("log.arrow");
    long records = LogStats.scan(log).records();
    long lastBatch = 0;
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        lastBatch = reader.batch().rows();
      }
      assertTrue(reader.batchesRead() >= 3, "three batches at least: " + reader.batchesRead());
    }
    // A copy of the log, cut in the middle of its last batch, as a killed run leaves it.
    String cut = "0123abcd-0000-4000-8000-000000000000";
    RegistryFiles.copyProcess(home, run.processId(), cut);
    RegistryFiles.markKilled(home, cut);
    RegistryFiles.truncateLog(home, cut, 100);
    long whole = records - lastBatch;

    Cli.Result query =
        cli()
            .run(
                "query",
                "-o",
                "csv",
                "-p",
                "0123abcd",
                "SELECT count(*) AS n, max(seq) AS last FROM syscalls");
    assertEquals(0, query.exitCode(), query.err());
    assertEquals("n,last\n" + whole + "," + (whole - 1) + "\n", query.out());
    List<String> err = query.err().lines().toList();
    assertEquals(1, err.size(), query.err());
    assertTrue(
        err.get(0).startsWith("wasitrace: warning: process " + cut + ": the log is cut short"),
        err.get(0));
    assertTrue(err.get(0).endsWith("; loaded its first " + whole + " records"), err.get(0));

    Cli.Result status =
        cli()
            .run(
                "query",
                "-o",
                "csv",
                "-p",
                cut,
                "SELECT status, records, log_complete FROM processes");
    assertEquals("status,records,log_complete\nkilled," + whole + ",false\n", status.out());

    // The whole log and the cut one together.
    Cli.Result both = cli().run("query", "SELECT count(*) AS n FROM syscalls");
    assertEquals("n\n" + (records + whole) + "\n", both.out());
    assertEquals("", both.err(), "a killed run is not news on every query of the registry");
  }

  @Test
  void anUnreadableLogIsAClearError() throws Exception {
    Cli.Result run = cli().run("run", TestData.wasm("hello").toString());
    assertEquals(0, run.exitCode(), run.err());
    Path log = RegistryFiles.processDir(home, run.processId()).resolve("log.arrow");
    Files.writeString(log, "this is not an Arrow stream");
    Cli.Result query = cli().run("query", "SELECT count(*) FROM syscalls");
    assertEquals(1, query.exitCode());
    assertEquals("", query.out());
    assertEquals(1, query.err().lines().count(), query.err());
    assertTrue(
        query
            .err()
            .startsWith("wasitrace: cannot read the log of process " + run.processId() + ": "),
        query.err());
    assertFalse(query.err().contains("\tat "), query.err());
  }
}
