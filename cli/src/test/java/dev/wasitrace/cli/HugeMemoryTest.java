package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Modules whose memory at start is more than Endive or the JVM's heap holds: refused in one line
 * that says what they need and what is allowed, and recorded as failed with that line.
 */
class HugeMemoryTest {
  @TempDir Path home;
  @TempDir Path work;

  @Test
  void fourGibAreRefusedInOneLineAndRecordedAsFailed() throws Exception {
    assertRefusedByEndive("memory_4g", "4 GiB", "65,536 pages");
  }

  @Test
  void twoGibAreOnePageMoreThanEndiveHolds() throws Exception {
    assertRefusedByEndive("memory_2g", "2 GiB", "32,768 pages");
  }

  @Test
  void theInterpreterRefusesThemAlike() throws Exception {
    Cli.Result result =
        new Cli(home).run("run", "--interpreter", TestData.wasm("memory_4g").toString());
    assertEquals(1, result.exitCode());
    assertTrue(result.errAfterId().contains("Endive holds at most 32,767 pages"), result.err());
    assertEquals("failed", onlyProcess().status().label());
  }

  @Test
  void aMemoryTheHeapCannotHoldNamesTheHeapAndHowToGiveMore() throws Exception {
    Path err = work.resolve("err");
    Process process = start(List.of("-Xmx64m"), err, "run", TestData.wasm("memory_96m").toString());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the run ended");
    assertEquals(1, process.exitValue());
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
    assertEquals(2, lines.size(), "the process ID and one line: " + lines);
    assertEquals(
        "wasitrace: "
            + TestData.wasm("memory_96m")
            + " needs 96 MiB of memory at start (1,536 pages of 64 KiB) but this JVM's heap"
            + " holds at most 64 MiB: give it more, e.g. WASITRACE_JAVA_OPTS=-Xmx1g",
        lines.get(1));
    ProcessInfo info = onlyProcess();
    assertEquals("failed", info.effectiveStatus().label());
    assertEquals(lines.get(1).substring("wasitrace: ".length()), info.error());
    assertNull(info.exitCode(), "the guest never ran");
  }

  @Test
  void theSameMemoryRunsWhenTheHeapHoldsIt() throws Exception {
    Cli.Result result = new Cli(home).run("run", TestData.wasm("memory_96m").toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("memory ok\n", result.out());
    assertEquals("exited", onlyProcess().status().label());
  }

  @Test
  void aMemoryThatOutgrowsTheHeapAsTheGuestRunsEndsInOneLine() throws Exception {
    Path err = work.resolve("err");
    Process process =
        start(List.of("-Xmx64m"), err, "run", TestData.wasm("memory_grow").toString());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the run ended");
    assertEquals(1, process.exitValue());
    List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8);
    assertEquals(2, lines.size(), "the process ID and one line: " + lines);
    assertTrue(
        lines
            .get(1)
            .matches(
                "wasitrace: the JVM ran out of heap while the guest ran \\(at most [0-9.]+ MiB\\):"
                    + " give it more, e\\.g\\. WASITRACE_JAVA_OPTS=-Xmx2g"),
        lines.get(1));
    ProcessInfo info = onlyProcess();
    assertEquals("failed", info.effectiveStatus().label());
    assertEquals(lines.get(1).substring("wasitrace: ".length()), info.error());

    // With the heap it needs, the same guest grows its memory and goes on.
    Cli.Result grown = new Cli(home).run("run", TestData.wasm("memory_grow").toString());
    assertEquals(0, grown.exitCode(), grown.err());
    assertEquals("grew\n", grown.out());
  }

  private void assertRefusedByEndive(String name, String size, String pages) throws Exception {
    Cli cli = new Cli(home);
    Cli.Result result = cli.run("run", TestData.wasm(name).toString());
    assertEquals(1, result.exitCode());
    assertEquals("", result.out());
    String line =
        "wasitrace: "
            + TestData.wasm(name)
            + " needs "
            + size
            + " of memory at start ("
            + pages
            + " of 64 KiB); Endive holds at most 32,767 pages (2 GiB less 64 KiB), whatever the"
            + " JVM's heap\n";
    assertEquals(line, result.errAfterId());

    ProcessInfo info = onlyProcess();
    assertEquals(result.processId(), info.id());
    assertEquals(
        "failed", info.effectiveStatus().label(), "not killed: wasitrace said why it stopped");
    assertEquals(line.substring("wasitrace: ".length(), line.length() - 1), info.error());
    assertTrue(cli.run("get", "process").out().contains(" failed\n"));
    String described = cli.run("describe", "process", info.id()).out();
    assertTrue(described.contains("Status: failed\n"), described);
    assertTrue(described.contains("Error: " + info.error() + "\n"), described);
  }

  private ProcessInfo onlyProcess() throws Exception {
    List<ProcessInfo> processes = Registry.open(home).processes(skipped -> fail(skipped));
    assertEquals(1, processes.size());
    return processes.get(0);
  }

  private Process start(List<String> jvmOptions, Path err, String... args) throws Exception {
    ProcessBuilder builder = CliProcess.builder(home, args);
    List<String> command = new ArrayList<>(builder.command());
    command.addAll(1, jvmOptions);
    return builder
        .command(command)
        .redirectOutput(work.resolve("out").toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }
}
