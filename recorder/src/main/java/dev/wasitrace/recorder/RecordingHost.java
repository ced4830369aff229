package dev.wasitrace.recorder;

import static java.util.Objects.requireNonNull;

import com.dylibso.chicory.runtime.Memory;
import dev.wasitrace.log.LogRow;
import dev.wasitrace.log.LogWriter;

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
    capture.begin(memory, function.readsData());
    long start = System.nanoTime();
    int errno = -1;
    try {
      errno = host.call(function, capture, args);
      return errno;
    } finally {
      // Also on proc_exit, which leaves by an exception and has no errno.
      long end = System.nanoTime();
      record(function, args, memory, errno, start, end);
    }
  }

  private void record(
      WasiFunction function, long[] args, Memory memory, int errno, long start, long end) {
    row.clear()
        .call(seq++, epochNanosAtStart + (start - nanoTimeAtStart), end - start, function.ordinal())
        .params(args);
    if (errno >= 0) {
      row.errno(errno);
    }
    MemoryWrites.Encoder writes = capture.writes();
    CallDecoder.decode(function, args, errno, memory, capture, row);
    if (writes.writesLength() > 0 && !isStandard(function, args, errno, memory, writes)) {
      row.memWrites(writes.writes(), writes.writesLength());
    }
    log.append(row);
  }

  /** True when the call wrote exactly its standard outputs, so the log can leave them out. */
  private boolean isStandard(
      WasiFunction function, long[] args, int errno, Memory memory, MemoryWrites.Encoder writes) {
    if (errno != Errno.SUCCESS || !StandardOutputs.hasStandardForm(function)) {
      return false;
    }
    long result = row.resultOrZero();
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
