package dev.wasitrace.cli;

import dev.wasitrace.analyzer.AnalysisException;
import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.RecordedProcess;
import dev.wasitrace.registry.ModuleInfo;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Opens a DuckDB session over the selected processes of the registry: their logs and metadata, and
 * the modules they ran (every stored module when all processes are selected).
 */
final class SessionLoader {
  private SessionLoader() {}

  /** {@code database}: a DuckDB file to write the tables to, or null for memory. */
  static AnalysisSession open(Main main, ProcessSelection selection, Path database)
      throws IOException {
    Registry registry = Registry.open(main.registryRoot());
    List<RecordedProcess> processes = new ArrayList<>();
    Set<String> digests = new HashSet<>();
    for (ProcessInfo info : selection.processes()) {
      processes.add(recorded(registry, info));
      digests.add(info.moduleDigest());
    }
    List<ModuleInfo> modules = new ArrayList<>();
    for (ModuleInfo module : registry.modules(main::damage)) {
      if (selection.all() || digests.contains(module.digest())) {
        modules.add(module);
      }
    }
    AnalysisSession session;
    try {
      session = database == null ? AnalysisSession.inMemory() : AnalysisSession.inFile(database);
    } catch (AnalysisException e) {
      throw new UserError(e.getMessage(), e);
    }
    try (LoadProgress progress =
        new LoadProgress(main, StandardStreams.isTerminal(main.rawErr), !selection.all())) {
      session.load(processes, modules, progress);
    } catch (AnalysisException e) {
      session.close();
      throw new UserError(e.getMessage(), e);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  static RecordedProcess recorded(Registry registry, ProcessInfo info) {
    return RecordedProcess.of(info, registry.logPath(info.id()));
  }
}
