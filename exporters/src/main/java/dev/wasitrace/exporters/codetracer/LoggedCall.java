package dev.wasitrace.exporters.codetracer;

import dev.wasitrace.log.LogBatch;
import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;

/**
 * One row of the log, read out of its batch: what the exporter knows about a host call.
 *
 * @param function the WASI function, or null for a name this wasitrace does not know
 * @param name the name in the log's function dictionary
 * @param returned false for a call that never returned (proc_exit)
 */
record LoggedCall(
    long seq,
    WasiFunction function,
    String name,
    long[] params,
    boolean returned,
    int errno,
    Long result,
    Integer fd,
    Long size,
    byte[] data,
    String path,
    String path2,
    byte[] memWrites,
    String proto,
    String localAddr,
    String peerAddr) {

  static LoggedCall read(LogBatch batch, int row, WasiFunction function) {
    return new LoggedCall(
        batch.seq(row),
        function,
        batch.func(row),
        batch.params(row),
        batch.hasErrno(row),
        batch.hasErrno(row) ? batch.errno(row) : 0,
        batch.hasResult(row) ? batch.result(row) : null,
        batch.hasFd(row) ? batch.fd(row) : null,
        batch.hasSize(row) ? batch.size(row) : null,
        batch.data(row),
        batch.path(row),
        batch.path2(row),
        batch.memWrites(row),
        batch.proto(row),
        batch.localAddr(row),
        batch.peerAddr(row));
  }

  /** The call returned success. */
  boolean ok() {
    return returned && errno == Errno.SUCCESS;
  }

  /** Parameter i as the guest passed it (0 if the log has fewer). */
  long param(int i) {
    return i < params.length ? params[i] : 0;
  }

  /** A call on a socket: the log names its protocol. */
  boolean onSocket() {
    return proto != null;
  }

  /** The name users know the function by (sock_accept, not sock_accept_v1). */
  String wasiName() {
    return function != null ? function.wasiName() : name;
  }
}
