package dev.wasitrace.recorder.trace;

import dev.wasitrace.recorder.GuestReader;
import dev.wasitrace.recorder.net.GuestAddresses;
import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.EscapedBytes;
import dev.wasitrace.wasi.WasiFunction;
import dev.wasitrace.wasi.WasiNames;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import run.endive.runtime.Memory;

/**
 * Renders a finished host call as one strace-like line, e.g. {@code fd_write(1, [14]"Hello,
 * World!\n") = 14} or {@code path_open(3, "a.txt", O_RDONLY) = -1 ENOENT}.
 *
 * <p>Conventions, after strace: inputs are decoded in place (paths quoted, flags named, written
 * bytes escaped and cut). Buffers the host filled (bytes read, names, argument lists) are shown in
 * place too, and as raw pointers when the call failed. A scalar output that POSIX would return (a
 * count, a descriptor, an offset) becomes the result; other outputs follow {@code = 0} in
 * parentheses. Errors are {@code = -1 ENAME}; proc_exit, which never returns, is {@code = ?}.
 *
 * <p>Works only from the arguments and the memory after the call, so it formats a replayed call
 * exactly like the recorded one. Never throws: what cannot be read prints as the raw number.
 */
public final class CallFormatter {
  /** The errno to pass for a call that did not return (proc_exit). */
  public static final int NO_RETURN = -1;

  /** How many list items (argv strings, directory entries, subscriptions) a line shows. */
  static final int MAX_ITEMS = 32;

  private final WasiFunction function;
  private final long[] a;
  private final int errno;
  private final boolean ok;
  private final GuestReader memory;
  private final List<String> shown = new ArrayList<>();
  private String result;
  private String extra;

  private CallFormatter(WasiFunction function, long[] args, int errno, GuestReader memory) {
    this.function = function;
    this.a = args;
    this.errno = errno;
    this.ok = errno == Errno.SUCCESS;
    this.memory = memory;
  }

  /** One line, without the newline. */
  public static String format(WasiFunction function, long[] args, int errno, Memory memory) {
    try {
      return formatOrThrow(function, args, errno, memory);
    } catch (RuntimeException e) {
      // A decoder bug must not take the guest down: fall back to the raw call.
      return raw(function, args, errno);
    }
  }

  /** {@link #format} without the safety net, so tests see decoder bugs. */
  static String formatOrThrow(WasiFunction function, long[] args, int errno, Memory memory) {
    return new CallFormatter(function, args, errno, new GuestReader(memory)).render();
  }

  static String raw(WasiFunction function, long[] args, int errno) {
    List<String> values = new ArrayList<>();
    for (long arg : args) {
      values.add(Long.toString(arg));
    }
    return function.wasiName() + "(" + String.join(", ", values) + ") = " + errnoResult(errno);
  }

  private String render() {
    decode();
    StringBuilder line = new StringBuilder(function.wasiName()).append('(');
    line.append(String.join(", ", shown)).append(") = ");
    if (ok && result != null) {
      line.append(result);
    } else {
      line.append(errnoResult(errno));
    }
    if (ok && extra != null) {
      line.append(" (").append(extra).append(')');
    }
    return line.toString();
  }

  private static String errnoResult(int errno) {
    if (errno < 0) {
      return "?";
    }
    return errno == Errno.SUCCESS ? "0" : "-1 " + Errno.name(errno);
  }

