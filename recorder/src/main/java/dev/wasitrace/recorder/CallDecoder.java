package dev.wasitrace.recorder;

import dev.wasitrace.log.LogRow;
import run.endive.runtime.Memory;
import run.endive.runtime.WasmRuntimeException;

/**
 * Fills the decoded columns of a log row (fd, size, result, data, path) from a finished call: its
 * arguments, its errno and the guest memory after it.
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
    if (function.takesFd()) {
      row.fd((int) a[0]);
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
        int nwrittenPtr =
            (int)
                a[
                    function == WasiFunction.FD_WRITE
                        ? 3
                        : function == WasiFunction.SOCK_SEND_TO ? 6 : 4];
        if (ok) {
          long written = Integer.toUnsignedLong(memory.readInt(nwrittenPtr));
          // send_to also reads the address: its data is gathered from the iovecs instead.
          byte[] bytes = function == WasiFunction.SOCK_SEND_TO ? null : capture.bulkReads(written);
          if (bytes == null || bytes.length != written) {
            bytes = new GuestReader(memory).gather(a[1], a[2], written, written);
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
      case PATH_OPEN -> {
        row.path(string(memory, a[2], a[3]));
        if (ok) {
          row.result(memory.readInt((int) a[8]));
        }
      }
      case PATH_CREATE_DIRECTORY, PATH_REMOVE_DIRECTORY, PATH_UNLINK_FILE ->
          row.path(string(memory, a[1], a[2]));
      case PATH_FILESTAT_GET, PATH_FILESTAT_SET_TIMES, PATH_LINK ->
          row.path(string(memory, a[2], a[3]));
      case PATH_RENAME, PATH_READLINK -> row.path(string(memory, a[1], a[2]));
      case PATH_SYMLINK -> row.path(string(memory, a[3], a[4]));
      case FD_PRESTAT_DIR_NAME -> {
        if (ok) {
          row.path(string(memory, a[1], a[2]));
        }
      }
      case FD_SEEK -> {
        if (ok) {
          row.result(memory.readLong((int) a[3]));
        }
      }
      case FD_TELL -> {
        if (ok) {
          row.result(memory.readLong((int) a[1]));
        }
      }
      case CLOCK_TIME_GET -> {
        if (ok) {
          row.result(memory.readLong((int) a[2]));
        }
      }
      case CLOCK_RES_GET -> {
        if (ok) {
          row.result(memory.readLong((int) a[1]));
        }
      }
      case ARGS_SIZES_GET, ENVIRON_SIZES_GET -> {
        if (ok) {
          row.result(memory.readInt((int) a[0]));
        }
      }
      case FD_READDIR -> {
        if (ok) {
          row.size(Integer.toUnsignedLong(memory.readInt((int) a[4])));
        }
      }
      case POLL_ONEOFF -> {
        if (ok) {
          row.result(memory.readInt((int) a[3]));
        }
      }
      case SOCK_ACCEPT, SOCK_ACCEPT_V1, SOCK_OPEN -> {
        if (ok) {
          row.result(memory.readInt((int) a[StandardOutputs.resultParam(function)]));
        }
      }
      case SOCK_GETADDRINFO ->
          row.path(string(memory, a[0], a[1]) + ":" + string(memory, a[2], a[3]));
      default -> {
        // Nothing beyond the raw parameters and the errno.
      }
    }
  }

  private static String string(Memory memory, long ptr, long length) {
    return new String(
        new GuestReader(memory).bytes(ptr, length), java.nio.charset.StandardCharsets.UTF_8);
  }
}
