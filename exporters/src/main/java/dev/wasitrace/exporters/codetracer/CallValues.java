package dev.wasitrace.exporters.codetracer;

import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.EscapedBytes;
import dev.wasitrace.wasi.WasiFunction;
import dev.wasitrace.wasi.WasiNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A logged call's arguments and result as CodeTracer values, decoded as {@code wasitrace run
 * --trace} shows them (the same names for clocks, flags and whence, the same escaped byte strings)
 * but from the log alone: the guest's memory is gone, so what the guest passed in comes from the
 * log's decoded columns (data, path, addresses), what the host wrote back from {@code result} and
 * {@code mem_writes}, and an input the log does not keep shows as its raw pointer.
 *
 * <p>Arguments follow strace's habit: inputs in place, pointers to outputs left out (their values
 * are the result), bytes read shown in place of the buffer they went to.
 */
final class CallValues {
  private CallValues() {}

  /** The arguments, named after the WASI parameters. */
  static List<Arg> args(LoggedCall call) {
    Args out = new Args(call);
    WasiFunction function = call.function();
    if (function == null) {
      for (int i = 0; i < call.params().length; i++) {
        out.add("p" + i, TraceValue.i64(call.param(i)));
      }
      return out.list;
    }
    switch (function) {
      case ARGS_GET, ENVIRON_GET -> {
        List<String> strings =
            call.ok()
                ? RecordedWrites.of(call.memWrites(), call.data())
                    .stringArray(p(call, 0), p(call, 1))
                : null;
        if (strings != null) {
          out.add(0, TraceValue.strings(strings));
        } else {
          out.pointer(0);
          out.pointer(1);
        }
      }
      case ARGS_SIZES_GET, ENVIRON_SIZES_GET, SCHED_YIELD -> {
        // Only outputs.
      }
      case CLOCK_RES_GET -> out.add(0, TraceValue.flags(WasiNames.clock(p(call, 0))));
      case CLOCK_TIME_GET -> {
        out.add(0, TraceValue.flags(WasiNames.clock(p(call, 0))));
        out.add(1, TraceValue.u64(call.param(1)));
      }
      case FD_ADVISE -> {
        out.fd(0);
        out.add(1, TraceValue.u64(call.param(1)));
        out.add(2, TraceValue.u64(call.param(2)));
        out.add(3, TraceValue.flags(WasiNames.advice(p(call, 3))));
      }
      case FD_ALLOCATE -> {
        out.fd(0);
        out.add(1, TraceValue.u64(call.param(1)));
        out.add(2, TraceValue.u64(call.param(2)));
      }
      case FD_CLOSE,
          FD_DATASYNC,
          FD_SYNC,
          FD_FDSTAT_GET,
          FD_FILESTAT_GET,
          FD_PRESTAT_GET,
          FD_TELL ->
          out.fd(0);
      case FD_FDSTAT_SET_FLAGS -> {
        out.fd(0);
        out.add(1, TraceValue.flags(WasiNames.fdflags(p(call, 1))));
      }
      case FD_FDSTAT_SET_RIGHTS -> {
        out.fd(0);
        out.add(1, TraceValue.flags("0x" + Long.toHexString(call.param(1))));
        out.add(2, TraceValue.flags("0x" + Long.toHexString(call.param(2))));
      }
      case FD_FILESTAT_SET_SIZE -> {
        out.fd(0);
        out.add(1, TraceValue.u64(call.param(1)));
      }
      case FD_FILESTAT_SET_TIMES -> {
        out.fd(0);
        out.add(1, TraceValue.u64(call.param(1)));
        out.add(2, TraceValue.u64(call.param(2)));
        out.add(3, TraceValue.flags(WasiNames.fstflags(p(call, 3))));
      }
      case FD_PREAD -> {
        out.fd(0);
        out.bytes(1);
        out.add(3, TraceValue.u64(call.param(3)));
      }
      case FD_PRESTAT_DIR_NAME -> {
        out.fd(0);
        out.add(
            1,
            call.ok() && call.path() != null ? TraceValue.string(call.path()) : pointer(call, 1));
        out.add(2, TraceValue.u32(call.param(2)));
      }
      case FD_PWRITE -> {
        out.fd(0);
        out.bytes(1);
        out.add(3, TraceValue.u64(call.param(3)));
      }
      case FD_READ -> {
        out.fd(0);
        out.bytes(1);
      }
      case FD_READDIR -> {
        out.fd(0);
        List<String> names = call.ok() ? dirents(call) : null;
        out.add(1, names != null ? TraceValue.strings(names) : pointer(call, 1));
        out.add(2, TraceValue.u32(call.param(2)));
        out.add(3, TraceValue.u64(call.param(3)));
      }
      case FD_RENUMBER -> {
        out.fd(0);
        out.fd(1);
      }
      case FD_SEEK -> {
        out.fd(0);
        out.add(1, TraceValue.i64(call.param(1)));
        out.add(2, TraceValue.flags(WasiNames.whence(p(call, 2))));
      }
      case FD_WRITE -> {
        out.fd(0);
        out.bytes(1);
      }
      case PATH_CREATE_DIRECTORY, PATH_REMOVE_DIRECTORY, PATH_UNLINK_FILE -> {
        out.fd(0);
        out.path(1);
      }
      case PATH_FILESTAT_GET -> {
        out.fd(0);
        out.add(1, TraceValue.flags(lookup(p(call, 1))));
        out.path(2);
      }
      case PATH_FILESTAT_SET_TIMES -> {
        out.fd(0);
        out.add(1, TraceValue.flags(lookup(p(call, 1))));
        out.path(2);
        out.add(4, TraceValue.u64(call.param(4)));
        out.add(5, TraceValue.u64(call.param(5)));
        out.add(6, TraceValue.flags(WasiNames.fstflags(p(call, 6))));
      }
      case PATH_LINK -> {
        out.fd(0);
        out.add(1, TraceValue.flags(lookup(p(call, 1))));
        out.path(2);
        out.fd(4);
        out.path2(5);
      }
      case PATH_OPEN -> {
        out.fd(0);
        out.path(2);
        out.add(
            "flags",
            TraceValue.flags(
                WasiNames.openFlags(p(call, 1), p(call, 4), call.param(5), p(call, 7))));
      }
      case PATH_READLINK -> {
        out.fd(0);
        out.path(1);
        byte[] target =
            call.ok() && call.result() != null
                ? RecordedWrites.of(call.memWrites(), call.data()).bytes(p(call, 3), call.result())
                : null;
        out.add(
            3, target != null ? TraceValue.string(EscapedBytes.quoted(target)) : pointer(call, 3));
        out.add(4, TraceValue.u32(call.param(4)));
      }
      case PATH_RENAME -> {
        out.fd(0);
        out.path(1);
        out.fd(3);
        out.path2(4);
      }
      case PATH_SYMLINK -> {
        out.path2(0);
        out.fd(2);
        out.path(3);
      }
      case POLL_ONEOFF -> {
        out.pointer(0); // the subscriptions are guest memory the log does not keep
        out.add(2, TraceValue.u32(call.param(2)));
      }
      case PROC_EXIT -> out.add(0, TraceValue.i32(call.param(0)));
      case PROC_RAISE -> out.add(0, TraceValue.flags(WasiNames.signal(p(call, 0))));
      case RANDOM_GET -> {
        out.add(
            0,
            call.ok() && call.data() != null
                ? TraceValue.bytes(EscapedBytes.data(call.data(), call.data().length))
                : pointer(call, 0));
        out.add(1, TraceValue.u32(call.param(1)));
      }
      case SOCK_ACCEPT -> {
        out.fd(0);
        out.add(1, TraceValue.flags(WasiNames.fdflags(p(call, 1))));
      }
      case SOCK_ACCEPT_V1,
          SOCK_GETLOCALADDR,
          SOCK_GETPEERADDR,
          SOCK_GETLOCALADDR_V1,
          SOCK_GETPEERADDR_V1 ->
          out.fd(0);
      case SOCK_RECV -> {
        out.fd(0);
        out.bytes(1);
        out.add(3, TraceValue.flags(WasiNames.riflags(p(call, 3))));
      }
      case SOCK_SEND -> {
        out.fd(0);
        out.bytes(1);
        out.add(3, TraceValue.u32(call.param(3)));
      }
      case SOCK_SHUTDOWN -> {
        out.fd(0);
        out.add(1, TraceValue.flags(WasiNames.shutdown(p(call, 1))));
      }
      case SOCK_OPEN -> {
        out.add(0, TraceValue.flags(WasiNames.addressFamily(p(call, 0))));
        out.add(1, TraceValue.flags(WasiNames.socketType(p(call, 1))));
      }
      case SOCK_BIND -> {
        out.fd(0);
        out.address(1, call.localAddr());
      }
      case SOCK_CONNECT -> {
        out.fd(0);
        out.address(1, call.peerAddr());
      }
      case SOCK_LISTEN -> {
        out.fd(0);
        out.add(1, TraceValue.u32(call.param(1)));
      }
      case SOCK_SEND_TO -> {
        out.fd(0);
        out.bytes(1);
        out.address(3, call.peerAddr());
        out.add(5, TraceValue.u32(call.param(5)));
      }
      case SOCK_RECV_FROM, SOCK_RECV_FROM_V1 -> {
        out.fd(0);
        out.bytes(1);
        out.add(4, TraceValue.flags(WasiNames.riflags(p(call, 4))));
      }
      case SOCK_GETSOCKOPT, SOCK_SETSOCKOPT -> {
        out.fd(0);
        out.add(1, TraceValue.flags(WasiNames.socketLevel(p(call, 1))));
        out.add(2, TraceValue.flags(WasiNames.socketOption(p(call, 1), p(call, 2))));
        if (function == WasiFunction.SOCK_SETSOCKOPT) {
          out.pointer(3); // the value is guest memory the log does not keep
        }
      }
      case SOCK_GETADDRINFO -> {
        // The log keeps node and service as one "node:service" path.
        out.add(
            "node:service",
            call.path() != null ? TraceValue.string(call.path()) : pointer(call, 0));
        out.add(6, TraceValue.u32(call.param(6)));
      }
      default -> {
        // A function added after this decoder: its raw parameters.
        for (int i = 0; i < call.params().length; i++) {
          out.add(i, TraceValue.i64(call.param(i)));
        }
      }
    }
    return out.list;
  }

