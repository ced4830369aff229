package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.log.LogStats;
import dev.wasitrace.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasitrace trace summary}: strace -c over real recorded runs. */
class TraceSummaryCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private Cli cli() {
    return new Cli(home);
  }

  private String record(String guest, String... args) {
    List<String> command =
        new java.util.ArrayList<>(List.of("run", TestData.wasm(guest).toString()));
    command.addAll(List.of(args));
    Cli.Result run = cli().run(command);
    assertEquals(0, run.exitCode(), run.err());
    return run.processId();
  }

  private long records(String id) throws Exception {
    return LogStats.scan(RegistryFiles.processDir(home, id).resolve("log.arrow")).records();
  }

  @Test
  void aTablePerFunctionWithTheTotalLast() throws Exception {
    String id = record("writeloop", "500");
    Cli.Result summary = cli().run("trace", "summary", id.substring(0, 8));
    assertEquals(0, summary.exitCode(), summary.err());
    List<String> lines = summary.out().lines().toList();
    assertEquals("% time     seconds  usecs/call     calls    errors syscall", lines.get(0));
    String rule = "------ ----------- ----------- --------- --------- ----------------";
    assertEquals(rule, lines.get(1));
    assertEquals(rule, lines.get(lines.size() - 2));
    String row = "[ \\d]{3}\\.\\d\\d +\\d+\\.\\d{6} +\\d+ +\\d+ +\\d* [a-z_]+";
    for (String line : lines.subList(2, lines.size() - 2)) {
      assertTrue(line.matches(row), line);
    }
    assertTrue(lines.get(2).endsWith(" 500           fd_write"), lines.get(2));
    String total = lines.get(lines.size() - 1);
    assertTrue(total.matches("100\\.00 +\\d+\\.\\d{6} +\\d+ +" + records(id) + " +total"), total);
  }

  @Test
  void totalsOverSeveralProcessesEqualTheirCalls() throws Exception {
    String a = record("hello", "x");
    String b = record("writeloop", "300");
    String c = record("clocks");
    Cli.Result json = cli().run("trace", "summary", "-o", "json", a, b, c);
    assertEquals(0, json.exitCode(), json.err());
    JsonNode rows = JSON.readTree(json.out());
    JsonNode total = rows.get(rows.size() - 1);
    assertEquals("total", total.get("syscall").asText());
    assertEquals(records(a) + records(b) + records(c), total.get("calls").asLong());
    long calls = 0;
    long errors = 0;
    for (JsonNode row : rows) {
      if (row != total) {
        calls += row.get("calls").asLong();
        errors += row.get("errors").asLong();
      }
    }
    assertEquals(total.get("calls").asLong(), calls);
    assertEquals(total.get("errors").asLong(), errors);

    Cli.Result all = cli().run("trace", "summary", "--all", "-o", "json");
    assertEquals(json.out(), all.out());
  }

  @Test
  void needsIdsOrAll() {
    Cli.Result result = cli().run("trace", "summary");
    assertEquals(1, result.exitCode());
    assertEquals("wasitrace: give one or more process IDs, or --all\n", result.err());
    Cli.Result unknown = cli().run("trace", "summary", "0000");
    assertEquals(1, unknown.exitCode());
    assertEquals("wasitrace: no process matches ID 0000\n", unknown.err());
  }
}
