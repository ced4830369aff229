package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasitrace.log.LogReader;
import dev.wasitrace.log.LogStats;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wasitrace run} through the real entry point. */
class RunCommandTest {
  @TempDir Path home;
  @TempDir Path work;

  Cli cli() {
    return new Cli(home);
  }

  @Test
  void runPrintsTheProcessIdFirstAndPassesTheGuestsOutputAndExitCode() {
    Cli.Result result =
        cli()
            .run(
                "run",
                "--env",
                "GREETING=hi",
                "--env",
                "EXIT_CODE=7",
                TestData.wasm("hello").toString(),
                "-v",
                "two words");
    assertEquals(7, result.exitCode());
    assertEquals("Hello, World!\narg[1]=-v\narg[2]=two words\nGREETING=hi\n", result.out());
    UUID.fromString(result.processId()); // the first stderr line is a UUID
    assertEquals("to stderr\n", result.errAfterId());
  }

  @Test
  void nothingOfTheHostEnvironmentLeaksByDefault() {
    Cli.Result plain = cli().run("run", TestData.wasm("hello").toString());
    assertTrue(plain.out().contains("GREETING unset"), plain.out());
    assertEquals(0, plain.exitCode());
  }

  @Test
  void stdinReachesTheGuest() {
    Cli.Result result =
        cli()
            .runWithInput(
                "hello\nWorld 123\n".getBytes(StandardCharsets.UTF_8),
                "run",
                TestData.wasm("stdin_echo").toString());
    assertEquals("HELLO\nWORLD 123\n", result.out());
    assertEquals("bytes=16\n", result.errAfterId());
  }

  @Test
  void dirTakesWasmtimesSpellingBesideOurs() throws IOException {
    // A host folder whose name has a colon: only HOST::GUEST can name it with a guest path.
    Path withColon = Files.createDirectory(work.resolve("with:colon"));
    Path plain = Files.createDirectory(work.resolve("plain"));
    for (Path host : List.of(withColon, plain)) {
      String dir = host + (host == withColon ? "::" : ":") + "/sandbox";
      Cli.Result result = cli().run("run", "--dir", dir, TestData.wasm("fileio").toString());
      assertEquals(0, result.exitCode(), dir + ": " + result.err());
      assertTrue(result.out().endsWith("done\n"), result.out());
      assertEquals(
          List.of(host + ":/sandbox"),
          Registry.open(home).readProcess(result.processId()).dirs(),
          "recorded as HOST:GUEST either way");
    }
    Cli.Result noGuest =
        cli().run("run", "--dir", plain + "::", TestData.wasm("fileio").toString());
    assertEquals(1, noGuest.exitCode());
    assertEquals(
        "wasitrace: --dir " + plain + "::: expected HOST::GUEST, HOST:GUEST or HOST\n",
        noGuest.err());
    String help = cli().run("run", "--help").out();
    assertTrue(help.contains("HOST::GUEST"), help);
    assertTrue(help.contains("HOST:GUEST"), help);
  }

  @Test
  void aTrapExitsWithOneAndAClearMessage() {
    Cli.Result result = cli().run("run", TestData.wasm("trap").toString());
    assertEquals(1, result.exitCode());
    assertEquals("before trap\n", result.out());
    String[] lines = result.errAfterId().split("\n");
    assertEquals(1, lines.length, result.err());
    assertTrue(lines[0].startsWith("wasitrace: trap: "), lines[0]);
  }

