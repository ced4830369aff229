package dev.wasitrace.bench.corruption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.bench.corruption.Mutator.Mutation;
import dev.wasitrace.bench.corruption.References.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutatorTest {
  private static final Reference A =
      new Reference("a", "f", "aaaaaaaa-0000-4000-8000-000000000000");
  private static final Reference B =
      new Reference("b", "f", "bbbbbbbb-0000-4000-8000-000000000000");

  @TempDir Path dir;
  private Path clean;
  private Path damaged;

  @BeforeEach
  void registries() throws IOException {
    clean = dir.resolve("clean");
    damaged = dir.resolve("damaged");
    for (Reference reference : List.of(A, B)) {
      Path process = Files.createDirectories(clean.resolve("processes").resolve(reference.id()));
      TestLogs.write(
          process.resolve("log.arrow"),
          reference == A ? 1_000 : 500,
          300,
          reference.id().hashCode());
      Files.writeString(process.resolve("process.json"), "{\"id\":\"" + reference.id() + "\"}");
    }
  }

  @Test
  void everyMutationDamagesTheCopyAloneAndDrawsEveryKind() throws IOException {
    Mutator mutator = new Mutator(clean, damaged, List.of(A, B));
    Set<MutationKind> seen = EnumSet.noneOf(MutationKind.class);
    for (int i = 0; i < 400; i++) {
      Mutation mutation = mutator.apply(7, i);
      seen.add(mutation.kind());
      Path copy = damaged.resolve("processes").resolve(mutation.reference().id());
      Path original = clean.resolve("processes").resolve(mutation.reference().id());
      boolean changed = false;
      List<Path> files;
      try (var listing = Files.list(original)) {
        files = listing.map(Path::getFileName).toList();
      }
      for (Path file : files) {
        byte[] before = Files.readAllBytes(original.resolve(file));
        changed |=
            !Files.exists(copy.resolve(file))
                || !java.util.Arrays.equals(before, Files.readAllBytes(copy.resolve(file)));
      }
      // Zeroing bytes that are zero already is the one mutation that may change nothing.
      assertTrue(
          changed || mutation.kind() == MutationKind.ZERO_RANGE,
          mutation.kind() + " " + mutation.description());
      mutator.restore(mutation.reference());
      assertArrayEquals(
          Files.readAllBytes(original.resolve("log.arrow")),
          Files.readAllBytes(copy.resolve("log.arrow")));
    }
    assertEquals(EnumSet.allOf(MutationKind.class), seen);
  }

  @Test
  void aMutationDependsOnItsSeedAndIndexAlone() throws IOException {
    Mutator first = new Mutator(clean, damaged, List.of(A, B));
    Mutation a = first.apply(42, 17);
    Mutator second = new Mutator(clean, dir.resolve("other"), List.of(A, B));
    second.apply(42, 3);
    Mutation b = second.apply(42, 17);

    assertEquals(a.kind(), b.kind());
    assertEquals(a.reference(), b.reference());
    assertEquals(a.description(), b.description());
    assertEquals(
        contents(damaged.resolve("processes").resolve(a.reference().id())),
        contents(dir.resolve("other").resolve("processes").resolve(b.reference().id())));
  }

  /** Each file of {@code dir} and its bytes, as text that compares. */
  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.toList()) {
        files.put(
            file.getFileName().toString(), HexFormat.of().formatHex(Files.readAllBytes(file)));
      }
    }
    return files;
  }
}
