package dev.wasitrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wasitrace describe TYPE ID}: the details of one resource of the registry. */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    description = "Show the details of a recorded process or a stored module.",
    subcommands = {DescribeProcessCommand.class, DescribeModuleCommand.class})
final class DescribeCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw ResourceTypes.missing(spec);
  }
}
