package dev.wasitrace.cli;

import dev.wasitrace.recorder.ProcessRunner;
import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.recorder.net.NetworkPolicy;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasitrace run}: runs a WASI module and records every host call. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run a WASI preview1 module under Endive, recording every host call.",
      "The first line on stderr is the process ID; the exit code is the guest's."
    })
final class RunCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Option(
      names = "--dir",
      paramLabel = "HOST[::GUEST]",
      description =
          "Preopen a host directory, seen by the guest as GUEST (default HOST). HOST::GUEST"
              + " (as wasmtime spells it), HOST:GUEST and HOST all work.")
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

  @Option(names = "--interpreter", description = "Use Endive's interpreter, not its compiler.")
  boolean interpreter;

  // For bench/realprogs.sh: one line on stderr saying where the time went.
  @Option(names = "--timings", hidden = true)
  boolean timings;

  @Option(
      names = "--allow-connect",
      paramLabel = "CIDR[:PORT]",
      description =
          "Let the guest connect only to these networks (default: anywhere the host can)."
              + " IPv6 with a port: [::1]:80.")
  List<String> allowConnect = new ArrayList<>();

  @Option(
      names = "--deny-connect",
      paramLabel = "CIDR[:PORT]",
      description = "Refuse the guest's connects to these networks (EACCES).")
  List<String> denyConnect = new ArrayList<>();

  @Option(
      names = "--allow-listen",
      paramLabel = "CIDR[:PORT]",
      description =
          "Let the guest listen on these addresses (default: loopback; a wildcard bind is"
              + " narrowed to loopback).")
  List<String> allowListen = new ArrayList<>();

  @Mixin TraceOptions trace;

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
            .stdio(main.in, main.rawOut, main.rawErr)
            .quiet(main.quiet);
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
    options.network(
        new NetworkPolicy(
            allowConnect.stream().map(NetworkPolicy.Rule::parse).toList(),
            denyConnect.stream().map(NetworkPolicy.Rule::parse).toList(),
            allowListen.stream().map(NetworkPolicy.Rule::parse).toList()));
    options.tracing(trace.layer(main.err));
    Registry registry = Registry.openForWriting(main.registryRoot());
    ProcessRunner.Result result = new ProcessRunner(registry).run(options.build());
    if (timings && result.phases() != null) {
      main.err.println("wasitrace: timings: " + result.phases());
    }
    return result.exitCode();
  }
}
