package dev.wasitrace.cli;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.SyscallSummary;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wasitrace trace summary ID...}: time, calls and errors per function, as strace -c. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = {
      "Time, calls and errors per WASI function, as strace -c prints them, over one or more"
          + " processes (summed).",
      "Computed by queries/summary.sql."
    })
final class TraceSummaryCommand implements Callable<Integer> {
  @ParentCommand TraceCommand trace;
  @Mixin OutputOption output;

  @Parameters(
      paramLabel = "ID",
      arity = "0..*",
      description = "Process IDs, or unique prefixes of them.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--all", description = "Every recorded process.")
  boolean all;

  @Override
  public Integer call() throws IOException {
    if (ids.isEmpty() && !all) {
      throw new UserError("give one or more process IDs, or --all");
    }
    Main main = trace.main;
    ProcessSelection selection = ProcessSelection.of(main, ids, all);
    try (AnalysisSession session = SessionLoader.open(main, selection, null)) {
      print(main, output.format, session);
    }
    return 0;
  }

  static void print(Main main, OutputFormat format, AnalysisSession session) {
    var summary = SyscallSummary.query(session);
    if (format == OutputFormat.TABLE) {
      SyscallSummary.print(main.out, summary);
    } else {
      QueryOutput.print(main.out, format, summary);
    }
  }
}
