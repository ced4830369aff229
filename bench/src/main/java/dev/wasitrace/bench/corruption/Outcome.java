package dev.wasitrace.bench.corruption;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a command answered on a damaged copy of a log, against its answer on the undamaged one. The
 * good outcomes: the same answer, a warning that names the damage, one clear line of error. The
 * rules are all here.
 */
public enum Outcome {
  /** Same exit code, stdout, stderr and files as on the undamaged copy. */
  SAME(false),
  /**
   * A different answer, and it names the damage ({@link #DAMAGE_WORDS}): on stderr (in a line of
   * wasitrace's own where the guest's stderr comes first), or for {@code describe}, which reports a
   * log cut short on stdout, on a line of stdout the undamaged answer lacks.
   */
  WARNED(false),
  /** Exit 1 and one line of its own on stderr, {@code wasitrace: …}, no stack trace. */
  CLEAN_ERROR(false),
  /** The JVM died (a native crash: SIGSEGV in DuckDB, …). Seen by the parent JVM. */
  CRASH(true),
  /** A stack trace or an exception's name on stderr, or a Throwable out of Main.execute. */
  STACKTRACE(true),
  /** {@code internal error} on stderr. */
  INTERNAL(true),
  /** The command ran past the harness's bound. */
  HANG(true),
  /**
   * A different answer (output or files) with the exit code of a good one and no word of damage (a
   * status line such as {@code export parquet}'s count of rows may differ); or another exit code
   * with no line of wasitrace's own on stderr that the undamaged answer lacks. Nothing says why the
   * answer changed.
   */
  SILENT_WRONG(true),
  /**
   * A failure (an exit code of its own) with a new line of wasitrace's own on stderr, but not one
   * clear line of error: more lines (a parser's position), or an exit code other than 1, none
   * naming damage.
   */
  UNCLEAR_ERROR(true);

  /** The words by which stderr names damage to a log (matched ignoring case). */
  static final List<String> DAMAGE_WORDS =
      List.of("damaged", "cut short", "checksum", "log ends", "corrupt", "truncat");

  private final boolean bad;

  Outcome(boolean bad) {
    this.bad = bad;
  }

  public boolean bad() {
    return bad;
  }

  /**
   * The outcome of {@code command}'s answer {@code damaged} on a damaged copy, given its answer
   * {@code clean} on the undamaged log. (CRASH and HANG are decided where they are seen.)
   */
  static Outcome classify(ReaderCommand command, CommandResult clean, CommandResult damaged) {
    String err = damaged.stderr();
    if (damaged.thrown() != null) {
      return STACKTRACE;
    }
    if (err.contains("internal error")) {
      return INTERNAL;
    }
    if (err.contains("\tat ") || err.contains("Exception")) {
      return STACKTRACE;
    }
    if (damaged.sameAnswer(clean)) {
      return SAME;
    }
    if (namesDamage(command, clean, damaged)) {
      return WARNED;
    }
    if (damaged.exitCode() == 1 && clean.exitCode() != 1 && oneClearLine(command, err)) {
      return CLEAN_ERROR;
    }
    // A good answer's exit code, or an error's without a word of why: silently wrong.
    if (damaged.exitCode() == 0
        || damaged.exitCode() == clean.exitCode()
        || saysNothingNew(clean, damaged)) {
      return SILENT_WRONG;
    }
    return UNCLEAR_ERROR;
  }

  /**
   * True when {@code damaged}, the answer of {@code command}, names damage where {@code clean}, its
   * answer on the undamaged log, does not. The guest's output is not searched ({@code mixed.wasm}
   * prints checksums): a word there would hide a bad outcome. (Stack traces and internal errors are
   * searched for everywhere: a false one shows, as a bad outcome.)
   */
  static boolean namesDamage(ReaderCommand command, CommandResult clean, CommandResult damaged) {
    String stderr = damaged.stderr();
    if (command.passesGuestStderr()) {
      stderr =
          stderr.lines().filter(l -> l.startsWith("wasitrace: ")).collect(Collectors.joining("\n"));
    }
    if (namesDamage(stderr)) {
      return true;
    }
    if (!command.reportsOnStdout() || !namesDamage(damaged.stdout())) {
      return false;
    }
    Set<String> before = clean.stdout().lines().collect(Collectors.toSet());
    return damaged.stdout().lines().anyMatch(l -> !before.contains(l) && namesDamage(l));
  }

  private static boolean namesDamage(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return DAMAGE_WORDS.stream().anyMatch(lower::contains);
  }

  /** The outcome in a line: what the command said, and for a wrong answer where it differs. */
  static String detail(Outcome outcome, CommandResult clean, CommandResult damaged) {
    return switch (outcome) {
      case SAME -> "";
      case SILENT_WRONG -> damaged.firstDifference(clean) + "; stderr: " + damaged.message();
      case UNCLEAR_ERROR ->
          "exit "
              + damaged.exitCode()
              + ", "
              + damaged.stderrLines()
              + " stderr lines: "
              + damaged.message();
      case INTERNAL -> lineWith(damaged, "internal error");
      case STACKTRACE ->
          damaged.thrown() != null
              ? damaged.message()
              : lineWith(damaged, damaged.stderr().contains("Exception") ? "Exception" : "\tat ");
      default -> damaged.message();
    };
  }

  /** The first line of stderr holding {@code text}: the one that decided the outcome. */
  private static String lineWith(CommandResult damaged, String text) {
    return damaged.stderr().lines().filter(l -> l.contains(text)).findFirst().orElse("");
  }

  /** True when stderr has no line of wasitrace's own ({@code wasitrace: …}) that clean's lacks. */
  private static boolean saysNothingNew(CommandResult clean, CommandResult damaged) {
    Set<String> before = clean.stderr().lines().collect(Collectors.toSet());
    return damaged
        .stderr()
        .lines()
        .noneMatch(l -> l.startsWith("wasitrace: ") && !before.contains(l));
  }

  /**
   * One line of wasitrace's own, {@code wasitrace: …}, and the last; before it only the guest's
   * stderr for the commands that print it ({@code logs}, {@code replay}), nothing for the others.
   */
  private static boolean oneClearLine(ReaderCommand command, String stderr) {
    List<String> lines = stderr.lines().toList();
    if (lines.isEmpty() || !lines.get(lines.size() - 1).startsWith("wasitrace: ")) {
      return false;
    }
    if (!command.passesGuestStderr()) {
      return lines.size() == 1;
    }
    return lines.stream().filter(l -> l.startsWith("wasitrace: ")).count() == 1;
  }
}