  @Test
  void badInputGetsOneClearLineAndExitCodeOne() throws IOException {
    Path notWasm = work.resolve("notes.wasm");
    Files.writeString(notWasm, "hello, I am text\n");
    Path truncated = work.resolve("truncated.wasm");
    byte[] hello = Files.readAllBytes(TestData.wasm("hello"));
    Files.write(truncated, java.util.Arrays.copyOf(hello, hello.length / 2));
    String[][] cases = {
      {"module not found", "run", work.resolve("missing.wasm").toString()},
      {"is not a WebAssembly module", "run", notWasm.toString()},
      {"is not a valid WebAssembly module", "run", truncated.toString()},
      {"imports env.does_not_exist", "run", TestData.wasm("unknown_import").toString()},
      {"has no _start export", "run", TestData.wasm("no_start").toString()},
      {
        "no such directory",
        "run",
        "--dir",
        work.resolve("nope").toString(),
        TestData.wasm("hello").toString()
      },
      {"expected NAME=VALUE", "run", "--env", "NOEQUALS", TestData.wasm("hello").toString()},
      {"is a directory", "run", work.toString()},
      {"Unknown option", "run", "--no-such-option", TestData.wasm("hello").toString()},
    };
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      Cli.Result result = cli().run(args);
      assertEquals(1, result.exitCode(), String.join(" ", args) + "\n" + result.err());
      assertEquals("", result.out());
      String firstLine = result.err().lines().findFirst().orElse("");
      assertTrue(firstLine.startsWith("wasitrace: "), firstLine);
      assertTrue(firstLine.contains(c[0]), c[0] + " in: " + firstLine);
      assertFalse(result.err().contains("\tat "), "no stack trace: " + result.err());
      assertTrue(result.err().lines().count() <= 2, result.err());
    }
  }

  @Test
  void failedCommandsLeaveWhatWasRecordedIntact() throws IOException {
    Cli.Result good = cli().run("run", TestData.wasm("hello").toString(), "a");
    String id = good.processId();
    Path log = Registry.open(home).logPath(id);
    byte[] before = Files.readAllBytes(log);
    ProcessInfo infoBefore = Registry.open(home).readProcess(id);

    cli().run("run", TestData.wasm("unknown_import").toString());
    cli().run("run", TestData.wasm("trap").toString());
    cli().run("run", work.resolve("missing.wasm").toString());

    assertArrayEquals(before, Files.readAllBytes(log));
    assertEquals(infoBefore, Registry.open(home).readProcess(id));
    // Refused modules do not create processes.
    assertEquals(2, Registry.open(home).processes(skipped -> fail(skipped)).size());
  }

  @Test
  void anUnwritableRegistryIsRefusedBeforeTheGuestRuns() throws IOException {
    Path file = work.resolve("a-file");
    Files.writeString(file, "not a folder");
    Cli blocked = new Cli(file.resolve("registry"));
    Cli.Result result = blocked.run("run", TestData.wasm("hello").toString());
    assertEquals(1, result.exitCode());
    assertEquals("", result.out(), "the guest must not run without a registry");
    assertTrue(result.err().startsWith("wasitrace: cannot write to the registry"), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
  }

  @Test
  void aRegistryThatFillsUpMidRunSaysSoAndKeepsTheWholeBatches() throws Exception {
    Path mount = work.resolve("small-disk");
    Files.createDirectories(mount);
    Process mountProcess =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString())
            .redirectErrorStream(true)
            .start();
    boolean mounted = mountProcess.waitFor() == 0;
    org.junit.jupiter.api.Assumptions.assumeTrue(
        mounted, "skipped: cannot mount a small tmpfs here (needs root) to fill up a registry");
    System.out.println("(full-registry test: using a 256 KiB tmpfs at " + mount + ")");
    try {
      Cli small = new Cli(mount);
      // 300,000 writes of 64 bytes: ~2 MB of log before compression, far beyond 256 KiB
      // once the random-free but varied timestamps are in.
      Cli.Result result = small.run("run", TestData.wasm("writeloop").toString(), "300000");
      assertEquals(64 * 300_000, result.outBytes().length, "the guest ran to its end");
      assertEquals(1, result.exitCode(), "an incomplete recording is a failed run");
      assertTrue(result.err().contains("wasitrace: recording stopped: "), result.err());
      assertFalse(result.err().contains("\tat "), result.err());
      String id = result.processId();
      Registry registry = Registry.open(mount);
      long readable = 0;
      try (LogReader reader = new LogReader(registry.logPath(id))) {
        while (reader.next()) {
          readable += reader.batch().rows();
        }
      }
      assertTrue(readable < 300_000, "the log is incomplete: " + readable);
    } finally {
      new ProcessBuilder("umount", mount.toString()).start().waitFor();
    }
  }

  @Test
  void twoRunsAtOnceBothLandIntact() throws Exception {
    Process first =
        CliProcess.start(
            home,
            work.resolve("out1"),
            work.resolve("err1"),
            "run",
            TestData.wasm("writeloop").toString(),
            "200000");
    Process second =
        CliProcess.start(
            home,
            work.resolve("out2"),
            work.resolve("err2"),
            "run",
            TestData.wasm("writeloop").toString(),
            "150000");
    assertTrue(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, first.exitValue(), Files.readString(work.resolve("err1")));
    assertEquals(0, second.exitValue(), Files.readString(work.resolve("err2")));
    Registry registry = Registry.open(home);
    assertEquals(2, registry.processes(skipped -> fail(skipped)).size());
    assertEquals(
        1, registry.modules(skipped -> fail(skipped)).size(), "the same module is stored once");
    long[] expected = {200_000, 150_000};
    int i = 0;
    for (String errFile : new String[] {"err1", "err2"}) {
      String id = Files.readAllLines(work.resolve(errFile)).get(0);
      ProcessInfo info = registry.readProcess(id);
      assertEquals("exited", info.status().label());
      long writes = 0;
      try (LogReader reader = new LogReader(registry.logPath(id))) {
        while (reader.next()) {
          for (int r = 0; r < reader.batch().rows(); r++) {
            if (reader.batch().func(r).equals("fd_write")) {
              writes++;
            }
          }
        }
        assertTrue(reader.complete());
      }
      assertEquals(expected[i++], writes);
      assertEquals(LogStats.scan(registry.logPath(id)).records(), info.records());
    }
  }

  @Test
  void killMinusNineMidRunLeavesAReadableLog() throws Exception {
    Path out = work.resolve("out");
    Process process =
        CliProcess.start(home, out, work.resolve("err"), "run", TestData.wasm("ticker").toString());
    try {
      // Wait until the ticker has run long enough for batches to be flushed by time.
      Registry registry = Registry.open(home);
      Path log = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        var processes = registry.processes(skipped -> fail(skipped));
        if (!processes.isEmpty()) {
          log = registry.logPath(processes.get(0).id());
          if (Files.exists(log) && LogStats.scan(log).batches() >= 2) {
            break;
          }
        }
        Thread.sleep(100);
      }
      assertTrue(log != null && LogStats.scan(log).batches() >= 2, "no batch flushed in 60 s");
    } finally {
      process.destroyForcibly(); // SIGKILL: no shutdown hook runs
      process.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(137, process.exitValue());

    Registry registry = Registry.open(home);
    ProcessInfo info = registry.processes(skipped -> fail(skipped)).get(0);
    assertEquals("running", info.status().label(), "nothing could update the metadata");
    assertEquals("killed", info.effectiveStatus().label());
    long ticks = 0;
    try (LogReader reader = new LogReader(registry.logPath(info.id()))) {
      while (reader.next()) {
        for (int r = 0; r < reader.batch().rows(); r++) {
          if (reader.batch().func(r).equals("fd_write")) {
            String line = new String(reader.batch().data(r), StandardCharsets.UTF_8);
            assertEquals("tick " + ticks + "\n", line, "every flushed write, in order");
            ticks++;
          }
        }
      }
      assertFalse(reader.complete());
      assertTrue(reader.truncation() != null);
    }
    assertTrue(ticks > 0);
    String printed = Files.readString(out);
    assertTrue(printed.startsWith("tick 0\n"));
    assertTrue(printed.split("\n").length >= ticks, "the log holds no tick that was not printed");
  }
}
