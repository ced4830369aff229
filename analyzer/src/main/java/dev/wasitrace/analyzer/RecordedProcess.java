package dev.wasitrace.analyzer;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.registry.ProcessInfo;
import java.nio.file.Path;

/**
 * A recorded process to analyse: its metadata (the registry's, which fills its row of the {@code
 * processes} table), where its log is, and its status as users see it ({@code exited}, {@code
 * killed}, …; null where unknown), taken once so that every table agrees on it.
 */
public record RecordedProcess(ProcessInfo info, Path log, ProcessInfo.Status status) {
  public RecordedProcess {
    requireNonNull(info, "info");
    requireNonNull(info.id(), "id");
    requireNonNull(log, "log");
  }

  /** A process of the registry, its status as it is now. */
  public static RecordedProcess of(ProcessInfo info, Path log) {
    return new RecordedProcess(info, log, info.effectiveStatus());
  }

  /** A process known by its ID and log only (tests, benchmarks). */
  public static RecordedProcess ofLog(String id, Path log) {
    return new RecordedProcess(
        new ProcessInfo(
            id, null, null, null, null, null, null, null, null, null, null, null, null, null, null),
        log,
        null);
  }

  public String id() {
    return info.id();
  }

  /** See {@link ProcessInfo.Status#ended}. */
  public boolean ended() {
    return status != null && status.ended();
  }

  /** See {@link ProcessInfo.Status#unfinished}. */
  public boolean unfinished() {
    return status != null && status.unfinished();
  }
}
