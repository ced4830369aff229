package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that takes an ID takes a unique prefix, and says clearly when it is not one. */
class IdPrefixTest {
  @TempDir Path home;
  private String id;
  private String twin;

  private Cli cli() {
    return new Cli(home);
  }

  @BeforeEach
  void recordAndCopyUnderANearTwinId() throws Exception {
    Cli.Result run = cli().run("run", TestData.wasm("hello").toString());
    assertEquals(0, run.exitCode(), run.err());
    id = run.processId();
    // Same first 8 characters, different 10th: "abcdef12-9..." vs "abcdef12-0...".
    char tenth = id.charAt(9) == '0' ? '1' : '0';
    twin = id.substring(0, 9) + tenth + "000-4000-8000-000000000000";
    RegistryFiles.copyProcess(home, id, twin);
  }

  private static void assertOneCleanErrorLine(Cli.Result result, String start) {
    assertEquals(1, result.exitCode(), result.out());
    assertEquals("", result.out());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith(start), result.err());
    assertFalse(result.err().contains("\tat "), result.err());
    assertFalse(result.err().contains("Exception"), result.err());
  }

  @Test
  void aUniquePrefixWorksEverywhere() {
    String prefix = id.substring(0, 10);
    for (List<String> command :
        List.of(
            List.of("describe", "process", prefix),
            List.of("logs", prefix),
            List.of("describe", "process", id))) {
      Cli.Result result = cli().run(command);
      assertEquals(0, result.exitCode(), command + ": " + result.err());
    }
    assertTrue(cli().run("describe", "process", prefix).out().startsWith("ID: " + id + "\n"));
    assertTrue(
        cli()
            .run("describe", "process", twin.substring(0, 10))
            .out()
            .startsWith("ID: " + twin + "\n"));
  }

  @Test
  void anAmbiguousPrefixIsOneClearLine() {
    String prefix = id.substring(0, 8);
    for (List<String> command :
        List.of(List.of("describe", "process", prefix), List.of("logs", prefix))) {
      Cli.Result result = cli().run(command);
      assertOneCleanErrorLine(result, "wasitrace: ambiguous process ID prefix " + prefix);
      assertTrue(result.err().contains(id) && result.err().contains(twin), result.err());
    }
  }

  @Test
  void anUnknownIdIsOneClearLine() {
    for (List<String> command :
        List.of(
            List.of("describe", "process", "ffffffff-nope"), List.of("logs", "ffffffff-nope"))) {
      assertOneCleanErrorLine(cli().run(command), "wasitrace: no process matches ID ffffffff-nope");
    }
    assertOneCleanErrorLine(
        cli().run("describe", "module", "sha256:ffffffffffff"), "wasitrace: no module matches ID");
    assertOneCleanErrorLine(
        cli().run("export", "module", "ffffffffffff", home.resolve("x.wasm").toString()),
        "wasitrace: no module matches ID");
  }

  @Test
  void anAmbiguousModulePrefixIsOneClearLine() throws Exception {
    Path modules = home.resolve("modules").resolve("sha256");
    String digest;
    try (var files = Files.list(modules)) {
      String json =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json"))
              .findFirst()
              .orElseThrow();
      digest = json.substring(0, json.length() - ".json".length());
    }
    String other = digest.substring(0, 4) + (digest.charAt(4) == '0' ? '1' : '0') + "0".repeat(59);
    // The metadata names its own digest: the copy must name the new one.
    String metadata = Files.readString(modules.resolve(digest + ".json"));
    Files.writeString(modules.resolve(other + ".json"), metadata.replace(digest, other));
    Files.copy(modules.resolve(digest + ".wasm"), modules.resolve(other + ".wasm"));

    assertOneCleanErrorLine(
        cli().run("describe", "module", digest.substring(0, 4)),
        "wasitrace: ambiguous module ID prefix");
    assertEquals(0, cli().run("describe", "module", digest.substring(0, 5)).exitCode());
  }
}
