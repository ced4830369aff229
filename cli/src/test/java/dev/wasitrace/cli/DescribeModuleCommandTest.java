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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeModuleCommandTest {
  @TempDir Path home;
  private String digest;
  private long size;

  private Cli cli() {
    return new Cli(home);
  }

  @BeforeEach
  void recordHello() throws Exception {
    assertEquals(0, cli().run("run", TestData.wasm("hello").toString()).exitCode());
    byte[] bytes = Files.readAllBytes(TestData.wasm("hello"));
    digest = Registry.sha256(bytes);
    size = bytes.length;
  }

  @Test
  void nameSizeImportsExportsAndMemory() {
    Cli.Result describe = cli().run("describe", "module", digest.substring(0, 12));
    assertEquals(0, describe.exitCode(), describe.err());
    List<String> lines = describe.out().lines().toList();
    assertEquals("ID: sha256:" + digest, lines.get(0));
    assertEquals("Name: hello.wasm", lines.get(1));
    assertEquals("Size: " + ByteSize.format(size), lines.get(2));
    assertTrue(
        lines.get(3).matches("Compiled: yes \\(Endive [0-9.]+, [\\d.]+ KiB\\)"), lines.get(3));
    assertEquals("Imports:", lines.get(4));
    assertTrue(
        lines.contains("  wasi_snapshot_preview1.fd_write: func (i32, i32, i32, i32) -> i32"),
        describe.out());
    assertTrue(
        lines.contains("  wasi_snapshot_preview1.proc_exit: func (i32) -> ()"), describe.out());
    assertTrue(lines.contains("Exports:"), describe.out());
    assertTrue(lines.contains("  _start: func () -> ()"), describe.out());
    assertTrue(lines.contains("  memory: memory"), describe.out());
    String memory = lines.get(lines.size() - 1);
    assertTrue(
        memory.matches("Memory: initial \\d+ pages \\([\\d.]+ KiB\\), max 65536 pages \\(4 GiB\\)"),
        memory);
  }

  @Test
  void aModuleRunOnlyByTheInterpreterIsNotCompiled() throws Exception {
    Path other = TestData.wasm("compute");
    assertEquals(0, cli().run("run", "--interpreter", other.toString(), "1").exitCode());
    String hex = Registry.sha256(Files.readAllBytes(other));
    List<String> lines = cli().run("describe", "module", hex).out().lines().toList();
    assertEquals("Compiled: no (its next run compiles it)", lines.get(3));
  }

  @Test
  void theFullIdAndItsSha256FormWork() {
    String byFullId = cli().run("describe", "module", "sha256:" + digest).out();
    assertEquals(byFullId, cli().run("describe", "mod", digest).out());
    assertEquals(
        byFullId, cli().run("describe", "module", "sha256:" + digest.substring(0, 6)).out());
  }

  @Test
  void json() throws Exception {
    Cli.Result describe = cli().run("describe", "module", digest.substring(0, 12), "-o", "json");
    assertEquals(0, describe.exitCode(), describe.err());
    JsonNode json = new ObjectMapper().readTree(describe.out());
    assertEquals("sha256:" + digest, json.get("module_id").asText());
    assertEquals(size, json.get("size").asLong());
    assertTrue(json.get("compiled_runtime").asText().startsWith("Endive "), describe.out());
    assertTrue(json.get("compiled_size").asLong() > 0, describe.out());
    boolean fdWrite = false;
    for (JsonNode entry : json.get("imports")) {
      fdWrite |=
          entry.get("module").asText().equals("wasi_snapshot_preview1")
              && entry.get("name").asText().equals("fd_write")
              && entry.get("signature").asText().equals("(i32, i32, i32, i32) -> i32");
    }
    assertTrue(fdWrite, describe.out());
    assertEquals(65536, json.get("memories").get(0).get("max_pages").asInt());
  }
}
