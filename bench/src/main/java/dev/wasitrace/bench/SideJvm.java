package dev.wasitrace.bench;

import dev.wasitrace.cli.WasitraceJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;

/**
 * One side of a comparison (a guest run recorded, or unrecorded; or a run through one build's jar,
 * see {@link #fromJar}) in a JVM of its own, which runs the guest each time it is asked. Two of
 * these, asked in turn, give pairs of runs made seconds apart, each side with its own JIT profile
 * and heap, as users run them.
 */
final class SideJvm implements AutoCloseable {
  private final Process process;
  private final Writer commands;
  private final BufferedReader replies;

  /** Starts a JVM that runs MODULE with ARG, {@code recorded} or not, on each request. */
  SideJvm(boolean recorded, Path module, String arg) throws IOException {
    this(
        System.getProperty("java.class.path"),
        SideJvm.class,
        List.of(recorded ? "recorded" : "plain", module.toString(), arg));
  }

  /**
   * Starts a JVM from a build's JAR: its classpath is JAR, then this package's own classes and
   * nothing else, so all of wasitrace that MAIN (a class of this package whose main answers with
   * {@link #serve}) runs there is JAR's, whatever this tree holds.
   */
  static SideJvm fromJar(Path jar, Class<?> main, List<String> args) throws IOException {
    Path own;
    try {
      own = Path.of(SideJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    return new SideJvm(jar + java.io.File.pathSeparator + own, main, args);
  }

  private SideJvm(String classpath, Class<?> main, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(WasitraceJvm.command());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("-Xmx")) {
        // The heap at its full size from the start: the collection before each run
        // (Timing.time) would otherwise shrink it to a few MiB, and every run would start in a heap
        // far smaller than a fresh JVM's, paying collections no user's run pays.
        command.add(flag);
        command.add("-Xms" + flag.substring(4));
      }
    }
    command.addAll(List.of("-cp", classpath));
    command.add(main.getName());
    command.addAll(args);
    process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    replies =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Seconds one guest run took in that JVM. */
  double run() throws IOException {
    return Double.parseDouble(ask("run"));
  }

  /** What the side says of itself, one line (see {@link #serve(String, Runs)}). */
  String info() throws IOException {
    return ask("info");
  }

  /** Starts async-profiler's CPU sampling (every 500 us, per thread) in that JVM. */
  void startProfiling() throws IOException {
    ask("profile");
  }

  /** Stops sampling; the samples since {@link #startProfiling}, as collapsed stacks. */
  String stopProfiling() throws IOException {
    Path file = TempDirs.create("wasitrace-profile").resolve("collapsed.txt");
    ask("dump " + file);
    return Files.readString(file);
  }

  private String ask(String command) throws IOException {
    commands.write(command + "\n");
    commands.flush();
    String reply = replies.readLine();
    if (reply == null) {
      throw new IOException("benchmark JVM ended early (exit " + exitCode() + ")");
    }
    return reply;
  }

  private String exitCode() {
    try {
      return Integer.toString(process.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  @Override
  public void close() throws IOException {
    commands.close();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The side's JVM: plain|recorded MODULE ARG. Answers requests as {@link #serve} does, each run a
   * guest run.
   */
  public static void main(String[] args) throws IOException {
    boolean recorded = args[0].equals("recorded");
    Path module = Path.of(args[1]);
    List<String> guestArgs = List.of(args[2]);
    dev.wasitrace.registry.Registry registry =
        recorded
            ? dev.wasitrace.registry.Registry.openForWriting(TempDirs.create("wasitrace-bench"))
            : null;
    serve(
        () ->
            () -> {
              if (recorded) {
                GuestRun.recorded(registry, module, guestArgs, false);
              } else {
                GuestRun.unrecorded(module, guestArgs, false);
              }
            });
  }

  /** What a side does when asked to run: prepares (untimed), and returns the run to time. */
  interface Runs {
    Timing.Run next() throws IOException;
  }

  /** Answers a side's requests as {@link #serve(String, Runs)} does, with nothing to say. */
  static void serve(Runs runs) throws IOException {
    serve("", runs);
  }

  /**
   * Answers a side's requests, one line each, until stdin ends: "run" makes one timed run of RUNS,
   * "info" answers INFO (one line: what the side made ready, say), "profile" starts sampling and
   * "dump FILE" stops it and writes the samples to FILE.
   */
  static void serve(String info, Runs runs) throws IOException {
    // Replies go to the real stdout; a guest's output goes elsewhere (see GuestRun).
    PrintStream out = System.out;
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("info")) {
        out.println(info);
        out.flush();
        continue;
      }
      if (line.equals("profile")) {
        AsyncProfiler.getInstance().execute("start,event=cpu,interval=500us,threads");
        out.println("0");
        out.flush();
        continue;
      }
      if (line.startsWith("dump ")) {
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        profiler.stop();
        Files.writeString(Path.of(line.substring(5)), profiler.dumpCollapsed(Counter.SAMPLES));
        out.println("0");
        out.flush();
        continue;
      }
      double seconds = Timing.time(runs.next());
      settle();
      out.println(String.format(Locale.ROOT, "%.6f", seconds));
      out.flush();
    }
  }

  /**
   * Waits (at most 3 s) until this JVM is idle: the JIT may still be compiling what the run made
   * hot, and that work must not land on the other side's next run.
   */
  private static void settle() {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long deadline = System.nanoTime() + 3_000_000_000L;
    try {
      long before = os.getProcessCpuTime();
      while (System.nanoTime() < deadline) {
        Thread.sleep(100);
        long now = os.getProcessCpuTime();
        if (now - before < 5_000_000L) {
          return;
        }
        before = now;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
