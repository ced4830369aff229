package dev.wasitrace.bench;

import java.io.ByteArrayOutputStream;
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
 * The JVM of one build's side ({@link SideJvm#fromJar}): on each request it runs {@code wasitrace
 * run --dir TREE:/sandbox MODULE ARGS...} through that build's own command line, recorded into a
 * registry of its own, as users run it; each time in a fresh TREE holding the file FILE, made
 * before the timing starts. The command line is reached by reflection ({@code
 * dev.wasitrace.cli.Main.execute}, the whole of {@code main} but the exit): this class runs against
 * any build's jar and is compiled against none. A run whose exit code is not 0 ends the side, with
 * the run's output on stderr.
 *
 * <p>Args: FILE MODULE [ARGS...]
 */
final class JarSide {
  private JarSide() {}

  public static void main(String[] args) throws Exception {
    // What dev.wasitrace.cli.Main.main does before any command (ArrowStartup).
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    Method execute =
        Class.forName("dev.wasitrace.cli.Main")
            .getMethod(
                "execute",
                String[].class,
                InputStream.class,
                OutputStream.class,
                OutputStream.class,
                Map.class);
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("WASITRACE_HOME", TempDirs.create("wasitrace-bench").toString());
    String file = args[0];
    List<String> moduleAndArgs = List.of(args).subList(1, args.length);
    SideJvm.serve(
        () -> {
          Path tree = TempDirs.create("wasitrace-tree");
          Path target = tree.resolve(file);
          Files.createDirectories(target.getParent());
          Files.writeString(target, "pathloop\n");
          List<String> command = new ArrayList<>(List.of("run", "--dir", tree + ":/sandbox"));
          command.addAll(moduleAndArgs);
          return () -> run(execute, command.toArray(String[]::new), env);
        });
  }

  private static void run(Method execute, String[] command, Map<String, String> env)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      code = (Integer) execute.invoke(null, command, InputStream.nullInputStream(), out, err, env);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IOException("wasitrace run " + String.join(" ", command), e);
    }
    if (code != 0) {
      throw new IOException(
          "wasitrace run "
              + String.join(" ", command)
              + ": exit code "
              + code
              + "\n"
              + out.toString(StandardCharsets.UTF_8)
              + err.toString(StandardCharsets.UTF_8));
    }
  }
}
