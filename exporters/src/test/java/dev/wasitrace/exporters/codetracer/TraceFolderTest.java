package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFolderTest {
  @TempDir Path parent;

  private List<String> entries(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesAsideAndAppearsWholeOnCommit() throws IOException {
    Path target = parent.resolve("trace");
    try (TraceFolder folder = TraceFolder.prepare(target, false)) {
      Files.writeString(folder.dir().resolve("trace.json"), "[]");
      assertFalse(Files.exists(target), "nothing at the target before the commit");
      assertEquals(folder.dir().getParent(), target.getParent());
      folder.commit();
    }
    assertEquals("[]", Files.readString(target.resolve("trace.json")));
    assertEquals(List.of("trace"), entries(parent), "no leftovers beside it");
  }

  @Test
  void anAbandonedTraceLeavesNothing() throws IOException {
    Path target = parent.resolve("trace");
    try (TraceFolder folder = TraceFolder.prepare(target, false)) {
      Files.createDirectories(folder.dir().resolve("files/a"));
      Files.writeString(folder.dir().resolve("files/a/b.c"), "x");
      // an error here: no commit
    }
    assertEquals(List.of(), entries(parent));
  }

  @Test
  void aNonEmptyFolderIsReplacedOnlyWhenForced() throws IOException {
    Path target = Files.createDirectory(parent.resolve("trace"));
    Files.writeString(target.resolve("old.txt"), "keep me");
    UserError error = assertThrows(UserError.class, () -> TraceFolder.prepare(target, false));
    assertTrue(error.getMessage().contains("--force"), error.getMessage());
    assertTrue(error.getMessage().contains("not empty"), error.getMessage());
    assertEquals("keep me", Files.readString(target.resolve("old.txt")));
    assertEquals(List.of("trace"), entries(parent));

    try (TraceFolder folder = TraceFolder.prepare(target, true)) {
      Files.writeString(folder.dir().resolve("trace.json"), "[]");
      assertEquals("keep me", Files.readString(target.resolve("old.txt")), "kept until commit");
      folder.commit();
    }
    assertEquals(List.of("trace.json"), entries(target));
    assertEquals(List.of("trace"), entries(parent));
  }

  @Test
  void anEmptyFolderIsUsedAndMissingParentsAreCreated() throws IOException {
    Path empty = Files.createDirectory(parent.resolve("empty"));
    try (TraceFolder folder = TraceFolder.prepare(empty, false)) {
      folder.commit();
    }
    assertTrue(Files.isDirectory(empty));
    Path deep = parent.resolve("a/b/trace");
    try (TraceFolder folder = TraceFolder.prepare(deep, false)) {
      folder.commit();
    }
    assertTrue(Files.isDirectory(deep));
  }

  @Test
  void aFileInTheWayIsAnError() throws IOException {
    Path file = Files.writeString(parent.resolve("file"), "x");
    UserError error = assertThrows(UserError.class, () -> TraceFolder.prepare(file, true));
    assertTrue(error.getMessage().contains("not a folder"), error.getMessage());
    UserError below =
        assertThrows(UserError.class, () -> TraceFolder.prepare(file.resolve("trace"), false));
    assertTrue(below.getMessage().startsWith("cannot write the trace to "), below.getMessage());
    assertEquals(List.of("file"), entries(parent));
  }
}
