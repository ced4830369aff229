package dev.wasitrace.exporters.codetracer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasitrace.log.InvalidLogException;
import dev.wasitrace.log.LogBatch;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.UserError;
import dev.wasitrace.wasi.WasiFunction;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a recorded process as a CodeTracer trace folder ({@code trace.json}, {@code
 * trace_metadata.json}, {@code trace_paths.json}, {@code files/}): a walk over the log in call
 * order, streamed, so memory does not grow with the run.
 *
 * <p>The shape: {@code <toplevel>} calls the module's {@code _start}, which makes every host call;
 * each WASI function is a {@code Function} declared at its import's line in the module outline (see
 * {@link ModuleOutline}), each host call a {@code Step} on that line, a {@code Call} with the
 * decoded arguments, its I/O {@code Event}s and a {@code Return} with its result. A trap or a
 * non-zero exit ends the trace with an {@code Error} event.
 */
public final class CodeTracerExporter {
  /** The folder under which the outline's (virtual, absolute) path lives. */
  static final String SOURCE_ROOT = "/wasitrace/";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What is exported: the process, its log and the module's bytes (null if not stored). */
  public record Source(ProcessInfo process, Path log, byte[] module) {
    public Source {
      requireNonNull(process);
      requireNonNull(log);
    }
  }

  /** What was written; {@code warning} says why the trace may end early, or is null. */
  public record Summary(long calls, long events, String warning) {}

  private final FormatVersion version;
  private final boolean force;
  private final String recorderVersion;

  /**
   * @param force replace an existing, non-empty output folder
   * @param recorderVersion the wasitrace version, for the metadata
   */
  public CodeTracerExporter(FormatVersion version, boolean force, String recorderVersion) {
    this.version = requireNonNull(version);
    this.force = force;
    this.recorderVersion = requireNonNull(recorderVersion);
  }

  public Summary export(Source source, Path output) throws IOException {
    ProcessInfo process = source.process();
    String workdir = SOURCE_ROOT + process.id();
    String sourcePath = workdir + "/" + fileName(process.moduleName()) + ".c";
    ModuleOutline outline =
        ModuleOutline.of(source.module(), process.moduleName(), outlineHeader(process));
    try (TraceFolder folder = TraceFolder.prepare(output, force)) {
      Path dir = folder.dir();
      Walk walk;
      try (OutputStream out =
              new BufferedOutputStream(Files.newOutputStream(dir.resolve("trace.json")), 1 << 16);
          TraceEventWriter writer = new TraceEventWriter(out, version)) {
        walk = new Walk(writer, outline, process);
        walk.start(sourcePath);
        walk.calls(source.log());
        walk.end();
        writer.finish();
      }
      JSON.writeValue(dir.resolve("trace_paths.json").toFile(), walk.writer.paths());
      TraceMetadata.write(
          dir.resolve("trace_metadata.json"), process, workdir, version, recorderVersion);
      Path copy = dir.resolve("files").resolve(sourcePath.substring(1));
      Files.createDirectories(copy.getParent());
      Files.writeString(copy, outline.text(), StandardCharsets.UTF_8);
      folder.commit();
      return new Summary(walk.writer.calls(), walk.writer.events(), walk.warning);
    }
  }

  private static String outlineHeader(ProcessInfo process) {
    return "module sha256:"
        + process.moduleDigest()
        + "\nprocess "
        + process.id()
        + ", started "
        + process.startTime();
  }

