package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files DuckDB's native code reads for us, damaged: a {@code query --db} database and the
 * Parquet files {@code export parquet --append} reads back. Each damaged copy is either read (the
 * damage fell where it does not matter) or refused in one clear line; never a native crash (which
 * would end this test's JVM), an internal error or a stack trace. {@code -Dwasitrace.mutations=N}
 * runs more than the default.
 */
class DamagedDatabaseFilesTest {
  private static final int MUTATIONS = Integer.getInteger("wasitrace.mutations", 40);

  @TempDir Path home;
  @TempDir Path work;
  private Cli cli;

  @BeforeEach
  void record() {
    cli = new Cli(home);
    for (String guest : new String[] {"writeloop", "hello"}) {
      Cli.Result run = cli.run("run", TestData.wasm(guest).toString(), "3000");
      assertEquals(0, run.exitCode(), run.err());
    }
  }

  @Test
  void aDamagedDatabaseIsReadOrRefusedInOneLine() throws IOException {
    Path original = work.resolve("original.duckdb");
    Cli.Result write = cli.run("query", "--db", original.toString());
    assertEquals(0, write.exitCode(), write.err());
    byte[] bytes = Files.readAllBytes(original);
    Random random = new Random(20261208);
    int refused = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      Path damaged = work.resolve("damaged-" + i + ".duckdb");
      Files.write(damaged, mutate(bytes, random));
      Cli.Result query =
          cli.run("query", "--db", damaged.toString(), "SELECT count(*) AS n FROM syscalls");
      refused += checkReadOrRefused("mutation " + i + " of the database", query);
    }
    assertTrue(refused > 0, "no mutation was refused: the damage did not reach DuckDB");
  }

  @Test
  void damagedParquetInAnExportFolderIsReadOrRefusedInOneLine() throws IOException {
    Path folder = work.resolve("export");
    Cli.Result export = cli.run("export", "parquet", "-o", folder.toString());
    assertEquals(0, export.exitCode(), export.err());
    Path processes;
    try (Stream<Path> files = Files.walk(folder.resolve("processes"))) {
      processes = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(processes);
    Random random = new Random(20261209);
    int refused = 0;
    for (int i = 0; i < MUTATIONS; i++) {
      Files.write(processes, mutate(bytes, random));
      Cli.Result append = cli.run("export", "parquet", "--append", "-o", folder.toString());
      refused += checkReadOrRefused("mutation " + i + " of the processes file", append);
    }
    assertTrue(refused > 0, "no mutation was refused: the damage did not reach DuckDB");
  }

  /** 1 when the command refused the file in one line, 0 when it read it. */
  private static int checkReadOrRefused(String what, Cli.Result result) {
    assertFalse(result.err().contains("internal error"), what + ": " + result.err());
    assertFalse(result.err().contains("\tat "), what + ": " + result.err());
    if (result.exitCode() == 0) {
      return 0;
    }
    assertEquals(1, result.exitCode(), what + ": " + result.err());
    assertTrue(result.err().startsWith("wasitrace: "), what + ": " + result.err());
    assertEquals(1, result.err().lines().count(), what + ": " + result.err());
    return 1;
  }

  /** Bit flips, a zeroed range, a cut, or a flip in the last 200 bytes (Parquet's footer). */
  private static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> {
        int from = random.nextInt(bytes.length);
        Arrays.fill(bytes, from, Math.min(bytes.length, from + 1 + random.nextInt(4096)), (byte) 0);
      }
      case 2 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
      default -> {
        int from = bytes.length - 1 - random.nextInt(Math.min(bytes.length, 200));
        bytes[from] ^= (byte) (1 << random.nextInt(8));
      }
    }
    return bytes;
  }
}
