package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For many seeds of a guest that mixes clocks, random bytes, files and stdout (testdata
 * mixed.wasm), record then replay gives the same stdout, stderr and exit code, with the files gone.
 */
class ReplayPropertyTest {
  private static final int SEEDS = 30;

  @TempDir Path home;
  @TempDir Path work;

  @Test
  void everySeedReplaysIdentically() throws IOException {
    // A new master seed each time, printed with any failure so it can be run again.
    long master = Long.getLong("replay.seed", System.nanoTime());
    Random random = new Random(master);
    Cli cli = new Cli(home);
    for (int i = 0; i < SEEDS; i++) {
      long seed = random.nextLong() >>> 1;
      String context = "master seed " + master + ", guest seed " + seed;
      Path sandbox = Files.createDirectory(work.resolve("sandbox-" + i));
      Cli.Result run =
          cli.run(
              "run",
              "--dir",
              sandbox + ":/sandbox",
              TestData.wasm("mixed").toString(),
              Long.toString(seed));
      assertEquals(seed % 4, run.exitCode(), context + ": " + run.err());
      assertTrue(run.out().contains("files "), context + ": " + run.out());
      try (Stream<Path> left = Files.list(sandbox)) {
        assertEquals(0, left.count(), context + ": the guest removes its files");
      }
      Files.delete(sandbox); // the replay must not need it, nor create it

      Cli.Result replay = cli.run("replay", run.processId());
      assertArrayEquals(run.outBytes(), replay.outBytes(), context);
      assertEquals(run.errAfterId(), replay.err(), context);
      assertEquals(run.exitCode(), replay.exitCode(), context);
      assertFalse(Files.exists(sandbox), context);
    }
  }
}