  private void decode() {
    switch (function) {
      case ARGS_GET, ENVIRON_GET -> stringArray();
      case ARGS_SIZES_GET -> sizes("argc", "argv_buf_size");
      case ENVIRON_SIZES_GET -> sizes("environc", "environ_buf_size");
      case CLOCK_RES_GET -> {
        show(WasiNames.clock(u32(0)));
        extra = "res=" + out(() -> Long.toUnsignedString(memory.u64(u32(1))), 1);
      }
      case CLOCK_TIME_GET -> {
        show(WasiNames.clock(u32(0)));
        show(Long.toUnsignedString(a[1]));
        extra = "t=" + out(() -> Long.toUnsignedString(memory.u64(u32(2))), 2);
      }
      case FD_ADVISE -> {
        fd(0);
        show(Long.toString(a[1]));
        show(Long.toUnsignedString(a[2]));
        show(WasiNames.advice(u32(3)));
      }
      case FD_ALLOCATE -> {
        fd(0);
        show(Long.toUnsignedString(a[1]));
        show(Long.toUnsignedString(a[2]));
      }
      case FD_CLOSE, FD_DATASYNC, FD_SYNC -> fd(0);
      case FD_FDSTAT_GET -> {
        fd(0);
        extra = out(() -> WasiStructs.fdstat(memory, u32(1)), 1);
      }
      case FD_FDSTAT_SET_FLAGS -> {
        fd(0);
        show(WasiNames.fdflags(u32(1)));
      }
      case FD_FDSTAT_SET_RIGHTS -> {
        fd(0);
        show("0x" + Long.toHexString(a[1]));
        show("0x" + Long.toHexString(a[2]));
      }
      case FD_FILESTAT_GET -> {
        fd(0);
        extra = out(() -> WasiStructs.filestat(memory, u32(1)), 1);
      }
      case FD_FILESTAT_SET_SIZE -> {
        fd(0);
        show(Long.toUnsignedString(a[1]));
      }
      case FD_FILESTAT_SET_TIMES -> {
        fd(0);
        show(Long.toUnsignedString(a[1]));
        show(Long.toUnsignedString(a[2]));
        show(WasiNames.fstflags(u32(3)));
      }
      case FD_PREAD -> {
        fd(0);
        readData(1, 2, 4);
        show(Long.toUnsignedString(a[3]));
      }
      case FD_PRESTAT_DIR_NAME -> {
        fd(0);
        show(ok ? decoded(() -> EscapedBytes.quoted(memory.bytes(u32(1), u32(2))), 1) : ptr(1));
        show(Long.toString(u32(2)));
      }
      case FD_PRESTAT_GET -> {
        fd(0);
        extra = out(() -> WasiStructs.prestat(memory, u32(1)), 1);
      }
      case FD_PWRITE -> {
        fd(0);
        writeData(1, 2, 4);
        show(Long.toUnsignedString(a[3]));
      }
      case FD_READ -> {
        fd(0);
        readData(1, 2, 3);
      }
      case FD_READDIR -> {
        fd(0);
        show(
            ok
                ? decoded(() -> WasiStructs.dirents(memory, u32(1), memory.u32(u32(4))), 1)
                : ptr(1));
        show(Long.toString(u32(2)));
        show(Long.toUnsignedString(a[3]));
        result = out32(4);
      }
      case FD_RENUMBER -> {
        fd(0);
        fd(1);
      }
      case FD_SEEK -> {
        fd(0);
        show(Long.toString(a[1]));
        show(WasiNames.whence(u32(2)));
        result = out(() -> Long.toString(memory.u64(u32(3))), 3);
      }
      case FD_TELL -> {
        fd(0);
        result = out(() -> Long.toUnsignedString(memory.u64(u32(1))), 1);
      }
      case FD_WRITE -> {
        fd(0);
        writeData(1, 2, 3);
      }
      case PATH_CREATE_DIRECTORY, PATH_REMOVE_DIRECTORY, PATH_UNLINK_FILE -> {
        fd(0);
        path(1, 2);
      }
      case PATH_FILESTAT_GET -> {
        fd(0);
        path(2, 3);
        noFollow(1);
        extra = out(() -> WasiStructs.filestat(memory, u32(4)), 4);
      }
      case PATH_FILESTAT_SET_TIMES -> {
        fd(0);
        path(2, 3);
        show(Long.toUnsignedString(a[4]));
        show(Long.toUnsignedString(a[5]));
        show(WasiNames.fstflags(u32(6)));
        noFollow(1);
      }
      case PATH_LINK -> {
        fd(0);
        path(2, 3);
        fd(4);
        path(5, 6);
        if ((u32(1) & WasiNames.LOOKUP_SYMLINK_FOLLOW) != 0) {
          show("AT_SYMLINK_FOLLOW"); // linkat's flag: links do not follow by default
        }
      }
      case PATH_OPEN -> {
        fd(0);
        path(2, 3);
        show(WasiNames.openFlags(u32(1), u32(4), a[5], u32(7)));
        result = out32(8);
      }
      case PATH_READLINK -> {
        fd(0);
        path(1, 2);
        show(
            ok
                ? decoded(() -> EscapedBytes.quoted(memory.bytes(u32(3), memory.u32(u32(5)))), 3)
                : ptr(3));
        show(Long.toString(u32(4)));
        result = out32(5);
      }
      case PATH_RENAME -> {
        fd(0);
        path(1, 2);
        fd(3);
        path(4, 5);
      }
      case PATH_SYMLINK -> {
        path(0, 1);
        fd(2);
        path(3, 4);
      }
      case POLL_ONEOFF -> {
        show(decoded(() -> WasiStructs.subscriptions(memory, u32(0), u32(2)), 0));
        show(Long.toString(u32(2)));
        result = out32(3);
      }
      case PROC_EXIT -> show(Integer.toString((int) a[0]));
      case PROC_RAISE -> show(WasiNames.signal(u32(0)));
      case RANDOM_GET -> {
        if (!ok) {
          show(ptr(0)); // the likely culprit of a failure
        }
        show(Long.toString(u32(1)));
      }
      case SCHED_YIELD -> {
        // No parameters.
      }
      case SOCK_ACCEPT -> {
        fd(0);
        show(WasiNames.fdflags(u32(1)));
        result = out32(2);
      }
      case SOCK_RECV -> {
        fd(0);
        readData(1, 2, 4);
        show(WasiNames.riflags(u32(3)));
        if (ok && decoded(() -> Long.toString(memory.u16(u32(5)) & 1), 5).equals("1")) {
          extra = "MSG_TRUNC";
        }
      }
      case SOCK_SEND -> {
        fd(0);
        writeData(1, 2, 4);
        show(Long.toString(u32(3)));
      }
      case SOCK_SHUTDOWN -> {
        fd(0);
        show(WasiNames.shutdown(u32(1)));
      }
      case SOCK_OPEN -> {
        show(WasiNames.addressFamily(u32(0)));
        show(WasiNames.socketType(u32(1)));
        result = out32(2);
      }
      case SOCK_BIND, SOCK_CONNECT -> {
        fd(0);
        show(address(1, 2));
      }
      case SOCK_LISTEN -> {
        fd(0);
        show(Long.toString(u32(1)));
      }
      case SOCK_ACCEPT_V1 -> {
        fd(0);
        result = out32(1);
      }
      case SOCK_SEND_TO -> {
        fd(0);
        writeData(1, 2, 6);
        show(address(3, 4));
      }
      case SOCK_RECV_FROM, SOCK_RECV_FROM_V1 -> {
        boolean v1 = function == WasiFunction.SOCK_RECV_FROM_V1;
        fd(0);
        readData(1, 2, v1 ? 5 : 6);
        show(WasiNames.riflags(u32(4)));
        if (ok) {
          extra =
              "from " + decoded(() -> addressOut(3, v1 ? -1 : memory.u32(u32(5)), v1 ? 0 : -1), 3);
        }
      }
      case SOCK_GETSOCKOPT, SOCK_SETSOCKOPT -> {
        fd(0);
        show(WasiNames.socketLevel(u32(1)));
        show(WasiNames.socketOption(u32(1), u32(2)));
        if (function == WasiFunction.SOCK_SETSOCKOPT) {
          show(decoded(() -> Long.toString((int) memory.u32(u32(3))), 3));
        } else if (ok) {
          extra = "value=" + decoded(() -> Long.toString((int) memory.u32(u32(3))), 3);
        }
      }
      case SOCK_GETLOCALADDR, SOCK_GETPEERADDR -> {
        fd(0);
        if (ok) {
          extra = decoded(() -> addressOut(1, memory.u32(u32(2)), -1), 1);
        }
      }
      case SOCK_GETLOCALADDR_V1, SOCK_GETPEERADDR_V1 -> {
        fd(0);
        if (ok) {
          extra = decoded(() -> addressOut(1, memory.u32(u32(3)), (int) memory.u32(u32(2))), 1);
        }
      }
      case SOCK_GETADDRINFO -> {
        path(0, 1);
        path(2, 3);
        show(Long.toString(u32(6)));
        if (ok) {
          extra = decoded(() -> memory.u32(u32(7)) + " result(s)", 7);
        }
      }
      default -> {
        // A function added after this formatter: its raw parameters.
        for (long arg : a) {
          show(Long.toString(arg));
        }
      }
    }
  }

