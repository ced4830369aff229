package dev.wasitrace.bench;

import dev.wasitrace.cli.WasitraceJvm;
import dev.wasitrace.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Peak resident memory of one recorded run, measured in a fresh JVM so runs don't share a heap. The
 * child prints its VmHWM (peak RSS) after the run.
 */
public final class PeakMemory {
  /** Same heap limit for every child, so peak RSS compares what the run keeps, not GC slack. */
  static final String HEAP = "-Xmx256m";

  private PeakMemory() {}

  /** Child entry point: PeakMemory MODULE CALLS. */
  public static void main(String[] args) throws IOException {
    Path home = TempDirs.create("wasitrace-peak");
    GuestRun.recorded(Registry.openForWriting(home), Path.of(args[0]), List.of(args[1]), false);
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        System.out.println(line.replaceAll("[^0-9]", ""));
      }
    }
  }

  /** Runs a child JVM and returns its peak RSS in KiB. */
  static long measure(Path module, long calls) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(WasitraceJvm.command());
    command.add(HEAP);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PeakMemory.class.getName());
    command.add(module.toString());
    command.add(Long.toString(calls));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    if (process.waitFor() != 0) {
      throw new IOException("child run failed: " + output);
    }
    String[] lines = output.split("\n");
    return Long.parseLong(lines[lines.length - 1].trim());
  }
}
