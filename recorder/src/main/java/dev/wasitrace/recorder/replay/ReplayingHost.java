package dev.wasitrace.recorder.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.wasitrace.recorder.GuestReader;
import dev.wasitrace.recorder.MemoryWrites;
import dev.wasitrace.recorder.StandardOutputs;
import dev.wasitrace.recorder.WasiHost;
import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.Memory;
import run.endive.wasi.WasiExitException;
import run.endive.wasm.types.MemoryLimits;
import run.endive.wasm.types.ValType;

/**
 * A host that answers every call from a recorded log and reaches nothing real: no file, socket or
 * clock. Each call is checked against the next record (its number, function, parameters, and the
 * bytes or path the guest passes in), then gets the recorded effect: the recorded writes into guest
 * memory (or the standard outputs they were found equal to) and the recorded errno. The guest's
 * writes to stdout and stderr go to the given streams: replay's only output.
 *
 * <p>A mismatch throws {@link ReplayStop}; with {@code lenient}, different bytes or paths in an
 * otherwise identical call only print a warning, and the call is answered from the log.
 */
public final class ReplayingHost implements WasiHost {
  private static final int STDOUT = 1;
  private static final int STDERR = 2;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  // Per function ordinal, bit i set when parameter i is an i64; i32s compare as ints, so an engine
  // that extends them differently into the long[] still matches.
  private static final int[] I64_PARAMS = i64Params();

  private final LogCursor log;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final boolean lenient;
  private final MemoryWrites.Encoder standard = new MemoryWrites.Encoder();
  private long calls;
  private long divergences;
  private ReplayStop stop;
  private Memory memory;
  private boolean outputFailed;

  ReplayingHost(LogCursor log, OutputStream stdout, OutputStream stderr, boolean lenient) {
    this.log = requireNonNull(log);
    this.stdout = requireNonNull(stdout);
    this.stderr = requireNonNull(stderr);
    this.lenient = lenient;
  }

  @Override
  public int call(WasiFunction function, Memory memory, long[] args) {
    if (stop != null) {
      throw stop; // the guest caught nothing; a host call after a stop is not answered
    }
    this.memory = memory;
    long record = calls;
    if (!log.next()) {
      throw stop(endOfLog(function, args, memory, record));
    }
    if (log.seq() != record) {
      throw stop(
          ReplayStop.Reason.DIVERGED,
          "replay diverged at record "
              + record
              + ": the log holds record "
              + log.seq()
              + " there ("
              + CallText.recorded(log, memory)
              + "), so records are missing or out of order");
    }
    if (log.function() != function || !sameParams(function, args)) {
      throw stop(ReplayStop.Reason.DIVERGED, diverged(record, function, args, memory));
    }
    boolean sameInputs = sameInputs(function, args, memory);
    if (!sameInputs) {
      String message = diverged(record, function, args, memory);
      if (!lenient) {
        throw stop(ReplayStop.Reason.DIVERGED, message);
      }
      divergences++;
      print(stderr, "wasitrace: warning: " + message + "; going on (--lenient)\n");
    }
    calls++;
    if (function == WasiFunction.PROC_EXIT) {
      throw new WasiExitException((int) args[0]);
    }
    if (!log.hasErrno()) {
      throw stop(
          ReplayStop.Reason.DIVERGED,
          "replay stops at record "
              + record
              + ": the recorded call never returned ("
              + CallText.recorded(log, memory)
              + "), so the recording cannot answer it");
    }
    int errno = log.errno();
    if (function == WasiFunction.FD_WRITE) {
      echo(args, memory, sameInputs, errno);
    }
    writeOutputs(function, args, memory, errno, record);
    return errno;
  }

  /** Calls answered from the log so far. */
  public long calls() {
    return calls;
  }

  /** Divergences let through with {@code lenient}. */
  public long divergences() {
    return divergences;
  }

