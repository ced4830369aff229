package dev.wasitrace.recorder.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.wasitrace.log.ArrowStartup;
import dev.wasitrace.log.InvalidLogException;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.recorder.CompiledModuleCache;
import dev.wasitrace.recorder.GuestInstance;
import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code wasitrace replay}: runs a recorded process's module again, the copy in the registry, with
 * every host call answered from its log by a {@link ReplayingHost}. Prints only what the guest
 * writes to stdout and stderr, and why the replay stopped if it did.
 */
public final class ProcessReplayer {
  private static final String LOG_DIGEST = "wasitrace.module_digest";

  private final Registry registry;

  public ProcessReplayer(Registry registry) {
    this.registry = requireNonNull(registry);
  }

  /**
   * Replays a process; returns its recorded exit code as the guest reproduces it, or 1 when the
   * replay diverged or the log ended first.
   */
  public int replay(ReplayOptions options) throws IOException {
    ArrowStartup.initializeInBackground();
    String id = registry.resolveProcess(options.process());
    ProcessInfo info = registry.readProcess(id);
    Path modulePath = registry.modulePath(info.moduleDigest());
    RunOptions.Engine engine = options.engine() != null ? options.engine() : recordedEngine(info);
    GuestInstance guest =
        GuestInstance.load(
            storedModule(info, modulePath),
            modulePath,
            engine == RunOptions.Engine.COMPILER
                ? new CompiledModuleCache(
                    registry,
                    info.moduleDigest(),
                    note -> {
                      if (!options.quiet()) {
                        printNote(options.stderr(), note);
                      }
                    })
                : null);
    try (LogReader reader = openLog(id)) {
      String logDigest = reader.metadata().get(LOG_DIGEST);
      if (logDigest != null && !logDigest.equals(info.moduleDigest())) {
        throw new UserError(
            "the log of process "
                + id
                + " belongs to module sha256:"
                + logDigest
                + ", not to its"
                + " recorded module sha256:"
                + info.moduleDigest());
      }
      ReplayingHost host =
          new ReplayingHost(
              new LogCursor(reader), options.stdout(), options.stderr(), options.lenient());
      GuestInstance.Exit exit = null;
      try {
        exit = guest.run(options.tracing().apply(host), engine);
      } catch (ReplayStop e) {
        // The host keeps the reason; see below.
      }
      ReplayStop stop = host.stopped();
      if (stop == null && exit != null) {
        stop =
            host.unfinished(
                exit.trapped() ? "trapped: " + exit.trap() : "exited with code " + exit.exitCode());
      }
      if (stop != null) {
        printLine(options.stderr(), "wasitrace: " + stop.getMessage());
        return 1;
      }
      if (exit == null) {
        throw new IllegalStateException("the replay stopped without a reason");
      }
      if (exit.trapped()) {
        printLine(options.stderr(), "wasitrace: trap: " + exit.trap());
      }
      return exit.exitCode();
    }
  }

  private byte[] storedModule(ProcessInfo info, Path path) throws IOException {
    byte[] bytes;
    try {
      bytes = registry.moduleBytes(info.moduleDigest());
    } catch (NoSuchFileException e) {
      throw new UserError(
          "the module of process "
              + info.id()
              + " (sha256:"
              + info.moduleDigest()
              + ") is not in the registry");
    }
    if (!Registry.sha256(bytes).equals(info.moduleDigest())) {
      throw new UserError("the stored module " + path + " does not match its sha256 digest");
    }
    return bytes;
  }

  private LogReader openLog(String id) throws IOException {
    try {
      return new LogReader(registry.logPath(id));
    } catch (InvalidLogException e) {
      throw new UserError("cannot read the log of process " + id + ": " + e.getMessage(), e);
    }
  }

  private static RunOptions.Engine recordedEngine(ProcessInfo info) {
    return RunOptions.Engine.INTERPRETER.label().equals(info.engine())
        ? RunOptions.Engine.INTERPRETER
        : RunOptions.Engine.COMPILER;
  }

  private static void printNote(OutputStream out, String note) {
    try {
      printLine(out, "wasitrace: note: " + note);
    } catch (IOException e) {
      // stderr is gone: the replay goes on without the note.
    }
  }

  private static void printLine(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(UTF_8));
    out.flush();
  }
}
