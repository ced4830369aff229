package dev.wasitrace.recorder.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.recorder.RunOptions.Engine;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every test guest that needs no network, recorded and then replayed from its log. */
class ReplayTest {
  @TempDir Path home;
  @TempDir Path sandbox;

  /** A guest run: how to set it up, its stdin, and its recorded exit code (-1: not checked). */
  record Case(String name, Function<Path, RunOptions.Builder> options, byte[] stdin, int exit) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> guests() {
    return Stream.of(
            new Case(
                "hello",
                dir ->
                    RunOptions.builder(TestData.wasm("hello"))
                        .args(List.of("foo", "bar baz"))
                        .env("GREETING", "hi")
                        .env("EXIT_CODE", "5"),
                new byte[0],
                5),
            new Case(
                "fileio",
                dir ->
                    RunOptions.builder(TestData.wasm("fileio"))
                        .dir(new RunOptions.DirMount(dir, "/sandbox")),
                new byte[0],
                0),
            // Endive's 10 ms sleep has been seen to come back early on a loaded machine: the run
            // may then fail its check, and must replay just the same.
            new Case("clocks", dir -> RunOptions.builder(TestData.wasm("clocks")), new byte[0], -1),
            new Case("random", dir -> RunOptions.builder(TestData.wasm("random")), new byte[0], 0),
            new Case(
                "stdin_echo",
                dir -> RunOptions.builder(TestData.wasm("stdin_echo")),
                "hello\nWorld 123\n".getBytes(UTF_8),
                0),
            new Case("badptr", dir -> RunOptions.builder(TestData.wasm("badptr")), new byte[0], 0),
            new Case("trap", dir -> RunOptions.builder(TestData.wasm("trap")), new byte[0], 1),
            new Case(
                "compute",
                dir -> RunOptions.builder(TestData.wasm("compute")).args(List.of("100")),
                new byte[0],
                0),
            new Case(
                "writeloop",
                dir -> RunOptions.builder(TestData.wasm("writeloop")).args(List.of("3000")),
                new byte[0],
                0))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("guests")
  void replayPrintsTheSameBytesAndExitsTheSame(Case guest) throws IOException {
    Recorded registry = new Recorded(home);
    Recorded.Run run = registry.record(guest.options().apply(sandbox), guest.stdin());
    if (guest.exit() >= 0) {
      assertEquals(guest.exit(), run.output().exitCode(), run.output().errText());
    }
    assertTrue(run.output().out().length > 0, "the guest printed something to compare");

    Recorded.Output replay = registry.replay(run.id());
    assertArrayEquals(run.output().out(), replay.out(), "stdout");
    assertArrayEquals(run.output().err(), replay.err(), "stderr: " + replay.errText());
    assertEquals(run.output().exitCode(), replay.exitCode());
  }

  @Test
  void badptrRepeatsTheByteWrittenBeforeTheFault() throws IOException {
    // fd_write with a wild nwritten pointer writes "\n" to stderr, then fails with EFAULT: the log
    // has no bytes for a failed call, yet the replay must print that newline too.
    Recorded registry = new Recorded(home);
    Recorded.Run run = registry.record(RunOptions.builder(TestData.wasm("badptr")));
    assertEquals("\n", run.output().errText());
    assertEquals("\n", registry.replay(run.id()).errText());
  }

  @Test
  void fileioReplaysWithItsDirectoryGoneAndCreatesNothing() throws IOException {
    Recorded registry = new Recorded(home);
    Recorded.Run run =
        registry.record(
            RunOptions.builder(TestData.wasm("fileio"))
                .dir(new RunOptions.DirMount(sandbox, "/sandbox")));
    assertTrue(run.output().outText().endsWith("done\n"), run.output().outText());
    Files.delete(sandbox);

    Recorded.Output replay = registry.replay(run.id());
    assertEquals(run.output().outText(), replay.outText());
    assertEquals(0, replay.exitCode(), replay.errText());
    assertFalse(Files.exists(sandbox), "replay must not create the preopened directory");
  }

  @Test
  void fileioReplayLeavesAnExistingDirectoryAsItIs() throws IOException {
    Recorded registry = new Recorded(home);
    Recorded.Run run =
        registry.record(
            RunOptions.builder(TestData.wasm("fileio"))
                .dir(new RunOptions.DirMount(sandbox, "/sandbox")));
    // A real run would list this file; the replay answers from the log and never sees it.
    Path stray = sandbox.resolve("stray.txt");
    Files.writeString(stray, "left alone");

    Recorded.Output replay = registry.replay(run.id());
    assertEquals(run.output().outText(), replay.outText());
    try (Stream<Path> files = Files.list(sandbox)) {
      assertEquals(List.of(stray), files.toList());
    }
    assertEquals("left alone", Files.readString(stray));
  }

  @Test
  void clocksAndRandomReplayTheRecordedValues() throws IOException {
    Recorded registry = new Recorded(home);
    for (String guest : List.of("clocks", "random")) {
      Recorded.Run run = registry.record(RunOptions.builder(TestData.wasm(guest)));
      String recorded = run.output().errText(); // realtime_ns=... / random=<hex>
      assertTrue(recorded.matches("(realtime_ns|random)=[0-9a-f]+\n"), recorded);
      // Twice: a clock or a random source read at replay would not give the same value again.
      assertEquals(recorded, registry.replay(run.id()).errText());
      assertEquals(recorded, registry.replay(run.id()).errText());
    }
  }

  @Test
  void aRunRecordedWithOneEngineReplaysWithTheOther() throws IOException {
    Recorded registry = new Recorded(home);
    for (Engine recordedWith : Engine.values()) {
      Engine other = recordedWith == Engine.COMPILER ? Engine.INTERPRETER : Engine.COMPILER;
      Recorded.Run hello =
          registry.record(
              RunOptions.builder(TestData.wasm("hello"))
                  .args(List.of("x"))
                  .env("EXIT_CODE", "2")
                  .engine(recordedWith));
      Recorded.Run fileio =
          registry.record(
              RunOptions.builder(TestData.wasm("fileio"))
                  .dir(new RunOptions.DirMount(sandbox, "/sandbox"))
                  .engine(recordedWith));
      Recorded.Run clocks =
          registry.record(RunOptions.builder(TestData.wasm("clocks")).engine(recordedWith));
      for (Recorded.Run run : List.of(hello, fileio, clocks)) {
        for (Engine engine : new Engine[] {other, recordedWith}) {
          Recorded.Output replay = registry.replay(ReplayOptions.builder(run.id()).engine(engine));
          String what = recordedWith + " -> " + engine;
          assertArrayEquals(run.output().out(), replay.out(), what);
          assertArrayEquals(run.output().err(), replay.err(), what + ": " + replay.errText());
          assertEquals(run.output().exitCode(), replay.exitCode(), what);
        }
      }
    }
  }
}
