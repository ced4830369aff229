package dev.wasitrace.bench;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM of one build's side ({@link SideJvm#fromJar}): on each request it runs one command
 * through that build's own command line, in a registry of its own, as users run it. The command
 * line is reached by reflection ({@code dev.wasitrace.cli.Main.execute}, the whole of {@code main}
 * but the exit): this class runs against any build's jar and is compiled against none. A command
 * whose exit code is not 0 ends the side, with the command's output on stderr.
 *
 * <p>Args, one of:
 *
 * <ul>
 *   <li>{@code paths FILE MODULE [ARGS...]}: each run is {@code run --dir TREE:/sandbox MODULE
 *       ARGS...}, in a fresh TREE holding the file FILE, made before the timing starts;
 *   <li>{@code run MODULE [ARGS...]}: each run is {@code run MODULE ARGS...}, the guest's stdout to
 *       /dev/null (as users send writeloop's: a write(2) per call, and no copy kept);
 *   <li>{@code query SQL MODULE [ARGS...]}: first, untimed, {@code run MODULE ARGS...} (stdout to
 *       /dev/null) and the query once, whose output, on one line, is what the side says of itself
 *       ({@link SideJvm#info}); then each run is {@code query --process ID SQL}, ID that run's.
 * </ul>
 */
final class JarSide {
  private final Method execute;
  private final Map<String, String> env;
  private final OutputStream devNull;

  private JarSide(Path home) throws IOException, ReflectiveOperationException {
    execute =
        Class.forName("dev.wasitrace.cli.Main")
            .getMethod(
                "execute",
                String[].class,
                InputStream.class,
                OutputStream.class,
                OutputStream.class,
                Map.class);
    env = new HashMap<>(System.getenv());
    env.put("WASITRACE_HOME", home.toString());
    devNull = new FileOutputStream("/dev/null");
  }

  public static void main(String[] args) throws Exception {
    // What dev.wasitrace.cli.Main.main does before any command (ArrowStartup).
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    JarSide cli = new JarSide(TempDirs.create("wasitrace-bench"));
    List<String> rest = List.of(args).subList(1, args.length);
    switch (args[0]) {
      case "paths" -> {
        String file = rest.get(0);
        List<String> moduleAndArgs = rest.subList(1, rest.size());
        SideJvm.serve(
            () -> {
              Path tree = TempDirs.create("wasitrace-tree");
              Path target = tree.resolve(file);
              Files.createDirectories(target.getParent());
              Files.writeString(target, "pathloop\n");
              List<String> command = new ArrayList<>(List.of("run", "--dir", tree + ":/sandbox"));
              command.addAll(moduleAndArgs);
              // pathloop prints one line, its error if any: kept for the message of a failure.
              return () -> cli.execute(command, true);
            });
      }
      case "run" -> {
        List<String> command = prepend("run", rest);
        SideJvm.serve(() -> () -> cli.execute(command, false));
      }
      case "query" -> {
        String id =
            cli.execute(prepend("run", rest.subList(1, rest.size())), false)
                .err()
                .lines()
                .findFirst()
                .orElseThrow(() -> new IOException("wasitrace run printed no process ID"));
        List<String> query = List.of("query", "--process", id, rest.get(0));
        String output = cli.execute(query, true).out();
        SideJvm.serve(
            String.join(" ", output.strip().split("\\s+")), () -> () -> cli.execute(query, true));
      }
      default -> throw new IllegalArgumentException("no such side: " + args[0]);
    }
  }

  /** What a command printed. */
  private record Output(String out, String err) {}

  /**
   * Runs COMMAND through the build's command line, its stdout kept or sent to /dev/null; fails
   * unless its exit code is 0.
   */
  private Output execute(List<String> command, boolean keepStdout) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = command.toArray(String[]::new);
    int code;
    try {
      code =
          (Integer)
              execute.invoke(
                  null, argv, InputStream.nullInputStream(), keepStdout ? out : devNull, err, env);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IOException("wasitrace " + String.join(" ", command), e);
    }
    Output output =
        new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IOException(
          "wasitrace "
              + String.join(" ", command)
              + ": exit code "
              + code
              + "\n"
              + output.out()
              + output.err());
    }
    return output;
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
