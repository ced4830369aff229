package dev.wasitrace.cli;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.exporters.parquet.ExportDirectory;
import dev.wasitrace.exporters.parquet.ParquetExport;
import dev.wasitrace.exporters.parquet.ParquetExporter;
import dev.wasitrace.exporters.parquet.WriteMode;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wasitrace export parquet [--all | ID...] -o DIR}: every table as Hive-partitioned Parquet
 * ({@code DIR/<table>/date=YYYY-MM-DD/part-<uuid>.parquet}), see exporters/docs/parquet.md.
 */
@Command(
    name = "parquet",
    mixinStandardHelpOptions = true,
    description = {
      "Write the tables of recorded processes (every one by default) as Hive-partitioned Parquet"
          + " for DuckDB, Spark or Trino: DIR/<table>/date=YYYY-MM-DD/part-<uuid>.parquet.",
      "Tables: processes, modules, syscalls, network_events, tcp_connections, http_exchanges,"
          + " http_messages, errnos. Every row has a schema_version column."
    })
final class ExportParquetCommand implements Callable<Integer> {
  @ParentCommand ExportCommand export;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "DIR",
      description = "The folder to write: new, or empty (created with its parents).")
  Path dir;

  @Option(names = "--all", description = "Every recorded process (the default).")
  boolean all;

  @Option(names = "--overwrite", description = "Replace an earlier export in DIR.")
  boolean overwrite;

  @Option(
      names = "--append",
      description = "Add to an earlier export in DIR the processes it does not have yet.")
  boolean append;

  @Parameters(paramLabel = "ID", arity = "0..*", description = "Process IDs or unique prefixes.")
  List<String> ids = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (overwrite && append) {
      throw new UserError("give --overwrite or --append, not both");
    }
    Main main = export.main;
    ProcessSelection selection = ProcessSelection.of(main, ids, all);
    WriteMode mode = overwrite ? WriteMode.OVERWRITE : append ? WriteMode.APPEND : WriteMode.CREATE;
    try (ExportDirectory target = ExportDirectory.open(dir, mode)) {
      if (target.appending()) {
        selection = withoutExported(main, selection, target);
        if (selection == null) {
          return 0;
        }
      }
      try (AnalysisSession session = SessionLoader.open(main, selection, null)) {
        ParquetExport written = ParquetExporter.export(session.connection(), target);
        main.err.println(
            "wasitrace: exported "
                + count(written.processes(), "process", "processes")
                + " to "
                + target.shown()
                + " ("
                + count(written.totalRows(), "row", "rows")
                + " in "
                + written.rows().size()
                + " tables)");
      }
    }
    return 0;
  }

  /**
   * The selection less the processes the export has already; null, after saying so, when that
   * leaves none of a non-empty selection.
   */
  private static ProcessSelection withoutExported(
      Main main, ProcessSelection selection, ExportDirectory target) {
    Set<String> exported = target.exportedProcessIds();
    List<ProcessInfo> left =
        selection.processes().stream().filter(p -> !exported.contains(p.id())).toList();
    int skipped = selection.processes().size() - left.size();
    if (skipped == 0) {
      return selection;
    }
    if (left.isEmpty()) {
      main.err.println(
          "wasitrace: nothing to export: "
              + target.shown()
              + " has every selected process already");
      return null;
    }
    main.err.println(
        "wasitrace: skipping "
            + count(skipped, "process", "processes")
            + " that "
            + target.shown()
            + " has already");
    return new ProcessSelection(left, selection.all());
  }

  private static String count(long n, String one, String many) {
    return String.format("%,d %s", n, n == 1 ? one : many);
  }
}
