package dev.wasitrace.cli;

import dev.wasitrace.registry.UserError;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The resource types of a command group ({@code get}, {@code describe}, {@code export}), read from
 * its subcommands so the list never drifts from what the group accepts.
 */
final class ResourceTypes {
  private ResourceTypes() {}

  /** Prints {@code RESOURCE TYPE ALIASES DESCRIPTION}, one row per type. */
  static void print(PrintStream out, CommandSpec group) {
    List<List<String>> rows = new ArrayList<>();
    for (CommandSpec type : types(group)) {
      String[] description = type.usageMessage().description();
      rows.add(
          List.of(
              type.name(),
              String.join(", ", type.aliases()),
              description.length == 0 ? "" : description[0]));
    }
    TableOutput.print(out, List.of("RESOURCE TYPE", "ALIASES", "DESCRIPTION"), rows);
  }

  /** The error for a group command given without a resource type. */
  static UserError missing(CommandSpec group) {
    List<String> names = types(group).stream().map(CommandSpec::name).toList();
    return new UserError(
        "missing resource type: use '"
            + group.qualifiedName()
            + " "
            + String.join("|", names)
            + " ...' (see '"
            + group.qualifiedName()
            + " --help')");
  }

  private static List<CommandSpec> types(CommandSpec group) {
    // Aliases appear as extra keys for the same subcommand: keep each one once.
    Map<CommandLine, Boolean> seen = new IdentityHashMap<>();
    List<CommandSpec> types = new ArrayList<>();
    for (CommandLine sub : group.subcommands().values()) {
      if (seen.put(sub, Boolean.TRUE) == null && !sub.getCommandSpec().usageMessage().hidden()) {
        types.add(sub.getCommandSpec());
      }
    }
    return types;
  }
}
