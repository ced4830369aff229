package dev.wasitrace.cli;

import dev.wasitrace.analyzer.AnalysisException;
import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.QueryResult;
import dev.wasitrace.analyzer.net.NetworkTables;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wasitrace query [SQL]}: SQL over the recorded processes, in DuckDB. The tables are those
 * of {@code queries/}: processes, modules, syscalls, network_events (see queries/README.md).
 */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Run SQL (DuckDB) over recorded processes: every one by default, or those given with"
          + " --process.",
      "Tables: processes, modules, syscalls, network_events, tcp_connections, http_exchanges,"
          + " errnos (see queries/README.md).",
      "The SQL comes from the argument, from --file, or from stdin (SQL '-', or none while stdin"
          + " is not a terminal). With several statements, the rows of the last one are printed."
    })
final class QueryCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Mixin OutputOption output;

  @Option(
      names = {"-p", "--process"},
      paramLabel = "ID",
      description = "A process to load (ID or unique prefix); repeat for more. Default: all.")
  List<String> processes = new ArrayList<>();

  @Option(names = "--all", description = "Every recorded process (the default).")
  boolean all;

  @Option(
      names = "--db",
      paramLabel = "FILE.duckdb",
      description =
          "Write the tables into this DuckDB database (created, or its wasitrace tables"
              + " replaced), for the DuckDB CLI or DBeaver; then run the SQL, if any, there.")
  Path database;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Read the SQL from this file.")
  Path file;

  @Option(
      names = "--safe",
      description =
          "Run the SQL without access to anything but the loaded tables: no files read or"
              + " written (read_csv, COPY ... TO, ATTACH), no network, no extensions; for SQL"
              + " you did not write. Without it, the SQL runs with your own rights.")
  boolean safe;

  @Option(
      names = "--summary",
      description = "Print the per-function summary of 'wasitrace trace summary' instead.")
  boolean summary;

  @Parameters(
      paramLabel = "SQL",
      arity = "0..1",
      description = "The statement(s) to run; '-' reads them from stdin.")
  String sql;

  @Override
  public Integer call() throws IOException {
    String statements = statements();
    ProcessSelection selection = ProcessSelection.of(main, processes, all);
    try (AnalysisSession session = SessionLoader.open(main, selection, database)) {
      // The tables framed in Java cost a pass over every socket event: made only for a database
      // file (which gets every table) or SQL that names them, and before --safe locks the session.
      if (database != null || (statements != null && NetworkTables.namedIn(statements))) {
        session.deriveNetworkTables();
      }
      if (safe) {
        session.forbidExternalAccess();
      }
      if (summary) {
        TraceSummaryCommand.print(main, output.format, session);
      } else if (statements != null) {
        QueryResult result;
        try {
          result = session.query(statements);
        } catch (AnalysisException e) {
          throw new UserError(e.getMessage() + (safe ? refusedBySafe(e.getMessage()) : ""), e);
        }
        if (result != null) {
          QueryOutput.print(main.out, output.format, result);
        }
      } else {
        main.err.println(
            "wasitrace: wrote "
                + selection.processes().size()
                + (selection.processes().size() == 1 ? " process" : " processes")
                + " to "
                + database);
      }
    }
    return 0;
  }

  /** Says why, when DuckDB refused the SQL because of --safe. */
  private static String refusedBySafe(String message) {
    return message.contains("disabled by configuration")
            || message.contains("the configuration has been locked")
        ? " (query --safe forbids it)"
        : "";
  }

  /** The SQL to run, or null when there is none and none is needed (--db, --summary). */
  private String statements() throws IOException {
    if (summary && (sql != null || file != null)) {
      throw new UserError("--summary runs its own query: give no SQL with it");
    }
    String text;
    if (file != null) {
      if (sql != null) {
        throw new UserError("give the SQL as an argument or with --file, not both");
      }
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserError("cannot read " + file + ": " + Registry.describe(e), e);
      }
    } else if ("-".equals(sql) || (sql == null && !StandardStreams.isTerminal(main.in))) {
      text = new String(main.in.readAllBytes(), StandardCharsets.UTF_8);
    } else {
      text = sql;
    }
    if (text == null || text.isBlank()) {
      if (summary || database != null) {
        return null;
      }
      throw new UserError(
          text == null
              ? "no SQL given: pass it as an argument, with --file, or on stdin"
              : "the SQL is empty");
    }
    return text;
  }
}
