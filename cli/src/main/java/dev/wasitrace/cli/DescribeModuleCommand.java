package dev.wasitrace.cli;

import dev.wasitrace.recorder.CompiledModuleCache;
import dev.wasitrace.recorder.ModuleWithoutCode;
import dev.wasitrace.recorder.RuntimeVersion;
import dev.wasitrace.registry.ModuleInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import run.endive.wasm.WasmEngineException;

/** {@code wasitrace describe module ID}: a stored module, its imports, exports and memory. */
@Command(
    name = "module",
    aliases = {"modules", "mod", "mods", "mo"},
    mixinStandardHelpOptions = true,
    description = "A stored module: name, size, imports, exports and memory.")
final class DescribeModuleCommand implements Callable<Integer> {
  @ParentCommand DescribeCommand describe;
  @Mixin OutputOption output;

  @Parameters(
      paramLabel = "ID",
      description = "Module ID (sha256:<hex>), or a unique prefix of its hex digest.")
  String idPrefix;

  @Override
  public Integer call() throws IOException {
    Registry registry = Registry.open(describe.main.registryRoot());
    ModuleInfo module = resolve(registry, idPrefix);
    ModuleSummary summary;
    try {
      summary =
          ModuleSummary.of(
              ModuleWithoutCode.parse(registry.moduleBytes(module.digest()), module.id()));
    } catch (WasmEngineException e) {
      throw new UserError("cannot parse module " + module.id() + ": " + e.getMessage(), e);
    }
    Path compiled = new CompiledModuleCache(registry, module.digest(), note -> {}).file();
    Long compiledSize = Files.isRegularFile(compiled) ? Files.size(compiled) : null;
    switch (output.format) {
      case TABLE -> printText(describe.main.out, module, summary, compiledSize);
      case JSON -> JsonOutput.print(describe.main.out, json(module, summary, compiledSize));
      case CSV -> throw new UserError("describe prints text or JSON: use -o table or -o json");
    }
    return 0;
  }

  /** The one module whose ID starts with the prefix ({@code sha256:} optional, any case). */
  static ModuleInfo resolve(Registry registry, String prefix) throws IOException {
    String hex = prefix.toLowerCase(Locale.ROOT);
    if (hex.isEmpty() || hex.equals("sha256:")) {
      throw new UserError("empty module ID");
    }
    return registry.resolveModule(hex);
  }

  private static void printText(
      PrintStream out, ModuleInfo module, ModuleSummary summary, Long compiledSize) {
    out.println("ID: " + module.id());
    out.println("Name: " + module.name());
    out.println("Size: " + ByteSize.format(module.size()));
    out.println(
        "Compiled: "
            + (compiledSize == null
                ? "no (its next run compiles it)"
                : "yes (" + RuntimeVersion.LABEL + ", " + ByteSize.format(compiledSize) + ")"));
    printEntries(out, "Imports:", summary.imports());
    printEntries(out, "Exports:", summary.exports());
    if (summary.memories().isEmpty()) {
      out.println("Memory: (none)");
    }
    for (ModuleSummary.Memory memory : summary.memories()) {
      out.println("Memory: " + memory.text());
    }
  }

  private static void printEntries(
      PrintStream out, String label, List<ModuleSummary.Entry> entries) {
    if (entries.isEmpty()) {
      out.println(label + " (none)");
      return;
    }
    out.println(label);
    entries.forEach(e -> out.println("  " + e.text()));
  }

  private static Map<String, Object> json(
      ModuleInfo module, ModuleSummary summary, Long compiledSize) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("module_id", module.id());
    json.put("module_name", module.name());
    json.put("size", module.size());
    json.put("stored_time", Listing.iso(module.storedTime()));
    json.put("compiled_runtime", compiledSize == null ? null : RuntimeVersion.LABEL);
    json.put("compiled_size", compiledSize);
    json.put("imports", summary.imports().stream().map(DescribeModuleCommand::entry).toList());
    json.put("exports", summary.exports().stream().map(DescribeModuleCommand::entry).toList());
    json.put(
        "memories",
        summary.memories().stream()
            .map(
                m -> {
                  Map<String, Object> memory = new LinkedHashMap<>();
                  memory.put("initial_pages", m.initialPages());
                  memory.put("max_pages", m.maxPages());
                  memory.put("imported_from", m.importedFrom());
                  return memory;
                })
            .toList());
    return json;
  }

  private static Map<String, Object> entry(ModuleSummary.Entry entry) {
    Map<String, Object> json = new LinkedHashMap<>();
    if (entry.module() != null) {
      json.put("module", entry.module());
    }
    json.put("name", entry.name());
    json.put("kind", entry.kind());
    json.put("signature", entry.signature().isEmpty() ? null : entry.signature());
    return json;
  }
}
