package dev.wasitrace.registry;

/** A problem the user can fix: the CLI prints its message alone and exits with 1. */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
