package dev.wasitrace.exporters.parquet;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.SqlErrors;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.registry.UserError;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The folder an export goes to, and how files get there safely. Everything is first written into a
 * hidden staging folder beside it (same file system, so moves are renames); only a complete export
 * is moved into place, and a failure at any point leaves the folder as it was. A new or replaced
 * export moves in whole; an append moves its new files in one by one, {@code processes} last, and
 * takes them back out if a move fails. Close it to remove whatever is left of the staging.
 *
 * <p>One export at a time per folder: two appends at once may both add the same processes.
 */
public final class ExportDirectory implements AutoCloseable {
  private final Path dir;
  private final String shown;
  private final WriteMode mode;
  private final ExportMarker existing;
  private final Path staging;
  private Path replaced;

  private ExportDirectory(
      Path dir, String shown, WriteMode mode, ExportMarker existing, Path staging) {
    this.dir = dir;
    this.shown = shown;
    this.mode = mode;
    this.existing = existing;
    this.staging = staging;
  }

  /**
   * Checks that an export may go to {@code dir} in this mode and creates its staging folder (and
   * any missing parent folders): every refusal comes before the logs are loaded.
   */
  public static ExportDirectory open(Path dir, WriteMode mode) {
    requireNonNull(mode);
    String shown = dir.toString();
    Path absolute = dir.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new UserError("cannot export to " + shown + ": give a folder below it");
    }
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new UserError("cannot export to " + shown + ": it is a file, not a folder");
    }
    ExportMarker marker = null;
    if (Files.isDirectory(absolute) && !isEmpty(absolute)) {
      marker = ExportMarker.read(absolute);
      if (marker == null) {
        throw new UserError(
            switch (mode) {
              case CREATE -> shown + " is not empty: export to a new folder";
              case OVERWRITE, APPEND ->
                  shown
                      + " is not a wasitrace Parquet export (it has no "
                      + ExportMarker.FILE
                      + "): not "
                      + (mode == WriteMode.APPEND ? "adding to" : "replacing")
                      + " it";
            });
      }
      if (mode == WriteMode.CREATE) {
        throw new UserError(
            shown
                + " already holds an export: give --overwrite to replace it, or --append to add"
                + " the processes it does not have");
      }
    }
    Path staging;
    try {
      Files.createDirectories(parent);
      staging = Files.createDirectory(parent.resolve(hidden(absolute, "staging")));
    } catch (IOException e) {
      throw new UserError("cannot write " + shown + ": " + reason(parent, e), e);
    }
    ExportDirectory directory =
        new ExportDirectory(
            absolute, shown, mode, mode == WriteMode.APPEND ? marker : null, staging);
    if (directory.existing != null) {
      try {
        directory.existing.checkAppendable(ParquetLayout.ofEmptySession(), shown);
      } catch (RuntimeException e) {
        directory.close();
        throw e;
      }
    }
    return directory;
  }

  /** The folder as the user gave it, for messages. */
  public String shown() {
    return shown;
  }

  public Path dir() {
    return dir;
  }

  public WriteMode mode() {
    return mode;
  }

  /** Whether the export adds to an earlier one (rather than writing all of its own). */
  public boolean appending() {
    return existing != null;
  }

  /** Where a table is written before it moves into place. */
  Path staged(ExportedTable table) {
    return staging.resolve(table.name());
  }

  /** The Parquet files the folder already has for a table: none unless appending. */
  List<Path> existingFiles(String table) {
    Path folder = dir.resolve(table);
    if (existing == null || !Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    } catch (IOException e) {
      throw new UserError("cannot read " + folder + ": " + Registry.describe(e), e);
    }
  }

  /**
   * The processes the folder has already (none unless appending), which an append leaves out: the
   * CLI asks before loading, so that it loads only the others.
   */
  public Set<String> exportedProcessIds() {
    List<Path> files = existingFiles("processes");
    Set<String> ids = new HashSet<>();
    if (files.isEmpty()) {
      return ids;
    }
    String list =
        files.stream()
            .map(file -> SqlText.literal(file.toString()))
            .collect(Collectors.joining(", ", "[", "]"));
    try (AnalysisSession session = AnalysisSession.inMemory();
        Statement statement = session.connection().createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT DISTINCT process_id FROM read_parquet("
                    + list
                    + ", hive_partitioning = false)")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new UserError(
          "cannot read the processes already in " + shown + ": " + SqlErrors.oneLine(e), e);
    }
    return ids;
  }

  /** Moves the staged export into place with an up-to-date marker. */
  void commit(ParquetLayout layout, ParquetExport export) {
    try {
      if (existing == null) {
        ExportMarker marker = ExportMarker.create(layout);
        marker.addExport(export, Instant.now());
        marker.write(staging.resolve(ExportMarker.FILE));
        replaceWithStaging();
      } else {
        existing.checkAppendable(layout, shown);
        moveFilesIn();
        existing.addExport(export, Instant.now());
        Path next = staging.resolve(ExportMarker.FILE);
        existing.write(next);
        Files.move(
            next,
            dir.resolve(ExportMarker.FILE),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UserError("cannot write " + shown + ": " + Registry.describe(e), e);
    }
  }

  /** A new export: the staging folder becomes the folder, and an earlier export goes. */
  private void replaceWithStaging() throws IOException {
    Path old = null;
    if (Files.isDirectory(dir)) {
      if (isEmpty(dir)) {
        Files.delete(dir);
      } else if (mode == WriteMode.OVERWRITE) {
        old = dir.resolveSibling(hidden(dir, "replaced"));
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      } else {
        throw new UserError(shown + " is not empty anymore: another export went there meanwhile");
      }
    }
    try {
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      if (old != null) {
        Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE);
      }
      if (e instanceof FileAlreadyExistsException || e instanceof DirectoryNotEmptyException) {
        throw new UserError(shown + " appeared meanwhile: another export went there", e);
      }
      throw e;
    }
    replaced = old;
  }

  /** An append: each new file into its place; on a failure, the ones moved so far back out. */
  private void moveFilesIn() throws IOException {
    List<Path> moved = new ArrayList<>();
    try {
      for (ExportedTable table : ExportedTable.ALL) {
        Path from = staged(table);
        if (!Files.isDirectory(from)) {
          continue;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
          Path to = dir.resolve(staging.relativize(file));
          Files.createDirectories(to.getParent());
          if (table.rows() == ExportedTable.Rows.LOOKUP) {
            // The same static rows again: the newer file replaces the older one.
            Files.move(
                file, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } else {
            if (Files.exists(to)) {
              throw new FileAlreadyExistsException(to.toString());
            }
            Files.move(file, to, StandardCopyOption.ATOMIC_MOVE);
            moved.add(to);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      for (int i = moved.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(moved.get(i));
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * Removes what is left of the staging folder (all of it, unless committed) and a replaced export.
   */
  @Override
  public void close() {
    deleteTree(staging);
    if (replaced != null) {
      deleteTree(replaced);
      replaced = null;
    }
  }

  /** A hidden sibling name for the folder, unique: {@code .out.wasitrace-staging-<uuid>}. */
  private static String hidden(Path dir, String what) {
    return "." + dir.getFileName() + ".wasitrace-" + what + "-" + UUID.randomUUID();
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UserError("cannot read " + dir + ": " + Registry.describe(e), e);
    }
  }

  /** Why a folder could not be created: names the file that is in the way, if one is. */
  private static String reason(Path parent, IOException e) {
    for (Path p = parent; p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        return p + " is a file, not a folder";
      }
    }
    return Registry.describe(e);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UserError("cannot remove " + root + ": " + Registry.describe(e), e);
    }
  }
}
