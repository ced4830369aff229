package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeProcessCommandTest {
  private static final Pattern RECORDS =
      Pattern.compile(
          "Records: (\\d+), (\\d+) batch\\(es\\), 1 segment\\(s\\), "
              + "[\\d.]+ (B|KiB)/[\\d.]+ (B|KiB) \\+[\\d.]+ (B|KiB) \\(compression: [\\d.]+%\\)");

  @TempDir Path home;

  private Cli cli() {
    return new Cli(home);
  }

  private String recordHello() {
    Cli.Result run =
        cli()
            .run(
                "run", "--env", "GREETING=hi", TestData.wasm("hello").toString(), "foo", "bar baz");
    assertEquals(0, run.exitCode(), run.err());
    return run.processId();
  }

  private long rowsInLog(String id) throws Exception {
    try (LogReader reader = new LogReader(Registry.open(home).logPath(id))) {
      while (reader.next()) {
        // counting
      }
      return reader.rowsRead();
    }
  }

  @Test
  void theSeedLayout() throws Exception {
    String id = recordHello();
    Cli.Result describe = cli().run("describe", "process", id);
    assertEquals(0, describe.exitCode(), describe.err());
    assertEquals("", describe.err());
    List<String> lines = describe.out().lines().toList();
    String digest = Registry.sha256(Files.readAllBytes(TestData.wasm("hello")));

    assertEquals("ID: " + id, lines.get(0));
    assertTrue(
        lines
            .get(1)
            .matches(
                "Start: (just now|\\d+s ago), \\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\S+"),
        lines.get(1));
    assertTrue(lines.get(2).startsWith("Runtime: wasitrace "), lines.get(2));
    assertEquals("Modules:", lines.get(3));
    assertTrue(
        lines.get(4).matches("  sha256:" + digest + ": hello\\.wasm \\([\\d.]+ KiB\\)"),
        lines.get(4));
    assertEquals("Args:", lines.get(5));
    assertEquals("  " + TestData.wasm("hello"), lines.get(6));
    assertEquals("  foo", lines.get(7));
    assertEquals("  bar baz", lines.get(8));
    assertEquals("Env:", lines.get(9));
    assertEquals("  GREETING=hi", lines.get(10));
    assertEquals("Status: exited", lines.get(11));
    assertEquals("Exit code: 0", lines.get(12));

    Matcher records = RECORDS.matcher(lines.get(13));
    assertTrue(records.matches(), lines.get(13));
    long rows = rowsInLog(id);
    assertTrue(rows > 0);
    assertEquals(rows, Long.parseLong(records.group(1)));
    assertEquals("1", records.group(2));

    assertEquals("---", lines.get(14));
    assertEquals(
        "SEGMENT  RECORDS  BATCHES  DURATION  SIZE      UNCOMPRESSED SIZE  COMPRESSED SIZE  COMPRESSION RATIO",
        lines.get(15));
    String size = ByteSize.format(Files.size(Registry.open(home).logPath(id)));
    assertTrue(
        lines
            .get(16)
            .matches("0 +" + rows + " +1 +\\d+(ms|\\.\\ds|s) +" + Pattern.quote(size) + " +.*%"),
        lines.get(16));
    assertEquals(17, lines.size(), describe.out());
  }

  @Test
  void noEnvironmentMeansAnEmptyEnvSection() {
    Cli.Result run = cli().run("run", TestData.wasm("hello").toString());
    String out = cli().run("describe", "ps", run.processId()).out();
    assertTrue(out.contains("Env:\nStatus: exited\n"), out);
  }

  @Test
  void jsonHasTheMetadataAndTheLogSizes() throws Exception {
    String id = recordHello();
    Cli.Result describe = cli().run("describe", "process", id.substring(0, 8), "-o", "json");
    assertEquals(0, describe.exitCode(), describe.err());
    JsonNode json = new ObjectMapper().readTree(describe.out());
    assertEquals(id, json.get("id").asText());
    assertEquals("exited", json.get("status").asText());
    assertEquals(0, json.get("exit_code").asInt());
    assertEquals("bar baz", json.get("args").get(2).asText());
    assertEquals("hello.wasm", json.get("modules").get(0).get("name").asText());
    JsonNode log = json.get("log");
    assertEquals(rowsInLog(id), log.get("records").asLong());
    assertEquals(Files.size(Registry.open(home).logPath(id)), log.get("file_bytes").asLong());
    assertTrue(log.get("incomplete").isNull());
  }

  @Test
  void aKilledRunSaysItsLogIsCutShort() throws Exception {
    String id = recordHello();
    RegistryFiles.markKilled(home, id);
    RegistryFiles.truncateLog(home, id, RegistryFiles.END_OF_STREAM_BYTES);

    Cli.Result describe = cli().run("describe", "process", id);
    assertEquals(0, describe.exitCode(), describe.err());
    assertTrue(describe.out().contains("\nStatus: killed\n"), describe.out());
    assertTrue(
        describe
            .out()
            .contains("\nLog: cut short (the run was killed); 1 whole batch(es) readable\n"),
        describe.out());
    assertTrue(
        describe.out().lines().toList().get(16).matches("0 +\\d+ +1 +- +.*"), describe.out());
  }

  @Test
  void csvIsNotADescribeFormat() {
    String id = recordHello();
    Cli.Result describe = cli().run("describe", "process", id, "-o", "csv");
    assertEquals(1, describe.exitCode());
    assertEquals(
        "wasitrace: describe prints text or JSON: use -o table or -o json\n", describe.err());
  }
}
