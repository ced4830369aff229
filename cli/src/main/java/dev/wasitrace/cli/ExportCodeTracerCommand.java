package dev.wasitrace.cli;

import dev.wasitrace.exporters.codetracer.CodeTracerExporter;
import dev.wasitrace.exporters.codetracer.FormatVersion;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.WasitraceVersion;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasitrace export codetracer ID -o DIR}: a trace folder CodeTracer replays. */
@Command(
    name = "codetracer",
    aliases = {"ct"},
    mixinStandardHelpOptions = true,
    description = {
      "Write a recorded process as a CodeTracer trace folder (trace.json, trace_metadata.json,"
          + " trace_paths.json, files/).",
      "Each WASI call is a call with its decoded arguments and result; its I/O is an event."
    })
final class ExportCodeTracerCommand implements Callable<Integer> {
  @ParentCommand ExportCommand export;

  @Parameters(paramLabel = "ID", description = "Process ID, or a unique prefix of one.")
  String idPrefix;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "The trace folder to write (created; must be absent or empty).")
  Path output;

  @Option(
      names = "--format-version",
      paramLabel = "VERSION",
      defaultValue = "0.16",
      description =
          "CodeTracer trace format: 0.16 (default; CodeTracer since 2026) or 0.14 (releases"
              + " 25.07 to 25.11).")
  String formatVersion;

  @Option(
      names = {"-f", "--force"},
      description = "Replace DIR if it exists and is not empty.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    FormatVersion version = FormatVersion.parse(formatVersion);
    Registry registry = Registry.open(export.main.registryRoot());
    ProcessInfo process = registry.readProcess(registry.resolveProcess(idPrefix));
    byte[] module;
    try {
      module = registry.moduleBytes(process.moduleDigest());
    } catch (NoSuchFileException e) {
      module = null; // the outline then lists the WASI functions alone
      export.main.damage(
          "module sha256:"
              + process.moduleDigest()
              + " is not in the registry; functions are not named");
    }
    CodeTracerExporter.Summary summary =
        new CodeTracerExporter(version, force, WasitraceVersion.VERSION)
            .export(
                new CodeTracerExporter.Source(process, registry.logPath(process.id()), module),
                output);
    if (summary.warning() != null) {
      // The trace lacks its end: routine for a killed run (--quiet leaves it out), else damage.
      if (process.ended() || summary.warning().contains("damaged")) {
        export.main.damage(summary.warning());
      } else {
        export.main.warn(summary.warning());
      }
    }
    return 0;
  }
}
