package dev.wasitrace.recorder;

import dev.wasitrace.recorder.net.SocketInfo;
import dev.wasitrace.wasi.WasiFunction;
import run.endive.runtime.Memory;

/**
 * The host-call boundary: every WASI call the guest makes crosses this one interface. The real
 * host, recording, tracing and replay are implementations or layers around it, each knowing nothing
 * of the others.
 */
public interface WasiHost {
  /**
   * Performs one call with the guest's raw arguments; returns the WASI errno. {@code proc_exit}
   * throws {@link run.endive.wasi.WasiExitException} instead of returning.
   */
  int call(WasiFunction function, Memory memory, long[] args);

  /** The socket at fd as the log keeps it (protocol, addresses), or null for other descriptors. */
  default SocketInfo socketInfo(int fd) {
    return null;
  }
}