  private void show(String value) {
    shown.add(value);
  }

  private long u32(int index) {
    return a[index] & 0xffffffffL;
  }

  private void fd(int index) {
    show(Integer.toString((int) a[index]));
  }

  private String ptr(int index) {
    return "0x" + Long.toHexString(u32(index));
  }

  /** The decoded value, or the raw pointer of argument {@code index} when memory says no. */
  private String decoded(Supplier<String> decoder, int index) {
    try {
      return decoder.get();
    } catch (RuntimeException e) {
      return ptr(index);
    }
  }

  /** An output read after a successful call (failed calls show only the errno). */
  private String out(Supplier<String> decoder, int index) {
    return ok ? decoded(decoder, index) : null;
  }

  private String out32(int index) {
    return out(() -> Long.toString(memory.u32(u32(index))), index);
  }

  private void path(int ptrIndex, int lenIndex) {
    long length = u32(lenIndex);
    show(
        decoded(
            () -> {
              memory.check(u32(ptrIndex), length); // the whole path, or it is a wild pointer
              long shownLength = Math.min(length, GuestReader.MAX_STRING);
              String path = EscapedBytes.quoted(memory.bytes(u32(ptrIndex), shownLength));
              return shownLength < length ? path + "..." : path;
            },
            ptrIndex));
  }

