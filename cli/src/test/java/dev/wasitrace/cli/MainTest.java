package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The top level: which commands exist, whichever one a command line names. */
class MainTest {
  private static final List<String> COMMANDS =
      List.of(
          "run", "replay", "get", "describe", "export", "logs", "query", "trace", "verify", "help");

  @TempDir Path home;

  @Test
  void theHelpListsEveryCommand() {
    for (List<String> args : List.of(List.of("--help"), List.of("help"))) {
      Cli.Result help = new Cli(home).run(args);
      String text = help.out() + help.err();
      for (String command : COMMANDS) {
        assertTrue(
            text.contains("\n  " + command + " "), args + " lists " + command + ":\n" + text);
      }
    }
  }

  @Test
  void aCommandIsFoundBehindTopLevelOptionsAndByItsAliases() {
    Cli cli = new Cli(home);
    Cli.Result run = cli.run("--debug", "run", TestData.wasm("hello").toString());
    assertEquals(0, run.exitCode(), run.err());
    Cli.Result list = cli.run("--debug", "get", "ps");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains(run.processId()), list.out());
  }

  @Test
  void anUnknownCommandIsNamedWithWhereToLook() {
    Cli.Result result = new Cli(home).run("lsit", "process");
    assertEquals(1, result.exitCode());
    assertEquals(
        "wasitrace: Unmatched arguments from index 0: 'lsit', 'process'\n"
            + "Try 'wasitrace --help' for more information.\n",
        result.err());
  }
}
