package dev.wasitrace.cli;

import dev.wasitrace.log.InvalidLogException;
import dev.wasitrace.log.LogBatch;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wasitrace logs ID}: the guest's stdout and stderr, rebuilt byte for byte from the bytes
 * its successful {@code fd_write} calls to fd 1 and 2 wrote, in the order it wrote them.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print the recorded stdout and stderr of a process, rebuilt from its log.")
final class LogsCommand implements Callable<Integer> {
  private static final int STDOUT = 1;
  private static final int STDERR = 2;

  @ParentCommand Main main;

  @Parameters(paramLabel = "ID", description = "Process ID, or a unique prefix of one.")
  String idPrefix;

  @Override
  public Integer call() throws IOException {
    Registry registry = Registry.open(main.registryRoot());
    ProcessInfo info = registry.readProcess(registry.resolveProcess(idPrefix));
    String truncation;
    try (LogReader reader = new LogReader(registry.logPath(info.id()))) {
      while (reader.next()) {
        copyOutput(reader.batch());
      }
      truncation = reader.truncation();
    } catch (InvalidLogException e) {
      if (!info.effectiveStatus().unfinished()) {
        throw new UserError(
            "cannot read the log of process " + info.id() + ": " + e.getMessage(), e);
      }
      // A run killed (or still running) before its first batch reached the disk.
      truncation = e.getMessage();
    }
    main.rawOut.flush();
    main.rawErr.flush();
    if (truncation != null) {
      main.err.println("wasitrace: the output may be incomplete: " + truncation);
    }
    return 0;
  }

  private void copyOutput(LogBatch batch) throws IOException {
    for (int row = 0; row < batch.rows(); row++) {
      if (!batch.hasFd(row) || !"fd_write".equals(batch.func(row))) {
        continue;
      }
      byte[] data = batch.data(row); // null when the write failed
      if (data == null) {
        continue;
      }
      int fd = batch.fd(row);
      OutputStream target = fd == STDOUT ? main.rawOut : fd == STDERR ? main.rawErr : null;
      if (target != null) {
        target.write(data);
      }
    }
  }
}
