package dev.wasitrace.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;

/**
 * Whether a command's stdin or stderr is a terminal (Java 17 cannot tell for stderr, and {@code
 * System.console()} needs both stdin and stdout): asks {@code test -t} with the stream inherited.
 * Streams that are not the process's own (tests) are never terminals.
 */
final class StandardStreams {
  private StandardStreams() {}

  static boolean isTerminal(InputStream in) {
    try {
      if (!(in instanceof FileInputStream file) || file.getFD() != FileDescriptor.in) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    return test(new ProcessBuilder("test", "-t", "0").redirectInput(Redirect.INHERIT));
  }

  static boolean isTerminal(OutputStream err) {
    try {
      if (!(err instanceof FileOutputStream file) || file.getFD() != FileDescriptor.err) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    return test(new ProcessBuilder("test", "-t", "2").redirectError(Redirect.INHERIT));
  }

  private static boolean test(ProcessBuilder command) {
    try {
      return command.start().waitFor() == 0;
    } catch (IOException e) {
      return false; // no test(1): not a Unix terminal we know how to drive
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
