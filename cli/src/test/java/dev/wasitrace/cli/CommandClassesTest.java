package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.testing.TestData;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that only read the registry start without the libraries they do not use: each class
 * loaded is a cost at every start (the runtime, Arrow, DuckDB, Jackson's object mapper).
 */
class CommandClassesTest {
  @TempDir Path home;
  @TempDir Path work;

  /** The packages of the classes the JVM loaded for one command, in a JVM of its own. */
  private List<String> loadedClasses(String... args) throws Exception {
    Path log = work.resolve("classes-" + String.join("-", args).hashCode() + ".txt");
    List<String> command = new ArrayList<>(WasitraceJvm.command());
    command.add("-Xlog:class+load=info:file=" + log);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(work.resolve("out.txt").toFile())
            .redirectError(work.resolve("err.txt").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("WASITRACE_HOME", home.toString());
    int exit = builder.start().waitFor();
    assertEquals(0, exit, Files.readString(work.resolve("err.txt")));
    // "[0.123s][info][class,load] org.example.Name source: ..."
    return Files.readAllLines(log).stream()
        .map(line -> line.replaceFirst("^.*\\[class,load\\] ", ""))
        .map(line -> line.split(" ")[0])
        .toList();
  }

  private static List<String> from(List<String> classes, String... packages) {
    return classes.stream()
        .filter(name -> List.of(packages).stream().anyMatch(name::startsWith))
        .limit(5)
        .toList();
  }

  @Test
  void listingAndDescribingLoadNeitherRuntimeNorArrowNorDuckDb() throws Exception {
    Cli.Result run = new Cli(home).run("run", TestData.wasm("hello").toString());
    assertEquals(0, run.exitCode(), run.err());
    String id = run.processId();

    for (String[] command :
        List.of(
            new String[] {"get", "process"},
            new String[] {"get", "module"},
            new String[] {"describe", "process", id})) {
      List<String> classes = loadedClasses(command);
      assertEquals(
          List.of(),
          from(
              classes,
              "run.endive.runtime.",
              "run.endive.compiler.",
              "org.duckdb.",
              "org.apache.arrow.vector.",
              "com.fasterxml.jackson.databind."),
          String.join(" ", command));
    }
    List<String> logs = loadedClasses("logs", id);
    assertEquals(
        List.of(),
        from(logs, "run.endive.runtime.", "run.endive.compiler.", "org.duckdb."),
        "logs");
  }
}
