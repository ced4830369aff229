package dev.wasitrace.bench;

import static dev.wasitrace.bench.Timing.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pairs of runs of two sides, each side in a JVM of its own, asked in alternating order; spread
 * over several pairs of JVMs, since a JVM's own luck (what its JIT made of Endive) lasts as long as
 * it does. Each JVM first makes a few warm-up runs (class loading, the JIT).
 */
final class PairedRuns {
  /** Starts one side's JVM. */
  interface Side {
    SideJvm start() throws IOException;
  }

  /** Each side's times, pair by pair, and the ratios second/first grouped by pair of JVMs. */
  record Result(List<Double> first, List<Double> second, List<List<Double>> ratiosByJvms) {}

  private PairedRuns() {}

  /**
   * Makes PAIRS pairs of runs over up to JVM_PAIRS pairs of JVMs and prints each pair of JVMs'
   * ratios, then both sides' times under the given labels.
   */
  static Result measure(
      Side first,
      Side second,
      int pairs,
      int jvmPairs,
      int warmUp,
      String firstLabel,
      String secondLabel)
      throws IOException {
    List<Double> firstTimes = new ArrayList<>();
    List<Double> secondTimes = new ArrayList<>();
    List<List<Double>> ratiosByJvms = new ArrayList<>();
    for (int jvms = 0; jvms < jvmPairs; jvms++) {
      List<Double> ratios = new ArrayList<>();
      try (SideJvm a = first.start();
          SideJvm b = second.start()) {
        for (int i = 0; i < warmUp; i++) {
          a.run();
          b.run();
        }
        // This pair of JVMs' share of the pairs of runs.
        int share = pairs / jvmPairs + (jvms < pairs % jvmPairs ? 1 : 0);
        for (int i = 0; i < share; i++) {
          double aSeconds;
          double bSeconds;
          if (i % 2 == 0) {
            aSeconds = a.run();
            bSeconds = b.run();
          } else {
            bSeconds = b.run();
            aSeconds = a.run();
          }
          firstTimes.add(aSeconds);
          secondTimes.add(bSeconds);
          ratios.add(bSeconds / aSeconds);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "    JVMs %d: ratios %s%n",
          jvms + 1,
          ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
      ratiosByJvms.add(ratios);
    }
    System.out.printf(
        Locale.ROOT,
        "    %-10s %s%n    %-10s %s%n",
        firstLabel,
        format(firstTimes),
        secondLabel,
        format(secondTimes));
    return new Result(firstTimes, secondTimes, ratiosByJvms);
  }
}