  /**
   * What the call returned: the errno's name when it failed, nothing for proc_exit, else the value
   * strace shows as the result (a count, a descriptor, an offset, a time) or, for calls that fill
   * in a structure, that structure as text.
   */
  static TraceValue result(LoggedCall call) {
    if (!call.returned()) {
      return TraceValue.NOTHING;
    }
    if (call.errno() != Errno.SUCCESS) {
      return new TraceValue.Failure(Errno.name(call.errno()));
    }
    WasiFunction function = call.function();
    String structure = function == null ? null : structure(call, function);
    if (structure != null) {
      return TraceValue.string(structure);
    }
    if (function == WasiFunction.CLOCK_TIME_GET || function == WasiFunction.CLOCK_RES_GET) {
      return call.result() != null ? TraceValue.u64(call.result()) : TraceValue.i64(0);
    }
    if (function == WasiFunction.FD_READDIR && call.size() != null) {
      return TraceValue.i64(call.size());
    }
    return TraceValue.i64(call.result() != null ? call.result() : 0);
  }

  /** The structure a call filled in, as {@code --trace} prints it, or null. */
  private static String structure(LoggedCall call, WasiFunction function) {
    if (call.memWrites() == null && !function.isSocketCall()) {
      return null; // the host wrote only the standard outputs, if anything
    }
    RecordedWrites writes = RecordedWrites.of(call.memWrites(), call.data());
    return switch (function) {
      case ARGS_SIZES_GET -> sizes(writes, call, "argc", "argv_buf_size");
      case ENVIRON_SIZES_GET -> sizes(writes, call, "environc", "environ_buf_size");
      case FD_FDSTAT_GET -> {
        long at = p(call, 1);
        long type = writes.unsigned(at, 1);
        long flags = writes.unsigned(at + 2, 2);
        long rights = writes.unsigned(at + 8, 8);
        yield type < 0 || flags < 0 || writes.bytes(at + 8, 8) == null
            ? null
            : "filetype="
                + WasiNames.filetype(type)
                + ", flags="
                + WasiNames.fdflags(flags)
                + ", rights=0x"
                + Long.toHexString(rights);
      }
      case FD_FILESTAT_GET -> filestat(writes, p(call, 1));
      case PATH_FILESTAT_GET -> filestat(writes, p(call, 4));
      case FD_PRESTAT_GET -> {
        long tag = writes.unsigned(p(call, 1), 1);
        long length = writes.unsigned(p(call, 1) + 4, 4);
        yield tag < 0 ? null : tag == 0 && length >= 0 ? "dir, name_len=" + length : "tag=" + tag;
      }
      case SOCK_GETLOCALADDR, SOCK_GETLOCALADDR_V1 -> call.localAddr();
      case SOCK_GETPEERADDR, SOCK_GETPEERADDR_V1 -> call.peerAddr();
      case SOCK_GETSOCKOPT -> {
        long value = writes.unsigned(p(call, 3), 4);
        yield value < 0 ? null : "value=" + (int) value;
      }
      default -> null;
    };
  }

