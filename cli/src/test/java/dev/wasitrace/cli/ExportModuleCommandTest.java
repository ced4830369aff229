package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportModuleCommandTest {
  @TempDir Path home;
  @TempDir Path out;
  private byte[] original;
  private String shortId;

  private Cli cli() {
    return new Cli(home);
  }

  @BeforeEach
  void recordHello() throws Exception {
    assertEquals(0, cli().run("run", TestData.wasm("hello").toString()).exitCode());
    original = Files.readAllBytes(TestData.wasm("hello"));
    shortId = Registry.sha256(original).substring(0, 12);
  }

  @Test
  void writesTheStoredBytesExactly() throws Exception {
    Path file = out.resolve("hello2.wasm");
    Cli.Result export = cli().run("export", "module", shortId, file.toString());
    assertEquals(0, export.exitCode(), export.err());
    assertEquals("", export.out());
    assertEquals("", export.err());
    assertArrayEquals(original, Files.readAllBytes(file));
  }

  @Test
  void dashWritesToStdout() {
    Cli.Result export = cli().run("export", "module", shortId, "-");
    assertEquals(0, export.exitCode(), export.err());
    assertArrayEquals(original, export.outBytes());
  }

  @Test
  void anUnwritableFileIsOneClearLine() throws Exception {
    Path file = out.resolve("no-such-folder").resolve("hello2.wasm");
    Cli.Result export = cli().run("export", "module", shortId, file.toString());
    assertEquals(1, export.exitCode());
    assertEquals("wasitrace: cannot write " + file + ": its folder does not exist\n", export.err());

    Path notAFolder = Files.writeString(out.resolve("file.txt"), "x");
    export = cli().run("export", "module", shortId, notAFolder.resolve("hello2.wasm").toString());
    assertEquals(1, export.exitCode());
    assertEquals(1, export.err().lines().count(), export.err());
    assertTrue(export.err().startsWith("wasitrace: cannot write "), export.err());
    assertFalse(export.err().contains("Exception"), export.err());
  }

  @Test
  void exportAloneNamesWhatItCanExport() {
    Cli.Result export = cli().run("export");
    assertEquals(1, export.exitCode());
    assertTrue(export.err().startsWith("wasitrace: missing resource type: "), export.err());
    assertTrue(export.err().contains("module"), export.err());
  }
}
