package dev.wasitrace.cli;

import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The recorded processes a command analyses: those named by ID (or unique prefix), or all. */
record ProcessSelection(List<ProcessInfo> processes, boolean all) {
  /**
   * The processes named, each once, in the order given; no IDs means all of them but those whose
   * metadata is damaged, each left out with a warning.
   */
  static ProcessSelection of(Main main, List<String> idPrefixes, boolean all) throws IOException {
    Registry registry = Registry.open(main.registryRoot());
    if (idPrefixes == null || idPrefixes.isEmpty()) {
      return new ProcessSelection(registry.processes(main::damage), true);
    }
    if (all) {
      throw new UserError("give process IDs or --all, not both");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (String prefix : idPrefixes) {
      ids.add(registry.resolveProcess(prefix));
    }
    List<ProcessInfo> processes = new ArrayList<>();
    for (String id : ids) {
      processes.add(registry.readProcess(id));
    }
    return new ProcessSelection(List.copyOf(processes), false);
  }
}