  /** Why the replay stopped, or null. */
  public ReplayStop stopped() {
    return stop;
  }

  /**
   * After the guest's end ({@code how}: "exited with code 0", "trapped: …"): the divergence when
   * the log expected more calls, else null.
   */
  ReplayStop unfinished(String how) {
    if (stop != null || !log.next()) {
      return stop;
    }
    Memory last = memory != null ? memory : new ByteArrayMemory(new MemoryLimits(0, 0));
    return stop(
        ReplayStop.Reason.DIVERGED,
        "replay diverged at record "
            + calls
            + ": expected "
            + CallText.recorded(log, last)
            + " but the guest "
            + how);
  }

  private ReplayStop stop(ReplayStop.Reason reason, String message) {
    return stop(new ReplayStop(reason, message));
  }

  private ReplayStop stop(ReplayStop reason) {
    stop = reason;
    return reason;
  }

  private ReplayStop endOfLog(WasiFunction function, long[] args, Memory memory, long record) {
    String truncation = log.truncation();
    if (truncation != null) {
      String why = truncation.startsWith("the log ") ? "it " + truncation.substring(8) : truncation;
      return new ReplayStop(
          ReplayStop.Reason.LOG_ENDED,
          "the log ends at record " + record + " (" + why + "); replay stops here");
    }
    return new ReplayStop(
        ReplayStop.Reason.DIVERGED,
        "replay diverged at record "
            + record
            + ": the log ends after "
            + record
            + " records but the guest called "
            + CallText.issued(function, args, memory));
  }

  private String diverged(long record, WasiFunction function, long[] args, Memory memory) {
    return "replay diverged at record "
        + record
        + ": expected "
        + CallText.recorded(log, memory)
        + " but the guest called "
        + CallText.issued(function, args, memory);
  }

