package dev.wasitrace.cli;

import dev.wasitrace.analyzer.http.TraceRequestRenderer;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import picocli.CommandLine.Command;

/** {@code wasitrace trace request [-v] ID...}: one line per HTTP exchange, Timecraft's format. */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = {
      "One line per HTTP exchange, client or server side; -v prints headers and bodies",
      "(gzip decoded)."
    })
final class TraceRequestCommand extends TraceRenderCommand {
  @Override
  void render(Connection connection, String processId, Writer out) throws SQLException {
    new TraceRequestRenderer(ZoneId.systemDefault(), verbose).render(connection, processId, out);
  }
}
