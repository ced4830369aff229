package dev.wasitrace.recorder.replay;

/**
 * Why a replay stopped before the guest's end: it diverged from the log, or the log ran out. Thrown
 * from the host call where it happened, through the guest's code, up to the replayer; deliberately
 * not a Endive exception, so nothing takes it for a trap.
 */
public final class ReplayStop extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What stopped the replay. */
  public enum Reason {
    /** The guest did something other than the log says. */
    DIVERGED,
    /** A log cut short (a killed run) has no more records. */
    LOG_ENDED
  }

  private final Reason reason;

  ReplayStop(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