  private boolean sameParams(WasiFunction function, long[] args) {
    if (log.hasParam(args.length)) {
      return false;
    }
    int i64 = I64_PARAMS[function.ordinal()];
    for (int i = 0; i < args.length; i++) {
      if (!log.hasParam(i)) {
        return false;
      }
      long recorded = log.param(i);
      boolean same = ((i64 >>> i) & 1) != 0 ? recorded == args[i] : (int) recorded == (int) args[i];
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /** The inputs the log keeps beyond the parameters: the bytes written, the paths. */
  private boolean sameInputs(WasiFunction function, long[] args, Memory memory) {
    if (function.writesData()) {
      return !log.hasData() || sameData(function, args, memory);
    }
    return samePath(log.path(), function.pathParam(), args, memory)
        && samePath(log.path2(), function.secondPathParam(), args, memory);
  }

  /**
   * Whether the guest passes the recorded path; null when the recording could not read it either,
   * or (for the second path) when the log is older than format 3.
   */
  private static boolean samePath(String recorded, int param, long[] args, Memory memory) {
    return param < 0 || recorded == null || recorded.equals(guestString(memory, args, param));
  }

  private static String guestString(Memory memory, long[] args, int pointer) {
    try {
      return new String(new GuestReader(memory).bytes(args[pointer], args[pointer + 1]), UTF_8);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether the guest's iovecs hold exactly the recorded bytes. A socket may have taken only a
   * prefix of them; a file or stream took them all (Endive writes those whole).
   */
  private boolean sameData(WasiFunction function, long[] args, Memory memory) {
    byte[] expected = log.dataBytes();
    int length = log.dataLength();
    // A socket may take only a prefix of the bytes; a file or stream takes them all.
    boolean prefixOnly = function.isSocketCall();
    int iovs = (int) args[function.iovsInParam()];
    int count = (int) args[function.iovsInParam() + 1];
    long total = 0;
    int matched = 0;
    try {
      for (int i = 0; i < count; i++) {
        int buf = memory.readInt(iovs + i * 8);
        long bufLength = Integer.toUnsignedLong(memory.readInt(iovs + i * 8 + 4));
        total += bufLength;
        int compared = (int) Math.min(bufLength, length - matched);
        if (compared > 0 && !sameBytes(memory, buf, expected, matched, compared)) {
          return false;
        }
        matched += compared;
        if (total > length && !prefixOnly) {
          return false;
        }
      }
    } catch (RuntimeException e) {
      return false; // a buffer the recorded call could read is out of bounds now
    }
    return matched == length && (prefixOnly || total == length);
  }

  private static boolean sameBytes(
      Memory memory, int address, byte[] expected, int offset, int length) {
    int i = 0;
    for (; i + Long.BYTES <= length; i += Long.BYTES) {
      if (memory.readLong(address + i) != (long) LONG_LE.get(expected, offset + i)) {
        return false;
      }
    }
    for (; i < length; i++) {
      if (memory.read(address + i) != expected[offset + i]) {
        return false;
      }
    }
    return true;
  }

  /** The guest's fd_write to stdout or stderr, onto replay's own. */
  private void echo(long[] args, Memory memory, boolean sameInputs, int errno) {
    int fd = (int) args[0];
    if (fd != STDOUT && fd != STDERR) {
      return;
    }
    OutputStream out = fd == STDOUT ? stdout : stderr;
    if (sameInputs && log.hasData()) {
      write(out, log.dataBytes(), log.dataLength());
    } else if (!sameInputs || errno == Errno.EFAULT) {
      // Lenient: what the guest writes now. EFAULT: Endive writes each readable buffer before it
      // fails on the next one or on storing the count, and the log keeps no bytes of a failed call.
      byte[] bytes = readableIovecs(args, memory);
      write(out, bytes, bytes.length);
    }
  }

  private static byte[] readableIovecs(long[] args, Memory memory) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int iovs = (int) args[1];
    try {
      for (int i = 0; i < (int) args[2]; i++) {
        int buf = memory.readInt(iovs + i * 8);
        int length = memory.readInt(iovs + i * 8 + 4);
        bytes.writeBytes(memory.readBytes(buf, length));
      }
    } catch (RuntimeException e) {
      // The first buffer out of bounds ends what was written.
    }
    return bytes.toByteArray();
  }

  private void writeOutputs(
      WasiFunction function, long[] args, Memory memory, int errno, long record) {
    try {
      if (log.hasMemWrites()) {
        MemoryWrites.apply(memory, log.memWritesBytes(), log.memWritesLength(), log.dataBytes());
      } else if (errno == Errno.SUCCESS && function.hasStandardOutputs()) {
        StandardOutputs.encode(
            function,
            args,
            log.resultOrZero(),
            log.dataBytes(),
            log.dataLength(),
            memory,
            standard);
        standard.apply(memory);
      }
    } catch (RuntimeException e) {
      throw stop(
          ReplayStop.Reason.DIVERGED,
          "replay diverged at record "
              + record
              + ": the recorded memory writes of "
              + CallText.recorded(log, memory)
              + " do not fit the guest's memory");
    }
  }

  private void write(OutputStream out, byte[] bytes, int length) {
    if (outputFailed) {
      return;
    }
    try {
      out.write(bytes, 0, length);
      out.flush();
    } catch (IOException e) {
      // The reader went away (a closed pipe): the replay goes on, answered from the log as before.
      outputFailed = true;
    }
  }

  private void print(OutputStream out, String line) {
    byte[] bytes = line.getBytes(UTF_8);
    write(out, bytes, bytes.length);
  }

  private static int[] i64Params() {
    WasiFunction[] functions = WasiFunction.values();
    int[] masks = new int[functions.length];
    for (WasiFunction function : functions) {
      List<ValType> params = function.type().params();
      for (int i = 0; i < params.size(); i++) {
        if (ValType.I64.equals(params.get(i))) {
          masks[function.ordinal()] |= 1 << i;
        }
      }
    }
    return masks;
  }
}
