package dev.wasitrace.cli;

import dev.wasitrace.log.LogStats;
import dev.wasitrace.registry.ModuleInfo;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasitrace describe process ID}: a process's metadata and the sizes of its log. */
@Command(
    name = "process",
    aliases = {"processes", "ps", "proc", "procs"},
    mixinStandardHelpOptions = true,
    description = "A recorded process: start, runtime, module, args, env, status and its log.")
final class DescribeProcessCommand implements Callable<Integer> {
  /** A log is one Arrow stream; Timecraft's table has a row per segment, so ours has one. */
  private static final int SEGMENTS = 1;

  @ParentCommand DescribeCommand describe;
  @Mixin OutputOption output;

  @Parameters(paramLabel = "ID", description = "Process ID, or a unique prefix of one.")
  String idPrefix;

  @Override
  public Integer call() throws IOException {
    Registry registry = Registry.open(describe.main.registryRoot());
    ProcessInfo info = registry.readProcess(registry.resolveProcess(idPrefix));
    Path log = registry.logPath(info.id());
    LogStats stats = Files.exists(log) ? LogStats.scan(log) : null;
    ModuleInfo module = storedModule(registry, info);
    switch (output.format) {
      case TABLE -> printText(describe.main.out, info, module, stats);
      case JSON -> JsonOutput.print(describe.main.out, json(info, module, stats, log));
      case CSV -> throw new UserError("describe prints text or JSON: use -o table or -o json");
    }
    return 0;
  }

  private static void printText(
      PrintStream out, ProcessInfo info, ModuleInfo module, LogStats stats) {
    out.println("ID: " + info.id());
    out.println(
        "Start: "
            + RelativeTime.agoWithDate(info.startTime(), Instant.now(), ZoneId.systemDefault()));
    out.println("Runtime: " + info.runtime());
    out.println("Modules:");
    out.println(
        "  " + module.id() + ": " + module.name() + " (" + ByteSize.format(module.size()) + ")");
    printList(out, "Args:", info.args());
    printList(out, "Env:", info.env());
    if (info.dirs() != null && !info.dirs().isEmpty()) {
      printList(out, "Dirs:", info.dirs());
    }
    out.println("Status: " + status(info, stats));
    if (info.exitCode() != null) {
      out.println("Exit code: " + info.exitCode());
    }
    if (info.error() != null) {
      out.println("Error: " + info.error());
    }
    LogStats s = stats != null ? stats : new LogStats(0, 0, 0, 0, 0, 0, true, false, null, false);
    int segments = stats != null ? SEGMENTS : 0;
    out.println(
        "Records: "
            + s.records()
            + ", "
            + s.batches()
            + " batch(es), "
            + segments
            + " segment(s), "
            + ByteSize.format(s.compressedBytes())
            + "/"
            + ByteSize.format(s.uncompressedBytes())
            + " +"
            + ByteSize.format(s.metadataBytes())
            + " (compression: "
            + Percent.format(s.compressionRatio())
            + ")");
    String incomplete = incompleteLog(info, stats);
    if (incomplete != null) {
      out.println("Log: " + incomplete);
    }
    out.println("---");
    List<List<String>> rows =
        stats == null
            ? List.of()
            : List.of(
                List.of(
                    "0",
                    Long.toString(s.records()),
                    Long.toString(s.batches()),
                    duration(info),
                    ByteSize.format(s.fileBytes()),
                    ByteSize.format(s.uncompressedBytes()),
                    ByteSize.format(s.compressedBytes()),
                    Percent.format(s.compressionRatio())));
    TableOutput.print(
        out,
        List.of(
            "SEGMENT",
            "RECORDS",
            "BATCHES",
            "DURATION",
            "SIZE",
            "UNCOMPRESSED SIZE",
            "COMPRESSED SIZE",
            "COMPRESSION RATIO"),
        rows);
  }

  private static void printList(PrintStream out, String label, List<String> values) {
    out.println(label);
    if (values != null) {
      values.forEach(v -> out.println("  " + v));
    }
  }

  /** The run's status, and where its log is damaged if it is. */
  static String status(ProcessInfo info, LogStats stats) {
    if (stats == null) {
      return info.ended()
          ? info.effectiveStatus().label() + ", damaged (its log is missing)"
          : info.effectiveStatus().label();
    }
    return stats.damaged()
        ? info.effectiveStatus().label() + ", damaged at record " + stats.records()
        : info.effectiveStatus().label();
  }

  /** Why the log lacks the end of the run, or null when it has all of it. */
  static String incompleteLog(ProcessInfo info, LogStats stats) {
    if (stats == null) {
      return info.ended()
          ? "damaged: its file is missing although the run ended"
          : "none (the run ended before its log was created)";
    }
    String readable = stats.batches() + " whole batch(es) readable";
    if (stats.damaged()) {
      return stats.problem() + "; " + readable;
    }
    return switch (info.effectiveStatus()) {
      case KILLED -> "cut short (the run was killed); " + readable;
      case RUNNING -> "still being written (the run is going on); " + readable + " so far";
      default -> {
        if (stats.cutShort()) {
          yield stats.problem() + "; " + readable;
        }
        yield info.ended() && !stats.complete()
            ? "cut short: it ends without its end-of-stream marker although the run ended; "
                + readable
            : null;
      }
    };
  }

  /** From start to end of the run; {@code -} while it has no end. */
  private static String duration(ProcessInfo info) {
    if (info.startTime() == null || info.endTime() == null) {
      return "-";
    }
    return ElapsedTime.format(Duration.between(info.startTime(), info.endTime()));
  }

  private static ModuleInfo storedModule(Registry registry, ProcessInfo info) {
    try {
      return registry.readModule(info.moduleDigest());
    } catch (IOException e) {
      // The registry lost the module file; still describe the process.
      return new ModuleInfo(info.moduleDigest(), info.moduleName() + " (missing)", 0, null);
    }
  }

  private static Map<String, Object> json(
      ProcessInfo info, ModuleInfo module, LogStats stats, Path logPath) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", info.id());
    json.put("start_time", Listing.iso(info.startTime()));
    json.put("end_time", Listing.iso(info.endTime()));
    json.put("runtime", info.runtime());
    json.put("engine", info.engine());
    Map<String, Object> moduleJson = new LinkedHashMap<>();
    moduleJson.put("id", module.id());
    moduleJson.put("name", module.name());
    moduleJson.put("size", module.size());
    json.put("modules", List.of(moduleJson));
    json.put("args", info.args());
    json.put("env", info.env());
    json.put("dirs", info.dirs());
    json.put("status", info.effectiveStatus().label());
    if (stats != null && stats.damaged()) {
      json.put("damaged_at_record", stats.records());
    }
    json.put("exit_code", info.exitCode());
    json.put("error", info.error());
    json.put("host_pid", info.hostPid());
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("path", logPath.toString());
    if (stats != null) {
      log.put("records", stats.records());
      log.put("batches", stats.batches());
      log.put("segments", SEGMENTS);
      log.put("compressed_bytes", stats.compressedBytes());
      log.put("uncompressed_bytes", stats.uncompressedBytes());
      log.put("metadata_bytes", stats.metadataBytes());
      log.put("file_bytes", stats.fileBytes());
      log.put("compression_ratio", stats.compressionRatio());
    }
    log.put("incomplete", incompleteLog(info, stats));
    json.put("log", log);
    return json;
  }
}
