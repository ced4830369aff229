package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The guests' observable behaviour under wasitrace equals Node's node:wasi where the two overlap:
 * same stdout, same exit code. Runs only where {@code node} is installed.
 */
class NodeComparisonTest {
  @TempDir Path home;
  @TempDir Path work;

  @BeforeAll
  static void needsNode() {
    boolean present;
    try {
      present = new ProcessBuilder("node", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (!present) {
      System.out.println("NodeComparisonTest skipped: no `node` on PATH");
    }
    Assumptions.assumeTrue(present, "skipped: no `node` on PATH to compare with");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hello      | a 'b c'  | GREETING=hi EXIT_CODE=4 | ''",
        "hello      | ''       | ''                      | ''",
        "fileio     | ''       | ''                      | /sandbox",
        "clocks     | ''       | ''                      | ''",
        "random     | ''       | ''                      | ''",
        "stdin_echo | ''       | ''                      | ''",
        "compute    | 100      | ''                      | ''",
        "writeloop  | 1000     | ''                      | ''",
      })
  void sameStdoutAndExitCodeAsNode(String guest, String args, String env, String dir)
      throws Exception {
    Path module = TestData.wasm(guest);
    List<String> guestArgs = split(args);
    byte[] stdin = "Some Input\nline two\n".getBytes(StandardCharsets.UTF_8);

    List<String> ours = new ArrayList<>(List.of("run"));
    List<String> node =
        new ArrayList<>(
            List.of(
                "node",
                TestData.root().resolve("node/run-wasi.mjs").toString(),
                module.toString()));
    for (String pair : split(env)) {
      ours.addAll(List.of("--env", pair));
      node.addAll(List.of("--env", pair));
    }
    if (!dir.isEmpty()) {
      Path ourDir = Files.createDirectories(work.resolve("ours"));
      Path nodeDir = Files.createDirectories(work.resolve("node"));
      ours.addAll(List.of("--dir", ourDir + ":" + dir));
      node.addAll(List.of("--dir", nodeDir + ":" + dir));
    }
    ours.add(module.toString());
    ours.addAll(guestArgs);
    node.add("--");
    node.addAll(guestArgs);

    Cli.Result result = new Cli(home).runWithInput(stdin, ours.toArray(String[]::new));

    Path input = work.resolve("stdin");
    Files.write(input, stdin);
    Process process =
        new ProcessBuilder(node)
            .redirectInput(input.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] nodeOut = process.getInputStream().readAllBytes();
    assertEquals(true, process.waitFor(60, TimeUnit.SECONDS));

    assertEquals(new String(nodeOut, StandardCharsets.UTF_8), result.out());
    assertEquals(process.exitValue(), result.exitCode());
  }

  private static List<String> split(String words) {
    List<String> parts = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(words);
    while (m.find()) {
      parts.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return parts;
  }
}
