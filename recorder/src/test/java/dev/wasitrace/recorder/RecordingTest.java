package dev.wasitrace.recorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.LogCopy;
import dev.wasitrace.testing.TestData;
import dev.wasitrace.wasi.Errno;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real guests through the recorder and reads their logs back through arrow-schema. */
class RecordingTest {
  @TempDir Path home;
  @TempDir Path sandbox;

  record Run(ProcessRunner.Result result, String out, String err, List<LogCopy.Record> calls) {}

  Run run(RunOptions.Builder builder) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Registry registry = Registry.openForWriting(home);
    ProcessRunner.Result result =
        new ProcessRunner(registry)
            .run(builder.stdio(new ByteArrayInputStream(new byte[0]), out, err).build());
    return new Run(
        result,
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8),
        LogCopy.read(registry.logPath(result.processId())));
  }

  @Test
  void helloIsRecordedCallByCall() throws IOException {
    Run run =
        run(
            RunOptions.builder(TestData.wasm("hello"))
                .args(List.of("foo", "bar baz"))
                .env("GREETING", "hi")
                .env("EXIT_CODE", "3"));
    assertEquals(3, run.result().exitCode());
    assertEquals("Hello, World!\narg[1]=foo\narg[2]=bar baz\nGREETING=hi\n", run.out());

    List<LogCopy.Record> calls = run.calls();
    for (int i = 0; i < calls.size(); i++) {
      assertEquals(i, calls.get(i).seq(), "sequence numbers count from 0 without gaps");
      assertTrue(calls.get(i).durationNanos() >= 0);
      if (i > 0) {
        assertTrue(calls.get(i).tsNanos() >= calls.get(i - 1).tsNanos(), "timestamps in order");
      }
    }
    String stdout =
        calls.stream()
            .filter(c -> c.func().equals("fd_write") && Integer.valueOf(1).equals(c.fd()))
            .map(RecordingTest::text)
            .collect(Collectors.joining());
    assertEquals(run.out(), stdout, "the log holds every byte written to stdout");
    LogCopy.Record stderrWrite =
        calls.stream()
            .filter(c -> c.func().equals("fd_write") && Integer.valueOf(2).equals(c.fd()))
            .findFirst()
            .orElseThrow();
    assertEquals("to stderr\n", text(stderrWrite));
    assertEquals(10L, stderrWrite.size());
    assertEquals(0, stderrWrite.errno());
    assertNull(stderrWrite.memWrites(), "nwritten is a standard output, derived at replay");

    assertTrue(calls.stream().anyMatch(c -> c.func().equals("args_sizes_get")));
    assertTrue(calls.stream().anyMatch(c -> c.func().equals("environ_get")));
    LogCopy.Record argsGet =
        calls.stream().filter(c -> c.func().equals("args_get")).findFirst().orElseThrow();
    assertNotNull(argsGet.memWrites(), "args_get's writes are kept for replay");
    String written = new String(argsGet.memWrites(), StandardCharsets.ISO_8859_1);
    assertTrue(written.contains("bar baz\0"), "the argument strings are in the memory writes");

    LogCopy.Record exit = calls.get(calls.size() - 1);
    assertEquals("proc_exit", exit.func());
    assertArrayEquals(new long[] {3}, exit.params());
    assertNull(exit.errno(), "proc_exit does not return");

    ProcessInfo info = Registry.open(home).readProcess(run.result().processId());
    assertEquals("exited", info.status().label());
    assertEquals(3, info.exitCode());
    assertEquals(calls.size(), info.records());
    assertEquals(List.of("GREETING=hi", "EXIT_CODE=3"), info.env());
    assertEquals(Registry.sha256(Files.readAllBytes(TestData.wasm("hello"))), info.moduleDigest());
  }

  @Test
  void fileOperationsAreRecordedWithPathsAndData() throws IOException {
    Run run =
        run(
            RunOptions.builder(TestData.wasm("fileio"))
                .dir(new RunOptions.DirMount(sandbox, "/sandbox")));
    assertEquals(0, run.result().exitCode(), run.out() + run.err());
    assertTrue(run.out().endsWith("done\n"), run.out());

    List<LogCopy.Record> calls = run.calls();
    LogCopy.Record open =
        calls.stream()
            .filter(c -> c.func().equals("path_open") && "a.txt".equals(c.path()))
            .findFirst()
            .orElseThrow();
    assertEquals(0, open.errno());
    assertNotNull(open.result(), "path_open's result is the new descriptor");
    int fd = open.result().intValue();
    LogCopy.Record write =
        calls.stream()
            .filter(c -> c.func().equals("fd_write") && Integer.valueOf(fd).equals(c.fd()))
            .findFirst()
            .orElseThrow();
    assertEquals("hello file\nhello file\nhello file\n", text(write));
    LogCopy.Record read =
        calls.stream()
            .filter(c -> c.func().equals("fd_read") && c.size() != null && c.size() == 33)
            .findFirst()
            .orElseThrow();
    assertEquals("hello file\nhello file\nhello file\n", text(read));
    assertTrue(
        calls.stream().anyMatch(c -> c.func().equals("path_rename") && "a.txt".equals(c.path())));
    assertTrue(
        calls.stream()
            .anyMatch(c -> c.func().equals("path_unlink_file") && "sub/b.txt".equals(c.path())));
    LogCopy.Record seek =
        calls.stream().filter(c -> c.func().equals("fd_seek")).findFirst().orElseThrow();
    assertEquals(6L, seek.result());
    assertTrue(
        calls.stream()
            .anyMatch(c -> c.func().equals("fd_prestat_dir_name") && "/sandbox".equals(c.path())));
    try (var files = Files.list(sandbox)) {
      assertEquals(0, files.count(), "fileio leaves its directory empty");
    }
  }

  @Test
  void wildPointersGetEfaultAndAreRecorded() throws IOException {
    Run run = run(RunOptions.builder(TestData.wasm("badptr")));
    assertEquals(0, run.result().exitCode(), run.err());
    assertTrue(run.out().contains("fd_write iovs errno=21"), run.out());
    assertTrue(run.out().contains("random_get errno=21"), run.out());
    assertTrue(run.out().endsWith("still alive\n"), run.out());
    long faults =
        run.calls().stream().filter(c -> Integer.valueOf(Errno.EFAULT).equals(c.errno())).count();
    assertTrue(faults >= 9, "every faulting call is in the log with EFAULT: " + faults);
  }

  @Test
  void clocksAndRandomKeepWhatTheGuestReceived() throws IOException {
    Run clocks = run(RunOptions.builder(TestData.wasm("clocks")));
    assertEquals("realtime ok\nmonotonic ok\nsleep ok\nres ok\n", clocks.out());
    String realtime =
        clocks.err().lines().filter(l -> l.startsWith("realtime_ns=")).findFirst().orElseThrow();
    long guestSaw = Long.parseLong(realtime.substring("realtime_ns=".length()));
    assertTrue(
        clocks.calls().stream()
            .anyMatch(
                c ->
                    c.func().equals("clock_time_get") && Long.valueOf(guestSaw).equals(c.result())),
        "the realtime value the guest printed is the result in the log");
    assertTrue(clocks.calls().stream().anyMatch(c -> c.func().equals("poll_oneoff")));

    Run random = run(RunOptions.builder(TestData.wasm("random")));
    assertEquals("random ok\n", random.out());
    String hex =
        random
            .err()
            .lines()
            .filter(l -> l.startsWith("random="))
            .findFirst()
            .orElseThrow()
            .substring("random=".length());
    LogCopy.Record first =
        random.calls().stream()
            .filter(c -> c.func().equals("random_get"))
            .findFirst()
            .orElseThrow();
    assertEquals(hex, java.util.HexFormat.of().formatHex(first.data()));
  }

  @Test
  void aTrapEndsTheRunWithExitCodeOneAndKeepsTheLog() throws IOException {
    Run run = run(RunOptions.builder(TestData.wasm("trap")));
    assertEquals(1, run.result().exitCode());
    assertEquals("before trap\n", run.out());
    assertTrue(run.err().contains("wasitrace: trap: "), run.err());
    assertEquals(1, run.calls().size());
    assertEquals("before trap\n", text(run.calls().get(0)));
    ProcessInfo info = Registry.open(home).readProcess(run.result().processId());
    assertEquals("trapped", info.status().label());
    assertTrue(info.error().startsWith("trap: "), info.error());
  }

  @Test
  void theInterpreterRecordsTheSameCalls() throws IOException {
    Run compiled = run(RunOptions.builder(TestData.wasm("hello")).args(List.of("x")));
    Run interpreted =
        run(
            RunOptions.builder(TestData.wasm("hello"))
                .args(List.of("x"))
                .engine(RunOptions.Engine.INTERPRETER));
    assertEquals(compiled.out(), interpreted.out());
    assertEquals(
        compiled.calls().stream().map(LogCopy.Record::func).toList(),
        interpreted.calls().stream().map(LogCopy.Record::func).toList());
    assertEquals(
        "interpreter", Registry.open(home).readProcess(interpreted.result().processId()).engine());
  }

  static String text(LogCopy.Record call) {
    return call.data() == null ? null : new String(call.data(), StandardCharsets.UTF_8);
  }
}
