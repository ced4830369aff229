package dev.wasitrace.analyzer;

/**
 * Hears how loading logs goes, for progress bars and warnings. Called from several threads at once.
 */
public interface LoadListener {
  /** Hears nothing. */
  LoadListener NONE = new LoadListener() {};

  /** Loading is about to start: this many logs, of this many bytes in all. */
  default void starting(int logs, long bytes) {}

  /** This many more bytes of log were read. */
  default void read(long bytes) {}

  /** One process's log is in. */
  default void loaded(RecordedProcess process, LogLoad load) {}

  /** Something users should know, in one line: a damaged log, say. */
  default void warning(String message) {}

  /**
   * A log that ends early because its run was killed (or is still running), in one line: routine,
   * and also in the {@code processes} table ({@code status}, {@code log_complete}).
   */
  default void cutShort(String message) {}
}
