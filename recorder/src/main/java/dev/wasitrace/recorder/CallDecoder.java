package dev.wasitrace.recorder;

import dev.wasitrace.log.LogRow;
import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmRuntimeException;

/**
 * Fills the decoded columns of a log row (fd, size, result, data, path, path2) from a finished
 * call: its arguments, its errno and the guest memory after it.
 */
final class CallDecoder {
  private CallDecoder() {}

  static void decode(
      WasiFunction function,
      long[] a,
      int errno,
      Memory memory,
      CapturingMemory capture,
      LogRow row) {
    if (function.fdParam() >= 0) {
      row.fd((int) a[function.fdParam()]);
    }
    try {
      decodeColumns(function, a, errno == Errno.SUCCESS, memory, capture, row);
    } catch (GuestReader.WildPointer
        | WasmRuntimeException
        | IndexOutOfBoundsException
        | NegativeArraySizeException e) {
      // A call with wild pointers failed with EFAULT; there is nothing more to decode.
    }
  }

  private static void decodeColumns(
      WasiFunction function,
      long[] a,
      boolean ok,
      Memory memory,
      CapturingMemory capture,
      LogRow row) {
    MemoryWrites.Encoder writes = capture.writes();
    switch (function) {
      case FD_WRITE, FD_PWRITE, SOCK_SEND, SOCK_SEND_TO -> {
        if (ok) {
          long written = Integer.toUnsignedLong(memory.readInt((int) a[function.resultParam()]));
          // send_to also reads the address: its data is gathered from the iovecs instead.
          byte[] bytes = function == WasiFunction.SOCK_SEND_TO ? null : capture.bulkReads(written);
          if (bytes == null || bytes.length != written) {
            int iovs = function.iovsInParam();
            bytes = new GuestReader(memory).gather(a[iovs], a[iovs + 1], written, written);
          }
          // Fresh arrays (read from guest memory for this call only): the log may keep them.
          row.size(written).result(written).dataHandedOver(bytes);
        }
      }
      case FD_READ, FD_PREAD, SOCK_RECV, SOCK_RECV_FROM, SOCK_RECV_FROM_V1 -> {
        if (ok) {
          row.size(writes.dataLength())
              .result(writes.dataLength())
              .data(writes.data(), writes.dataLength());
        }
      }
      case RANDOM_GET -> {
        if (ok) {
          row.size(writes.dataLength()).data(writes.data(), writes.dataLength());
        }
      }
      case FD_PRESTAT_DIR_NAME -> {
        if (ok) {
          row.path(string(memory, a[1], a[2]));
        }
      }
      case FD_READDIR -> {
        if (ok) {
          row.size(Integer.toUnsignedLong(memory.readInt((int) a[4])));
        }
      }
      case SOCK_GETADDRINFO ->
          row.path(string(memory, a[0], a[1]) + ":" + string(memory, a[2], a[3]));
      default -> {
        // The path and the result where the function has them (WasiFunction's roles).
        if (function.pathParam() >= 0) {
          int path = function.pathParam();
          row.path(string(memory, a[path], a[path + 1]));
        }
        if (function.secondPathParam() >= 0) {
          int path2 = function.secondPathParam();
          row.path2(string(memory, a[path2], a[path2 + 1]));
        }
        if (ok && function.resultParam() >= 0) {
          int result = (int) a[function.resultParam()];
          row.result(
              function.resultBytes() == 8 ? memory.readLong(result) : memory.readInt(result));
        }
      }
    }
  }

  private static String string(Memory memory, long ptr, long length) {
    return new String(
        new GuestReader(memory).bytes(ptr, length), java.nio.charset.StandardCharsets.UTF_8);
  }
}
