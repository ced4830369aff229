package dev.wasitrace.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the real CLI in its own JVM, as a user's shell would, for kill and concurrency tests (and
 * for guests that serve while a test talks to them). Public for the tests in subpackages.
 */
public final class CliProcess {
  private CliProcess() {}

  public static ProcessBuilder builder(Path home, String... args) {
    List<String> command = new ArrayList<>(WasitraceJvm.command());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("WASITRACE_HOME", home.toString());
    return builder;
  }

  public static Process start(Path home, Path stdout, Path stderr, String... args)
      throws IOException {
    return builder(home, args)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }
}
