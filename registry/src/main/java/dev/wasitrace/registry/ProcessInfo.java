package dev.wasitrace.registry;

import java.util.List;

/**
 * A recorded process, as stored in {@code processes/<id>/process.json}. Times are ISO-8601
 * instants; {@code status} is one of {@link Status}'s names in lower case.
 */
public record ProcessInfo(
    String id,
    String startTime,
    String endTime,
    String moduleDigest,
    String moduleName,
    List<String> args,
    List<String> env,
    List<String> dirs,
    String runtime,
    String engine,
    Long hostPid,
    String status,
    Integer exitCode,
    String error,
    Long records) {

  /** Where a process is in its life. */
  public enum Status {
    RUNNING,
    EXITED,
    TRAPPED,
    FAILED,
    INTERRUPTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ProcessInfo finished(
      String endTime, Status status, Integer exitCode, String error, long records) {
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
        status.label(),
        exitCode,
        error,
        records);
  }

  /** Ended by itself (exited, trapped) or by a signal it handled: its log must be whole. */
  public boolean ended() {
    String status = effectiveStatus();
    return status.equals("exited") || status.equals("trapped") || status.equals("interrupted");
  }

  /**
   * The status as users should see it: a process still marked running whose host process is gone
   * was killed before it could say so.
   */
  public String effectiveStatus() {
    if (Status.RUNNING.label().equals(status)
        && hostPid != null
        && ProcessHandle.of(hostPid).map(h -> !h.isAlive()).orElse(true)) {
      return "killed";
    }
    return status;
  }
}
