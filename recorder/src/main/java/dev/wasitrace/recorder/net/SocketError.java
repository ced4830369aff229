package dev.wasitrace.recorder.net;

/** A socket operation failed with a WASI errno; thrown inside the socket layer only. */
final class SocketError extends Exception {
  private static final long serialVersionUID = 1L;

  final int errno;

  SocketError(int errno) {
    super(null, null, false, false);
    this.errno = errno;
  }
}
