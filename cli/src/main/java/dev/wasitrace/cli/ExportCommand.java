package dev.wasitrace.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wasitrace export TYPE ...}: writes something recorded to a file. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write recorded resources to files.",
    subcommands = {
      ExportModuleCommand.class,
      ExportPcapCommand.class,
      ExportCodeTracerCommand.class,
      ExportParquetCommand.class
    })
final class ExportCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw ResourceTypes.missing(spec);
  }
}
