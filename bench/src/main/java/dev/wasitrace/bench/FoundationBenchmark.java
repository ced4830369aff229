package dev.wasitrace.bench;

import static dev.wasitrace.bench.Timing.format;
import static dev.wasitrace.bench.Timing.median;
import static dev.wasitrace.bench.Timing.time;

import dev.wasitrace.log.LogStats;
import dev.wasitrace.registry.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The foundation issue's figures, measured side by side in one invocation: recorded vs unrecorded
 * run of the same module and engine for (a) 1,000,000 fd_write calls of one 64-byte line and (b) a
 * compute-bound guest; the log's bytes per record; and peak memory of a 10,000,000-call run against
 * a 1,000,000-call run (each in its own JVM).
 *
 * <p>(a) runs each side in JVMs of its own, as users run them. Run alternately in one JVM, the two
 * sides share the JIT's profile of Chicory's WASI code and of its call path into host functions,
 * which then serves the recorded side worse than either profile alone would: even a recorder cut
 * down to its clock reads and memory wrapper measured far slower that way than in JVMs of its own.
 * (b) makes few calls, so it alternates in one JVM.
 *
 * <p>Usage: FoundationBenchmark TESTDATA_DIR [REPETITIONS]
 */
public final class FoundationBenchmark {
  private FoundationBenchmark() {}

