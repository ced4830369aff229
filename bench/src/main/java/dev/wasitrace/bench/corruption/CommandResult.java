package dev.wasitrace.bench.corruption;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one command answered, made comparable between registries: exit code, stdout and stderr
 * (paths of the registry and of the output folder, and ages, replaced by placeholders), and a
 * fingerprint of each file it wrote. {@code thrown} is a Throwable that escaped {@code
 * Main.execute} itself, with its stack trace; null normally.
 */
record CommandResult(
    int exitCode,
    String stdout,
    String stderr,
    SortedMap<String, String> files,
    String thrown,
    long millis) {

  /** True when the answers are the same: exit code, stdout, stderr and files. */
  boolean sameAnswer(CommandResult other) {
    return exitCode == other.exitCode
        && stdout.equals(other.stdout)
        && stderr.equals(other.stderr)
        && files.equals(other.files)
        && thrown == null
        && other.thrown == null;
  }

  /**
   * What the command said: the first line of the escaped Throwable, or stderr's first line of
   * wasitrace's own ({@code wasitrace: …}; the guest's lines come first in {@code logs} and {@code
   * replay}), or else its first line; empty when stderr is.
   */
  String message() {
    if (thrown != null) {
      return thrown.lines().findFirst().orElse("");
    }
    return stderr
        .lines()
        .filter(l -> l.startsWith("wasitrace: "))
        .findFirst()
        .orElse(stderr.lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
  }

  /** The number of lines on stderr. */
  long stderrLines() {
    return stderr.lines().count();
  }

  /** Where this answer first differs from {@code clean}'s, in a line for a report. */
  String firstDifference(CommandResult clean) {
    if (exitCode != clean.exitCode) {
      return "exit " + exitCode + ", clean " + clean.exitCode;
    }
    if (!stdout.equals(clean.stdout)) {
      return "stdout " + firstDifferentLine(stdout, clean.stdout);
    }
    if (!stderr.equals(clean.stderr)) {
      return "stderr " + firstDifferentLine(stderr, clean.stderr);
    }
    for (Map.Entry<String, String> file : clean.files.entrySet()) {
      if (!file.getValue().equals(files.get(file.getKey()))) {
        return "file "
            + file.getKey()
            + (files.containsKey(file.getKey()) ? " differs" : " absent");
      }
    }
    for (String file : files.keySet()) {
      if (!clean.files.containsKey(file)) {
        return "file " + file + " extra";
      }
    }
    return "same";
  }

  private static String firstDifferentLine(String damaged, String clean) {
    List<String> a = damaged.lines().toList();
    List<String> b = clean.lines().toList();
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      String x = i < a.size() ? a.get(i) : null;
      String y = i < b.size() ? b.get(i) : null;
      if (x == null || !x.equals(y)) {
        return "line "
            + (i + 1)
            + ": "
            + (x == null ? "(none)" : quote(x))
            + ", clean "
            + (y == null ? "(none)" : quote(y))
            + " ("
            + a.size()
            + " lines, clean "
            + b.size()
            + ")";
      }
    }
    return "differs in line ends";
  }

  private static String quote(String line) {
    return "'" + (line.length() > 80 ? line.substring(0, 80) + "…" : line) + "'";
  }

  /** Saves this result in {@code dir} (created; replaced as a whole if present). */
  void write(Path dir) throws IOException {
    Path temp = Files.createTempDirectory(dir.getParent(), "." + dir.getFileName());
    Files.writeString(temp.resolve("exit"), Integer.toString(exitCode));
    Files.writeString(temp.resolve("stdout"), stdout, StandardCharsets.UTF_8);
    Files.writeString(temp.resolve("stderr"), stderr, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    files.forEach((name, fingerprint) -> lines.add(name + "\t" + fingerprint));
    Files.write(temp.resolve("files"), lines, StandardCharsets.UTF_8);
    Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A result {@link #write} saved in {@code dir}, or null if there is none. */
  static CommandResult read(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    SortedMap<String, String> files = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("files"), StandardCharsets.UTF_8)) {
      int tab = line.indexOf('\t');
      files.put(line.substring(0, tab), line.substring(tab + 1));
    }
    return new CommandResult(
        Integer.parseInt(Files.readString(dir.resolve("exit"))),
        Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8),
        files,
        null,
        0);
  }
}
