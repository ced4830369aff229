package dev.wasitrace.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test-side edits of a registry: the states a real one gets into (killed runs, near-twin IDs). */
final class RegistryFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Arrow's end-of-stream marker: continuation token and a zero length. */
  static final int END_OF_STREAM_BYTES = 8;

  private RegistryFiles() {}

  static Path processDir(Path home, String id) {
    return home.resolve("processes").resolve(id);
  }

  /** Copies a process folder under another ID, as a second run with that ID would leave it. */
  static void copyProcess(Path home, String id, String newId) throws IOException {
    Path from = processDir(home, id);
    Path to = processDir(home, newId);
    Files.createDirectory(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    ObjectNode info = (ObjectNode) JSON.readTree(to.resolve("process.json").toFile());
    info.put("id", newId);
    write(home, info);
  }

  /** What kill -9 leaves: metadata still saying running, for a host process that is gone. */
  static void markKilled(Path home, String id) throws IOException {
    Path file = processDir(home, id).resolve("process.json");
    ObjectNode info = (ObjectNode) JSON.readTree(file.toFile());
    info.put("status", "running");
    info.put("hostPid", Long.MAX_VALUE); // no such process
    info.remove("endTime");
    info.remove("exitCode");
    info.remove("records");
    write(home, info);
  }

  /** Writes edited metadata as the registry does, with its checksum. */
  private static void write(Path home, ObjectNode info) throws IOException {
    info.remove("crc32c");
    Registry.openForWriting(home)
        .writeProcess(
            JSON.copy()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .treeToValue(info, ProcessInfo.class));
  }

  /** Cuts bytes off the end of a process's log. */
  static void truncateLog(Path home, String id, int bytes) throws IOException {
    try (RandomAccessFile log =
        new RandomAccessFile(processDir(home, id).resolve("log.arrow").toFile(), "rw")) {
      log.setLength(log.length() - bytes);
    }
  }
}
