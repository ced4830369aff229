package dev.wasitrace.recorder.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasitrace.recorder.WasiHost;
import dev.wasitrace.wasi.WasiFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import run.endive.runtime.ByteArrayMemory;
import run.endive.runtime.Memory;
import run.endive.wasi.WasiExitException;
import run.endive.wasm.types.MemoryLimits;

class TracingHostTest {
  private final Memory memory = new ByteArrayMemory(new MemoryLimits(1));
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private int calls;
  private long now;

  /** A host that answers every call with errno 8 (EBADF) and exits on proc_exit. */
  private final WasiHost host =
      (function, mem, args) -> {
        calls++;
        if (function == WasiFunction.PROC_EXIT) {
          throw new WasiExitException((int) args[0]);
        }
        return 8;
      };

  private TracingHost tracer(String filter, TraceLimits limits) {
    return new TracingHost(host, TraceFilter.parse(filter), limits, out, () -> now);
  }

  private List<String> lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  private void close(WasiHost traced, int fd) {
    assertEquals(8, traced.call(WasiFunction.FD_CLOSE, memory, new long[] {fd}));
  }

  @Test
  void printsEachCallAfterItRan() {
    WasiHost traced = tracer("all", TraceLimits.NONE);
    close(traced, 4);
    close(traced, 5);
    assertEquals(List.of("fd_close(4) = -1 EBADF", "fd_close(5) = -1 EBADF"), lines());
    assertEquals(2, calls);
  }

  @Test
  void filteredOutCallsRunButAreNotPrinted() {
    WasiHost traced = tracer("%file", TraceLimits.NONE);
    close(traced, 4);
    assertEquals(List.of(), lines());
    assertEquals(1, calls);
  }

  @Test
  void procExitIsPrintedThenRethrown() {
    WasiHost traced = tracer("all", TraceLimits.NONE);
    WasiExitException exit =
        assertThrows(
            WasiExitException.class,
            () -> traced.call(WasiFunction.PROC_EXIT, memory, new long[] {3}));
    assertEquals(3, exit.exitCode());
    assertEquals(List.of("proc_exit(3) = ?"), lines());
  }

  @Test
  void stopsAfterMaxEventsAndPassesCallsOn() {
    WasiHost traced = tracer("all", TraceLimits.of(2L, null));
    for (int fd = 0; fd < 5; fd++) {
      close(traced, fd);
    }
    assertEquals(
        List.of(
            "fd_close(0) = -1 EBADF",
            "fd_close(1) = -1 EBADF",
            "wasitrace: tracing stopped after 2 events (--trace-max-events)"),
        lines());
    assertEquals(5, calls);
  }

  @Test
  void onlyPrintedEventsCount() {
    WasiHost traced = tracer("fd_close", TraceLimits.of(1L, null));
    traced.call(WasiFunction.SCHED_YIELD, memory, new long[0]);
    close(traced, 7);
    close(traced, 8);
    assertEquals(
        List.of(
            "fd_close(7) = -1 EBADF",
            "wasitrace: tracing stopped after 1 event (--trace-max-events)"),
        lines());
  }

  @Test
  void stopsWhenTheTimeIsUpCountedFromTheFirstCall() {
    now = 1_000_000_000_000L; // compilation before the first call does not count
    WasiHost traced = tracer("all", new TraceLimits(0, Duration.ofMillis(500)));
    close(traced, 1);
    now += Duration.ofMillis(499).toNanos();
    close(traced, 2);
    now += Duration.ofMillis(1).toNanos();
    close(traced, 3);
    close(traced, 4);
    assertEquals(
        List.of(
            "fd_close(1) = -1 EBADF",
            "fd_close(2) = -1 EBADF",
            "wasitrace: tracing stopped after 500ms (--trace-max-time)"),
        lines());
    assertEquals(4, calls);
  }

  @Test
  void whicheverLimitComesFirst() {
    WasiHost traced = tracer("all", TraceLimits.of(2L, "1s"));
    close(traced, 1);
    now += Duration.ofSeconds(2).toNanos();
    close(traced, 2);
    close(traced, 3);
    assertEquals(
        List.of("fd_close(1) = -1 EBADF", "wasitrace: tracing stopped after 1s (--trace-max-time)"),
        lines());
  }

  @Test
  void layerWrapsTheGivenHost() {
    WasiHost traced = TracingHost.layer(TraceFilter.all(), TraceLimits.NONE, out).apply(host);
    close(traced, 9);
    assertEquals(List.of("fd_close(9) = -1 EBADF"), lines());
    assertSame(TracingHost.class, traced.getClass());
  }
}
