package dev.wasitrace.recorder.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wasitrace.recorder.GuestReader;
import dev.wasitrace.recorder.trace.CallFormatter;
import dev.wasitrace.wasi.WasiFunction;
import java.util.ArrayList;
import java.util.List;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.Memory;
import run.endive.wasm.types.MemoryLimits;

/**
 * A call as the guest issued it, without its result, in the trace's notation: {@code fd_write(1,
 * [14]"Hello, World!\n")}. Both sides of a divergence are rendered by {@link CallFormatter}; the
 * recorded side shows the recorded bytes and path, laid out in a small memory of their own, since
 * the guest's memory now holds its own.
 */
final class CallText {
  private static final String NO_RESULT = " = ?";

  private CallText() {}

  /** The call the guest is making now. */
  static String issued(WasiFunction function, long[] args, Memory memory) {
    return withoutResult(CallFormatter.format(function, args, CallFormatter.NO_RETURN, memory));
  }

  /**
   * The recorded call under the cursor, read against the guest's memory where the log is silent.
   */
  static String recorded(LogCursor log, Memory guest) {
    WasiFunction function = log.function();
    long[] params = log.params();
    if (function == null || params.length != function.paramCount()) {
      return raw(log.functionName(), params);
    }
    byte[] data = log.dataCopy();
    String path = log.path();
    if (function.writesData() && data != null) {
      Memory memory = memory(8 + data.length);
      memory.writeI32(0, 8); // one iovec: the recorded bytes right after it
      memory.writeI32(4, data.length);
      memory.write(8, data);
      params[function.iovsInParam()] = 0;
      params[function.iovsInParam() + 1] = 1;
      return issued(function, params, memory);
    }
    int pathParam = function.pathParam();
    if (pathParam >= 0 && path != null) {
      byte[] first = path.getBytes(UTF_8);
      int otherParam = function.secondPathParam();
      String recordedOther = log.path2();
      byte[] other =
          otherParam < 0
              ? null
              : recordedOther != null
                  ? recordedOther.getBytes(UTF_8)
                  : guestPath(guest, params, otherParam);
      Memory memory = memory(first.length + (other == null ? 0 : other.length));
      memory.write(0, first);
      params[pathParam] = 0;
      params[pathParam + 1] = first.length;
      if (other != null) {
        memory.write(first.length, other);
        params[otherParam] = first.length;
        params[otherParam + 1] = other.length;
      }
      return issued(function, params, memory);
    }
    return issued(function, params, guest);
  }

  /** A second path a log before format version 3 does not keep: the guest's, if it can be read. */
  private static byte[] guestPath(Memory guest, long[] params, int index) {
    try {
      long length = Math.min(params[index + 1] & 0xffffffffL, GuestReader.MAX_STRING);
      return new GuestReader(guest).bytes(params[index] & 0xffffffffL, length);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Memory memory(int bytes) {
    int pages = Math.max(1, (bytes + Memory.PAGE_SIZE - 1) / Memory.PAGE_SIZE);
    return new ByteArrayMemory(new MemoryLimits(pages, pages));
  }

  private static String raw(String name, long[] params) {
    List<String> values = new ArrayList<>();
    for (long param : params) {
      values.add(Long.toString(param));
    }
    return name + "(" + String.join(", ", values) + ")";
  }

  private static String withoutResult(String line) {
    return line.endsWith(NO_RESULT) ? line.substring(0, line.length() - NO_RESULT.length()) : line;
  }
}
