package dev.wasitrace.bench;

import static dev.wasitrace.bench.Timing.median;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two builds of wasitrace, before and after a change, measured side by side in one invocation on
 * one case, through the builds' jars. Each side is a JVM of its own started from its build's jar
 * ({@link SideJvm#fromJar}, {@link JarSide}), which serves all its runs (no time includes a JVM's
 * start); the two JVMs are asked in turn, as in {@link FoundationBenchmark}, and the pairs are
 * spread over several pairs of JVMs. A comparison prints each side's median time, the ratio
 * after/before, the median of the pairs' ratios, with its 95% interval ({@link MedianInterval}),
 * and the number of pairs. The cases:
 *
 * <ul>
 *   <li>{@code paths}: {@code run --dir TREE:/sandbox pathloop.wasm SIZE PATH} (SIZE {@code
 *       path_open} + {@code fd_close} of a file 8 directories deep, recorded), a fresh TREE each
 *       run;
 *   <li>{@code record}: {@code run writeloop.wasm SIZE} (SIZE {@code fd_write} of a 64-byte line,
 *       recorded), the run's time;
 *   <li>{@code load}: {@code query --process ID "SELECT count(*) FROM syscalls"}, ID a log of
 *       {@code writeloop.wasm SIZE} each side's JVM records first with its own build, untimed: the
 *       load's time and records/s; then the same query of a log of {@code writeloop.wasm 1}, what
 *       DuckDB's start and the command's own work cost, and their share of the load's time.
 * </ul>
 *
 * <p>Usage: BuildsBenchmark CASE TESTDATA_DIR PAIRS BEFORE_JAR AFTER_JAR [SIZE]
 */
public final class BuildsBenchmark {
  private BuildsBenchmark() {}

  /** Pairs of JVMs the pairs of runs are spread over (as in FoundationBenchmark). */
  private static final int JVM_PAIRS = 8;

  /** Runs of each side before the measured pairs: class loading and the JIT. */
  private static final int WARM_UP = 2;

  /** The file each round of the paths case opens, beneath the preopen: 8 directories deep. */
  private static final String FILE = "a/b/c/d/e/f/g/h/file.txt";

  /** The load case's query: loads the whole log, prints one number. */
  private static final String COUNT = "SELECT count(*) FROM syscalls";

  /**
   * Above this share of the load's time, DuckDB's start and the command's own work are most of what
   * the load case measures, and the output says so.
   */
  private static final double FIXED_DOMINATES = 0.5;

  public static void main(String[] args) throws Exception {
    String name = args[0];
    Path testdata = Path.of(args[1]);
    int pairs = Integer.parseInt(args[2]);
    Builds builds =
        new Builds(Path.of(args[3]).toAbsolutePath(), Path.of(args[4]).toAbsolutePath(), pairs);
    Integer size = args.length > 5 ? Integer.valueOf(args[5]) : null;
    requireFile(builds.before());
    requireFile(builds.after());
    switch (name) {
      case "paths" ->
          paths(builds, module(testdata, "pathloop.wasm"), size == null ? 100_000 : size);
      case "record" ->
          record(builds, module(testdata, "writeloop.wasm"), size == null ? 1_000_000 : size);
      case "load" ->
          load(builds, module(testdata, "writeloop.wasm"), size == null ? 3_000_000 : size);
      default ->
          throw new IllegalArgumentException("no such case: " + name + " (paths|record|load)");
    }
  }

  private static void paths(Builds builds, Path module, int rounds) throws IOException {
    builds.printHeader(
        String.format(
            Locale.ROOT,
            "paths: run --dir TREE:/sandbox pathloop.wasm %d %s, recorded (%,d path_open +"
                + " fd_close; a fresh TREE each run)",
            rounds,
            FILE,
            rounds));
    Comparison paths =
        builds.compare(
            "pathloop.wasm",
            List.of("paths", FILE, module.toString(), Integer.toString(rounds), FILE));
    printColumns();
    paths.printRow(String.format(Locale.ROOT, "%,d path_open + fd_close, depth 8", rounds), "");
    printPer("    per round", paths, rounds);
  }

  private static void record(Builds builds, Path module, int calls) throws IOException {
    builds.printHeader(
        String.format(
            Locale.ROOT,
            "record: run writeloop.wasm %d, recorded (%,d fd_write of a 64-byte line, the guest's"
                + " stdout to /dev/null)",
            calls,
            calls));
    Comparison record =
        builds.compare(
            "writeloop.wasm", List.of("run", module.toString(), Integer.toString(calls)));
    printColumns();
    record.printRow(
        String.format(Locale.ROOT, "%,d fd_write of 64 bytes, recorded", calls), "<= 1.02");
    printPer("    per call", record, calls);
  }

  private static void load(Builds builds, Path module, int calls) throws IOException {
    builds.printHeader(
        String.format(
            Locale.ROOT,
            "load: query --process ID \"%s\", ID a log of run writeloop.wasm %d recorded first by"
                + " each side's JVM with its own build (untimed); then the same query of a log of"
                + " run writeloop.wasm 1: what DuckDB's start and the command's own work cost",
            COUNT,
            calls));
    Comparison load =
        builds.compare(
            "the log of writeloop.wasm " + calls,
            List.of("query", COUNT, module.toString(), Integer.toString(calls)));
    Comparison fixed =
        builds.compare(
            "the log of writeloop.wasm 1", List.of("query", COUNT, module.toString(), "1"));
    long beforeRecords = count(load.beforeInfo());
    long afterRecords = count(load.afterInfo());
    double beforeShare = fixed.before() / load.before();
    double afterShare = fixed.after() / load.after();
    double beforeAlone = load.before() - fixed.before();
    double afterAlone = load.after() - fixed.after();

    printColumns();
    load.printRow(
        String.format(Locale.ROOT, "query of a log of %,d records", beforeRecords)
            + (afterRecords == beforeRecords
                ? ""
                : String.format(Locale.ROOT, " (after: %,d)", afterRecords)),
        "<= 1.05");
    printRate(
        "    records/s (the whole query)",
        beforeRecords,
        load.before(),
        afterRecords,
        load.after());
    fixed.printRow(
        String.format(Locale.ROOT, "query of a log of %,d records", count(fixed.beforeInfo())), "");
    System.out.printf(
        Locale.ROOT,
        "%-48s %11.1f%% %11.1f%%   (DuckDB's start and the command's own work)%n",
        "    its share of the query above",
        100 * beforeShare,
        100 * afterShare);
    System.out.printf(
        Locale.ROOT,
        "%-48s %11.3fs %11.3fs %8.3fx            (the ratio of the medians, no interval)%n",
        "    the load alone (the medians' difference)",
        beforeAlone,
        afterAlone,
        afterAlone / beforeAlone);
    printRate(
        "    records/s (the load alone)", beforeRecords, beforeAlone, afterRecords, afterAlone);
    if (Math.max(beforeShare, afterShare) > FIXED_DOMINATES) {
      System.out.printf(
          Locale.ROOT,
          "NOTE: DuckDB's start and the command's own work dominate: %.0f%% (before) and %.0f%%"
              + " (after) of the query's time, so its ratio says more of them than of the load;"
              + " see the load alone, or give a larger SIZE.%n",
          100 * beforeShare,
          100 * afterShare);
    }
  }

  /** The two builds' jars, and how many pairs of runs a comparison makes. */
  private record Builds(Path before, Path after, int pairs) {
    int jvmPairs() {
      return Math.min(JVM_PAIRS, pairs);
    }

    void printHeader(String description) {
      System.out.printf(
          Locale.ROOT,
          "wasitrace builds benchmark, %s%n(compiler engine; each side a JVM of its own started"
              + " from its jar, which serves all its runs: no time includes a JVM's start; %d"
              + " pairs of runs over %d pairs of JVMs, each JVM after %d warm-up runs;"
              + " medians)%n",
          description,
          pairs,
          jvmPairs(),
          WARM_UP);
      System.out.printf("  before: %s%n  after:  %s%n", before, after);
    }

    /** Pairs of runs of JarSide with SIDE_ARGS through each jar. */
    Comparison compare(String title, List<String> sideArgs) throws IOException {
      System.out.println("  " + title);
      List<String> beforeInfo = new ArrayList<>();
      List<String> afterInfo = new ArrayList<>();
      PairedRuns.Result runs =
          PairedRuns.measure(
              () -> start(before, sideArgs, beforeInfo),
              () -> start(after, sideArgs, afterInfo),
              pairs,
              jvmPairs(),
              WARM_UP,
              "before",
              "after");
      List<Double> ratios = runs.ratiosByJvms().stream().flatMap(List::stream).toList();
      return new Comparison(
          median(runs.first()),
          median(runs.second()),
          median(ratios),
          MedianInterval.of(runs.ratiosByJvms()),
          ratios.size(),
          beforeInfo.get(0),
          afterInfo.get(0));
    }

    /**
     * Starts a side's JVM and waits for what it says of itself, so that its setup (the load case
     * records a log there) is over before the other side's JVM starts: the two never compete.
     */
    private static SideJvm start(Path jar, List<String> sideArgs, List<String> infos)
        throws IOException {
      SideJvm side = SideJvm.fromJar(jar, JarSide.class, sideArgs);
      infos.add(side.info());
      return side;
    }
  }

  /**
   * One comparison: each side's median seconds, the median of the ratios after/before, its
   * interval, the number of pairs, and what each side said of itself (its first JVM).
   */
  private record Comparison(
      double before,
      double after,
      double ratio,
      MedianInterval interval,
      int pairs,
      String beforeInfo,
      String afterInfo) {
    void printRow(String name, String target) {
      System.out.printf(
          Locale.ROOT,
          "%-48s %11.3fs %11.3fs %8.3fx %8s   %-22s %5d%n",
          name,
          before,
          after,
          ratio,
          target,
          String.format(Locale.ROOT, "%.3f-%.3f", interval.low(), interval.high()),
          pairs);
    }
  }

  private static void printColumns() {
    System.out.println();
    System.out.printf(
        "%-48s %12s %12s %9s %8s   %-22s %5s%n",
        "case", "before", "after", "ratio", "target", "ratio's 95% interval", "pairs");
  }

  /** A whole run's median time divided by COUNT: per round, per call. */
  private static void printPer(String name, Comparison comparison, int count) {
    System.out.printf(
        Locale.ROOT,
        "%-48s %10.3fus %10.3fus   (a whole run's time / %,d, median)%n",
        name,
        comparison.before() / count * 1e6,
        comparison.after() / count * 1e6,
        count);
  }

  private static void printRate(
      String name,
      long beforeRecords,
      double beforeSeconds,
      long afterRecords,
      double afterSeconds) {
    System.out.printf(
        Locale.ROOT,
        "%-48s %8.2f M/s %8.2f M/s%n",
        name,
        beforeRecords / beforeSeconds / 1e6,
        afterRecords / afterSeconds / 1e6);
  }

  /** The record count in what a load side said of itself: its query's output, on one line. */
  private static long count(String info) {
    Matcher number = Pattern.compile("\\d[\\d,]*").matcher(info);
    String last = null;
    while (number.find()) {
      last = number.group();
    }
    if (last == null) {
      throw new IllegalStateException("the count query printed no number: " + info);
    }
    return Long.parseLong(last.replace(",", ""));
  }

  private static Path module(Path testdata, String name) throws IOException {
    Path module = testdata.resolve("wasm").resolve(name).toAbsolutePath();
    requireFile(module);
    return module;
  }

  /** Fails before any JVM starts on a jar or module that is not there. */
  private static void requireFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no such file: " + file);
    }
  }
}
