package dev.wasitrace.bench.corruption;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A damaged log is always detected, never crashes the process, never answers wrong in silence: 300
 * mutations of copies of recorded logs (a fixed sequence, bench/corruption.sh runs longer ones),
 * each read by describe, logs, query and replay; every outcome must be the same answer, a warning
 * naming the damage, or one clear line of error.
 */
class CorruptionTest {
  private static final int MUTATIONS = 300;
  private static final long SEED = 20_261_207L;

  @Test
  void damagedLogsAreDetectedNeverCrashAndNeverAnswerWrongInSilence() throws Exception {
    CorruptionReport report =
        CorruptionHarness.run(
            new CorruptionHarness.Config(
                MUTATIONS,
                SEED,
                0,
                ReaderCommand.parse("describe,logs,query,replay"),
                Duration.ofSeconds(60),
                Path.of(System.getenv("WASITRACE_TESTDATA")),
                MUTATIONS,
                System.err));
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    report.print(new PrintStream(text, true, StandardCharsets.UTF_8));
    System.out.print(text.toString(StandardCharsets.UTF_8));
    assertTrue(
        report.bad().isEmpty(),
        () ->
            report.bad().size()
                + " bad outcomes:\n"
                + report.bad().stream().map(e -> e.line(SEED)).collect(Collectors.joining("\n"))
                + "\n\n"
                + text.toString(StandardCharsets.UTF_8));
  }
}
