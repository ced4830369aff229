package dev.wasitrace.recorder;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.wasitrace.log.ArrowStartup;
import dev.wasitrace.log.LogSchema;
import dev.wasitrace.log.LogWriter;
import dev.wasitrace.recorder.fs.OsDescriptors;
import dev.wasitrace.registry.ModuleInfo;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.ProcessInfo.Status;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import dev.wasitrace.registry.WasitraceVersion;
import dev.wasitrace.wasi.WasiFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * {@code wasitrace run}: checks the module and options, stores the module, then runs it under
 * Endive with every host call recorded into a new process log in the registry.
 */
public final class ProcessRunner {
  /** The new process, how it ended, and where its start-up and run time went. */
  public record Result(String processId, int exitCode, GuestInstance.Phases phases) {}

  private final Registry registry;

  public ProcessRunner(Registry registry) {
    this.registry = requireNonNull(registry);
  }

  public Result run(RunOptions options) throws IOException {
    ArrowStartup.initializeInBackground();
    byte[] bytes = readModule(options.module());
    String digest = Registry.sha256(bytes);
    GuestInstance guest =
        GuestInstance.load(
            bytes,
            options.module(),
            options.engine() == RunOptions.Engine.COMPILER ? compiledCache(digest, options) : null);
    for (RunOptions.DirMount dir : options.dirs()) {
      if (!Files.isDirectory(dir.host())) {
        throw new UserError("--dir " + dir.host() + ": no such directory");
      }
    }

    String moduleName = options.module().getFileName().toString();
    ModuleInfo stored = registry.storeModule(bytes, digest, moduleName);
    String id = UUID.randomUUID().toString();
    List<String> argv = new ArrayList<>();
    argv.add(options.module().toString());
    argv.addAll(options.args());
    ProcessInfo info =
        new ProcessInfo(
            id,
            Instant.now(),
            null,
            stored.digest(),
            moduleName,
            argv,
            options.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(),
            options.dirs().stream().map(d -> d.host() + ":" + d.guest()).toList(),
            runtimeLabel(options.engine()),
            options.engine().label(),
            ProcessHandle.current().pid(),
            Status.RUNNING,
            null,
            null,
            null);
    registry.createProcess(info);
    LogWriter log;
    try {
      log =
          new LogWriter(
              registry.logPath(id),
              WasiFunction.names(),
              Map.of(LogSchema.META_PROCESS_ID, id, "wasitrace.module_digest", stored.digest()),
              LogWriter.Options.DEFAULT.withFlushInterval(options.flushInterval()));
    } catch (IOException | RuntimeException e) {
      registry.writeProcess(info.finished(Instant.now(), Status.FAILED, null, failure(e), 0));
      throw e;
    }

    printLine(options.stderr(), id);
    if (!options.dirs().isEmpty() && !OsDescriptors.available() && !options.quiet()) {
      printLine(
          options.stderr(),
          "wasitrace: warning: "
              + OsDescriptors.unavailableReason()
              + ": links in --dir are contained, but a directory swapped for a link while the"
              + " guest runs is not caught");
    }
    log.onFailure(
        e ->
            printQuietly(
                options.stderr(),
                "wasitrace: recording stopped: "
                    + Registry.describe(e)
                    + "; the program goes on unrecorded"));
    return execute(options, guest, argv, info, log);
  }

