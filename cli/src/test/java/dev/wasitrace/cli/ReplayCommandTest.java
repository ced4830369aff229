package dev.wasitrace.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasitrace.log.LogStats;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.LogCopy;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasitrace replay} through the real entry point. */
class ReplayCommandTest {
  @TempDir Path home;
  @TempDir Path sandbox;
  @TempDir Path work;

  private Cli cli() {
    return new Cli(home);
  }

  private static String wasm(String name) {
    return TestData.wasm(name).toString();
  }

  /** Replay gives what run gave, minus run's process-ID line. */
  private static void assertSameOutput(Cli.Result run, Cli.Result replay) {
    assertArrayEquals(run.outBytes(), replay.outBytes(), "stdout");
    assertEquals(run.errAfterId(), replay.err(), "stderr");
    assertEquals(run.exitCode(), replay.exitCode(), "exit code: " + replay.err());
  }

  @Test
  void replayPrintsOnlyWhatTheGuestPrintedAndExitsWithItsCode() {
    Cli.Result run =
        cli()
            .run(
                "run",
                "--env",
                "GREETING=hi",
                "--env",
                "EXIT_CODE=7",
                wasm("hello"),
                "-v",
                "two words");
    assertEquals(7, run.exitCode());
    // By a prefix of the ID, as every command takes.
    Cli.Result replay = cli().run("replay", run.processId().substring(0, 8));
    assertEquals("Hello, World!\narg[1]=-v\narg[2]=two words\nGREETING=hi\n", replay.out());
    assertEquals("to stderr\n", replay.err(), "no process-ID line");
    assertSameOutput(run, replay);
  }

  @Test
  void stdinIsAnsweredFromTheLog() {
    Cli.Result run =
        cli().runWithInput("hello\nWorld 123\n".getBytes(UTF_8), "run", wasm("stdin_echo"));
    assertEquals("HELLO\nWORLD 123\n", run.out());
    // Replay's own stdin is empty: the guest still reads what it read when recorded.
    assertSameOutput(run, cli().run("replay", run.processId()));
  }

  @Test
  void traceShowsTheSameLinesAsTheRecordedRun() throws IOException {
    List<String[]> runs =
        List.of(
            new String[] {"--env", "GREETING=hi", wasm("hello"), "foo"},
            new String[] {"--dir", sandbox + ":/sandbox", wasm("fileio")},
            new String[] {wasm("clocks")},
            new String[] {wasm("random")},
            new String[] {"--dir", sandbox + ":/sandbox", wasm("mixed"), "4242"});
    for (String[] args : runs) {
      for (String trace : List.of("--trace", "--trace=!fd_write")) {
        List<String> command = new ArrayList<>(List.of("run", trace));
        command.addAll(List.of(args));
        Cli.Result run = cli().run(command);
        assertTrue(run.errAfterId().contains(") = "), "there are trace lines: " + run.err());
        Cli.Result replay = cli().run("replay", trace, run.processId());
        assertSameOutput(run, replay);
      }
    }
  }

  @Test
  void aRunRecordedWithTheInterpreterReplaysWithTheCompilerAndBack() {
    Cli.Result run =
        cli().run("run", "--interpreter", "--dir", sandbox + ":/sandbox", wasm("mixed"), "99");
    assertEquals(3, run.exitCode(), run.err()); // 99 % 4
    for (String engine : List.of("--compiler", "--interpreter")) {
      assertSameOutput(run, cli().run("replay", engine, run.processId()));
    }
    Cli.Result compiled = cli().run("run", "--dir", sandbox + ":/sandbox", wasm("mixed"), "98");
    for (String engine : List.of("--interpreter", "--compiler")) {
      assertSameOutput(compiled, cli().run("replay", engine, compiled.processId()));
    }
  }

