package dev.wasitrace.bench;

import dev.wasitrace.bench.corruption.CorruptionHarness;
import dev.wasitrace.bench.corruption.CorruptionReport;
import dev.wasitrace.bench.corruption.ReaderCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The corruption run at length: N mutations of copies of recorded logs (bit flips in batches, their
 * metadata, the schema and the dictionary; zeroed bytes; truncation; batches repeated, dropped,
 * swapped, spliced from another run; damage to the other files beside the log), each followed by
 * the reader commands, and the count of each outcome. A bad outcome (a crash, a stack trace, an
 * internal error, a hang, a silently wrong answer, an unclear error) makes the exit code 1.
 *
 * <p>Usage: CorruptionBenchmark TESTDATA [N] [SEED] [FIRST] [COMMANDS] (mutations FIRST to FIRST +
 * N - 1 of the run seeded SEED, a new seed when none is given; COMMANDS: {@code all} or a list such
 * as {@code describe,logs,query,replay}).
 */
public final class CorruptionBenchmark {
  private CorruptionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path testdata = Path.of(args[0]);
    int mutations = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    long seed = args.length > 2 && !args[2].isEmpty() ? Long.parseLong(args[2]) : newSeed();
    int first = args.length > 3 && !args[3].isEmpty() ? Integer.parseInt(args[3]) : 0;
    List<ReaderCommand> commands = ReaderCommand.parse(args.length > 4 ? args[4] : "all");
    System.out.printf(
        "wasitrace corruption benchmark: %,d mutations from #%d, seed %d (%d cores; load average"
            + " %.2f)%n",
        mutations,
        first,
        seed,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    CorruptionReport report =
        CorruptionHarness.run(
            new CorruptionHarness.Config(
                mutations,
                seed,
                first,
                commands,
                Duration.ofSeconds(60),
                testdata,
                500,
                System.err));
    report.print(System.out);
    System.exit(report.bad().isEmpty() ? 0 : 1);
  }

  /** A seed of its own for each run, printed so that the run can be made again. */
  private static long newSeed() {
    return Math.abs(new java.security.SecureRandom().nextLong() % 1_000_000_000L);
  }
}
