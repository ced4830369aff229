package dev.wasitrace.recorder;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled code kept beside a module: reused, and never trusted when it is not sound. */
class CompiledModuleCacheTest {
  @TempDir Path home;

  /** What a run printed and how its start-up went. */
  record Run(String out, String err, GuestInstance.Phases phases) {}

  private Run run(String guest, String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProcessRunner.Result result =
        new ProcessRunner(Registry.openForWriting(home))
            .run(
                RunOptions.builder(TestData.wasm(guest))
                    .args(List.of(args))
                    .stdio(new ByteArrayInputStream(new byte[0]), out, err)
                    .build());
    assertEquals(0, result.exitCode(), err.toString(UTF_8));
    return new Run(out.toString(UTF_8), err.toString(UTF_8), result.phases());
  }

  private Path entry() throws IOException {
    try (Stream<Path> files = Files.list(home.resolve("modules/sha256"))) {
      List<Path> entries = files.filter(f -> f.toString().endsWith(".compiled.jar")).toList();
      assertEquals(1, entries.size(), entries.toString());
      return entries.get(0);
    }
  }

  @Test
  void theSecondRunLoadsTheCodeTheFirstCompiled() throws IOException {
    Run first = run("compute", "100");
    assertFalse(first.phases().cached());
    Path entry = entry();
    assertTrue(
        entry
            .getFileName()
            .toString()
            .endsWith("." + RuntimeVersion.LABEL.toLowerCase().replace(' ', '-') + ".compiled.jar"),
        entry.toString());
    byte[] stored = Files.readAllBytes(entry);

    Run second = run("compute", "100");
    assertTrue(second.phases().cached());
    assertEquals(first.out(), second.out());
    assertEquals("", second.err().lines().filter(l -> l.contains("note")).findAny().orElse(""));
    assertArrayEquals(stored, Files.readAllBytes(entry), "a sound entry is left as it is");
  }

  @Test
  void aTruncatedEntryIsIgnoredWithANoteAndReplaced() throws IOException {
    Run first = run("compute", "100");
    Path entry = entry();
    byte[] sound = Files.readAllBytes(entry);
    try (RandomAccessFile file = new RandomAccessFile(entry.toFile(), "rw")) {
      file.setLength(sound.length / 2);
    }

    Run second = run("compute", "100");
    assertFalse(second.phases().cached());
    assertEquals(first.out(), second.out());
    assertTrue(
        second.err().contains("wasitrace: note: the compiled code of module sha256:")
            && second.err().contains(" is damaged (cut short); compiling again"),
        second.err());
    assertEquals(sound.length, Files.size(entry), "the fresh compile replaced it");
    assertTrue(run("compute", "100").phases().cached());
  }

  @Test
  void aFlippedByteIsCaughtByTheChecksum() throws IOException {
    run("compute", "100");
    Path entry = entry();
    try (RandomAccessFile file = new RandomAccessFile(entry.toFile(), "rw")) {
      file.seek(file.length() - 100);
      int b = file.read();
      file.seek(file.length() - 100);
      file.write(b ^ 0x10);
    }
    Run second = run("compute", "100");
    assertFalse(second.phases().cached());
    assertTrue(second.err().contains(" is damaged (checksum mismatch); compiling again"));
  }

  @Test
  void anEntryMadeByAnotherRuntimeVersionIsNeverLoaded() throws IOException {
    run("compute", "100");
    Path entry = entry();
    byte[] bytes = Files.readAllBytes(entry);
    // The header's runtime label, same length, another version: as if copied from elsewhere.
    String label = RuntimeVersion.LABEL;
    String other = label.substring(0, label.length() - 1) + (label.endsWith("9") ? "8" : "9");
    byte[] from = label.getBytes(UTF_8);
    int at = indexOf(bytes, from);
    System.arraycopy(other.getBytes(UTF_8), 0, bytes, at, from.length);
    Files.write(entry, bytes);

    Run second = run("compute", "100");
    assertFalse(second.phases().cached());
    assertTrue(
        second.err().contains(" was made by " + other + " for module sha256:"), second.err());
  }

  @Test
  void aRegistryThatCannotTakeTheEntryCostsACompileNotTheRun() throws IOException {
    Run first = run("compute", "100");
    Path entry = entry();
    Files.delete(entry);
    Files.createDirectories(entry.resolve("in-the-way")); // a rename cannot replace it

    Run second = run("compute", "100");
    assertEquals(first.out(), second.out());
    assertFalse(second.phases().cached());
    assertTrue(
        second.err().contains(" cannot be stored (") && second.err().contains("compiles it again"),
        second.err());
  }

  @Test
  void concurrentFirstRunsAllSucceedAndLeaveOneSoundEntry() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Run>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> run("compute", "100")));
      }
      String out = null;
      for (Future<Run> future : runs) {
        Run run = future.get();
        assertFalse(run.err().contains("note"), run.err());
        out = out == null ? run.out() : out;
        assertEquals(out, run.out());
      }
    } finally {
      pool.shutdownNow();
    }
    Path entry = entry();
    try (Stream<Path> files = Files.list(entry.getParent())) {
      assertEquals(
          List.of(),
          files.filter(f -> f.getFileName().toString().startsWith(".compiling-")).toList(),
          "no temporary file is left");
    }
    assertTrue(run("compute", "100").phases().cached());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
