package dev.wasitrace.cli;

import picocli.CommandLine.Option;

/** The {@code -o table|csv|json} option (alias {@code --format}) shared by listing commands. */
final class OutputOption {
  @Option(
      names = {"-o", "--output", "--format"},
      paramLabel = "FORMAT",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Names.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "table")
  OutputFormat format = OutputFormat.TABLE;
}