  private void noFollow(int lookupIndex) {
    if ((u32(lookupIndex) & WasiNames.LOOKUP_SYMLINK_FOLLOW) == 0) {
      show("AT_SYMLINK_NOFOLLOW");
    }
  }

  /** Bytes the guest passed in, all of them counted, and the count written as the result. */
  private void writeData(int iovsIndex, int countIndex, int nwrittenIndex) {
    show(
        decoded(
            () -> {
              long total = memory.iovsLength(u32(iovsIndex), u32(countIndex));
              return EscapedBytes.data(
                  memory.gather(u32(iovsIndex), u32(countIndex), total, EscapedBytes.MAX_SHOWN),
                  total);
            },
            iovsIndex));
    result = out32(nwrittenIndex);
  }

  /** Bytes the host filled in, up to the count it returned. */
  private void readData(int iovsIndex, int countIndex, int nreadIndex) {
    if (ok) {
      show(
          decoded(
              () -> {
                long nread = memory.u32(u32(nreadIndex));
                return EscapedBytes.data(
                    memory.gather(u32(iovsIndex), u32(countIndex), nread, EscapedBytes.MAX_SHOWN),
                    nread);
              },
              iovsIndex));
    } else {
      show(ptr(iovsIndex));
    }
    result = out32(nreadIndex);
  }

  /** An address the guest passed in: {u32 buf, u32 len} at argument {@code index}. */
  private String address(int index, int portIndex) {
    return decoded(() -> addressOut(index, u32(portIndex), -1), index);
  }

  /**
   * The address in the buffer described at argument {@code index}; port -1: none known. A v1 buffer
   * written by the host holds 4 or 16 bytes as {@code v1Type} (4 or 6) says; 0: guess.
   */
  private String addressOut(int index, long port, int v1Type) {
    long buf = memory.u32(u32(index));
    long len = memory.u32(u32(index) + 4);
    byte[] bytes = memory.bytes(buf, Math.min(len, 128));
    if (v1Type == 4 || (v1Type == 0 && len == 16 && isZero(bytes, 4, 16))) {
      bytes = java.util.Arrays.copyOf(bytes, 4);
    }
    InetSocketAddress address = GuestAddresses.parse(bytes, (int) Math.max(port, 0));
    if (address == null) {
      throw new GuestReader.WildPointer();
    }
    String text = GuestAddresses.format(address);
    return port < 0 ? text.substring(0, text.lastIndexOf(':')) : text;
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private void stringArray() {
    if (!ok) {
      show(ptr(0));
      show(ptr(1));
      return;
    }
    show(
        decoded(
            () -> {
              List<byte[]> strings = memory.stringArray(u32(0), u32(1), MAX_ITEMS + 1);
              List<String> items = new ArrayList<>();
              for (byte[] string : strings.subList(0, Math.min(MAX_ITEMS, strings.size()))) {
                items.add(EscapedBytes.cut(string));
              }
              return list(items, strings.size() > MAX_ITEMS);
            },
            0));
  }

  private void sizes(String count, String bufferSize) {
    if (ok) {
      extra =
          decoded(() -> count + "=" + memory.u32(u32(0)), 0)
              + ", "
              + decoded(() -> bufferSize + "=" + memory.u32(u32(1)), 1);
    }
  }

  static String list(List<String> items, boolean more) {
    return "[" + String.join(", ", items) + (more ? ", ...]" : "]");
  }
}
