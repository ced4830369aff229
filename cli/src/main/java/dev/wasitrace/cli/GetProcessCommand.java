package dev.wasitrace.cli;

import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code wasitrace get process}: recorded processes, most recent first. */
@Command(
    name = "process",
    aliases = {"processes", "ps", "proc", "procs"},
    mixinStandardHelpOptions = true,
    description = "Recorded processes, most recent first.")
final class GetProcessCommand implements Callable<Integer> {
  @ParentCommand GetCommand get;
  @Mixin OutputOption output;

  /** A process and the size of its log. */
  private record Row(ProcessInfo info, long logBytes) {}

  @Override
  public Integer call() throws IOException {
    Registry registry = Registry.open(get.main.registryRoot());
    List<Row> rows = new ArrayList<>();
    for (ProcessInfo info : registry.processes(get.main::damage)) {
      rows.add(new Row(info, logBytes(registry, info.id())));
    }
    Instant now = Instant.now();
    new Listing<Row>()
        .column("PROCESS ID", "process_id", r -> r.info().id(), r -> r.info().id())
        .column(
            "START",
            "start_time",
            r -> r.info().startTime() == null ? "?" : RelativeTime.ago(r.info().startTime(), now),
            r -> Listing.iso(r.info().startTime()))
        .field("end_time", r -> Listing.iso(r.info().endTime()))
        .column("SIZE", "size", r -> ByteSize.format(r.logBytes()), Row::logBytes)
        .column("MODULE", "module_name", r -> r.info().moduleName(), r -> r.info().moduleName())
        .field("module_id", r -> "sha256:" + r.info().moduleDigest())
        .column(
            "STATUS", "status", r -> statusText(r.info()), r -> r.info().effectiveStatus().label())
        .field("exit_code", r -> r.info().exitCode())
        .print(get.main.out, output.format, rows);
    return 0;
  }

  /** {@code exited (3)}, {@code killed}, {@code running}. */
  static String statusText(ProcessInfo info) {
    String status = info.effectiveStatus().label();
    return info.exitCode() == null ? status : status + " (" + info.exitCode() + ")";
  }

  static long logBytes(Registry registry, String id) throws IOException {
    try {
      return Files.size(registry.logPath(id));
    } catch (NoSuchFileException e) {
      return 0; // the run failed before its log was created
    }
  }
}
