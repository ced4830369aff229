package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetCommandTest {
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

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void processesAsAnAlignedTableMostRecentFirst() throws Exception {
    String first = record("hello", "one");
    String second = record("stdin_echo");

    Cli.Result get = cli().run("get", "process");
    assertEquals(0, get.exitCode(), get.err());
    assertEquals("", get.err());
    List<String> lines = lines(get.out());
    assertEquals(3, lines.size(), get.out());
    String header = lines.get(0);
    assertTrue(header.matches("PROCESS ID {28}START +SIZE +MODULE +STATUS"), header);
    assertTrue(lines.get(1).startsWith(second + "  "), get.out());
    assertTrue(lines.get(2).startsWith(first + "  "), get.out());
    for (String line : lines.subList(1, 3)) {
      // Each cell starts where its header does.
      assertTrue(line.substring(header.indexOf("START")).matches("(just now|\\d+s ago) .*"), line);
      assertTrue(line.substring(header.indexOf("SIZE")).matches("\\d+(\\.\\d+)? (B|KiB) .*"), line);
      assertTrue(line.substring(header.indexOf("STATUS")).equals("exited (0)"), line);
    }
    assertTrue(lines.get(1).substring(header.indexOf("MODULE")).startsWith("stdin_echo.wasm "));
    assertTrue(lines.get(2).substring(header.indexOf("MODULE")).startsWith("hello.wasm "));

    for (String alias : List.of("processes", "ps")) {
      Cli.Result aliased = cli().run("get", alias);
      assertEquals(0, aliased.exitCode(), aliased.err());
      assertEquals(header, lines(aliased.out()).get(0));
      assertEquals(3, lines(aliased.out()).size());
    }
  }

  @Test
  void processesAsJsonWithFullValues() throws Exception {
    String first = record("hello");
    String second = record("hello", "again");

    Cli.Result get = cli().run("get", "ps", "-o", "json");
    assertEquals(0, get.exitCode(), get.err());
    JsonNode processes = JSON.readTree(get.out());
    assertTrue(processes.isArray());
    assertEquals(2, processes.size());
    assertEquals(second, processes.get(0).get("process_id").asText());
    assertEquals(first, processes.get(1).get("process_id").asText());
    Registry registry = Registry.open(home);
    String digest = Registry.sha256(Files.readAllBytes(TestData.wasm("hello")));
    for (JsonNode process : processes) {
      String id = process.get("process_id").asText();
      assertEquals(Files.size(registry.logPath(id)), process.get("size").asLong());
      assertEquals("hello.wasm", process.get("module_name").asText());
      assertEquals("sha256:" + digest, process.get("module_id").asText());
      assertEquals("exited", process.get("status").asText());
      assertEquals(0, process.get("exit_code").asInt());
      java.time.Instant.parse(process.get("start_time").asText()); // ISO-8601
    }
  }

  @Test
  void processesAsCsvWithAHeaderRow() throws Exception {
    String id = record("hello");
    Cli.Result get = cli().run("get", "process", "--format", "csv");
    assertEquals(0, get.exitCode(), get.err());
    List<String> lines = lines(get.out());
    assertEquals(
        "process_id,start_time,end_time,size,module_name,module_id,status,exit_code", lines.get(0));
    assertEquals(2, lines.size());
    String[] fields = lines.get(1).split(",");
    assertEquals(id, fields[0]);
    assertEquals(Long.toString(Files.size(Registry.open(home).logPath(id))), fields[3]);
    assertEquals("hello.wasm", fields[4]);
    assertEquals("exited", fields[6]);
    assertEquals("0", fields[7]);
  }

  @Test
  void theStatusShowsTheExitCode() {
    Cli.Result run = cli().run("run", "--env", "EXIT_CODE=3", TestData.wasm("hello").toString());
    assertEquals(3, run.exitCode(), run.err());
    Cli.Result get = cli().run("get", "ps");
    assertTrue(
        get.out().lines().skip(1).findFirst().orElseThrow().endsWith("  exited (3)"), get.out());
  }

  @Test
  void modulesInEveryFormat() throws Exception {
    record("hello");
    record("hello", "same module, stored once");
    record("stdin_echo");
    byte[] hello = Files.readAllBytes(TestData.wasm("hello"));
    String helloDigest = Registry.sha256(hello);

    Cli.Result table = cli().run("get", "module");
    assertEquals(0, table.exitCode(), table.err());
    List<String> lines = lines(table.out());
    assertEquals(3, lines.size(), table.out());
    assertTrue(lines.get(0).matches("MODULE ID {5}MODULE NAME +SIZE"), lines.get(0));
    String helloLine =
        lines.stream().filter(l -> l.contains("hello.wasm")).findFirst().orElseThrow();
    assertTrue(
        helloLine.matches(
            helloDigest.substring(0, 12) + "  hello\\.wasm +" + ByteSize.format(hello.length)),
        helloLine);

    JsonNode modules = JSON.readTree(cli().run("get", "modules", "-o", "json").out());
    assertEquals(2, modules.size());
    JsonNode helloJson = modules.get(1);
    assertEquals("sha256:" + helloDigest, helloJson.get("module_id").asText());
    assertEquals("hello.wasm", helloJson.get("module_name").asText());
    assertEquals(hello.length, helloJson.get("size").asLong());
    assertEquals("stdin_echo.wasm", modules.get(0).get("module_name").asText());

    List<String> csv = lines(cli().run("get", "mod", "-o", "csv").out());
    assertEquals("module_id,module_name,size,stored_time", csv.get(0));
    String helloRow = "sha256:" + helloDigest + ",hello.wasm," + hello.length + ",";
    assertTrue(csv.stream().anyMatch(l -> l.startsWith(helloRow)), String.join("\n", csv));
  }

  @Test
  void anEmptyRegistryPrintsJustTheHeader() {
    assertEquals("PROCESS ID  START  SIZE  MODULE  STATUS\n", cli().run("get", "process").out());
    assertEquals("MODULE ID  MODULE NAME  SIZE\n", cli().run("get", "module").out());
    assertEquals("[]\n", cli().run("get", "process", "-o", "json").out());
    assertEquals("[]\n", cli().run("get", "module", "-o", "json").out());
    assertEquals(
        "module_id,module_name,size,stored_time\n", cli().run("get", "module", "-o", "csv").out());
  }

  @Test
  void getAloneListsTheResourceTypes() {
    Cli.Result get = cli().run("get");
    assertEquals(0, get.exitCode(), get.err());
    List<String> lines = lines(get.out());
    assertTrue(lines.get(0).startsWith("RESOURCE TYPE"), get.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("process +processes, ps.*")), get.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("module +modules, mod.*")), get.out());
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    Cli.Result get = cli().run("get", "process", "-o", "xml");
    assertEquals(1, get.exitCode());
    assertTrue(
        get.err().startsWith("wasitrace: Invalid value for option '--output': 'xml'"), get.err());
  }
}
