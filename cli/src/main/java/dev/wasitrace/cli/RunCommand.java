package dev.wasitrace.cli;

import dev.wasitrace.recorder.ProcessRunner;
import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.recorder.trace.TraceFilter;
import dev.wasitrace.recorder.trace.TraceLimits;
import dev.wasitrace.recorder.trace.TracingHost;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasitrace run}: runs a WASI module and records every host call. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a WASI preview1 module under Chicory, recording every host call.",
      "The first line on stderr is the process ID; the exit code is the guest's."
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(
      names = "--dir",
      paramLabel = "HOST[:GUEST]",
      description = "Preopen a host directory (seen by the guest as GUEST, default HOST).")
  List<String> dirs = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "K=V",
      description = "Set an environment variable for the guest.")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--env-inherit",
      description = "Pass the host's whole environment to the guest (before any --env).")
  boolean envInherit;

  @Option(names = "--interpreter", description = "Use Chicory's interpreter, not its compiler.")
  boolean interpreter;

  @Option(
      names = "--trace",
      arity = "0..1",
      fallbackValue = "all",
      preprocessor = RunCommand.AttachedFilterOnly.class,
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

  @Parameters(index = "0", paramLabel = "MODULE", description = "The .wasm module to run.")
  Path module;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the guest.")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    RunOptions.Builder options =
        RunOptions.builder(module)
            .args(args)
            .engine(interpreter ? RunOptions.Engine.INTERPRETER : RunOptions.Engine.COMPILER)
            .stdio(main.in, main.rawOut, main.rawErr);
    if (envInherit) {
      new java.util.TreeMap<>(main.env).forEach(options::env);
    }
    for (String pair : env) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UserError("--env " + pair + ": expected NAME=VALUE");
      }
      options.env(pair.substring(0, eq), pair.substring(eq + 1));
    }
    for (String dir : dirs) {
      options.dir(RunOptions.DirMount.parse(dir));
    }
    if (trace != null || traceMaxEvents != null || traceMaxTime != null) {
      // Only with tracing asked for is the layer there at all: no cost otherwise.
      TraceFilter filter = TraceFilter.parse(trace == null ? "all" : trace);
      TraceLimits limits = TraceLimits.of(traceMaxEvents, traceMaxTime);
      options.tracing(TracingHost.layer(filter, limits, main.err));
    }
    Registry registry = Registry.openForWriting(main.registryRoot());
    return new ProcessRunner(registry).run(options.build()).exitCode();
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
