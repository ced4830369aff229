package dev.wasitrace.cli.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code testdata/tools/validate_ct.py} (a copy of the checker that goes with CodeTracer's
 * format notes) on a trace folder. Needs python3; tests that use it skip with a printed reason when
 * it is missing.
 */
final class TraceValidator {
  private static Boolean available;

  private TraceValidator() {}

  /** Skips the calling test, saying why, when python3 cannot run. */
  static synchronized void assumePython() {
    if (available == null) {
      try {
        Process process =
            new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        available = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
      } catch (IOException e) {
        available = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        available = false;
      }
      if (!available) {
        System.err.println(
            "SKIPPED: python3 is not installed; the CodeTracer traces cannot be checked with"
                + " validate_ct.py");
      }
    }
    Assumptions.assumeTrue(
        available, "python3 is not installed: validate_ct.py cannot check the CodeTracer traces");
  }

  /** Asserts the folder is valid for the profile, warnings included (--strict). */
  static void assertValid(Path dir, String profile) throws IOException, InterruptedException {
    Path script = TestData.root().resolve("tools").resolve("validate_ct.py");
    Process process =
        new ProcessBuilder(
                "python3", script.toString(), dir.toString(), "--profile", profile, "--strict")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("validate_ct.py did not finish: " + output);
    }
    assertEquals(0, process.exitValue(), "validate_ct.py --profile " + profile + ":\n" + output);
  }
}
