package dev.wasitrace.exporters.codetracer;

import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;

/**
 * The output folder, written whole or not at all: everything goes into a hidden temporary folder
 * beside the target, which is renamed into place at the end, so an error never leaves a
 * half-written trace where the user asked for one. An existing folder is replaced only if empty or
 * forced.
 */
final class TraceFolder implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Path temp;
  private boolean committed;

  private TraceFolder(Path target, Path temp) {
    this.target = target;
    this.temp = temp;
  }

  /** Checks the target and creates the temporary folder beside it. */
  static TraceFolder prepare(Path target, boolean force) {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
        throw new UserError(
            "cannot write the trace to " + target + ": it exists and is not a folder");
      }
      if (!force && !isEmpty(absolute)) {
        throw new UserError(
            "cannot write the trace to "
                + target
                + ": the folder exists and is not empty (--force replaces it)");
      }
    }
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new UserError("cannot write the trace to " + target + ": not a folder it can replace");
    }
    try {
      Files.createDirectories(parent);
      return new TraceFolder(absolute, createAside(absolute, ".tmp-"));
    } catch (IOException | UnsupportedOperationException e) {
      throw new UserError("cannot write the trace to " + target + ": " + Registry.describe(e), e);
    }
  }

  /**
   * A new hidden folder beside the target. Not {@code createTempDirectory}: its owner-only
   * permissions would end up on the trace; this one gets the umask's, like any new folder.
   */
  private static Path createAside(Path target, String kind) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path aside =
          target.resolveSibling(
              "." + target.getFileName() + kind + Long.toHexString(RANDOM.nextLong() >>> 16));
      try {
        return Files.createDirectory(aside);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  private static boolean isEmpty(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    } catch (IOException e) {
      throw new UserError("cannot read the folder " + dir + ": " + Registry.describe(e), e);
    }
  }

  /** Where the files go until {@link #commit}. */
  Path dir() {
    return temp;
  }

  /** Moves the finished trace into place, replacing what was there. */
  void commit() throws IOException {
    Path old = null;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      old = createAside(target, ".old-");
      Files.delete(old);
      move(target, old);
    }
    try {
      move(temp, target);
    } catch (IOException e) {
      if (old != null) {
        move(old, target); // put the previous folder back
      }
      throw e;
    }
    committed = true;
    if (old != null) {
      deleteTree(old);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Removes the temporary folder unless the trace was committed. */
  @Override
  public void close() {
    if (!committed) {
      try {
        deleteTree(temp);
      } catch (IOException e) {
        // Best effort: a hidden leftover beside the target, never a half-written trace in it.
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
