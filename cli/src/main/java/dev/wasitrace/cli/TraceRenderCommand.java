package dev.wasitrace.cli;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.UserError;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * What {@code trace network} and {@code trace request} share: the processes to render (IDs or
 * {@code --all}), {@code -v}, a DuckDB session over them, and buffered output — one process after
 * another, each under a {@code ==> ID <==} header when there are several.
 */
abstract class TraceRenderCommand implements Callable<Integer> {
  @ParentCommand TraceCommand trace;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show the bytes (hex dump) or the messages.")
  boolean verbose;

  @Option(names = "--all", description = "Every recorded process.")
  boolean all;

  @Parameters(paramLabel = "ID", arity = "0..*", description = "Process IDs or unique prefixes.")
  List<String> ids = new ArrayList<>();

  /** Renders one process's traffic. */
  abstract void render(Connection connection, String processId, Writer out) throws SQLException;

  @Override
  public Integer call() throws IOException {
    if (ids.isEmpty() && !all) {
      throw new UserError("give one or more process IDs, or --all");
    }
    Main main = trace.main;
    ProcessSelection selection = ProcessSelection.of(main, ids, all);
    // Buffered: a PrintStream flushes on every line, too slow for a million events.
    Writer out =
        new BufferedWriter(new OutputStreamWriter(main.rawOut, StandardCharsets.UTF_8), 1 << 16);
    try (AnalysisSession session = SessionLoader.open(main, selection, null)) {
      boolean headers = selection.processes().size() > 1;
      for (ProcessInfo process : selection.processes()) {
        if (headers) {
          out.write("==> " + process.id() + " <==\n");
        }
        // network_events is all the renderers read.
        render(session.connectionToLoadedTables(), process.id(), out);
      }
    } catch (SQLException e) {
      throw new UserError("cannot render the trace: " + e.getMessage(), e);
    } finally {
      out.flush();
    }
    return 0;
  }
}
