package dev.wasitrace.log;

import java.io.IOException;

/** A file that cannot be read as a wasitrace log at all. */
public final class InvalidLogException extends IOException {
  private static final long serialVersionUID = 1L;

  public InvalidLogException(String message) {
    super(message);
  }
}
