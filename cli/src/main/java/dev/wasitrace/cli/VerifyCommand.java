package dev.wasitrace.cli;

import dev.wasitrace.log.LogReader;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wasitrace verify [ID... | --all]}: reads every log named (or all) through its checksums
 * and structural checks, and every module they ran (or all stored) against its digest, as {@code
 * git fsck} does; one line per damaged one, exit code 1 if there is any.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Check recorded processes (metadata and log) and stored modules against their checksums;"
            + " print one line per damaged one and exit with 1 if there is any.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Parameters(paramLabel = "ID", arity = "0..*", description = "Process IDs or unique prefixes.")
  List<String> idPrefixes = List.of();

  @Option(names = "--all", description = "Every process and module (the default).")
  boolean all;

  @Override
  public Integer call() throws IOException {
    if (all && !idPrefixes.isEmpty()) {
      throw new UserError("give process IDs or --all, not both");
    }
    Registry registry = Registry.open(main.registryRoot());
    List<String> ids = new ArrayList<>();
    if (idPrefixes.isEmpty()) {
      ids.addAll(registry.processIds());
    } else {
      for (String prefix : idPrefixes) {
        ids.add(registry.resolveProcess(prefix));
      }
    }
    Set<String> modules = new LinkedHashSet<>();
    int damaged = 0;
    for (String id : ids) {
      String problem = processProblem(registry, id, modules);
      if (problem != null) {
        main.out.println("process " + id + ": " + problem);
        damaged++;
      }
    }
    if (idPrefixes.isEmpty()) {
      modules.addAll(registry.moduleDigests());
    }
    for (String digest : modules) {
      String problem = moduleProblem(registry, digest);
      if (problem != null) {
        main.out.println("module sha256:" + digest + ": " + problem);
        damaged++;
      }
    }
    main.err.println(
        "wasitrace: verified "
            + ids.size()
            + " process(es) and "
            + modules.size()
            + " module(s): "
            + (damaged == 0 ? "no damage" : damaged + " damaged")
            + (cutByKill == 0
                ? ""
                : "; "
                    + cutByKill
                    + " log(s) end early where their run was killed, as they should"));
    return damaged == 0 ? 0 : 1;
  }

  /** Logs without their end because their run was killed (or still runs): no damage. */
  private int cutByKill;

  /** What is wrong with a process's files, or null; adds the module it ran to modules. */
  private String processProblem(Registry registry, String id, Set<String> modules) {
    ProcessInfo info;
    try {
      info = registry.readProcess(id);
    } catch (UserError | IOException e) {
      return e.getMessage().replace("the metadata of process " + id + " ", "its metadata ");
    }
    if (info.moduleDigest() != null) {
      modules.add(info.moduleDigest());
    }
    Path log = registry.logPath(id);
    if (!Files.exists(log)) {
      return info.ended() ? "its log is missing although the run ended" : null;
    }
    try (LogReader reader = new LogReader(log)) {
      while (reader.next()) {
        // Reading is the check: checksums, then the structure of every batch.
      }
      if (reader.damaged()) {
        return reader.truncation() + "; records from " + reader.rowsRead() + " on are lost";
      }
      if (reader.truncation() != null && info.ended()) {
        return reader.truncation() + ", although the run ended";
      }
      if (reader.truncation() != null) {
        cutByKill++;
      }
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static String moduleProblem(Registry registry, String digest) {
    try {
      registry.moduleBytes(digest); // checks the digest
      return null;
    } catch (UserError e) {
      return "its content does not match its digest";
    } catch (NoSuchFileException e) {
      return "it is missing";
    } catch (IOException e) {
      return "it is unreadable: " + Registry.describe(e);
    }
  }
}
