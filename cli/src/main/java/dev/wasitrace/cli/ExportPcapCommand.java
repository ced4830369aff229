package dev.wasitrace.cli;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.exporters.pcap.PcapExportException;
import dev.wasitrace.exporters.pcap.PcapExportOptions;
import dev.wasitrace.exporters.pcap.PcapExportResult;
import dev.wasitrace.exporters.pcap.PcapExporter;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wasitrace export pcap ID... -o FILE}: the processes' TCP and UDP traffic as a classic pcap
 * (see exporters/docs/pcap.md). The file appears whole or not at all: it is written beside its
 * final name, then moved there.
 */
@Command(
    name = "pcap",
    mixinStandardHelpOptions = true,
    description = {
      "Write the recorded TCP and UDP traffic of processes as a pcap (nanosecond",
      "timestamps, every process's packets merged in time order) for Wireshark,",
      "tshark or Zeek. See exporters/docs/pcap.md."
    })
final class ExportPcapCommand implements Callable<Integer> {
  @ParentCommand ExportCommand export;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "FILE",
      description = "Where to write the pcap ('-' for stdout).")
  String output;

  @Option(
      names = "--filter",
      paramLabel = "SQL-WHERE",
      description =
          "Only the connections this WHERE clause keeps, over the columns of tcp_connections"
              + " plus proto ('tcp' or 'udp'): \"resp_p = 8080 AND proto = 'tcp'\".")
  String filter;

  @Option(
      names = "--mtu",
      paramLabel = "BYTES",
      defaultValue = "1500",
      description =
          "The link MTU the TCP segments are cut for (default ${DEFAULT-VALUE}: an MSS of 1460"
              + " over IPv4, 1440 over IPv6); "
              + PcapExportOptions.MIN_MTU
              + " to "
              + PcapExportOptions.MAX_MTU
              + ".")
  int mtu;

  @Option(names = "--all", description = "Every recorded process.")
  boolean all;

  @Parameters(paramLabel = "ID", arity = "0..*", description = "Process IDs or unique prefixes.")
  List<String> ids = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (ids.isEmpty() && !all) {
      throw new UserError("give one or more process IDs, or --all");
    }
    PcapExportOptions options;
    try {
      options = PcapExportOptions.DEFAULT.withMtu(mtu).withFilter(filter);
    } catch (PcapExportException e) {
      throw new UserError(e.getMessage(), e);
    }
    Main main = export.main;
    ProcessSelection selection = ProcessSelection.of(main, ids, all);
    List<String> processIds = selection.processes().stream().map(ProcessInfo::id).toList();
    PcapExportResult result;
    // The output is claimed before the logs load: an unwritable path fails at once.
    try (Output out = output.equals("-") ? new Output(main.rawOut) : Output.file(Path.of(output))) {
      try (AnalysisSession session = SessionLoader.open(main, selection, null)) {
        result = new PcapExporter(options).export(session.connection(), processIds, out.stream());
      } catch (PcapExportException e) {
        throw new UserError(e.getMessage(), e);
      } catch (SQLException e) {
        throw new UserError("cannot export the traffic: " + e.getMessage(), e);
      }
      out.commit();
    }
    notes(main, result);
    return 0;
  }

  /**
   * One line for each process that gave no packets, or one line when none did (with a filter, only
   * then).
   */
  private void notes(Main main, PcapExportResult result) {
    String where = output.equals("-") ? "the pcap" : output;
    if (result.packets() == 0) {
      String why =
          filter != null
              ? "no connection matches the filter"
              : processIds(result).size() == 1
                  ? "process " + processIds(result).get(0) + " has no TCP or UDP traffic"
                  : "these processes have no TCP or UDP traffic";
      main.note(why + "; " + where + " holds no packets");
      return;
    }
    if (filter != null) {
      return; // processes the filter left out are what was asked for
    }
    for (Map.Entry<String, Long> process : result.packetsByProcess().entrySet()) {
      if (process.getValue() == 0) {
        main.note("process " + process.getKey() + " has no TCP or UDP traffic");
      }
    }
  }

  private static List<String> processIds(PcapExportResult result) {
    return List.copyOf(result.packetsByProcess().keySet());
  }

  /**
   * Where the pcap goes: stdout, or a temporary file beside the target that {@link #commit} moves
   * into place and that is deleted if the export fails.
   */
  private static final class Output implements AutoCloseable {
    private final OutputStream stream;
    private final Path temporary;
    private final Path target;
    private boolean committed;

    Output(OutputStream stdout) {
      this.stream = new NonClosing(stdout);
      this.temporary = null;
      this.target = null;
    }

    private Output(OutputStream stream, Path temporary, Path target) {
      this.stream = stream;
      this.temporary = temporary;
      this.target = target;
    }

    static Output file(Path target) {
      if (Files.isDirectory(target)) {
        throw new UserError("cannot write " + target + ": it is a directory");
      }
      Path folder = target.toAbsolutePath().getParent();
      Path temporary =
          folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        // createFile (not createTempFile): the file gets the umask's permissions, as the
        // final one should.
        Files.createFile(temporary);
        return new Output(
            new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16), temporary, target);
      } catch (AccessDeniedException e) {
        throw new UserError("cannot write " + target + ": permission denied", e);
      } catch (NoSuchFileException e) {
        throw new UserError("cannot write " + target + ": its folder does not exist", e);
      } catch (FileAlreadyExistsException e) {
        throw new UserError("cannot write " + target + ": " + Registry.describe(e), e);
      } catch (IOException e) {
        deleteQuietly(temporary);
        throw new UserError("cannot write " + target + ": " + Registry.describe(e), e);
      }
    }

    OutputStream stream() {
      return stream;
    }

    /** The pcap is complete: flush it and put it in place. */
    void commit() throws IOException {
      stream.flush();
      if (temporary != null) {
        stream.close();
        try {
          Files.move(
              temporary,
              target,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UserError("cannot write " + target + ": " + Registry.describe(e), e);
        }
      }
      committed = true;
    }

    @Override
    public void close() throws IOException {
      if (temporary != null && !committed) {
        try {
          stream.close();
        } finally {
          deleteQuietly(temporary);
        }
      }
    }

    private static void deleteQuietly(Path file) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // nothing more to do: the error being reported matters more
      }
    }
  }

  /** stdout stays open after the export: the CLI still writes to it. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
