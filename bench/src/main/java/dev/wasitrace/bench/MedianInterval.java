package dev.wasitrace.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How precisely a median of noisy measurements is known: a 95% interval from a two-level bootstrap
 * (resample the groups, then the measurements within each), the medians of many resamples. The
 * groups are the pairs of JVMs: on this kind of machine single pairs of runs spread widely (0.69 to
 * 1.39 for the compute-bound guest in one run of bench/foundation.sh), and a JVM's own luck lasts
 * as long as it does, so both levels count.
 */
record MedianInterval(double low, double high) {
  private static final int RESAMPLES = 10_000;
  // Fixed, so the same measurements always give the same interval.
  private static final long SEED = 42;

  static MedianInterval of(List<List<Double>> groups) {
    SplittableRandom random = new SplittableRandom(SEED);
    double[] medians = new double[RESAMPLES];
    List<Double> resample = new ArrayList<>();
    for (int r = 0; r < RESAMPLES; r++) {
      resample.clear();
      for (int g = 0; g < groups.size(); g++) {
        List<Double> group = groups.get(random.nextInt(groups.size()));
        for (int i = 0; i < group.size(); i++) {
          resample.add(group.get(random.nextInt(group.size())));
        }
      }
      medians[r] = Timing.median(resample);
    }
    Arrays.sort(medians);
    return new MedianInterval(
        medians[(int) (RESAMPLES * 0.025)], medians[(int) (RESAMPLES * 0.975)]);
  }
}
