package dev.wasitrace.bench.corruption;

import dev.wasitrace.bench.corruption.Mutator.Mutation;
import dev.wasitrace.bench.corruption.References.Reference;
import dev.wasitrace.log.ArrowStartup;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JVM that damages logs and runs the commands on them, started by {@link CorruptionHarness}: a
 * native crash in a command takes this JVM down, not the harness. It tells the harness what it
 * does, one line at a time, each flushed before it goes on ({@link Protocol}), so the harness knows
 * which command was running when it died.
 *
 * <p>Usage: MutationChild WORK SEED FROM TO COMMANDS HANG_SECONDS TESTDATA (mutations FROM to TO -
 * 1 of the run seeded SEED, over the references {@link CorruptionHarness} recorded in WORK from the
 * guests in TESTDATA).
 */
public final class MutationChild {
  /** An answer with nothing in it: what the undamaged answer is checked against. */
  private static final CommandResult EMPTY =
      new CommandResult(0, "", "", new java.util.TreeMap<>(), null, 0);

  private static final String COMMAND_THREAD = "corruption-command";

  private final Path work;
  private final Mutator mutator;
  private final CommandRunner cleanRunner;
  private final CommandRunner damagedRunner;
  private final long hangSeconds;
  private final PrintStream protocol;
  private final Map<String, CommandResult> cleanResults = new HashMap<>();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, COMMAND_THREAD);
            thread.setDaemon(true);
            return thread;
          });

  private MutationChild(
      Path work,
      Path testdata,
      List<Reference> references,
      long hangSeconds,
      PrintStream protocol) {
    this.work = work;
    this.hangSeconds = hangSeconds;
    this.protocol = protocol;
    Path cleanHome = work.resolve(Protocol.CLEAN_HOME);
    Path damagedHome = work.resolve(Protocol.DAMAGED_HOME);
    this.mutator = new Mutator(cleanHome, damagedHome, references);
    this.cleanRunner =
        new CommandRunner(cleanHome, work.resolve("out").resolve("clean"), work, testdata);
    this.damagedRunner =
        new CommandRunner(damagedHome, work.resolve("out").resolve("mutated"), work, testdata);
  }

  public static void main(String[] args) {
    ArrowStartup.skipNettyJfrEvents();
    // The harness reads fd 1; whatever else prints to System.out goes to stderr instead.
    PrintStream protocol =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    try {
      Path work = Path.of(args[0]);
      long seed = Long.parseLong(args[1]);
      int from = Integer.parseInt(args[2]);
      int to = Integer.parseInt(args[3]);
      List<ReaderCommand> commands = ReaderCommand.parse(args[4]);
      long hangSeconds = Long.parseLong(args[5]);
      Path testdata = Path.of(args[6]);
      MutationChild child =
          new MutationChild(work, testdata, References.read(work), hangSeconds, protocol);
      child.prepare();
      for (int index = from; index < to; index++) {
        child.mutate(seed, index, commands);
      }
    } catch (Throwable e) {
      protocol.println(Protocol.line(Protocol.FATAL, e.toString()));
      e.printStackTrace();
      Runtime.getRuntime().halt(2);
    }
    // Not System.exit: shutdown hooks and DuckDB's threads have nothing left to do.
    protocol.flush();
    Runtime.getRuntime().halt(0);
  }

  /** A fresh copy of the registry of references: the damaged registry. */
  private void prepare() throws IOException {
    FileTrees.delete(work.resolve(Protocol.DAMAGED_HOME));
    FileTrees.copy(work.resolve(Protocol.CLEAN_HOME), work.resolve(Protocol.DAMAGED_HOME));
  }

  private void mutate(long seed, int index, List<ReaderCommand> commands) throws Exception {
    Mutation mutation = mutator.apply(seed, index);
    Reference reference = mutation.reference();
    protocol.println(
        Protocol.line(
            Protocol.MUTATION,
            Integer.toString(index),
            mutation.kind().name(),
            reference.name(),
            mutation.description()));
    for (ReaderCommand command : commands) {
      CommandResult clean = clean(reference, command);
      protocol.println(Protocol.line(Protocol.COMMAND, Integer.toString(index), command.label()));
      CommandResult damaged;
      try {
        damaged = timed(() -> damagedRunner.run(command, reference.id()));
      } catch (TimeoutException e) {
        protocol.println(
            Protocol.line(
                Protocol.OUTCOME,
                Integer.toString(index),
                command.label(),
                Outcome.HANG.name(),
                Long.toString(hangSeconds * 1000),
                "still running after " + hangSeconds + " s, in " + whereStuck()));
        protocol.flush();
        // The command's thread cannot be stopped; the harness starts a new JVM.
        Runtime.getRuntime().halt(3);
        return;
      }
      Outcome outcome = Outcome.classify(command, clean, damaged);
      String detail = Outcome.detail(outcome, clean, damaged);
      if (outcome.bad()) {
        // For whoever keeps the work folder: the whole of what the command said.
        System.err.printf(
            "#%d %s %s on %s (%s): exit %d%n%s%s%n",
            index,
            outcome,
            command.label(),
            reference.name(),
            mutation.description(),
            damaged.exitCode(),
            damaged.stderr(),
            damaged.thrown() == null ? "" : damaged.thrown());
      }
      protocol.println(
          Protocol.line(
              Protocol.OUTCOME,
              Integer.toString(index),
              command.label(),
              outcome.name(),
              Long.toString(damaged.millis()),
              detail));
    }
    protocol.println(Protocol.line(Protocol.DONE, Integer.toString(index)));
    mutator.restore(reference);
  }

  /**
   * The command's answer on the undamaged log: computed once per run (saved in WORK/clean for the
   * JVMs after this one), and checked to be a good answer.
   */
  private CommandResult clean(Reference reference, ReaderCommand command) throws Exception {
    String key = reference.name() + "/" + command.label();
    CommandResult result = cleanResults.get(key);
    if (result != null) {
      return result;
    }
    Path saved = work.resolve("clean").resolve(reference.name()).resolve(command.label());
    result = CommandResult.read(saved);
    if (result == null) {
      try {
        result = timed(() -> cleanRunner.run(command, reference.id()));
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            command.label() + " of undamaged " + reference.name() + " ran past the bound", e);
      }
      if (result.thrown() != null
          || result.stderr().contains("internal error")
          || Outcome.namesDamage(command, EMPTY, result)
          || (result.exitCode() != 0 && command != ReaderCommand.REPLAY)) {
        throw new IllegalStateException(
            command.label()
                + " of undamaged "
                + reference.name()
                + " failed: exit "
                + result.exitCode()
                + ", "
                + result.message());
      }
      Files.createDirectories(saved.getParent());
      result.write(saved);
    }
    cleanResults.put(key, result);
    return result;
  }

  /**
   * Where the command's thread is: its top frame and the innermost of wasitrace's own. (Its whole
   * stack, and every other thread's, goes to stderr, for whoever keeps the work folder.)
   */
  private static String whereStuck() {
    String where = "an unknown place";
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      System.err.println("\"" + thread.getKey().getName() + "\" " + thread.getKey().getState());
      for (StackTraceElement frame : thread.getValue()) {
        System.err.println("\tat " + frame);
      }
      StackTraceElement[] stack = thread.getValue();
      if (thread.getKey().getName().equals(COMMAND_THREAD) && stack.length > 0) {
        where = stack[0].toString();
        for (StackTraceElement frame : stack) {
          if (frame.getClassName().startsWith("dev.wasitrace.")
              && !frame.getClassName().startsWith("dev.wasitrace.bench.")) {
            where += " from " + frame;
            break;
          }
        }
      }
    }
    return where;
  }

  private interface Task {
    CommandResult call() throws IOException;
  }

  private CommandResult timed(Task task) throws Exception {
    Future<CommandResult> future = executor.submit(task::call);
    try {
      return future.get(hangSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
