package dev.wasitrace.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where a recorded run spends its CPU, from async-profiler's samples of 1,000,000 fd_write calls,
 * recorded and unrecorded, each side in a JVM of its own ({@link SideJvm}). Every figure is a
 * number of samples divided by the samples inside Endive's own {@code fd_write} (the host's work,
 * the same on both sides), so a machine running slower or faster for a while changes them little:
 * timings on this kind of machine drift by more than the differences worth finding.
 *
 * <p>Usage: RecordingProfile TESTDATA_DIR [RUNS]
 */
public final class RecordingProfile {
  private RecordingProfile() {}

  /** What a figure counts: samples of these stacks (frames joined by ';', thread first). */
  private static final Map<String, Predicate<String>> PARTS = new LinkedHashMap<>();

  static {
    PARTS.put("guest thread, whole run", s -> s.contains(";dev/wasitrace/bench/GuestRun."));
    PARTS.put(
        "  recording a call (record)",
        s -> s.contains(";dev/wasitrace/recorder/RecordingHost.record"));
    PARTS.put("    of which the append", s -> s.contains(";dev/wasitrace/log/LogWriter.append"));
    PARTS.put(
        "  clock reads",
        s -> s.contains(";dev/wasitrace/recorder/RecordingHost.") && s.contains("clock_gettime"));
    PARTS.put("log writer thread", s -> s.startsWith("[wasitrace-log-writer"));
    PARTS.put(
        "JIT compiler threads", s -> s.startsWith("[C1 Compiler") || s.startsWith("[C2 Compiler"));
    PARTS.put("GC threads", s -> s.startsWith("[GC Thread") || s.startsWith("[G1 "));
    PARTS.put("all threads", s -> true);
  }

  private static final String HOST_WORK = ";com/dylibso/chicory/wasi/WasiPreview1.fdWrite";

  public static void main(String[] args) throws IOException {
    Path writeloop = Path.of(args[0]).resolve("wasm/writeloop.wasm");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    System.out.printf(
        "wasitrace recording profile: 1,000,000 fd_write, %d runs a side after 2 warm-up runs;"
            + " samples per sample inside Endive's fd_write%n%n",
        runs);
    Map<String, Double> plain = profile(false, writeloop, runs);
    Map<String, Double> recorded = profile(true, writeloop, runs);
    System.out.printf("%-32s %10s %10s%n", "part", "unrecorded", "recorded");
    for (String part : PARTS.keySet()) {
      System.out.printf(
          Locale.ROOT, "%-32s %10.3f %10.3f%n", part, plain.get(part), recorded.get(part));
    }
  }

  private static Map<String, Double> profile(boolean recorded, Path module, int runs)
      throws IOException {
    String samples;
    try (SideJvm side = new SideJvm(recorded, module, "1000000")) {
      side.run();
      side.run();
      side.startProfiling();
      for (int i = 0; i < runs; i++) {
        side.run();
      }
      samples = side.stopProfiling();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    long hostWork = 0;
    for (String line : samples.split("\n")) {
      int space = line.lastIndexOf(' ');
      if (space < 0) {
        continue;
      }
      String stack = line.substring(0, space);
      long n = Long.parseLong(line.substring(space + 1).trim());
      if (stack.contains(HOST_WORK)) {
        hostWork += n;
      }
      for (Map.Entry<String, Predicate<String>> part : PARTS.entrySet()) {
        if (part.getValue().test(stack)) {
          counts.merge(part.getKey(), n, Long::sum);
        }
      }
    }
    if (hostWork == 0) {
      throw new IOException("no samples inside fd_write: is the profiler working here?");
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    for (String part : PARTS.keySet()) {
      shares.put(part, counts.getOrDefault(part, 0L) / (double) hostWork);
    }
    return shares;
  }
}
