package dev.wasitrace.bench;

import static dev.wasitrace.bench.Timing.format;
import static dev.wasitrace.bench.Timing.median;
import static dev.wasitrace.bench.Timing.time;

import dev.wasitrace.log.LogStats;
import dev.wasitrace.recorder.replay.ProcessReplayer;
import dev.wasitrace.recorder.replay.ReplayOptions;
import dev.wasitrace.registry.Registry;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 6's figure, measured side by side in one invocation: replaying the foundation benchmark's
 * run (1,000,000 fd_write calls of a 64-byte line, compiler engine) against recording it. Each
 * repetition records a run and replays one, alternating which goes first.
 *
 * <p>Usage: ReplayBenchmark TESTDATA_DIR [REPETITIONS]
 */
public final class ReplayBenchmark {
  private static final List<String> ARGS = List.of("1000000");

  private ReplayBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path testdata = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path writeloop = testdata.resolve("wasm/writeloop.wasm");
    Registry registry = Registry.openForWriting(TempDirs.create("wasitrace-bench"));

    System.out.printf(
        "wasitrace replay benchmark (%d repetitions, medians, compiler engine)%n", reps);
    // Warm both paths up: class loading and the JIT of the runtime, recorder and replayer.
    String previous = GuestRun.recorded(registry, writeloop, ARGS, false);
    replay(registry, previous);
    List<Double> recorded = new ArrayList<>();
    List<Double> replayed = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      // Alternate the order so drift on a noisy machine hits both sides alike.
      String[] id = new String[1];
      if (i % 2 == 0) {
        recorded.add(time(() -> id[0] = GuestRun.recorded(registry, writeloop, ARGS, false)));
        replayed.add(time(() -> replay(registry, id[0])));
      } else {
        String last = previous;
        replayed.add(time(() -> replay(registry, last)));
        recorded.add(time(() -> id[0] = GuestRun.recorded(registry, writeloop, ARGS, false)));
      }
      previous = id[0];
    }
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      ratios.add(replayed.get(i) / recorded.get(i));
    }
    LogStats stats = LogStats.scan(registry.logPath(previous));
    System.out.printf(
        Locale.ROOT,
        "  writeloop.wasm %s (log: %d records, %d batches, %d bytes)%n    recorded %s%n"
            + "    replayed %s%n",
        ARGS,
        stats.records(),
        stats.batches(),
        stats.fileBytes(),
        format(recorded),
        format(replayed));
    System.out.println();
    System.out.printf(
        "%-44s %12s %12s %8s %8s%n", "case", "recorded", "replayed", "ratio", "target");
    System.out.printf(
        Locale.ROOT,
        "%-44s %11.3fs %11.3fs %7.2fx %7s%n",
        "1,000,000 fd_write of a 64-byte line",
        median(recorded),
        median(replayed),
        median(ratios),
        "<= 1.0");
  }

  private static void replay(Registry registry, String id) throws IOException {
    try (OutputStream devNull = new FileOutputStream("/dev/null")) {
      int code =
          new ProcessReplayer(registry)
              .replay(ReplayOptions.builder(id).stdio(devNull, devNull).build());
      if (code != 0) {
        throw new IOException("the replay of " + id + " failed with exit code " + code);
      }
    }
  }
}
