package dev.wasitrace.cli;

import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test-side edits of a registry: the states a real one gets into (killed runs, near-twin IDs). */
final class RegistryFiles {
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
    ProcessInfo info = Registry.open(home).readProcess(id);
    write(
        home,
        new ProcessInfo(
            newId,
            info.startTime(),
            info.endTime(),
            info.moduleDigest(),
            info.moduleName(),
            info.args(),
            info.env(),
            info.dirs(),
            info.runtime(),
            info.engine(),
            info.hostPid(),
            info.status(),
            info.exitCode(),
            info.error(),
            info.records()));
  }

  /** What kill -9 leaves: metadata still saying running, for a host process that is gone. */
  static void markKilled(Path home, String id) throws IOException {
    ProcessInfo info = Registry.open(home).readProcess(id);
    write(
        home,
        new ProcessInfo(
            info.id(),
            info.startTime(),
            null,
            info.moduleDigest(),
            info.moduleName(),
            info.args(),
            info.env(),
            info.dirs(),
            info.runtime(),
            info.engine(),
            Long.MAX_VALUE, // no such process
            ProcessInfo.Status.RUNNING,
            null,
            info.error(),
            null));
  }

  /** Writes edited metadata as the registry does, with its checksum. */
  private static void write(Path home, ProcessInfo info) throws IOException {
    Registry.openForWriting(home).writeProcess(info);
  }

  /** Cuts bytes off the end of a process's log. */
  static void truncateLog(Path home, String id, int bytes) throws IOException {
    try (RandomAccessFile log =
        new RandomAccessFile(processDir(home, id).resolve("log.arrow").toFile(), "rw")) {
      log.setLength(log.length() - bytes);
    }
  }
}
