package dev.wasitrace.bench;

import static dev.wasitrace.bench.Timing.median;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the file-system layer costs a path-heavy guest, before vs after a change, measured side by
 * side in one invocation: {@code wasitrace run --dir TREE:/sandbox pathloop.wasm 100000 PATH}
 * (100,000 {@code path_open} + {@code fd_close} of a file 8 directories deep, recorded) through two
 * builds' jars. Each side is a JVM of its own started from its build's jar ({@link
 * SideJvm#fromJar}, {@link JarSide}), each run in a fresh TREE; the two JVMs are asked in turn, as
 * in {@link FoundationBenchmark}, and the pairs are spread over several pairs of JVMs. The ratio
 * after/before is the median of the pairs' ratios, with its 95% interval ({@link MedianInterval}).
 *
 * <p>Usage: PathsBenchmark TESTDATA_DIR PAIRS BEFORE_JAR AFTER_JAR
 */
public final class PathsBenchmark {
  private PathsBenchmark() {}

  /** Pairs of JVMs the pairs of runs are spread over (as in FoundationBenchmark). */
  private static final int JVM_PAIRS = 8;

  /** Runs of each side before the measured pairs: class loading and the JIT. */
  private static final int WARM_UP = 2;

  private static final int ROUNDS = 100_000;

  /** The file each round opens, beneath the preopen: 8 directories deep. */
  private static final String FILE = "a/b/c/d/e/f/g/h/file.txt";

  public static void main(String[] args) throws Exception {
    Path testdata = Path.of(args[0]);
    int pairs = Integer.parseInt(args[1]);
    Path before = Path.of(args[2]).toAbsolutePath();
    Path after = Path.of(args[3]).toAbsolutePath();
    Path module = testdata.resolve("wasm/pathloop.wasm").toAbsolutePath();
    for (Path file : List.of(before, after, module)) {
      requireFile(file);
    }
    int jvmPairs = Math.min(JVM_PAIRS, pairs);
    List<String> sideArgs = List.of(FILE, module.toString(), Integer.toString(ROUNDS), FILE);

    System.out.printf(
        Locale.ROOT,
        "wasitrace paths benchmark: run --dir TREE:/sandbox pathloop.wasm %d %s, recorded"
            + " (%,d path_open + fd_close; compiler engine; each side a JVM of its own started from"
            + " its jar, a fresh TREE each run, %d pairs of runs over %d pairs of JVMs, each JVM"
            + " after %d warm-up runs; medians)%n",
        ROUNDS,
        FILE,
        ROUNDS,
        pairs,
        jvmPairs,
        WARM_UP);
    System.out.printf("  before: %s%n  after:  %s%n", before, after);

    PairedRuns.Result runs =
        PairedRuns.measure(
            () -> SideJvm.fromJar(before, JarSide.class, sideArgs),
            () -> SideJvm.fromJar(after, JarSide.class, sideArgs),
            pairs,
            jvmPairs,
            WARM_UP,
            "before",
            "after");
    List<Double> beforeTimes = runs.first();
    List<Double> afterTimes = runs.second();
    List<List<Double>> ratiosByJvms = runs.ratiosByJvms();
    double beforeMedian = median(beforeTimes);
    double afterMedian = median(afterTimes);
    double ratio = median(ratiosByJvms.stream().flatMap(List::stream).toList());
    MedianInterval interval = MedianInterval.of(ratiosByJvms);
    System.out.println();
    System.out.printf(
        "%-44s %12s %12s %8s   %s%n", "case", "before", "after", "ratio", "ratio's 95% interval");
    System.out.printf(
        Locale.ROOT,
        "%-44s %11.3fs %11.3fs %7.2fx   %.2f-%.2f%n",
        String.format(Locale.ROOT, "%,d path_open + fd_close, depth 8", ROUNDS),
        beforeMedian,
        afterMedian,
        ratio,
        interval.low(),
        interval.high());
    System.out.printf(
        Locale.ROOT,
        "%-44s %10.2fus %10.2fus   (a whole run's time / rounds, median)%n",
        "    per round",
        beforeMedian / ROUNDS * 1e6,
        afterMedian / ROUNDS * 1e6);
  }

  /** Fails before any JVM starts on a jar or module that is not there. */
  private static void requireFile(Path file) throws IOException {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IOException("no such file: " + file);
    }
  }
}
