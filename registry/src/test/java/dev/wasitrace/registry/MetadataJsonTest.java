package dev.wasitrace.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataJsonTest {
  /** What wasitrace 0.1.0 wrote, with Jackson's object mapper, and checksummed. */
  private static final ObjectMapper OBJECT_MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

  private static ProcessInfo process(String error, Integer exitCode, List<String> args) {
    return new ProcessInfo(
        "0f1e2d3c-0000-4000-8000-000000000001",
        Instant.parse("2026-12-08T03:12:32.617301807Z"),
        exitCode == null ? null : Instant.parse("2026-12-08T03:12:33.050Z"),
        "dcd2477355f48319a4644c15f48d107fb446f6cfb9c047d9818f02fa3c5f9bb7",
        "hello \"world\".wasm",
        args,
        List.of("A=1", "B=\u00e9\u4e2d"),
        List.of(),
        "wasitrace 0.1.0 (Endive 1.0.0, compiler)",
        "compiler",
        4_000_000_000L,
        exitCode == null ? ProcessInfo.Status.RUNNING : ProcessInfo.Status.TRAPPED,
        exitCode,
        error,
        exitCode == null ? null : 12_345_678_901L);
  }

  /**
   * The fields as version 0.1.0's record held them (strings, in declaration order), which its
   * object mapper wrote without the nulls.
   */
  private static Map<String, Object> asVersionZeroOneHeldIt(ProcessInfo info) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", info.id());
    fields.put("startTime", info.startTime().toString());
    fields.put("endTime", info.endTime() == null ? null : info.endTime().toString());
    fields.put("moduleDigest", info.moduleDigest());
    fields.put("moduleName", info.moduleName());
    fields.put("args", info.args());
    fields.put("env", info.env());
    fields.put("dirs", info.dirs());
    fields.put("runtime", info.runtime());
    fields.put("engine", info.engine());
    fields.put("hostPid", info.hostPid());
    fields.put("status", info.status().label());
    fields.put("exitCode", info.exitCode());
    fields.put("error", info.error());
    fields.put("records", info.records());
    return fields;
  }

  @Test
  void textIsWhatTheObjectMapperWrote() throws Exception {
    List<ProcessInfo> cases =
        List.of(
            process(null, null, List.of("a.wasm")),
            process("unreachable\n\tat f\u0001 \\ \u2028", 134, List.of("x", "", "\u00ff")),
            process(null, -1, null));
    for (ProcessInfo info : cases) {
      assertEquals(
          new String(
              OBJECT_MAPPER.writeValueAsBytes(asVersionZeroOneHeldIt(info)),
              StandardCharsets.UTF_8),
          new String(MetadataJson.process(info, null), StandardCharsets.UTF_8));
      assertEquals(info, MetadataJson.process(MetadataJson.process(info, "abc")).info());
    }
    ModuleInfo module =
        new ModuleInfo("ab", "m\u00e9.wasm", 31_000, Instant.parse("2026-12-08T03:12:32Z"));
    Map<String, Object> moduleFields = new LinkedHashMap<>();
    moduleFields.put("digest", "ab");
    moduleFields.put("name", "m\u00e9.wasm");
    moduleFields.put("size", 31_000L);
    moduleFields.put("storedTime", "2026-12-08T03:12:32Z");
    assertEquals(
        new String(OBJECT_MAPPER.writeValueAsBytes(moduleFields), StandardCharsets.UTF_8),
        new String(MetadataJson.module(module), StandardCharsets.UTF_8));
    assertEquals(module, MetadataJson.module(MetadataJson.module(module)));
  }

  @Test
  void readsWhatVersionZeroOneWrote(@TempDir Path root) throws IOException {
    String id = "00588dde-b3f7-4e9c-944c-4fc7f1e5fe67";
    Path dir = Files.createDirectories(root.resolve("processes").resolve(id));
    try (InputStream old = getClass().getResourceAsStream("process-0.1.0.json")) {
      Files.write(dir.resolve(Registry.PROCESS_FILE), old.readAllBytes());
    }
    ProcessInfo info = Registry.open(root).readProcess(id);
    assertEquals(Instant.parse("2026-12-08T03:12:32.617301807Z"), info.startTime());
    assertEquals(ProcessInfo.Status.EXITED, info.status());
    assertEquals("hello.wasm", info.moduleName());
    assertEquals(List.of("examples/hello.wasm"), info.args());
    assertEquals(16723L, info.hostPid());
    assertEquals(0, info.exitCode());
    assertEquals(7L, info.records());
  }

  @Test
  void nullsAndUnknownFieldsReadAsAbsent() throws Exception {
    ProcessInfo info =
        MetadataJson.process(
                "{\"id\" : \"a\", \"exitCode\" : null, \"args\" : null, \"new\" : {\"x\" : [1]}}"
                    .getBytes(StandardCharsets.UTF_8))
            .info();
    assertEquals("a", info.id());
    assertEquals(null, info.exitCode());
    assertEquals(null, info.args());
  }

  @Test
  void damageIsNamed() {
    for (String text :
        List.of(
            "",
            "[]",
            "{\"id\" : 3}",
            "{\"args\" : [1]}",
            "{\"hostPid\" : \"7\"}",
            "{\"exitCode\" : 99999999999}",
            "{\"exitCode\" : 1.5}",
            "{\"startTime\" : \"yesterday\"}",
            "{\"status\" : \"asleep\"}",
            "{\"records\" : 1e3}",
            "{\"records\" : 99999999999999999999}",
            "{\"id\" : \"a\"",
            "{\"id\" : \"a\"} {}",
            "{\"id\" : \"a\"} x")) {
      MetadataJson.DamagedException e =
          assertThrows(
              MetadataJson.DamagedException.class,
              () -> MetadataJson.process(text.getBytes(StandardCharsets.UTF_8)),
              text);
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), text);
    }
  }
}