  /** Pairs of JVMs (one unrecorded, one recorded) for figure (a). */
  private static final int CHILD_ROUNDS = 5;

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--child")) {
      child(args);
      return;
    }
    Path testdata = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path writeloop = testdata.resolve("wasm/writeloop.wasm");
    Path compute = testdata.resolve("wasm/compute.wasm");
    Path home = Files.createTempDirectory("wasitrace-bench");
    Registry registry = Registry.openForWriting(home);

    System.out.printf(
        "wasitrace foundation benchmark (%d repetitions, medians, compiler engine)%n", reps);
    Pair b = compare(registry, compute, List.of("28000"), reps);
    System.out.printf("  %s [1000000], each side in JVMs of its own%n", writeloop.getFileName());

    // (a): pairs of JVMs, in alternating order, so a slow spell of this machine hits both sides
    // of a pair alike; the figure is the median of the pairs' ratios.
    List<Double> plainChildren = new ArrayList<>();
    List<Double> recordedChildren = new ArrayList<>();
    List<Double> childRatios = new ArrayList<>();
    for (int round = 0; round < CHILD_ROUNDS; round++) {
      double plain;
      double recorded;
      if (round % 2 == 0) {
        plain = childMedian("plain", writeloop, "1000000", reps);
        recorded = childMedian("recorded", writeloop, "1000000", reps);
      } else {
        recorded = childMedian("recorded", writeloop, "1000000", reps);
        plain = childMedian("plain", writeloop, "1000000", reps);
      }
      plainChildren.add(plain);
      recordedChildren.add(recorded);
      childRatios.add(recorded / plain);
      System.out.printf(
          Locale.ROOT, "    pair %d: recorded / unrecorded = %.2fx%n", round + 1, recorded / plain);
    }
    Pair a = new Pair(median(plainChildren), median(recordedChildren), median(childRatios));

    String id = GuestRun.recorded(registry, writeloop, List.of("1000000"), false);
    LogStats stats = LogStats.scan(registry.logPath(id));
    double bytesPerRecord = (double) stats.fileBytes() / stats.records();

    long peak1 = PeakMemory.measure(writeloop, 1_000_000);
    long peak10 = PeakMemory.measure(writeloop, 10_000_000);

    System.out.println();
    System.out.printf(
        "%-44s %12s %12s %8s %8s%n", "case", "unrecorded", "recorded", "ratio", "target");
    row("(a) 1,000,000 fd_write of a 64-byte line", a, 1.5);
    row("(b) compute-bound guest (compute 28000)", b, 1.05);
    System.out.printf(
        Locale.ROOT,
        "%-44s %12s %12.2f %8s %8s%n",
        "(a) log bytes per record",
        "",
        bytesPerRecord,
        "",
        "<= 12");
    System.out.printf(
        Locale.ROOT,
        "    log: %d records, %d batches, %d bytes (%d compressed / %d uncompressed record data)%n",
        stats.records(),
        stats.batches(),
        stats.fileBytes(),
        stats.compressedBytes(),
        stats.uncompressedBytes());
    System.out.printf(
        Locale.ROOT,
        "%-44s %9d MiB %9d MiB %8.2f %8s%n",
        "peak RSS, 1,000,000 vs 10,000,000 calls",
        peak1 >> 10,
        peak10 >> 10,
        (double) peak10 / peak1,
        "<= 1.5");
  }

  /** Child: --child plain|recorded MODULE ARG REPS; 2 warm-up runs, prints the median. */
  private static void child(String[] args) throws IOException {
    boolean recorded = args[1].equals("recorded");
    Path module = Path.of(args[2]);
    List<String> guestArgs = List.of(args[3]);
    int reps = Integer.parseInt(args[4]);
    Registry registry =
        recorded ? Registry.openForWriting(Files.createTempDirectory("wasitrace-bench")) : null;
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < reps + 2; i++) {
      double seconds =
          time(
              () -> {
                if (recorded) {
                  GuestRun.recorded(registry, module, guestArgs, false);
                } else {
                  GuestRun.unrecorded(module, guestArgs, false);
                }
              });
      if (i >= 2) {
        times.add(seconds);
      }
    }
    System.out.println("    " + args[1] + " alone " + format(times));
    System.out.println(median(times));
  }

  private static double childMedian(String variant, Path module, String arg, int reps)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--") || a.startsWith("-Xmx"))
            .toList());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FoundationBenchmark.class.getName());
    command.addAll(List.of("--child", variant, module.toString(), arg, Integer.toString(reps)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .trim();
    if (process.waitFor() != 0) {
      throw new IOException("benchmark child failed: " + output);
    }
    String[] lines = output.split("\n");
    for (int i = 0; i < lines.length - 1; i++) {
      System.out.println(lines[i]);
    }
    return Double.parseDouble(lines[lines.length - 1].trim());
  }

  /** Medians of each side, and the median of the ratios of runs made back to back. */
  private record Pair(double unrecordedSeconds, double recordedSeconds, double pairedRatio) {
    double ratio() {
      return pairedRatio;
    }
  }

  private static Pair compare(Registry registry, Path module, List<String> args, int reps)
      throws IOException {
    // Warm both paths up: class loading and the JIT of the runtime and of the recorder.
    GuestRun.unrecorded(module, args, false);
    GuestRun.recorded(registry, module, args, false);
    List<Double> plain = new ArrayList<>();
    List<Double> recorded = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      // Alternate the order so drift on a noisy machine hits both sides alike.
      if (i % 2 == 0) {
        plain.add(time(() -> GuestRun.unrecorded(module, args, false)));
        recorded.add(time(() -> GuestRun.recorded(registry, module, args, false)));
      } else {
        recorded.add(time(() -> GuestRun.recorded(registry, module, args, false)));
        plain.add(time(() -> GuestRun.unrecorded(module, args, false)));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "  %s %s%n    unrecorded %s%n    recorded   %s%n",
        module.getFileName(),
        args,
        format(plain),
        format(recorded));
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      ratios.add(recorded.get(i) / plain.get(i));
    }
    return new Pair(median(plain), median(recorded), median(ratios));
  }

  private static void row(String name, Pair pair, double target) {
    System.out.printf(
        Locale.ROOT,
        "%-44s %11.3fs %11.3fs %7.2fx %7s%n",
        name,
        pair.unrecordedSeconds(),
        pair.recordedSeconds(),
        pair.ratio(),
        "<= " + target);
  }
}
