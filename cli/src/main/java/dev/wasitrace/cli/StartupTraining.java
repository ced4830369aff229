package dev.wasitrace.cli;

import dev.wasitrace.log.ArrowStartup;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The launcher's training run for its class-data archive (AppCDS, or the JDK's AOT cache): the
 * commands users start most, in one JVM, on a throwaway registry, so the archive holds the classes
 * each of them loads and not only those of {@code run}.
 *
 * <p>Usage: {@code java -cp wasitrace.jar dev.wasitrace.cli.StartupTraining REGISTRY MODULE}
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] args) throws Exception {
    ArrowStartup.skipNettyJfrEvents();
    Map<String, String> env = Map.of(Registry.HOME_VARIABLE, args[0]);
    String module = args[1];
    execute(env, "run", module);
    List<ProcessInfo> processes = Registry.open(Path.of(args[0])).processes(skipped -> {});
    String id = processes.get(0).id();
    execute(env, "replay", id);
    execute(env, "get", "process");
    execute(env, "get", "module");
    execute(env, "describe", "process", id);
    execute(env, "logs", id);
    execute(env, "query", "select count(*) from syscalls");
    execute(env, "trace", "summary", id);
  }

  private static void execute(Map<String, String> env, String... commandLine) {
    int code =
        Main.execute(
            commandLine,
            new ByteArrayInputStream(new byte[0]),
            OutputStream.nullOutputStream(),
            OutputStream.nullOutputStream(),
            env);
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", commandLine) + " exited " + code);
    }
  }
}
