package dev.wasitrace.cli;

import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.recorder.replay.ProcessReplayer;
import dev.wasitrace.recorder.replay.ReplayOptions;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wasitrace replay}: re-executes a recorded process, every host call answered by its log.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Run a recorded process again, every host call answered from its log.",
      "The module is the registry's copy; no file, socket or clock is touched. Prints the"
          + " guest's stdout and stderr; the exit code is the recorded one, or 1 when the guest"
          + " diverges from the log or the log ends first."
    })
final class ReplayCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Mixin TraceOptions trace;

  @Option(
      names = "--interpreter",
      description = "Replay with Endive's interpreter (default: the engine that recorded the run).")
  boolean interpreter;

  @Option(
      names = "--compiler",
      description = "Replay with Endive's compiler (default: the engine that recorded the run).")
  boolean compiler;

  @Option(
      names = "--lenient",
      description =
          "Go on, with a warning, when a call differs from the log only in the bytes or path it"
              + " passes (it is still answered from the log).")
  boolean lenient;

  @Parameters(paramLabel = "ID", description = "Process ID, or a unique prefix of one.")
  String idPrefix;

  @Override
  public Integer call() throws Exception {
    if (interpreter && compiler) {
      throw new UserError("--interpreter and --compiler exclude each other");
    }
    ReplayOptions options =
        ReplayOptions.builder(idPrefix)
            .engine(
                interpreter
                    ? RunOptions.Engine.INTERPRETER
                    : compiler ? RunOptions.Engine.COMPILER : null)
            .lenient(lenient)
            .quiet(main.quiet)
            .tracing(trace.layer(main.err))
            .stdio(main.rawOut, main.rawErr)
            .build();
    return new ProcessReplayer(Registry.open(main.registryRoot())).replay(options);
  }
}
