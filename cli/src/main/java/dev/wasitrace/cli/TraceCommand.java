package dev.wasitrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wasitrace trace TYPE ...}: traces rendered after the fact from recorded processes. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = "Show what recorded processes did, rendered from their logs.",
    subcommands = {TraceNetworkCommand.class, TraceRequestCommand.class, TraceSummaryCommand.class})
final class TraceCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw ResourceTypes.missing(spec);
  }
}
