package dev.wasitrace.bench.corruption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The commands that read a recorded process, as the harness runs each on a damaged copy. */
public enum ReaderCommand {
  DESCRIBE,
  LOGS,
  QUERY,
  REPLAY,
  SUMMARY,
  NETWORK,
  CODETRACER,
  PARQUET;

  /**
   * Every column of the log, summed per function: a changed value anywhere changes the answer
   * (order aside, which {@link #LOGS} and {@link #REPLAY} see).
   */
  static final String QUERY_SQL =
      "SELECT func, count(*), sum(size), sum(hash(data)), sum(hash(path)), sum(hash(mem_writes)),"
          + " sum(hash(params)), sum(errno), sum(result), sum(fd), sum(duration_ns),"
          + " sum(epoch_ns(ts)), sum(hash(proto, local_addr, peer_addr)), min(seq), max(seq)"
          + " FROM syscalls GROUP BY ALL ORDER BY ALL";

  /** Its name on the harness's command line and in its report. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The command line for process {@code id}; {@code out} is the folder an export writes. */
  List<String> args(String id, Path out) {
    return switch (this) {
      case DESCRIBE -> List.of("describe", "process", id);
      case LOGS -> List.of("logs", id);
      case QUERY -> List.of("query", "--process", id, QUERY_SQL);
      case REPLAY -> List.of("replay", id);
      case SUMMARY -> List.of("trace", "summary", id);
      case NETWORK -> List.of("trace", "network", id);
      case CODETRACER -> List.of("export", "codetracer", id, "-o", out.toString());
      case PARQUET -> List.of("export", "parquet", id, "-o", out.toString());
    };
  }

  /** True when the command writes a folder, whose files are part of its answer. */
  boolean writesFolder() {
    return this == CODETRACER || this == PARQUET;
  }

  /** True when the command prints the guest's own stderr before any line of its own. */
  boolean passesGuestStderr() {
    return this == LOGS || this == REPLAY;
  }

  /** True when the command reports the state of the log on stdout ({@code Log: cut short …}). */
  boolean reportsOnStdout() {
    return this == DESCRIBE;
  }

  /** {@code describe,logs,...} (or {@code all}) as commands, in the order given. */
  public static List<ReaderCommand> parse(String list) {
    if (list.equals("all")) {
      return List.of(values());
    }
    List<ReaderCommand> commands = new ArrayList<>();
    for (String label : list.split(",")) {
      commands.add(valueOf(label.strip().toUpperCase(Locale.ROOT)));
    }
    return List.copyOf(commands);
  }

  static String labels(List<ReaderCommand> commands) {
    return String.join(",", commands.stream().map(ReaderCommand::label).toList());
  }
}
