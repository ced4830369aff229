package dev.wasitrace.bench;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.LoadListener;
import dev.wasitrace.analyzer.QueryResult;
import dev.wasitrace.analyzer.RecordedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The analyzer issue's figures, measured side by side in one invocation: the rate at which a
 * 10,000,000-record log loads into DuckDB (recorder-sized batches, and 4,096-row batches for
 * comparison), and one SQL aggregate over 1,000 processes of 10,000 records each against the same
 * aggregate over one log of the same 10,000,000 records, each from a fresh session (load and query)
 * and the query alone.
 *
 * <p>Usage: AnalyzerBenchmark [REPETITIONS]
 */
public final class AnalyzerBenchmark {
  private static final long RECORDS = 10_000_000;
  private static final int PROCESSES = 1_000;
  private static final String AGGREGATE =
      "SELECT func, count(*) AS calls, sum(size) AS bytes, avg(duration_ns) AS avg_ns"
          + " FROM syscalls GROUP BY func ORDER BY calls DESC";

  /** The recorder's batch size. */
  private static final int RECORDER_BATCH = dev.wasitrace.log.LogWriter.Options.DEFAULT.batchRows();

  private AnalyzerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    run(TempDirs.create("wasitrace-analyzer-bench"), reps);
  }

  private static void run(Path dir, int reps) throws IOException {
    System.out.printf(
        "wasitrace analyzer benchmark (%d repetitions, medians; %d cores; load average %s)%n",
        reps, Runtime.getRuntime().availableProcessors(), loadAverage());
    long start = System.nanoTime();
    Path big = dir.resolve("big.arrow");
    LogGenerator.write(big, 0, RECORDS, RECORDER_BATCH);
    Path smallBatches = dir.resolve("small-batches.arrow");
    LogGenerator.write(smallBatches, 0, RECORDS, 4_096);
    Path many = Files.createDirectory(dir.resolve("many"));
    List<RecordedProcess> processes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      Path log = many.resolve(i + ".arrow");
      long perLog = RECORDS / PROCESSES;
      LogGenerator.write(log, i * perLog, perLog, RECORDER_BATCH);
      processes.add(
          RecordedProcess.ofLog(String.format("%08d-0000-4000-8000-000000000000", i), log));
    }
    System.out.printf(
        Locale.ROOT,
        "logs written in %.1f s: %,d records (%.1f MiB), the same in 4,096-row batches"
            + " (%.1f MiB), %,d logs of %,d (%.1f MiB)%n",
        seconds(System.nanoTime() - start),
        RECORDS,
        Files.size(big) / 1048576.0,
        Files.size(smallBatches) / 1048576.0,
        PROCESSES,
        RECORDS / PROCESSES,
        totalSize(many) / 1048576.0);

    List<RecordedProcess> one = List.of(RecordedProcess.ofLog("big", big));
    List<RecordedProcess> oneSmallBatches = List.of(RecordedProcess.ofLog("small", smallBatches));
    Timings bigLoad = new Timings();
    Timings bigLoadCpu = new Timings();
    Timings smallLoad = new Timings();
    Timings smallLoadCpu = new Timings();
    Timings oneTotal = new Timings();
    Timings oneQuery = new Timings();
    Timings manyTotal = new Timings();
    Timings manyQuery = new Timings();
    QueryResult oneResult = null;
    QueryResult manyResult = null;
    for (int rep = 0; rep < reps; rep++) {
      loadOnly(one, bigLoad, bigLoadCpu);
      loadOnly(oneSmallBatches, smallLoad, smallLoadCpu);
      oneResult = aggregate(one, oneTotal, oneQuery);
      manyResult = aggregate(processes, manyTotal, manyQuery);
      System.err.printf(
          Locale.ROOT,
          "repetition %d: load %.3f s (4,096-row batches %.3f s), aggregate over 1 log %.3f s,"
              + " over 1,000 logs %.3f s%n",
          rep + 1,
          bigLoad.last(),
          smallLoad.last(),
          oneTotal.last(),
          manyTotal.last());
    }
    if (!oneResult.rows().equals(manyResult.rows())) {
      throw new IllegalStateException(
          "the two aggregates differ: " + oneResult.rows() + " vs " + manyResult.rows());
    }

    System.out.println();
    System.out.printf(
        "%-58s %10s %10s %12s %8s %10s%n",
        "case", "median", "first", "rate/ratio", "target", "CPU");
    loadRow(
        String.format(Locale.ROOT, "load 10,000,000 records, %,d-row batches", RECORDER_BATCH),
        bigLoad,
        ">= 5 M/s",
        bigLoadCpu);
    loadRow("load 10,000,000 records, 4,096-row batches", smallLoad, "", smallLoadCpu);
    System.out.printf(
        Locale.ROOT,
        "%-58s %10s %10s %11.2fx %8s%n",
        "  big batches load faster by",
        "",
        "",
        smallLoad.median() / bigLoad.median(),
        "");
    timeRow("aggregate, 1 log of 10,000,000: load + query", oneTotal);
    timeRow("aggregate, 1,000 logs of 10,000: load + query", manyTotal);
    ratioRow("  1,000 logs vs 1 log, load + query", manyTotal, oneTotal, "<= 3x");
    timeRow("aggregate, 1 log of 10,000,000: query alone", oneQuery);
    timeRow("aggregate, 1,000 logs of 10,000: query alone", manyQuery);
    ratioRow("  1,000 logs vs 1 log, query alone", manyQuery, oneQuery, "<= 3x");
    System.out.println();
    System.out.println("the aggregate: " + AGGREGATE);
    System.out.println("its rows (both): " + oneResult.rows());
  }

  /** A fresh in-memory session loading the logs: the seconds it took, and the CPU seconds. */
  private static void loadOnly(List<RecordedProcess> processes, Timings wall, Timings cpu) {
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      long cpuStart = CPU.getProcessCpuTime();
      long start = System.nanoTime();
      session.load(processes, List.of(), LoadListener.NONE);
      wall.add(seconds(System.nanoTime() - start));
      cpu.add(seconds(CPU.getProcessCpuTime() - cpuStart));
    }
  }

  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private static QueryResult aggregate(
      List<RecordedProcess> processes, Timings total, Timings query) {
    long start = System.nanoTime();
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(processes, List.of(), LoadListener.NONE);
      long loaded = System.nanoTime();
      QueryResult result = session.query(AGGREGATE);
      long end = System.nanoTime();
      total.add(seconds(end - start));
      query.add(seconds(end - loaded));
      return result;
    }
  }

  /** A load's times, its rate, and the CPU seconds it took (all threads: Java and DuckDB). */
  private static void loadRow(String name, Timings timings, String target, Timings cpu) {
    System.out.printf(
        Locale.ROOT,
        "%-58s %8.3f s %8.3f s %8.2f M/s %8s %8.2f s%n",
        name,
        timings.median(),
        timings.first(),
        RECORDS / timings.median() / 1e6,
        target,
        cpu.median());
  }

  private static void timeRow(String name, Timings timings) {
    System.out.printf(
        Locale.ROOT, "%-58s %8.3f s %8.3f s%n", name, timings.median(), timings.first());
  }

  private static void ratioRow(String name, Timings slow, Timings fast, String target) {
    System.out.printf(
        Locale.ROOT,
        "%-58s %10s %10s %11.2fx %8s%n",
        name,
        "",
        "",
        slow.median() / fast.median(),
        target);
  }

  /** Other work on the machine skews the figures: the 1-minute load average says how much. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long totalSize(Path dir) throws IOException {
    long total = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        total += Files.size(file);
      }
    }
    return total;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** Seconds of each repetition. */
  private static final class Timings {
    private final List<Double> values = new ArrayList<>();

    void add(double seconds) {
      values.add(seconds);
    }

    double first() {
      return values.get(0);
    }

    double last() {
      return values.get(values.size() - 1);
    }

    double median() {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }
}
