package dev.wasitrace.exporters.codetracer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wasitrace.registry.ProcessInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code trace_metadata.json}: the program and its arguments as the run was given them, the
 * workdir, and a {@code recording_id} (a UUIDv7, required by newer readers, ignored by older ones;
 * FORMAT.md §1.2). Extra keys describe the recording for people; CodeTracer ignores them.
 */
final class TraceMetadata {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TraceMetadata() {}

  static void write(
      Path file, ProcessInfo process, String workdir, FormatVersion version, String recorder)
      throws IOException {
    List<String> argv = process.args() == null ? List.of() : process.args();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("workdir", workdir);
    meta.put("program", argv.isEmpty() ? process.moduleName() : argv.get(0));
    meta.put("args", argv.isEmpty() ? List.of() : new ArrayList<>(argv.subList(1, argv.size())));
    meta.put("recording_id", recordingId(process));
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("name", "wasitrace");
    about.put("version", recorder);
    about.put("format_version", version.label());
    about.put("process_id", process.id());
    about.put("module", process.moduleName());
    about.put("module_digest", "sha256:" + process.moduleDigest());
    about.put("status", process.effectiveStatus().label());
    about.put("exit_code", process.exitCode());
    meta.put("recorder", about);
    JSON.writeValue(file.toFile(), meta);
  }

  /**
   * A UUIDv7 for the recording, derived from the process (its start time and its random ID), so
   * exporting the same process twice gives the same recording ID.
   */
  static String recordingId(ProcessInfo process) {
    long millis = process.startTime() == null ? 0 : process.startTime().toEpochMilli();
    long random;
    long high;
    try {
      UUID id = UUID.fromString(process.id());
      random = id.getLeastSignificantBits();
      high = id.getMostSignificantBits();
    } catch (IllegalArgumentException e) {
      random = process.id().hashCode();
      high = random;
    }
    long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (high & 0x0FFFL);
    long lsb = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