  private static String sizes(RecordedWrites writes, LoggedCall call, String count, String size) {
    long n = writes.unsigned(p(call, 0), 4);
    long bytes = writes.unsigned(p(call, 1), 4);
    return n < 0 || bytes < 0 ? null : count + "=" + n + ", " + size + "=" + bytes;
  }

  private static String filestat(RecordedWrites writes, long at) {
    long type = writes.unsigned(at + 16, 1);
    byte[] size = writes.bytes(at + 32, 8);
    return type < 0 || size == null
        ? null
        : "filetype="
            + WasiNames.filetype(type)
            + ", size="
            + Long.toUnsignedString(writes.unsigned(at + 32, 8));
  }

  /** The names in the dirents fd_readdir wrote (24-byte headers, each followed by its name). */
  private static List<String> dirents(LoggedCall call) {
    RecordedWrites writes = RecordedWrites.of(call.memWrites(), call.data());
    long buf = p(call, 1);
    long used = call.size() != null ? call.size() : 0;
    List<String> names = new ArrayList<>();
    long offset = 0;
    while (offset + 24 <= used) {
      long length = writes.unsigned(buf + offset + 16, 4);
      if (length < 0 || offset + 24 + length > used) {
        break; // cut off by the end of the buffer; the guest reads it again
      }
      byte[] name = writes.bytes(buf + offset + 24, length);
      if (name == null) {
        return null;
      }
      names.add(new String(name, StandardCharsets.UTF_8));
      offset += 24 + length;
    }
    return names;
  }

