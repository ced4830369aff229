package dev.wasitrace.registry;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A recorded process, as stored in {@code processes/<id>/process.json} (times as ISO-8601 instants,
 * the status as its label). Null where unknown.
 */
public record ProcessInfo(
    String id,
    Instant startTime,
    Instant endTime,
    String moduleDigest,
    String moduleName,
    List<String> args,
    List<String> env,
    List<String> dirs,
    String runtime,
    String engine,
    Long hostPid,
    Status status,
    Integer exitCode,
    String error,
    Long records) {

  /** Where a process is in its life. */
  public enum Status {
    RUNNING,
    EXITED,
    TRAPPED,
    FAILED,
    INTERRUPTED,
    /** Never stored: a process still marked running whose host process is gone. */
    KILLED;

    /** As users see it and process.json stores it: {@code exited}, {@code killed}, … */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Ended by itself (exited, trapped) or by a signal it handled: its log must be whole. */
    public boolean ended() {
      return this == EXITED || this == TRAPPED || this == INTERRUPTED;
    }

    /** Still running, or killed: its log may lack its last batches, or be missing, by right. */
    public boolean unfinished() {
      return this == RUNNING || this == KILLED;
    }

    /** The status of a label, or null for none. */
    public static Status of(String label) {
      for (Status status : values()) {
        if (status.label().equals(label)) {
          return status;
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return label();
    }
  }

  public ProcessInfo finished(
      Instant endTime, Status status, Integer exitCode, String error, long records) {
    return new ProcessInfo(
        id,
        startTime,
        endTime,
        moduleDigest,
        moduleName,
        args,
        env,
        dirs,
        runtime,
        engine,
        hostPid,
        status,
        exitCode,
        error,
        records);
  }

  /** Ended by itself (exited, trapped) or by a signal it handled: its log must be whole. */
  public boolean ended() {
    Status status = effectiveStatus();
    return status != null && status.ended();
  }

  /**
   * The status as users should see it: a process still marked running whose host process is gone
   * was killed before it could say so.
   */
  public Status effectiveStatus() {
    if (status == Status.RUNNING
        && hostPid != null
        && ProcessHandle.of(hostPid).map(h -> !h.isAlive()).orElse(true)) {
      return Status.KILLED;
    }
    return status;
  }
}
