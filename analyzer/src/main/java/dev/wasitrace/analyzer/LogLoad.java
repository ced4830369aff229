package dev.wasitrace.analyzer;

/**
 * What loading one log gave: its rows and batches, and why it stopped early ({@code truncation},
 * null when the log was whole).
 */
public record LogLoad(long records, long batches, long logBytes, String truncation) {
  /** A process that has no log (its run failed before the log was created). */
  static final LogLoad NO_LOG = new LogLoad(0, 0, 0, null);

  /**
   * A process without a log file: fine for a run that failed before creating it or is unfinished,
   * damage for one that ended.
   */
  static LogLoad missing(RecordedProcess process) {
    return process.ended()
        ? new LogLoad(0, 0, 0, "the log is damaged: its file is missing although the run ended")
        : NO_LOG;
  }

  public boolean complete() {
    return truncation == null;
  }
}