  private Result execute(
      RunOptions options, GuestInstance guest, List<String> argv, ProcessInfo info, LogWriter log)
      throws IOException {
    WasiOptions.Builder wasiOptions =
        WasiOptions.builder()
            .withArguments(argv)
            .withStdin(options.stdin(), Terminals.isTerminal(options.stdin()))
            .withStdout(options.stdout(), Terminals.isTerminal(options.stdout()))
            .withStderr(options.stderr(), Terminals.isTerminal(options.stderr()));
    options.env().forEach(wasiOptions::withEnvironment);
    for (RunOptions.DirMount dir : options.dirs()) {
      wasiOptions.withDirectory(dir.guest(), dir.host());
    }
    Finisher finisher = new Finisher(info, log);
    Thread hook = new Thread(() -> finisher.finish(Status.INTERRUPTED, null, "interrupted"));
    Runtime.getRuntime().addShutdownHook(hook);
    int exitCode = 0;
    GuestInstance.Phases phases = null;
    Status status = Status.EXITED;
    String error = null;
    try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(wasiOptions.build()).build();
        EndiveWasiHost realHost = new EndiveWasiHost(wasi, options.network())) {
      RecordingHost recorder = new RecordingHost(realHost, log);
      finisher.recorder = recorder;
      WasiHost host = options.tracing().apply(recorder);
      GuestInstance.Exit exit = guest.run(host, options.engine());
      exitCode = exit.exitCode();
      phases = exit.phases();
      if (exit.trapped()) {
        status = Status.TRAPPED;
        error = "trap: " + exit.trap();
      }
    } catch (RuntimeException | Error e) {
      // Failed inside wasitrace (a memory too large, a --dir that cannot be opened, a bug): the
      // registry says so with the reason shown to the user, not as a run that looks killed.
      finisher.finish(Status.FAILED, null, failure(e));
      throw e;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook finishes the record.
      }
    }
    if (error != null) {
      printLine(options.stderr(), "wasitrace: " + error);
    }
    String logError = finisher.finish(status, exitCode, error);
    if (logError != null) {
      printLine(options.stderr(), "wasitrace: " + logError);
      // An incomplete recording is a failure of the run even when the guest succeeded.
      if (exitCode == 0) {
        exitCode = 1;
      }
    }
    return new Result(info.id(), exitCode, phases);
  }

  /** Closes the log and writes the final metadata, once, from the run or a shutdown hook. */
  private final class Finisher {
    private final ProcessInfo info;
    private final LogWriter log;
    private volatile RecordingHost recorder;
    private boolean finished;

    Finisher(ProcessInfo info, LogWriter log) {
      this.info = info;
      this.log = log;
    }

    synchronized String finish(Status status, Integer exitCode, String error) {
      if (finished) {
        return null;
      }
      finished = true;
      String logError = null;
      try {
        log.close();
      } catch (IOException e) {
        logError =
            "the log could not be written completely ("
                + Registry.describe(e)
                + "); it keeps the calls recorded before that";
      }
      long records = log.rowsWritten();
      String message = error;
      if (logError != null) {
        message = message == null ? logError : message + "; " + logError;
        status = Status.FAILED;
      }
      try {
        registry.writeProcess(info.finished(Instant.now(), status, exitCode, message, records));
      } catch (IOException e) {
        logError = "cannot write the process metadata: " + Registry.describe(e);
      }
      return logError;
    }
  }

  /** The reason a failed run gives: the user's error as printed, or what went wrong inside. */
  private static String failure(Throwable e) {
    return e instanceof UserError ? e.getMessage() : "internal error: " + Registry.describe(e);
  }

  private static byte[] readModule(Path path) {
    try {
      if (Files.isDirectory(path)) {
        throw new UserError(path + " is a directory, not a WebAssembly module");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new UserError("module not found: " + path);
    } catch (AccessDeniedException e) {
      throw new UserError("cannot read module " + path + ": permission denied");
    } catch (IOException e) {
      throw new UserError("cannot read module " + path + ": " + Registry.describe(e));
    }
  }

  private CompiledModuleCache compiledCache(String moduleDigest, RunOptions options) {
    return new CompiledModuleCache(
        registry,
        moduleDigest,
        note -> {
          if (!options.quiet()) {
            printQuietly(options.stderr(), "wasitrace: note: " + note);
          }
        });
  }

  static String runtimeLabel(RunOptions.Engine engine) {
    return "wasitrace "
        + WasitraceVersion.VERSION
        + " ("
        + RuntimeVersion.LABEL
        + ", "
        + engine.label()
        + ")";
  }

  private static void printQuietly(OutputStream out, String line) {
    try {
      printLine(out, line);
    } catch (IOException e) {
      // stderr is gone; the metadata still records the failure.
    }
  }

  private static void printLine(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(UTF_8));
    out.flush();
  }
}
