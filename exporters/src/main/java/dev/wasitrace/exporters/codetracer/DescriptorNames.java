package dev.wasitrace.exporters.codetracer;

import java.util.HashMap;
import java.util.Map;

/**
 * What each descriptor names, followed through the log in call order: preopened directories (by
 * fd_prestat_dir_name), files opened below them (path_open), renumbered and closed descriptors. It
 * gives file events the file's path, which CodeTracer shows as the file written or read.
 */
final class DescriptorNames {
  private final Map<Integer, String> names = new HashMap<>();

  /** Takes note of what a finished call did to the descriptor table. */
  void update(LoggedCall call) {
    if (!call.ok() || call.function() == null) {
      return;
    }
    switch (call.function()) {
      case FD_PRESTAT_DIR_NAME -> {
        if (call.path() != null) {
          names.put((int) call.param(0), call.path());
        }
      }
      case PATH_OPEN -> {
        if (call.result() != null && call.path() != null) {
          names.put(call.result().intValue(), join(name((int) call.param(0)), call.path()));
        }
      }
      case FD_RENUMBER -> {
        String name = names.remove((int) call.param(0));
        if (name != null) {
          names.put((int) call.param(1), name);
        } else {
          names.remove((int) call.param(1));
        }
      }
      case FD_CLOSE -> names.remove((int) call.param(0));
      default -> {
        // No change to what a descriptor names.
      }
    }
  }

  /** The path behind a descriptor, or {@code fd N} when the log does not say. */
  String name(int fd) {
    String name = names.get(fd);
    return name != null ? name : "fd " + fd;
  }

  static String join(String directory, String path) {
    if (path.startsWith("/")) {
      return path;
    }
    if (path.isEmpty() || path.equals(".")) {
      return directory;
    }
    String relative = path.startsWith("./") ? path.substring(2) : path;
    return directory.endsWith("/") ? directory + relative : directory + "/" + relative;
  }
}
