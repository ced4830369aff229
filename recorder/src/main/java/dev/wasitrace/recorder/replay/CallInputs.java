package dev.wasitrace.recorder.replay;

import dev.wasitrace.recorder.WasiFunction;

/**
 * Where a call's inputs live that the log keeps beyond the raw parameters: the bytes written (its
 * {@code data}) and the path (its {@code path}), as the recorder's decoder stores them.
 */
final class CallInputs {
  private CallInputs() {}

  /** Whether the call sends the bytes of its iovecs (params 1 and 2), kept as {@code data}. */
  static boolean writesData(WasiFunction function) {
    return function == WasiFunction.FD_WRITE
        || function == WasiFunction.FD_PWRITE
        || sendsOnSocket(function);
  }

  /** A socket may take only a prefix of the bytes; a file or stream takes them all. */
  static boolean sendsOnSocket(WasiFunction function) {
    return function == WasiFunction.SOCK_SEND || function == WasiFunction.SOCK_SEND_TO;
  }

  /**
   * The parameter pointing at the path kept as {@code path} (its length is the next one), or -1.
   * fd_prestat_dir_name's path is an output, not listed.
   */
  static int pathParam(WasiFunction function) {
    return switch (function) {
      case PATH_CREATE_DIRECTORY,
          PATH_REMOVE_DIRECTORY,
          PATH_UNLINK_FILE,
          PATH_RENAME,
          PATH_READLINK ->
          1;
      case PATH_OPEN, PATH_FILESTAT_GET, PATH_FILESTAT_SET_TIMES, PATH_LINK -> 2;
      case PATH_SYMLINK -> 3;
      default -> -1;
    };
  }

  /** The parameter pointing at a call's second path, which the log does not keep, or -1. */
  static int otherPathParam(WasiFunction function) {
    return switch (function) {
      case PATH_RENAME -> 4;
      case PATH_LINK -> 5;
      case PATH_SYMLINK -> 0;
      default -> -1;
    };
  }
}
