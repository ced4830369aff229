package dev.wasitrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wasitrace get TYPE}: lists resources of the registry; alone, lists the types. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "List resources in the registry: recorded processes or stored modules.",
      "Without a resource type, list the resource types."
    },
    subcommands = {GetProcessCommand.class, GetModuleCommand.class})
final class GetCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ResourceTypes.print(main.out, spec);
    return 0;
  }
}
