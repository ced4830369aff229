package dev.wasitrace.recorder;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.log.LogRow;
import dev.wasitrace.log.LogWriter;
import dev.wasitrace.recorder.net.GuestAddresses;
import dev.wasitrace.recorder.net.SocketInfo;
import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import run.endive.runtime.Memory;

/**
 * Records every call that crosses it into the process log: timing, raw parameters, errno, the guest
 * memory the host wrote and the decoded columns. Reuses one row and one capture buffer, so the
 * per-call path allocates only what it must copy.
 */
public final class RecordingHost implements WasiHost {
  private final WasiHost host;
  private final LogWriter log;
  private final CapturingMemory capture = new CapturingMemory();
  private final LogRow row = new LogRow();
  private final MemoryWrites.Encoder expected = new MemoryWrites.Encoder();
  private final long epochNanosAtStart;
  private final long nanoTimeAtStart;
  private long seq;

  public RecordingHost(WasiHost host, LogWriter log) {
    this.host = requireNonNull(host);
    this.log = requireNonNull(log);
    java.time.Instant now = java.time.Instant.now();
    this.epochNanosAtStart = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    this.nanoTimeAtStart = System.nanoTime();
  }

  @Override
  public int call(WasiFunction function, Memory memory, long[] args) {
    // A closed socket is gone after the call: what it was is taken before.
    SocketInfo closing = function == WasiFunction.FD_CLOSE ? host.socketInfo((int) args[0]) : null;
    capture.begin(memory, function.readsData());
    long start = System.nanoTime();
    int errno = -1;
    try {
      errno = host.call(function, capture, args);
      return errno;
    } finally {
      // Also on proc_exit, which leaves by an exception and has no errno.
      long end = System.nanoTime();
      record(function, args, memory, errno, start, end, closing);
    }
  }

  @Override
  public SocketInfo socketInfo(int fd) {
    return host.socketInfo(fd);
  }

  /** The socket a call worked on, as it is after the call (the new one for open and accept). */
  private SocketInfo socketAfter(WasiFunction function, long[] args, int errno, Memory memory) {
    // Only descriptor and socket calls can be about a socket (path_* take a directory).
    if (!function.isDescriptorCall() && !function.isSocketCall()) {
      return null;
    }
    int fd = (int) args[0];
    if (errno == Errno.SUCCESS
        && (function == WasiFunction.SOCK_OPEN
            || function == WasiFunction.SOCK_ACCEPT
            || function == WasiFunction.SOCK_ACCEPT_V1)) {
      fd = memory.readInt((int) args[function.resultParam()]);
    } else if (function == WasiFunction.SOCK_OPEN) {
      return null;
    }
    return host.socketInfo(fd);
  }

  private void record(
      WasiFunction function,
      long[] args,
      Memory memory,
      int errno,
      long start,
      long end,
      SocketInfo closing) {
    row.clear()
        .call(seq++, epochNanosAtStart + (start - nanoTimeAtStart), end - start, function.ordinal())
        .params(args);
    if (errno >= 0) {
      row.errno(errno);
    }
    MemoryWrites.Encoder writes = capture.writes();
    CallDecoder.decode(function, args, errno, memory, capture, row);
    SocketInfo socket = closing != null ? closing : socketAfter(function, args, errno, memory);
    if (socket != null) {
      String peer = socket.peerAddr();
      if (errno == Errno.SUCCESS && "UDP".equals(socket.proto())) {
        String datagramPeer = GuestAddresses.datagramPeer(function, memory, args);
        peer = datagramPeer != null ? datagramPeer : peer;
      }
      row.socket(socket.proto(), socket.localAddr(), peer);
    }
    if (writes.writesLength() > 0 && !isStandard(function, args, errno, memory, writes)) {
      row.memWrites(writes.writes(), writes.writesLength());
    }
    log.append(row);
  }

  /** True when the call wrote exactly its standard outputs, so the log can leave them out. */
  private boolean isStandard(
      WasiFunction function, long[] args, int errno, Memory memory, MemoryWrites.Encoder writes) {
    if (errno != Errno.SUCCESS || !function.hasStandardOutputs()) {
      return false;
    }
    long result = row.resultOrZero();
    if (StandardOutputs.isResultOnly(function)) {
      // The standard form is one scalar entry: compared in place, without encoding it.
      return writes.isOnlyScalar(
          (int) args[function.resultParam()], result, function.resultBytes());
    }
    try {
      StandardOutputs.encode(
          function, args, result, writes.data(), writes.dataLength(), memory, expected);
    } catch (RuntimeException e) {
      return false;
    }
    return expected.sameWritesAs(writes);
  }

  /** Calls recorded so far. */
  public long calls() {
    return seq;
  }
}
