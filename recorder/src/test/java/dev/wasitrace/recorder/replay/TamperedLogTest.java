package dev.wasitrace.recorder.replay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.testing.LogCopy;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs changed after the run: the replay names the record where they part, never succeeds. */
class TamperedLogTest {
  @TempDir Path home;
  @TempDir Path sandbox;

  private Recorded registry;
  private Recorded.Run hello;
  private List<LogCopy.Record> records;

  private void recordHello() throws IOException {
    registry = new Recorded(home);
    hello =
        registry.record(
            RunOptions.builder(TestData.wasm("hello")).args(List.of("a")).env("EXIT_CODE", "4"));
    assertEquals(4, hello.output().exitCode());
    records = LogCopy.read(registry.log(hello.id()));
  }

  /** fileio.wasm over a sandbox: paths, a rename. */
  private Recorded.Run recordFileio() throws IOException {
    registry = new Recorded(home);
    Recorded.Run fileio =
        registry.record(
            RunOptions.builder(TestData.wasm("fileio"))
                .dir(new RunOptions.DirMount(sandbox, "/sandbox")));
    records = LogCopy.read(registry.log(fileio.id()));
    return fileio;
  }

  private int indexOf(Predicate<LogCopy.Record> which) {
    for (int i = 0; i < records.size(); i++) {
      if (which.test(records.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such record");
  }

  /** An fd_write whose data starts with text (stdout is not a terminal: it is fully buffered). */
  private static boolean writes(LogCopy.Record record, String text) {
    return record.func().equals("fd_write")
        && record.data() != null
        && new String(record.data(), UTF_8).startsWith(text);
  }

  private void assertStopsWith(Recorded.Output replay, String message) {
    assertEquals(1, replay.exitCode(), replay.errText());
    String err = replay.errText();
    assertTrue(err.endsWith("wasitrace: " + message + "\n"), err);
  }

  @Test
  void oneChangedByteOfWrittenDataIsADivergenceAtThatRecord() throws IOException {
    recordHello();
    int k = indexOf(r -> writes(r, "Hello, World!\n"));
    LogCopy.rewrite(
        registry.log(hello.id()),
        list -> {
          List<LogCopy.Record> changed = new ArrayList<>(list);
          changed.set(k, list.get(k).withData("Hellp, World!\n".getBytes(UTF_8)));
          return changed;
        });

    Recorded.Output replay = registry.replay(hello.id());
    assertEquals(
        "wasitrace: replay diverged at record "
            + k
            + ": expected fd_write(1, [14]\"Hellp, World!\\n\")"
            + " but the guest called fd_write(1, [14]\"Hello, World!\\n\")\n",
        replay.errText());
    assertEquals("", replay.outText(), "nothing of the diverging write is printed");
    assertEquals(1, replay.exitCode());
  }

  @Test
  void lenientGoesOnAfterDifferentBytesWithOneWarning() throws IOException {
    recordHello();
    int k = indexOf(r -> writes(r, "Hello, World!\n"));
    LogCopy.rewrite(
        registry.log(hello.id()),
        list -> {
          List<LogCopy.Record> changed = new ArrayList<>(list);
          changed.set(k, list.get(k).withData("Hellp, World!\n".getBytes(UTF_8)));
          return changed;
        });

    Recorded.Output replay = registry.replay(ReplayOptions.builder(hello.id()).lenient(true));
    assertEquals(4, replay.exitCode(), "the recorded exit code: " + replay.errText());
    assertArrayEquals(hello.output().out(), replay.out(), "what the guest writes now");
    assertEquals(
        "wasitrace: warning: replay diverged at record "
            + k
            + ": expected fd_write(1, [14]\"Hellp, World!\\n\")"
            + " but the guest called fd_write(1, [14]\"Hello, World!\\n\"); going on (--lenient)\n"
            + hello.output().errText(),
        replay.errText());
  }

  @Test
  void aDroppedRecordIsNamed() throws IOException {
    recordHello();
    int k = indexOf(r -> writes(r, "arg[1]=a\n"));
    LogCopy.rewrite(
        registry.log(hello.id()),
        list -> {
          List<LogCopy.Record> changed = new ArrayList<>(list);
          changed.remove(k);
          return changed;
        });

    Recorded.Output replay = registry.replay(hello.id());
    assertTrue(
        replay
            .errText()
            .startsWith(
                "wasitrace: replay diverged at record "
                    + k
                    + ": the log holds record "
                    + (k + 1)
                    + " there ("),
        replay.errText());
    assertTrue(replay.errText().endsWith("so records are missing or out of order\n"));
    assertEquals(1, replay.exitCode());
    assertEquals("Hello, World!\n", replay.outText(), "what came before the gap is replayed");
  }

  @Test
  void twoSwappedRecordsAreNamed() throws IOException {
    recordHello();
    int k = indexOf(r -> writes(r, "Hello, World!\n"));
    LogCopy.rewrite(
        registry.log(hello.id()),
        list -> {
          List<LogCopy.Record> changed = new ArrayList<>(list);
          changed.set(k, list.get(k + 1));
          changed.set(k + 1, list.get(k));
          return changed;
        });

    Recorded.Output replay = registry.replay(hello.id());
    assertStopsWith(
        replay,
        "replay diverged at record "
            + k
            + ": the log holds record "
            + (k + 1)
            + " there ("
            + records.get(k + 1).func()
            + "()), so records are missing or out of order");
  }

  @Test
  void swappedRecordsNumberedAfreshDivergeOnTheirContent() throws IOException {
    recordHello();
    int k = indexOf(r -> r.func().equals("environ_sizes_get"));
    LogCopy.rewrite(
        registry.log(hello.id()),
        list -> {
          List<LogCopy.Record> changed = new ArrayList<>(list);
          changed.set(k, list.get(k - 1).withSeq(k));
          changed.set(k - 1, list.get(k).withSeq(k - 1));
          return changed;
        });

    Recorded.Output replay = registry.replay(hello.id());
    String err = replay.errText();
    assertTrue(
        err.startsWith(
            "wasitrace: replay diverged at record "
                + (k - 1)
                + ": expected environ_sizes_get() but the guest called fd_write(1, "),
        err);
    assertEquals(1, replay.exitCode());
  }

  @Test
  void aCompleteLogThatRunsOutIsADivergence() throws IOException {
    recordHello();
    int last = records.size() - 1; // proc_exit
    LogCopy.rewrite(registry.log(hello.id()), list -> new ArrayList<>(list.subList(0, last)));

    Recorded.Output replay = registry.replay(hello.id());
    assertStopsWith(
        replay,
        "replay diverged at record "
            + last
            + ": the log ends after "
            + last
            + " records but the guest called proc_exit(4)");
    assertArrayEquals(hello.output().out(), replay.out());
  }

  @Test
  void recordsLeftWhenTheGuestEndsAreADivergence() throws IOException {
    recordHello();
    int n = records.size();
    LogCopy.rewrite(
        registry.log(hello.id()),
        list -> {
          List<LogCopy.Record> changed = new ArrayList<>(list);
          // A call after proc_exit, which the guest can never make.
          changed.add(list.get(indexOf(r -> writes(r, "to stderr\n"))).withSeq(n));
          return changed;
        });

    Recorded.Output replay = registry.replay(hello.id());
    assertStopsWith(
        replay,
        "replay diverged at record "
            + n
            + ": expected fd_write(2, [10]\"to stderr\\n\") but the guest exited with code 4");
    assertArrayEquals(hello.output().out(), replay.out());
  }

  @Test
  void aChangedPathIsADivergence() throws IOException {
    Recorded.Run fileio = recordFileio();
    int k = indexOf(r -> r.func().equals("path_open") && "a.txt".equals(r.path()));
    LogCopy.rewrite(
        registry.log(fileio.id()),
        list -> {
          List<LogCopy.Record> changed = new ArrayList<>(list);
          changed.set(k, list.get(k).withPath("b.txt"));
          return changed;
        });

    Recorded.Output replay = registry.replay(fileio.id());
    String err = replay.errText();
    assertTrue(
        err.startsWith(
            "wasitrace: replay diverged at record "
                + k
                + ": expected path_open(3,"
                + " \"b.txt\", "),
        err);
    assertTrue(err.contains(" but the guest called path_open(3, \"a.txt\", "), err);
    assertEquals(1, replay.exitCode());
  }

  @Test
  void aChangedSecondPathIsADivergenceNamedWithIt() throws IOException {
    Recorded.Run fileio = recordFileio();
    int k = indexOf(r -> r.func().equals("path_rename"));
    assertEquals("sub/b.txt", records.get(k).path2());
    LogCopy.rewrite(
        registry.log(fileio.id()),
        list -> {
          List<LogCopy.Record> changed = new ArrayList<>(list);
          changed.set(k, list.get(k).withPath2("sub/c.txt"));
          return changed;
        });

    Recorded.Output replay = registry.replay(fileio.id());
    assertEquals(
        "wasitrace: replay diverged at record "
            + k
            + ": expected path_rename(3, \"a.txt\", 3, \"sub/c.txt\")"
            + " but the guest called path_rename(3, \"a.txt\", 3, \"sub/b.txt\")\n",
        replay.errText());
    assertEquals(1, replay.exitCode());
  }

  @Test
  void aLogCutShortReplaysItsWholeBatchesThenSaysWhereItEnds() throws IOException {
    registry = new Recorded(home);
    // More than one batch (65,536 rows or 4 MiB of data), so cutting into the last leaves whole
    // ones before it.
    Recorded.Run run =
        registry.record(RunOptions.builder(TestData.wasm("writeloop")).args(List.of("70000")));
    Path log = registry.log(run.id());
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
      file.setLength(file.length() - 1000);
    }
    long readable = 0;
    long writes = 0;
    for (LogCopy.Record record : LogCopy.read(log)) {
      readable++;
      writes += record.func().equals("fd_write") ? 1 : 0;
    }
    assertTrue(readable > 0 && readable < 70_000, "whole batches only: " + readable);

    Recorded.Output replay = registry.replay(run.id());
    assertEquals(1, replay.exitCode());
    assertEquals(writes * 64, replay.out().length, "every recorded line, then it stops");
    String err = replay.errText();
    assertTrue(err.startsWith("wasitrace: the log ends at record " + readable + " (it "), err);
    assertTrue(err.endsWith("); replay stops here\n"), err);
    assertEquals(1, err.lines().count(), err);
  }
}
