package dev.wasitrace.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real CLI entry point in-process against one registry, capturing its output. Public for
 * the tests in subpackages (e.g. {@code net}).
 */
public final class Cli {
  /** What one command printed and returned. */
  public record Result(int exitCode, String out, String err, byte[] outBytes) {
    /** stderr without the first line (the process ID that run prints). */
    public String errAfterId() {
      int newline = err.indexOf('\n');
      return newline < 0 ? "" : err.substring(newline + 1);
    }

    /** The process ID printed by run. */
    public String processId() {
      int newline = err.indexOf('\n');
      return newline < 0 ? err : err.substring(0, newline);
    }
  }

  private final Path home;

  public Cli(Path home) {
    this.home = home;
  }

  public Path home() {
    return home;
  }

  public Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  public Result runWithInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>();
    env.put("WASITRACE_HOME", home.toString());
    int code = Main.execute(args, new ByteArrayInputStream(stdin), out, err, env);
    return new Result(
        code,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        out.toByteArray());
  }

  public Result run(List<String> args) {
    return run(args.toArray(String[]::new));
  }
}
