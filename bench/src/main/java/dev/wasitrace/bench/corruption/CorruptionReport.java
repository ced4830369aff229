package dev.wasitrace.bench.corruption;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The outcomes of a run, counted by outcome, by mutation kind and by command, with examples. */
public final class CorruptionReport {
  /** One (mutation, command) outcome. */
  public record Entry(
      int index,
      MutationKind kind,
      String reference,
      String mutation,
      String command,
      Outcome outcome,
      long millis,
      String detail) {
    /** One line: outcome, kind, which mutation, command, mutation, detail. */
    public String line(long seed) {
      return String.format(
          Locale.ROOT,
          "%-13s %-19s seed %d #%d %s on %s (%s): %s",
          outcome,
          kind,
          seed,
          index,
          command,
          reference,
          mutation,
          detail.isEmpty() ? "(stderr empty)" : detail);
    }
  }

  private final long seed;
  private final int mutations;
  private final List<ReaderCommand> commands;
  private final List<Entry> entries = new ArrayList<>();
  private int childJvms;
  private int commandsNotRun;
  private double seconds;

  CorruptionReport(long seed, int mutations, List<ReaderCommand> commands) {
    this.seed = seed;
    this.mutations = mutations;
    this.commands = List.copyOf(commands);
  }

  void add(Entry entry) {
    entries.add(entry);
  }

  void childStarted() {
    childJvms++;
  }

  void commandsNotRun(int count) {
    commandsNotRun += count;
  }

  void finished(double seconds) {
    this.seconds = seconds;
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The entries with a bad outcome. */
  public List<Entry> bad() {
    return entries.stream().filter(e -> e.outcome().bad()).toList();
  }

  public long count(Outcome outcome) {
    return entries.stream().filter(e -> e.outcome() == outcome).count();
  }

  public long seed() {
    return seed;
  }

  /** The report: counts by outcome, by kind and by command, and one example of each bad kind. */
  public void print(PrintStream out) {
    out.printf(
        Locale.ROOT,
        "wasitrace corruption run: %,d mutations (seed %d), commands %s: %,d outcomes in %.0f s"
            + " (%.2f s per mutation; %d JVMs%s)%n",
        mutations,
        seed,
        ReaderCommand.labels(commands),
        entries.size(),
        seconds,
        mutations == 0 ? 0 : seconds / mutations,
        childJvms,
        commandsNotRun == 0 ? "" : "; " + commandsNotRun + " commands not run after a crash");
    out.println();
    out.printf("%-14s %7s%n", "OUTCOME", "COUNT");
    for (Outcome outcome : Outcome.values()) {
      out.printf(
          Locale.ROOT, "%-14s %7d%s%n", outcome, count(outcome), outcome.bad() ? "  (bad)" : "");
    }
    out.println();
    Map<String, Map<Outcome, Integer>> byKind = new LinkedHashMap<>();
    for (MutationKind kind : MutationKind.values()) {
      byKind.put(kind.name(), new EnumMap<>(Outcome.class));
    }
    Map<String, Map<Outcome, Integer>> byCommand = new LinkedHashMap<>();
    for (ReaderCommand command : commands) {
      byCommand.put(command.label(), new EnumMap<>(Outcome.class));
    }
    for (Entry e : entries) {
      byKind.get(e.kind().name()).merge(e.outcome(), 1, Integer::sum);
      byCommand
          .computeIfAbsent(e.command(), c -> new EnumMap<>(Outcome.class))
          .merge(e.outcome(), 1, Integer::sum);
    }
    table(out, "MUTATION KIND", byKind);
    out.println();
    table(out, "COMMAND", byCommand);
    out.println();
    out.print("Mean time of a command on a damaged copy:");
    for (ReaderCommand command : commands) {
      double mean =
          entries.stream()
              .filter(e -> e.command().equals(command.label()) && e.outcome() != Outcome.CRASH)
              .mapToLong(Entry::millis)
              .average()
              .orElse(0);
      out.printf(Locale.ROOT, " %s %.0f ms", command.label(), mean);
    }
    out.println();
    List<Entry> bad = bad();
    if (bad.isEmpty()) {
      return;
    }
    out.println();
    out.println("Bad outcomes, the first of each outcome and mutation kind:");
    Map<String, Entry> examples = new LinkedHashMap<>();
    for (Outcome outcome : Outcome.values()) {
      for (Entry e : bad) {
        if (e.outcome() == outcome) {
          examples.putIfAbsent(outcome + "/" + e.kind(), e);
        }
      }
    }
    for (Entry e : examples.values()) {
      out.println("  " + e.line(seed));
    }
    out.printf(Locale.ROOT, "(run one again: bench/corruption.sh 1 %d INDEX [COMMANDS])%n", seed);
  }

  private static void table(
      PrintStream out, String title, Map<String, Map<Outcome, Integer>> rows) {
    StringBuilder header = new StringBuilder(String.format("%-20s", title));
    for (Outcome outcome : Outcome.values()) {
      header.append(String.format(" %13s", outcome));
    }
    out.println(header);
    for (Map.Entry<String, Map<Outcome, Integer>> row : rows.entrySet()) {
      if (row.getValue().isEmpty()) {
        continue;
      }
      StringBuilder line = new StringBuilder(String.format("%-20s", row.getKey()));
      for (Outcome outcome : Outcome.values()) {
        int n = row.getValue().getOrDefault(outcome, 0);
        line.append(String.format(" %13s", n == 0 ? "." : Integer.toString(n)));
      }
      out.println(line);
    }
  }
}