  /** The module's file name, reduced to characters safe in any path. */
  static String fileName(String moduleName) {
    String name = moduleName == null || moduleName.isBlank() ? "module.wasm" : moduleName;
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** One pass over the log, writing the events. */
  private static final class Walk {
    private final TraceEventWriter writer;
    private final ModuleOutline outline;
    private final ProcessInfo process;
    private final IoEvents io = new IoEvents();
    private final Map<String, Integer> functionIds = new HashMap<>();
    private int path;
    private boolean exited;
    private String warning;

    Walk(TraceEventWriter writer, ModuleOutline outline, ProcessInfo process) {
      this.writer = writer;
      this.outline = outline;
      this.process = process;
    }

    /** The path, {@code <toplevel>}, the types, the module's functions, then the entry's call. */
    void start(String sourcePath) throws IOException {
      path = writer.path(sourcePath);
      writer.call(writer.function(path, 1, "<toplevel>"), List.of());
      writer.types();
      Integer entryId = null;
      for (ModuleOutline.DefinedFunction function : outline.namedFunctions()) {
        int id = writer.function(path, function.line(), function.name());
        if (function.equals(outline.entry())) {
          entryId = id;
        }
      }
      ModuleOutline.DefinedFunction entry = outline.entry();
      if (entryId == null) {
        entryId = writer.function(path, entry.line(), entry.name());
      }
      writer.step(path, entry.line());
      writer.call(entryId, List.of());
    }

    void calls(Path log) throws IOException {
      LogReader reader;
      try {
        reader = new LogReader(log);
      } catch (InvalidLogException e) {
        String status = process.effectiveStatus().label();
        if (!status.equals("killed") && !status.equals("running")) {
          throw new UserError(
              "cannot read the log of process " + process.id() + ": " + e.getMessage(), e);
        }
        // A run killed (or still running) before its first batch reached the disk.
        warning = "the log of process " + process.id() + " has no calls yet: " + e.getMessage();
        return;
      }
      try (reader) {
        WasiFunction[] functions = functionsOf(reader.functionNames());
        while (reader.next()) {
          LogBatch batch = reader.batch();
          for (int row = 0; row < batch.rows(); row++) {
            int id = batch.funcId(row);
            WasiFunction function = id >= 0 && id < functions.length ? functions[id] : null;
            call(LoggedCall.read(batch, row, function));
          }
        }
        if (reader.truncation() != null) {
          warning =
              "the log of process "
                  + process.id()
                  + " is incomplete ("
                  + reader.truncation()
                  + "); the trace ends after "
                  + reader.rowsRead()
                  + " call(s), its last whole batch";
        }
      }
    }

    private void call(LoggedCall call) throws IOException {
      int line = call.function() != null ? outline.lineOf(call.function()) : outline.importsLine();
      Integer id = functionIds.get(call.name());
      if (id == null) {
        id = writer.function(path, line, call.wasiName());
        functionIds.put(call.name(), id);
      }
      writer.step(path, line);
      writer.call(id, CallValues.args(call));
      io.write(call, writer);
      if (call.returned()) {
        writer.ret(CallValues.result(call));
      } else {
        exited = true; // proc_exit: the guest ends inside the call, which never returns
      }
    }

    /**
     * How the run ended: _start returns, or an Error event says why it did not. Not said when the
     * log stops early: what happened after its last whole batch is unknown.
     */
    void end() throws IOException {
      if (exited || warning != null) {
        return;
      }
      String status = process.effectiveStatus().label();
      Integer exitCode = process.exitCode();
      if (process.error() != null
          && (status.equals("trapped")
              || status.equals("failed")
              || status.equals("interrupted"))) {
        error(status, process.error());
      } else if (status.equals("exited") && exitCode != null && exitCode != 0) {
        error(status, "exit code " + exitCode);
      } else if (status.equals("exited")) {
        writer.ret(TraceValue.NOTHING);
      }
      // A killed or still running process: its calls stay open, as they were.
    }

    private void error(String status, String message) throws IOException {
      writer.step(path, outline.entry().line());
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("status", status);
      meta.put("exit_code", process.exitCode());
      writer.event(EventKind.ERROR, JSON.writeValueAsString(meta), message);
    }

    private static WasiFunction[] functionsOf(List<String> names) {
      Map<String, WasiFunction> byLogName = new HashMap<>();
      for (WasiFunction function : WasiFunction.values()) {
        byLogName.put(function.logName(), function);
      }
      WasiFunction[] functions = new WasiFunction[names.size()];
      for (int i = 0; i < functions.length; i++) {
        functions[i] = byLogName.get(names.get(i));
      }
      return functions;
    }
  }
}
