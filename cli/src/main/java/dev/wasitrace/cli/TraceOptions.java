package dev.wasitrace.cli;

import dev.wasitrace.recorder.WasiHost;
import dev.wasitrace.recorder.trace.TraceFilter;
import dev.wasitrace.recorder.trace.TraceLimits;
import dev.wasitrace.recorder.trace.TracingHost;
import java.io.PrintStream;
import java.util.Map;
import java.util.Stack;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The {@code --trace} options of {@code run} and {@code replay}, and the layer they ask for. */
final class TraceOptions {
  @Option(
      names = "--trace",
      arity = "0..1",
      fallbackValue = "all",
      preprocessor = TraceOptions.AttachedFilterOnly.class,
      paramLabel = "FILTER",
      description = {
        "Print each host call on stderr, strace-like. FILTER (default all): function names and"
            + " classes %%file, %%desc, %%clock, %%process, %%random, %%net, comma-separated;"
            + " a leading ! negates.",
        "Give FILTER as --trace=FILTER."
      })
  String trace;

  @Option(
      names = "--trace-max-events",
      paramLabel = "N",
      description = "Stop tracing after N lines (implies --trace; the program runs on).")
  Long traceMaxEvents;

  @Option(
      names = "--trace-max-time",
      paramLabel = "DURATION",
      description =
          "Stop tracing after DURATION (500ms, 10s, 2m, 1h) from the first call (implies --trace).")
  String traceMaxTime;

  /**
   * The trace layer, printing on {@code out}; the identity when tracing is not asked for, so that
   * only with tracing is the layer there at all (no cost otherwise).
   */
  UnaryOperator<WasiHost> layer(PrintStream out) {
    if (trace == null && traceMaxEvents == null && traceMaxTime == null) {
      return UnaryOperator.identity();
    }
    TraceFilter filter = TraceFilter.parse(trace == null ? "all" : trace);
    TraceLimits limits = TraceLimits.of(traceMaxEvents, traceMaxTime);
    return TracingHost.layer(filter, limits, out);
  }

  /**
   * {@code --trace MODULE} must not take MODULE as the filter: a filter counts only when attached
   * ({@code --trace=%file}), as with strace's {@code -e trace=}.
   */
  static final class AttachedFilterOnly implements IParameterPreprocessor {
    @Override
    public boolean preprocess(
        Stack<String> args, CommandSpec commandSpec, ArgSpec argSpec, Map<String, Object> info) {
      if (" ".equals(info.get("separator"))) {
        args.push("all");
      }
      return false;
    }
  }
}
