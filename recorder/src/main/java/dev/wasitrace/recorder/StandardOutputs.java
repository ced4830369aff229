package dev.wasitrace.recorder;

import dev.wasitrace.wasi.WasiFunction;
import run.endive.runtime.Memory;

/**
 * What a successful call of the common functions writes into guest memory, derived from its
 * parameters, its result and its data: the result at its out-pointer, and for reads the bytes
 * scattered over the guest's buffers. When a recorded call wrote exactly this, the log leaves
 * {@code mem_writes} null and replay derives the writes again, which keeps the log small for the
 * calls that dominate it.
 */
public final class StandardOutputs {
  private StandardOutputs() {}

  /** Whether the standard form is the result alone (no bytes read into guest buffers). */
  static boolean isResultOnly(WasiFunction function) {
    return function.resultParam() >= 0 && !function.readsData();
  }

  /**
   * Encodes the standard writes of a successful call, in the order the host makes them: data first,
   * then the result.
   */
  public static void encode(
      WasiFunction function,
      long[] args,
      long result,
      byte[] data,
      int dataLength,
      Memory memory,
      MemoryWrites.Encoder out) {
    out.reset();
    int buffer = function.dataOutParam();
    if (buffer >= 0) {
      // Endive fills the buffer in chunks of 4 KiB: contiguous, so they merge into one entry.
      out.bytes((int) args[buffer], data, 0, dataLength, true);
    }
    int iovecs = function.iovsOutParam();
    if (iovecs >= 0) {
      int iovs = (int) args[iovecs];
      int left = dataLength;
      for (int i = 0; i < (int) args[iovecs + 1] && left > 0; i++) {
        int length = Math.min(memory.readInt(iovs + i * 8 + 4), left);
        out.bytes(memory.readInt(iovs + i * 8), data, dataLength - left, length, true);
        left -= length;
      }
    }
    if (function.resultParam() >= 0) {
      out.scalar((int) args[function.resultParam()], result, function.resultBytes());
    }
  }
}
