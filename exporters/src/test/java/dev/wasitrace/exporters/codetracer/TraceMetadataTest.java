package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.registry.ProcessInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceMetadataTest {
  @TempDir Path dir;

  private static ProcessInfo process(String id, String start, List<String> args) {
    return new ProcessInfo(
        id,
        start == null ? null : java.time.Instant.parse(start),
        null,
        "ab12",
        "hello.wasm",
        args,
        List.of(),
        List.of(),
        "r",
        "compiler",
        null,
        ProcessInfo.Status.EXITED,
        0,
        null,
        3L);
  }

  @Test
  void programArgsWorkdirAndRecordingId() throws IOException {
    ProcessInfo process =
        process(
            "4488db20-4aa5-4ce2-93a4-ed42408c431b",
            "2026-11-22T07:20:10.557Z",
            List.of("examples/hello.wasm", "a", "b c"));
    Path file = dir.resolve("trace_metadata.json");
    TraceMetadata.write(file, process, "/wasitrace/x", FormatVersion.V0_14, "0.1.0");
    JsonNode meta = new ObjectMapper().readTree(file.toFile());
    assertEquals("/wasitrace/x", meta.get("workdir").asText());
    assertEquals("examples/hello.wasm", meta.get("program").asText());
    assertEquals("[\"a\",\"b c\"]", meta.get("args").toString());
    assertEquals(TraceMetadata.recordingId(process), meta.get("recording_id").asText());
    assertEquals("0.14", meta.get("recorder").get("format_version").asText());
    assertEquals("sha256:ab12", meta.get("recorder").get("module_digest").asText());
  }

  @Test
  void theRecordingIdIsAStableUuidV7OfTheStartTime() {
    String start = "2026-11-22T07:20:10.557Z";
    ProcessInfo process = process(UUID.randomUUID().toString(), start, List.of());
    String id = TraceMetadata.recordingId(process);
    assertTrue(
        id.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
    assertEquals(id, TraceMetadata.recordingId(process));
    UUID uuid = UUID.fromString(id);
    assertEquals(Instant.parse(start).toEpochMilli(), uuid.getMostSignificantBits() >>> 16);
    assertNotEquals(
        id, TraceMetadata.recordingId(process(UUID.randomUUID().toString(), start, List.of())));
  }
}
