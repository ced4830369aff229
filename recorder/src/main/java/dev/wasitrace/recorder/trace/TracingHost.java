package dev.wasitrace.recorder.trace;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.recorder.WasiHost;
import dev.wasitrace.wasi.WasiFunction;
import java.io.PrintStream;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import run.endive.runtime.Memory;
import run.endive.wasi.WasiExitException;

/**
 * The trace layer: calls the host it wraps, then prints the finished call as one line (see {@link
 * CallFormatter}) if the filter selects it and the limits still allow. When a limit is reached it
 * prints why and becomes a plain pass-through; the program and the layers below go on.
 *
 * <p>The time limit is checked at each call, not by a timer: the stop line comes with the first
 * call after the deadline, which is also the first line it suppresses.
 */
public final class TracingHost implements WasiHost {
  private final WasiHost host;
  private final TraceFilter filter;
  private final TraceLimits limits;
  private final PrintStream out;
  private final LongSupplier nanoClock;
  private final long maxNanos;
  private long startNanos;
  private boolean started;
  private long events;
  private boolean stopped;

  public TracingHost(WasiHost host, TraceFilter filter, TraceLimits limits, PrintStream out) {
    this(host, filter, limits, out, System::nanoTime);
  }

  TracingHost(
      WasiHost host,
      TraceFilter filter,
      TraceLimits limits,
      PrintStream out,
      LongSupplier nanoClock) {
    this.host = requireNonNull(host);
    this.filter = requireNonNull(filter);
    this.limits = requireNonNull(limits);
    this.out = requireNonNull(out);
    this.nanoClock = requireNonNull(nanoClock);
    this.maxNanos = limits.maxTime() == null ? Long.MAX_VALUE : limits.maxTime().toNanos();
  }

  /** The layer for {@code RunOptions.Builder.tracing}. */
  public static UnaryOperator<WasiHost> layer(
      TraceFilter filter, TraceLimits limits, PrintStream out) {
    return host -> new TracingHost(host, filter, limits, out);
  }

  @Override
  public int call(WasiFunction function, Memory memory, long[] args) {
    if (stopped || !filterAndTime(function)) {
      return host.call(function, memory, args);
    }
    int errno;
    try {
      errno = host.call(function, memory, args);
    } catch (WasiExitException e) {
      print(function, args, CallFormatter.NO_RETURN, memory);
      throw e;
    }
    print(function, args, errno, memory);
    return errno;
  }

  /** Whether this call is to be printed; stops tracing when the time is up. */
  private boolean filterAndTime(WasiFunction function) {
    if (maxNanos != Long.MAX_VALUE) {
      long now = nanoClock.getAsLong();
      if (!started) {
        // Counted from the guest's first call, so module compilation does not eat the budget.
        started = true;
        startNanos = now;
      } else if (now - startNanos >= maxNanos) {
        stop(limits.timeReached());
        return false;
      }
    }
    return filter.test(function);
  }

  private void print(WasiFunction function, long[] args, int errno, Memory memory) {
    out.println(CallFormatter.format(function, args, errno, memory));
    events++;
    if (events == limits.maxEvents()) {
      stop(limits.eventsReached());
    } else {
      out.flush();
    }
  }

  private void stop(String reason) {
    stopped = true;
    out.println(reason);
    out.flush();
  }
}
