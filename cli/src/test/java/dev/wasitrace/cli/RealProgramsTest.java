package dev.wasitrace.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Programs nobody here wrote (testdata/realprogs: the SQLite shell, Lua, Go programs built from
 * Debian's packages) run under wasitrace with the stdout node:wasi gives on the same inputs
 * (expected/, written by expected.sh), replay with the same stdout, stderr and exit code without
 * touching a host file, and leave a log that agrees with what they did. The longest cases
 * (sqlite-bench-memory, lua-bench) are left to bench/realprogs.sh.
 */
class RealProgramsTest {
  private static final Path PROGRAMS = TestData.root().resolve("realprogs");

  // One registry for the class: later runs of a module load the code its first run compiled.
  @TempDir static Path home;
  @TempDir Path work;

  /** One line of cases.txt. */
  record Case(String name, String module, List<String> args) {
    static Case named(String name) throws IOException {
      for (String line : Files.readAllLines(PROGRAMS.resolve("cases.txt"))) {
        String[] parts = line.split("\\|", -1);
        if (!line.startsWith("#") && parts[0].equals(name)) {
          return new Case(name, parts[1], split(parts[1], parts[2]));
        }
      }
      throw new AssertionError("no case " + name + " in cases.txt");
    }

    /** As compare.sh splits them: an SQLite SQL or dot-command argument is one word. */
    private static List<String> split(String module, String args) {
      List<String> words = new ArrayList<>(Arrays.asList(args.trim().split("\\s+")));
      words.removeIf(String::isEmpty);
      if (module.equals("sqlite3.wasm")) {
        for (int i = 0; i < words.size(); i++) {
          if (words.get(i).startsWith(".") || words.get(i).equalsIgnoreCase("select")) {
            String rest = String.join(" ", words.subList(i, words.size()));
            words = new ArrayList<>(words.subList(0, i));
            words.add(rest);
            break;
          }
        }
      }
      return words;
    }

    String expected() throws IOException {
      return Files.readString(PROGRAMS.resolve("expected/" + name + ".out"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sqlite-select1", "lua-features", "go-fsops", "go-kvstore", "go-pipeline"})
  void printsWhatNodePrintsAndReplaysWithoutTouchingTheHost(String name) throws IOException {
    Case program = Case.named(name);
    Path sandbox = Files.createDirectories(work.resolve("sandbox"));
    Cli.Result run = run(program, sandbox);
    assertEquals(program.expected(), run.out(), run.err());
    assertEquals(0, run.exitCode(), run.err());
    assertReplaysUntouched(run, sandbox);
  }

  @Test
  void sqliteWritesAFileDatabaseASecondProcessReadsAndTheLogAgreesOnItsSize() throws IOException {
    Path sandbox = Files.createDirectories(work.resolve("sandbox"));
    Cli.Result create = run(Case.named("sqlite-bench-file"), sandbox);
    assertEquals(Case.named("sqlite-bench-file").expected(), create.out(), create.err());
    Cli.Result read = run(Case.named("sqlite-query-file"), sandbox);
    assertEquals(Case.named("sqlite-query-file").expected(), read.out(), read.err());

    // The database's size is where SQLite's furthest write to it ended: it writes with fd_seek
    // then fd_write (a write starts where the last seek put the file, plus the writes since).
    long size = Files.size(sandbox.resolve("bench.db"));
    Cli.Result furthest =
        new Cli(home)
            .run(
                "query",
                "--process",
                create.processId(),
                "-o",
                "csv",
                "WITH db AS (SELECT result AS fd FROM syscalls WHERE func = 'path_open'"
                    + " AND path = 'bench.db' AND errno = 0),"
                    + " ops AS (SELECT seq, func, result, size,"
                    + " sum(CASE WHEN func = 'fd_seek' THEN 1 ELSE 0 END) OVER (ORDER BY seq) AS run"
                    + " FROM syscalls WHERE func IN ('fd_seek', 'fd_write') AND errno = 0"
                    + " AND fd IN (SELECT fd FROM db)),"
                    + " ends AS (SELECT func,"
                    + " max(CASE WHEN func = 'fd_seek' THEN result END) OVER (PARTITION BY run)"
                    + " + sum(CASE WHEN func = 'fd_write' THEN size ELSE 0 END)"
                    + " OVER (PARTITION BY run ORDER BY seq) AS end_at FROM ops)"
                    + " SELECT max(end_at) AS furthest FROM ends WHERE func = 'fd_write'");
    assertEquals("furthest\n" + size + "\n", furthest.out(), furthest.err());

    assertReplaysUntouched(create, sandbox);
    assertReplaysUntouched(read, sandbox);
  }

  @Test
  void theSqliteShellReadingAPipeIsNotToldItIsATerminal() {
    // With a terminal the shell prints its banner and a prompt; node:wasi (stdin a pipe) does not.
    Cli.Result run =
        new Cli(home)
            .runWithInput(
                "select 6 * 7;\n".getBytes(UTF_8),
                "run",
                PROGRAMS.resolve("wasm/sqlite3.wasm").toString(),
                ":memory:");
    assertEquals("42\n", run.out(), run.err());
  }

  private Cli.Result run(Case program, Path sandbox) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("run", "--dir", PROGRAMS.resolve("inputs") + ":/inputs"));
    args.addAll(List.of("--dir", sandbox + ":/sandbox"));
    args.add(PROGRAMS.resolve("wasm/" + program.module()).toString());
    args.addAll(program.args());
    return new Cli(home).run(args);
  }

  private void assertReplaysUntouched(Cli.Result run, Path sandbox) throws IOException {
    Map<String, String> before = snapshot(sandbox);
    Cli.Result replay = new Cli(home).run("replay", run.processId());
    assertEquals(run.out(), replay.out());
    assertEquals(run.errAfterId(), replay.err());
    assertEquals(run.exitCode(), replay.exitCode());
    assertEquals(before, snapshot(sandbox), "replay touched the sandbox");
  }

  /** Every file under dir: its path, size, modification time and content digest. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.toList()) {
        String state = Files.getLastModifiedTime(file) + " " + Files.size(file);
        if (Files.isRegularFile(file)) {
          state += " " + Registry.sha256(Files.readAllBytes(file));
        }
        files.put(dir.relativize(file).toString(), state);
      }
    }
    assertTrue(files.size() > 0);
    return files;
  }
}
