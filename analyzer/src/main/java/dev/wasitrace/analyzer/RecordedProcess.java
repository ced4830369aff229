package dev.wasitrace.analyzer;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * A recorded process to analyse: where its log is, and the metadata that fills its row of the
 * {@code processes} table. Times are ISO-8601 instants; {@code status} as users see it ({@code
 * exited}, {@code killed}, …); null where unknown.
 */
public record RecordedProcess(
    String id,
    Path log,
    String startTime,
    String endTime,
    String status,
    Integer exitCode,
    String error,
    String moduleDigest,
    String moduleName,
    List<String> args,
    List<String> env,
    List<String> dirs,
    String runtime,
    String engine) {

  public RecordedProcess {
    requireNonNull(id, "id");
    requireNonNull(log, "log");
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? List.of() : List.copyOf(env);
    dirs = dirs == null ? List.of() : List.copyOf(dirs);
  }

  /** A process known by its ID and log only (tests, benchmarks). */
  public static RecordedProcess ofLog(String id, Path log) {
    return new RecordedProcess(
        id, log, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** Ended by itself (exited or trapped) or by a signal it handled: its log must be whole. */
  public boolean ended() {
    return "exited".equals(status) || "trapped".equals(status) || "interrupted".equals(status);
  }

  /** Still running, or killed: its log may end without its last batches or have none yet. */
  public boolean unfinished() {
    return "running".equals(status) || "killed".equals(status);
  }
}
