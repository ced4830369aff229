package dev.wasitrace.analyzer;

/**
 * What loading one log gave: its rows and batches, why it stopped early ({@code truncation}, null
 * when the log was whole), and whether that was damage rather than where the run stopped writing.
 */
public record LogLoad(
    long records, long batches, long logBytes, String truncation, boolean damaged) {
  /** A process that has no log (its run failed before the log was created). */
  static final LogLoad NO_LOG = new LogLoad(0, 0, 0, null, false);

  /**
   * A process without a log file: fine for a run that failed before creating it or is unfinished,
   * damage for one that ended.
   */
  static LogLoad missing(RecordedProcess process) {
    return process.ended()
        ? new LogLoad(
            0, 0, 0, "the log is damaged: its file is missing although the run ended", true)
        : NO_LOG;
  }

  public boolean complete() {
    return truncation == null;
  }

  /**
   * Whether the log ends early only because its run was killed (or is still going on): routine,
   * worth a word only about a process the user asked about; damage, or a log cut short although its
   * run ended, is always worth one.
   */
  public boolean cutByItsRun(RecordedProcess process) {
    return truncation != null && !damaged && process.unfinished();
  }
}
