package dev.wasitrace.recorder;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a stream handed to the guest as stdin, stdout or stderr is a terminal, so that
 * fd_fdstat_get tells the guest the truth (a character device only then) and programs that ask
 * isatty() (the SQLite shell's prompts, colours) behave as they do natively. Only the JVM's own
 * descriptors 0 to 2 can be terminals; which they are, Linux's /proc/self/fd says.
 */
final class Terminals {
  private Terminals() {}

  static boolean isTerminal(Object stream) {
    int fd = standardDescriptor(stream);
    if (fd < 0) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return false; // not Linux: the guest is told it writes to a file or pipe
    }
  }

  private static int standardDescriptor(Object stream) {
    try {
      FileDescriptor fd =
          stream instanceof FileInputStream in
              ? in.getFD()
              : stream instanceof FileOutputStream out ? out.getFD() : null;
      if (fd == FileDescriptor.in) {
        return 0;
      }
      if (fd == FileDescriptor.out) {
        return 1;
      }
      if (fd == FileDescriptor.err) {
        return 2;
      }
    } catch (IOException e) {
      // closed: not a terminal
    }
    return -1;
  }
}
