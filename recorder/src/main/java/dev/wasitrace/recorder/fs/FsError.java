package dev.wasitrace.recorder.fs;

import dev.wasitrace.wasi.Errno;

/** A file-system call that ends with a WASI errno. */
final class FsError extends Exception {
  private static final long serialVersionUID = 1L;

  final int errno;

  FsError(int errno) {
    super(Errno.name(errno), null, false, false);
    this.errno = errno;
  }
}
