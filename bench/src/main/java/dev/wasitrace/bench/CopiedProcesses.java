package dev.wasitrace.bench;

import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Fills a registry for listing benchmarks: copies its one recorded process until it holds N, each
 * copy with an ID of its own (its log, and its metadata written by the registry, so checksummed).
 * (The copies' logs still name the original process: a listing reads only their size.) Usage:
 * CopiedProcesses HOME N
 */
public final class CopiedProcesses {
  private CopiedProcesses() {}

  public static void main(String[] args) throws Exception {
    Registry registry = Registry.openForWriting(Path.of(args[0]));
    int wanted = Integer.parseInt(args[1]);
    List<ProcessInfo> recorded = registry.processes(skipped -> {});
    ProcessInfo original = recorded.get(0);
    for (int i = recorded.size(); i < wanted; i++) {
      String id = UUID.randomUUID().toString();
      ProcessInfo copy =
          new ProcessInfo(
              id,
              original.startTime(),
              original.endTime(),
              original.moduleDigest(),
              original.moduleName(),
              original.args(),
              original.env(),
              original.dirs(),
              original.runtime(),
              original.engine(),
              original.hostPid(),
              original.status(),
              original.exitCode(),
              original.error(),
              original.records());
      Path from = registry.processDir(original.id());
      Path to = Files.createDirectory(registry.processDir(id));
      try (var files = Files.list(from)) {
        for (Path file : files.toList()) {
          if (!file.getFileName().toString().equals("process.json")) {
            Files.copy(file, to.resolve(file.getFileName()));
          }
        }
      }
      registry.writeProcess(copy);
    }
  }
}