  @Test
  void aTamperedLogStopsTheReplayWithOneLineNamingTheRecord() throws IOException {
    Cli.Result run = cli().run("run", wasm("hello"));
    Path log = Registry.open(home).logPath(run.processId());
    List<LogCopy.Record> records = LogCopy.read(log);
    int k = 0;
    while (!records.get(k).func().equals("fd_write")) {
      k++;
    }
    int changed = k;
    LogCopy.rewrite(
        log,
        list -> {
          List<LogCopy.Record> copy = new ArrayList<>(list);
          copy.set(changed, list.get(changed).withData("Hello, World\n".getBytes(UTF_8)));
          return copy;
        });

    Cli.Result replay = cli().run("replay", run.processId());
    assertEquals(1, replay.exitCode());
    assertEquals("", replay.out());
    assertEquals(
        "wasitrace: replay diverged at record "
            + changed
            + ": expected fd_write(1, [13]\"Hello, World\\n\")"
            + " but the guest called fd_write(1, [14]\"Hello, World!\\n\")\n",
        replay.err());

    Cli.Result lenient = cli().run("replay", "--lenient", run.processId());
    assertEquals(0, lenient.exitCode(), lenient.err());
    assertEquals(run.out(), lenient.out());
    assertTrue(lenient.err().startsWith("wasitrace: warning: replay diverged at record "));
  }

  @Test
  void aKilledRunReplaysItsTicksThenSaysTheLogEnds() throws Exception {
    Process process =
        CliProcess.start(home, work.resolve("out"), work.resolve("err"), "run", wasm("ticker"));
    Registry registry = Registry.open(home);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      boolean flushed = false;
      while (!flushed && System.nanoTime() < deadline) {
        List<ProcessInfo> processes = registry.processes(skipped -> fail(skipped));
        if (!processes.isEmpty()) {
          Path log = registry.logPath(processes.get(0).id());
          flushed = Files.exists(log) && LogStats.scan(log).batches() >= 2;
        }
        Thread.sleep(100);
      }
      assertTrue(flushed, "no batch flushed in 60 s");
    } finally {
      process.destroyForcibly(); // SIGKILL: the log keeps no end-of-stream marker
      process.waitFor(30, TimeUnit.SECONDS);
    }
    String id = registry.processes(skipped -> fail(skipped)).get(0).id();
    List<LogCopy.Record> records = LogCopy.read(registry.logPath(id));
    StringBuilder ticks = new StringBuilder();
    for (LogCopy.Record record : records) {
      if (record.func().equals("fd_write")) {
        ticks.append(new String(record.data(), UTF_8));
      }
    }
    assertTrue(ticks.toString().startsWith("tick 0\ntick 1\n"), ticks.toString());

    Cli.Result replay = cli().run("replay", id);
    assertEquals(ticks.toString(), replay.out(), "every recorded tick, in order");
    assertEquals(
        "wasitrace: the log ends at record "
            + records.size()
            + " (it ends without its end-of-stream marker (the run was killed or is still"
            + " running)); replay stops here\n",
        replay.err());
    assertEquals(1, replay.exitCode());
  }

  @Test
  void badRequestsGetOneClearLine() throws IOException {
    Cli.Result run = cli().run("run", wasm("hello"));
    String id = run.processId();
    String[][] cases = {
      {"no process matches ID nope", "replay", "nope"},
      {
        "--interpreter and --compiler exclude each other",
        "replay",
        "--interpreter",
        "--compiler",
        id
      },
      {"Missing required parameter", "replay"},
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      Cli.Result result = cli().run(args);
      assertEquals(1, result.exitCode(), String.join(" ", args));
      String first = result.err().lines().findFirst().orElse("");
      assertTrue(first.startsWith("wasitrace: ") && first.contains(c[0]), result.err());
      assertFalse(result.err().contains("\tat "), result.err());
    }
    // The module is replayed from the registry; without it there is nothing to run.
    ProcessInfo info = Registry.open(home).readProcess(id);
    Files.delete(Registry.open(home).modulePath(info.moduleDigest()));
    Cli.Result missing = cli().run("replay", id);
    assertEquals(1, missing.exitCode());
    assertEquals(
        "wasitrace: the module of process "
            + id
            + " (sha256:"
            + info.moduleDigest()
            + ") is not in the registry\n",
        missing.err());
    assertEquals("", missing.out());
  }

  @Test
  void helpDescribesReplay() {
    Cli.Result help = cli().run("replay", "--help");
    assertEquals(0, help.exitCode());
    for (String option : List.of("--trace", "--lenient", "--interpreter", "--compiler", "ID")) {
      assertTrue(help.out().contains(option), option + " in:\n" + help.out());
    }
  }
}
