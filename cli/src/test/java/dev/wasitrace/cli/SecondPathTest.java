package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * path_rename, path_link and path_symlink keep their second path (path2, log format 3), so a query
 * finds where a file went; logs of format 2 load beside new ones, with path2 null.
 */
class SecondPathTest {
  /** A run of fileio.wasm recorded by wasitrace with log format 2, before path2. */
  private static final String FORMAT_2 = "480812db-6ad2-4c63-8f06-bc28feccb7c4";

  @TempDir Path home;
  @TempDir Path sandbox;

  @Test
  void whereARenamedFileWentIsInPath2AndOldLogsLoadBeside() throws IOException {
    Cli cli = new Cli(home);
    Cli.Result run =
        cli.run("run", "--dir", sandbox + ":/sandbox", TestData.wasm("fileio").toString());
    assertEquals(0, run.exitCode(), run.err());

    Cli.Result renames =
        cli.run(
            "query",
            "-o",
            "csv",
            "SELECT func, path, path2 FROM syscalls WHERE func = 'path_rename'");
    assertEquals(0, renames.exitCode(), renames.err());
    assertEquals(
        List.of("func,path,path2", "path_rename,a.txt,sub/b.txt"), renames.out().lines().toList());

    copyFormat2Process();
    Cli.Result both =
        cli.run(
            "query",
            "-o",
            "csv",
            "SELECT process_id = '"
                + FORMAT_2
                + "' AS old, count(*) FILTER (WHERE path2 IS NOT NULL) AS with_path2,"
                + " count(*) FILTER (WHERE func = 'path_rename') AS renames"
                + " FROM syscalls GROUP BY ALL ORDER BY old");
    assertEquals(0, both.exitCode(), both.err());
    assertEquals(
        List.of("old,with_path2,renames", "false,1,1", "true,0,1"), both.out().lines().toList());

    Cli.Result replay = cli.run("replay", run.processId());
    assertEquals(0, replay.exitCode(), replay.err());
    assertEquals(run.out(), replay.out());
  }

  private void copyFormat2Process() throws IOException {
    Path dir = Files.createDirectories(home.resolve("processes").resolve(FORMAT_2));
    for (String file : List.of("process.json", "log.arrow", "log.arrow.sums")) {
      try (InputStream in = getClass().getResourceAsStream("format2/" + FORMAT_2 + "/" + file)) {
        assertTrue(in != null, file);
        Files.copy(in, dir.resolve(file));
      }
    }
  }
}
