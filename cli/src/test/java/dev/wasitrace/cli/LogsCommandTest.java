package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
  @TempDir Path home;

  private Cli cli() {
    return new Cli(home);
  }

  @Test
  void rebuildsStdoutAndStderrOfHello() {
    Cli.Result run =
        cli()
            .run(
                "run",
                "--env",
                "GREETING=hi",
                TestData.wasm("hello").toString(),
                "foo",
                "bar baz",
                "ünïcode");
    assertEquals(0, run.exitCode(), run.err());
    Cli.Result logs = cli().run("logs", run.processId());
    assertEquals(0, logs.exitCode(), logs.err());
    assertArrayEquals(run.outBytes(), logs.outBytes());
    assertTrue(logs.out().startsWith("Hello, World!\narg[1]=foo\narg[2]=bar baz\n"), logs.out());
    assertEquals(run.errAfterId(), logs.err());
    assertEquals("to stderr\n", logs.err());
  }

  @Test
  void rebuildsTheOutputOfStdinEcho() {
    byte[] input = "hello\nWorld 123\n".getBytes(StandardCharsets.UTF_8);
    Cli.Result run = cli().runWithInput(input, "run", TestData.wasm("stdin_echo").toString());
    assertEquals(0, run.exitCode(), run.err());
    Cli.Result logs = cli().run("logs", run.processId().substring(0, 13));
    assertEquals(0, logs.exitCode(), logs.err());
    assertEquals("HELLO\nWORLD 123\n", logs.out());
    assertArrayEquals(run.outBytes(), logs.outBytes());
    assertEquals(run.errAfterId(), logs.err());
  }

  @Test
  void aCutShortLogPrintsWhatIsThereAndWarns() throws Exception {
    Cli.Result run = cli().run("run", TestData.wasm("hello").toString(), "x");
    RegistryFiles.markKilled(home, run.processId());
    RegistryFiles.truncateLog(home, run.processId(), RegistryFiles.END_OF_STREAM_BYTES);

    Cli.Result logs = cli().run("logs", run.processId());
    assertEquals(0, logs.exitCode(), logs.err());
    assertArrayEquals(run.outBytes(), logs.outBytes());
    String[] err = logs.err().split("\n");
    assertEquals(2, err.length, logs.err());
    assertEquals("to stderr", err[0]);
    assertTrue(err[1].startsWith("wasitrace: the output may be incomplete: "), err[1]);
  }
}
