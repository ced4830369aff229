package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/wasitrace} as users start it (README's first command), run by failsafe once the shaded
 * jar is packaged: the launcher must use that jar without rebuilding, pass the JVM flags the
 * product needs, and make or skip its class-data-sharing archive without changing what a run does.
 */
class LauncherIT {
  private static final Path ROOT = Path.of(System.getenv("WASITRACE_ROOT"));
  private static final Path LAUNCHER = ROOT.resolve("bin/wasitrace");
  private static final String HELLO_OUTPUT = "Hello, World!\narg[1]=a\narg[2]=b\nGREETING unset\n";
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @TempDir Path home;

  /** What one start of the launcher printed, and its exit code. */
  private record Result(int exitCode, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.isEmpty() ? List.of() : List.of(stderr.split("\n"));
    }
  }

  private Result launch(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    Path out = home.resolve("stdout");
    Path err = home.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("WASITRACE_HOME", home.resolve("registry").toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("bin/wasitrace did not finish within 3 minutes");
    }
    try {
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  @Test
  void runsTheBundledExampleWithTheBuiltJarAndRecordsIt() throws Exception {
    Result run = launch(Map.of("WASITRACE_CDS", "off"), "run", "examples/hello.wasm", "a", "b");

    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(HELLO_OUTPUT, run.stdout());
    // The jar mvn just packaged is up to date: no rebuild, so the process ID comes first, then
    // the guest's own line on stderr.
    assertHelloStderr(run);
    String processId = run.stderrLines().get(0);

    Result listed = launch(Map.of("WASITRACE_CDS", "off"), "get", "process");
    assertEquals(0, listed.exitCode(), listed.stderr());
    assertTrue(listed.stdout().contains(processId), listed.stdout());
    assertTrue(listed.stdout().contains("exited (0)"), listed.stdout());
  }

  private static void assertHelloStderr(Result run) {
    List<String> lines = run.stderrLines();
    assertEquals(2, lines.size(), run.stderr());
    assertTrue(lines.get(0).matches(UUID), run.stderr());
    assertEquals("to stderr", lines.get(1));
  }

  @Test
  void mavenRunAsTheLauncherBuildsWritesNoEscapeCodes() throws Exception {
    // The launcher's first build runs `mvn -B -q ... install` onto stderr, before the process ID;
    // Maven 3.8's jansi wrote ESC[0m there four times until .mvn/jvm.config stopped it. Validate
    // is the cheapest phase that starts Maven's console the same way.
    Path output = home.resolve("mvn-output");
    Process mvn =
        new ProcessBuilder("mvn", "-B", "-q", "-o", "validate", "-pl", "arrow-schema")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    assertTrue(mvn.waitFor(3, TimeUnit.MINUTES), "mvn validate finished");
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, mvn.exitValue(), printed);
    assertFalse(printed.contains("\u001b"), "escape codes in: " + printed.replace("\u001b", "ESC"));
  }

  @Test
  void aMissingModuleIsOneClearLineAndANonZeroExit() throws Exception {
    Result run = launch(Map.of("WASITRACE_CDS", "off"), "run", "no-such-module.wasm");

    assertNotEquals(0, run.exitCode());
    assertEquals("", run.stdout());
    assertEquals(1, run.stderrLines().size(), run.stderr());
    assertTrue(run.stderr().contains("no-such-module.wasm"), run.stderr());
    assertFalse(run.stderr().contains("Exception"), run.stderr());
  }

  @Test
  void theClassDataSharingArchiveIsMadeOnceAndChangesNothingARunDoes() throws Exception {
    Result first = launch(Map.of(), "run", "examples/hello.wasm", "a", "b");
    Result second = launch(Map.of(), "run", "examples/hello.wasm", "a", "b");

    for (Result run : List.of(first, second)) {
      assertEquals(0, run.exitCode(), run.stderr());
      assertEquals(HELLO_OUTPUT, run.stdout());
      // Nothing else: a JVM that rejected the archive would warn here.
      assertHelloStderr(run);
    }
    // Made (or, where this JDK cannot make one, noted as failed) beside the jar.
    try (Stream<Path> files = Files.list(ROOT.resolve("cli/target"))) {
      assertTrue(
          files.anyMatch(f -> f.getFileName().toString().matches("wasitrace-.*\\.jsa(\\.failed)?")),
          "no class-data-sharing archive (nor its failure marker) in cli/target");
    }
  }
}