  private static String lookup(long flags) {
    return (flags & WasiNames.LOOKUP_SYMLINK_FOLLOW) != 0 ? "SYMLINK_FOLLOW" : "0";
  }

  /** Parameter i as an unsigned 32-bit value (pointers, lengths, enums). */
  private static long p(LoggedCall call, int i) {
    return call.param(i) & 0xffffffffL;
  }

  private static TraceValue pointer(LoggedCall call, int i) {
    return TraceValue.pointer(call.param(i));
  }

  /** Builds the argument list, naming each argument after its parameter. */
  private static final class Args {
    private final LoggedCall call;
    private final List<String> names;
    private final List<Arg> list = new ArrayList<>(4);

    Args(LoggedCall call) {
      this.call = call;
      this.names = call.function() == null ? List.of() : call.function().paramNames();
    }

    void add(String name, TraceValue value) {
      list.add(new Arg(name, value));
    }

    void add(int param, TraceValue value) {
      add(param < names.size() ? names.get(param) : "p" + param, value);
    }

    void fd(int param) {
      add(param, TraceValue.fd(call.param(param)));
    }

    void pointer(int param) {
      add(param, CallValues.pointer(call, param));
    }

    /** The path the log keeps (the first path of the call), or the raw pointer. */
    void path(int param) {
      add(
          param,
          call.path() != null ? TraceValue.string(call.path()) : CallValues.pointer(call, param));
    }

    /** The call's second path (logs since format version 3), or the raw pointer. */
    void path2(int param) {
      add(
          param,
          call.path2() != null ? TraceValue.string(call.path2()) : CallValues.pointer(call, param));
    }

    /**
     * The bytes the call moved (written by the guest, or read into its buffers), as --trace shows
     * them; the raw iovec pointer when the log has none (the call failed).
     */
    void bytes(int param) {
      byte[] data = call.data();
      add(
          param,
          data != null
              ? TraceValue.bytes(EscapedBytes.data(data, data.length))
              : CallValues.pointer(call, param));
    }

    /** A socket address the log names, or the raw pointer. */
    void address(int param, String address) {
      add(param, address != null ? TraceValue.string(address) : CallValues.pointer(call, param));
    }
  }
}
