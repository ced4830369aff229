package dev.wasitrace.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Timing helpers shared by the benchmarks: one timed run, medians, printing. */
final class Timing {
  private Timing() {}

  interface Run {
    void run() throws IOException;
  }

  /** Seconds one run takes, from a collected heap so one run's garbage isn't the next's. */
  static double time(Run run) throws IOException {
    System.gc();
    long start = System.nanoTime();
    run.run();
    return (System.nanoTime() - start) / 1e9;
  }

  /** The median; of an even count, the mean of the two middle values (not the upper one). */
  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  static String format(List<Double> values) {
    return Arrays.toString(
        values.stream().map(v -> String.format(Locale.ROOT, "%.3fs", v)).toArray());
  }
}
