package dev.wasitrace.recorder;

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

  /** The parameter holding the out-pointer that receives the result, or -1. */
  public static int resultParam(WasiFunction function) {
    return switch (function) {
      case FD_WRITE, FD_READ, FD_SEEK -> 3;
      case FD_PWRITE, FD_PREAD, SOCK_SEND -> 4;
      case CLOCK_TIME_GET, SOCK_ACCEPT, SOCK_OPEN -> 2;
      case CLOCK_RES_GET, FD_TELL, SOCK_ACCEPT_V1 -> 1;
      case PATH_OPEN -> 8;
      default -> -1;
    };
  }

  /** The width of the result in memory: 8 for offsets and times, else 4. */
  public static int resultBytes(WasiFunction function) {
    return switch (function) {
      case FD_SEEK, FD_TELL, CLOCK_TIME_GET, CLOCK_RES_GET -> 8;
      default -> 4;
    };
  }

  /** Whether the function's bytes read land in the iovecs of parameters 1 and 2. */
  static boolean readsIntoIovecs(WasiFunction function) {
    return function == WasiFunction.FD_READ || function == WasiFunction.FD_PREAD;
  }

  /** Whether the standard form is the result alone (no bytes read into guest buffers). */
  static boolean isResultOnly(WasiFunction function) {
    return resultParam(function) >= 0 && !readsIntoIovecs(function);
  }

  /** Whether the function has a standard form at all. */
  public static boolean hasStandardForm(WasiFunction function) {
    return resultParam(function) >= 0 || function == WasiFunction.RANDOM_GET;
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
    if (function == WasiFunction.RANDOM_GET) {
      // Endive fills the buffer in chunks of 4 KiB: contiguous, so they merge into one entry.
      out.bytes((int) args[0], data, 0, dataLength, true);
      return;
    }
    if (readsIntoIovecs(function)) {
      int iovs = (int) args[1];
      int left = dataLength;
      for (int i = 0; i < (int) args[2] && left > 0; i++) {
        int length = Math.min(memory.readInt(iovs + i * 8 + 4), left);
        out.bytes(memory.readInt(iovs + i * 8), data, dataLength - left, length, true);
        left -= length;
      }
    }
    out.scalar((int) args[resultParam(function)], result, resultBytes(function));
  }
}
