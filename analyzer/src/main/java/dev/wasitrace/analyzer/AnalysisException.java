package dev.wasitrace.analyzer;

/**
 * An error users can act on (bad SQL, an unreadable log), with a one-line message meant for them.
 */
public final class AnalysisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AnalysisException(String message) {
    super(message);
  }

  public AnalysisException(String message, Throwable cause) {
    super(message, cause);
  }
}
