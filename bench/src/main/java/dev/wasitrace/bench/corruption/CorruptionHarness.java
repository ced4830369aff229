package dev.wasitrace.bench.corruption;

import dev.wasitrace.cli.WasitraceJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Damages copies of recorded logs and runs the reader commands on them: records the reference
 * processes once, then has child JVMs ({@link MutationChild}) apply the mutations and run the
 * commands, reading their outcomes line by line. When a child dies (a native crash), the command it
 * was running is a {@link Outcome#CRASH}, and a new child goes on from the next mutation.
 */
public final class CorruptionHarness {
  /**
   * A run: mutations {@code first} to {@code first + mutations - 1} of the sequence seeded {@code
   * seed}, each followed by {@code commands}; a command running past {@code hangBound} is a HANG (a
   * safety stop, not a measurement). A child JVM runs at most {@code mutationsPerJvm} mutations (a
   * fresh heap now and then). {@code progress} gets a line now and then (or null).
   */
  public record Config(
      int mutations,
      long seed,
      int first,
      List<ReaderCommand> commands,
      Duration hangBound,
      Path testdata,
      int mutationsPerJvm,
      PrintStream progress) {}

  /** How long the harness waits for any line before it takes the child JVM as hung itself. */
  private static final Duration SILENCE_MARGIN = Duration.ofSeconds(120);

  private static final String END = "\u0000end";

  /** The environment variable that keeps the work folder. */
  public static final String KEEP = "WASITRACE_CORRUPTION_KEEP";

  /**
   * The environment variable naming a work folder kept before, whose reference processes a run
   * takes instead of recording new ones: a mutation then damages the very bytes it damaged there.
   */
  public static final String REFERENCES = "WASITRACE_CORRUPTION_REFERENCES";

  private CorruptionHarness() {}

  /**
   * Runs {@code config} in a temporary work folder, deleted at the end unless the environment sets
   * {@value #KEEP}: then it stays, with both registries, each child JVM's stderr (the whole stderr
   * of every bad outcome) and any native crash report.
   */
  public static CorruptionReport run(Config config) throws IOException, InterruptedException {
    // (Its name holds no word of DAMAGE_WORDS: the paths in it show in the commands' output.)
    Path work = Files.createTempDirectory("wasitrace-mutations");
    boolean keep = System.getenv(KEEP) != null;
    try {
      return run(config, work);
    } finally {
      if (keep) {
        progress(config, "work folder kept: " + work);
      } else {
        FileTrees.delete(work);
      }
    }
  }

  private static CorruptionReport run(Config config, Path work)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    String reuse = System.getenv(REFERENCES);
    List<References.Reference> references;
    if (reuse != null) {
      references = References.copy(Path.of(reuse), work);
      progress(config, "references from " + reuse + "; mutating");
    } else {
      references = References.record(config.testdata(), work.resolve(Protocol.CLEAN_HOME), work);
      progress(
          config,
          "recorded "
              + references.size()
              + " reference processes in "
              + seconds(start)
              + " s; mutating");
    }
    CorruptionReport report =
        new CorruptionReport(config.seed(), config.mutations(), config.commands());
    long mutating = System.nanoTime();
    int next = config.first();
    int end = config.first() + config.mutations();
    while (next < end) {
      int to = Math.min(end, next + config.mutationsPerJvm());
      report.childStarted();
      next = runChild(config, work, report, next, to, mutating);
    }
    report.finished((System.nanoTime() - start) / 1e9);
    return report;
  }

  /** Every 50 mutations: how far, how many bad outcomes, and when it should end. */
  private static void progress(Config config, CorruptionReport report, int index, long mutating) {
    int done = index + 1 - config.first();
    if (done % 50 != 0 || done == config.mutations()) {
      return;
    }
    double elapsed = (System.nanoTime() - mutating) / 1e9;
    progress(
        config,
        String.format(
            java.util.Locale.ROOT,
            "%,d/%,d mutations, %,d bad outcomes so far, %.0f s (%.0f s to go)",
            done,
            config.mutations(),
            report.bad().size(),
            elapsed,
            elapsed / done * (config.mutations() - done)));
  }

  /** State of one child JVM, as its lines tell it. */
  private static final class Child {
    String[] mutation; // index, kind, reference, description of the one under way
    String command; // the command under way on it
    int commandsDone;
    boolean hangReported;
    final Deque<String> otherLines = new ArrayDeque<>();
  }

  /** Runs mutations [from, to) in one child JVM; returns the index to go on from. */
  private static int runChild(
      Config config, Path work, CorruptionReport report, int from, int to, long mutating)
      throws IOException, InterruptedException {
    Path stderr = work.resolve("child-" + from + ".err");
    Process process = start(config, work, from, to, stderr);
    try {
      return readChild(config, report, process, stderr, from, to, mutating);
    } finally {
      process.destroyForcibly(); // gone already, unless the harness itself failed
    }
  }

  private static int readChild(
      Config config,
      CorruptionReport report,
      Process process,
      Path stderr,
      int from,
      int to,
      long mutating)
      throws IOException, InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> pump(process, lines), "corruption-child-reader");
    reader.setDaemon(true);
    reader.start();
    Child child = new Child();
    int next = from;
    long silence = config.hangBound().plus(SILENCE_MARGIN).toSeconds();
    while (true) {
      String line = lines.poll(silence, TimeUnit.SECONDS);
      if (line == null) {
        // Silent past any bound: the JVM itself is stuck (or a command, and its watchdog too).
        process.destroyForcibly();
        process.waitFor();
        if (child.mutation != null) {
          add(
              report,
              child,
              child.command == null ? "(between commands)" : child.command,
              Outcome.HANG,
              silence * 1000,
              "no word from the JVM for " + silence + " s");
          report.commandsNotRun(config.commands().size() - child.commandsDone - 1);
          return Integer.parseInt(child.mutation[0]) + 1;
        }
        throw new IOException("the mutation JVM said nothing for " + silence + " s");
      }
      if (line.equals(END)) {
        break;
      }
      List<String> fields = Protocol.parse(line);
      if (fields == null) {
        child.otherLines.addLast(line);
        if (child.otherLines.size() > 200) {
          child.otherLines.removeFirst();
        }
        continue;
      }
      switch (fields.get(0)) {
        case Protocol.MUTATION -> {
          child.mutation = fields.subList(1, 5).toArray(String[]::new);
          child.command = null;
          child.commandsDone = 0;
        }
        case Protocol.COMMAND -> child.command = fields.get(2);
        case Protocol.OUTCOME -> {
          Outcome outcome = Outcome.valueOf(fields.get(3));
          add(report, child, fields.get(2), outcome, Long.parseLong(fields.get(4)), fields.get(5));
          child.command = null;
          child.commandsDone++;
          child.hangReported |= outcome == Outcome.HANG;
        }
        case Protocol.DONE -> {
          next = Integer.parseInt(fields.get(1)) + 1;
          child.mutation = null;
          progress(config, report, next - 1, mutating);
        }
        case Protocol.FATAL ->
            throw new IOException(
                "the mutation JVM failed (a fault of the harness, not of a command): "
                    + fields.get(1)
                    + "\n"
                    + tail(stderr));
        default -> throw new IOException("unknown line from the mutation JVM: " + line);
      }
    }
    int exit = process.waitFor();
    if (child.mutation == null) {
      if (next != to) {
        throw new IOException(
            "the mutation JVM stopped at "
                + next
                + " of ["
                + from
                + ", "
                + to
                + "), exit "
                + exit
                + "\n"
                + tail(stderr));
      }
      return next;
    }
    int index = Integer.parseInt(child.mutation[0]);
    if (child.hangReported) {
      report.commandsNotRun(config.commands().size() - child.commandsDone);
      return index + 1;
    }
    if (child.command == null) {
      throw new IOException(
          "the mutation JVM died (exit "
              + exit
              + ") between commands of mutation "
              + index
              + ": "
              + crashSummary(child, stderr));
    }
    add(report, child, child.command, Outcome.CRASH, 0, crashSummary(child, stderr));
    report.commandsNotRun(config.commands().size() - child.commandsDone - 1);
    return index + 1;
  }

  private static void add(
      CorruptionReport report,
      Child child,
      String command,
      Outcome outcome,
      long millis,
      String detail) {
    report.add(
        new CorruptionReport.Entry(
            Integer.parseInt(child.mutation[0]),
            MutationKind.valueOf(child.mutation[1]),
            child.mutation[2],
            child.mutation[3],
            command,
            outcome,
            millis,
            detail));
  }

  /**
   * What the JVM said as it died: the signal and the problematic frame from its fatal error report
   * on stdout, or the last line of its stderr.
   */
  private static String crashSummary(Child child, Path stderr) throws IOException {
    List<String> parts = new ArrayList<>();
    List<String> lines = new ArrayList<>(child.otherLines);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.matches("#\\s+(SIG[A-Z]+|Internal Error|Out of Memory|There is insufficient).*")) {
        parts.add(line.substring(1).strip());
      }
      if (line.startsWith("# Problematic frame:") && i + 1 < lines.size()) {
        parts.add(lines.get(i + 1).substring(1).strip());
      }
    }
    if (parts.isEmpty()) {
      Optional<String> last =
          Files.exists(stderr)
              ? Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                  .filter(l -> !l.isBlank())
                  .reduce((a, b) -> b)
              : Optional.empty();
      parts.add("JVM ended; last stderr line: " + last.orElse("(none)"));
    }
    return "JVM died: " + String.join("; ", parts);
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static Process start(Config config, Path work, int from, int to, Path stderr)
      throws IOException {
    List<String> command = new ArrayList<>(WasitraceJvm.command());
    command.add("-Xmx1g");
    // A native crash writes its report in the work folder, and no core file.
    command.add("-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"));
    command.add("-XX:-CreateCoredumpOnCrash");
    command.add("-cp");
    command.add(absoluteClassPath());
    command.add(MutationChild.class.getName());
    command.add(work.toString());
    command.add(Long.toString(config.seed()));
    command.add(Integer.toString(from));
    command.add(Integer.toString(to));
    command.add(ReaderCommand.labels(config.commands()));
    command.add(Long.toString(config.hangBound().toSeconds()));
    command.add(config.testdata().toAbsolutePath().toString());
    return new ProcessBuilder(command)
        .directory(work.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectError(stderr.toFile())
        .start();
  }

  /** This JVM's class path with every entry absolute: the child runs in the work folder. */
  private static String absoluteClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void pump(Process process, BlockingQueue<String> lines) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The JVM is gone: its lines end here.
    }
    lines.add(END);
  }

  private static void progress(Config config, String message) {
    if (config.progress() != null) {
      config.progress().println("corruption: " + message);
    }
  }

  private static String seconds(long start) {
    return String.format(java.util.Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e9);
  }
}
