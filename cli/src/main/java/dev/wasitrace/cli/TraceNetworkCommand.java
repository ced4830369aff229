package dev.wasitrace.cli;

import dev.wasitrace.analyzer.net.TraceNetworkRenderer;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import picocli.CommandLine.Command;

/** {@code wasitrace trace network [-v] ID...}: one line per socket event, Timecraft's format. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description = {
      "One line per socket event (CONN, ACCEPT, SEND, RECV, SHUT), in local time;",
      "-v adds the record number and a hex dump of the bytes."
    })
final class TraceNetworkCommand extends TraceRenderCommand {
  @Override
  void render(Connection connection, String processId, Writer out) throws SQLException {
    new TraceNetworkRenderer(ZoneId.systemDefault(), verbose).render(connection, processId, out);
  }
}
