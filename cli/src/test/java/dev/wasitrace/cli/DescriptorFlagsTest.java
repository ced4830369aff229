package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Append mode and descriptor flags as real programs use them (fdflags.wasm): APPEND beside read and
 * beside TRUNC, a write in append mode going to the end after a seek, fd_pwrite on an append-mode
 * file writing at the end (as Linux and node:wasi), APPEND turned off and on, NONBLOCK taken on
 * files and stdio, stdio that is not a terminal reported as such, and a directory synced as on
 * Linux.
 */
class DescriptorFlagsTest {
  @TempDir Path home;
  @TempDir Path sandbox;

  @Test
  void appendModeAndFlagsBehaveAsOnLinuxAndReplay() {
    Cli cli = new Cli(home);
    Cli.Result run =
        cli.run("run", "--dir", sandbox + ":/sandbox", TestData.wasm("fdflags").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(
        """
        append after seek: abcde
        read with append: abcde
        pwrite at 0: 1 -> abcdeX
        append off: 0 flags 0 -> YbcdeX
        append on: 0 flags 1 -> YbcdeXz
        trunc with append: q
        nonblock on file: 0
        nonblock on stdout: 0
        isatty: 0 0 0
        rights: read dropped 76, write 1, fdstat read 0, widen 76
        dir rights: trunc 76, open 0
        sync: file 0, dir 0, dir data 0
        """,
        run.out());

    Cli.Result replay = cli.run("replay", run.processId());
    assertEquals(run.out(), replay.out());
    assertEquals(0, replay.exitCode(), replay.err());
  }
}
