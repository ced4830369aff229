package dev.wasitrace.analyzer;

/**
 * What loading one log gave: its rows and batches, and why it stopped early ({@code truncation},
 * null when the log was whole).
 */
public record LogLoad(long records, long batches, long logBytes, String truncation) {
  /** A process that has no log (its run failed before the log was created). */
  static final LogLoad NO_LOG = new LogLoad(0, 0, 0, null);

  public boolean complete() {
    return truncation == null;
  }
}
