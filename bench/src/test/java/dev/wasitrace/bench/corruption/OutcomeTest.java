package dev.wasitrace.bench.corruption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OutcomeTest {
  private static final CommandResult CLEAN = result(0, "answer\n", "");

  private static CommandResult result(int exit, String stdout, String stderr) {
    return new CommandResult(exit, stdout, stderr, new TreeMap<>(), null, 0);
  }

  private static Outcome classify(ReaderCommand command, CommandResult damaged) {
    return Outcome.classify(command, CLEAN, damaged);
  }

  @Test
  void theSameAnswerIsSame() {
    assertEquals(Outcome.SAME, classify(ReaderCommand.QUERY, result(0, "answer\n", "")));
  }

  @Test
  void aDifferentAnswerNamingTheDamageIsWarned() {
    assertEquals(
        Outcome.WARNED,
        classify(
            ReaderCommand.LOGS,
            result(0, "ans", "wasitrace: the output may be incomplete: the log is cut short")));
    assertEquals(
        Outcome.WARNED,
        classify(ReaderCommand.QUERY, result(1, "", "wasitrace: log.arrow is damaged: batch 2")));
  }

  @Test
  void describeMayNameTheDamageOnStdout() {
    assertEquals(
        Outcome.WARNED,
        classify(ReaderCommand.DESCRIBE, result(0, "answer\nLog: cut short (…)\n", "")));
    // Not so for a command whose stdout is the guest's: mixed.wasm prints checksums.
    assertEquals(
        Outcome.SILENT_WRONG, classify(ReaderCommand.LOGS, result(0, "files 2 checksum 1f\n", "")));
  }

  @Test
  void oneLineOfErrorIsAClearError() {
    assertEquals(
        Outcome.CLEAN_ERROR,
        classify(ReaderCommand.QUERY, result(1, "", "wasitrace: cannot read process 1\n")));
    // logs and replay print the guest's stderr first.
    assertEquals(
        Outcome.CLEAN_ERROR,
        classify(
            ReaderCommand.REPLAY, result(1, "ans", "1 note 2f\nwasitrace: replay diverged\n")));
    assertEquals(
        Outcome.UNCLEAR_ERROR,
        classify(
            ReaderCommand.DESCRIBE,
            result(1, "", "wasitrace: cannot read: Unexpected end\n at [Source: x; line: 1]\n")));
    assertEquals(
        Outcome.UNCLEAR_ERROR, classify(ReaderCommand.QUERY, result(2, "", "wasitrace: no\n")));
  }

  @Test
  void internalErrorsAndStackTracesAreBad() {
    assertEquals(
        Outcome.INTERNAL,
        classify(
            ReaderCommand.LOGS,
            result(1, "", "wasitrace: internal error: NullPointerException\n(run again…)\n")));
    assertEquals(
        Outcome.STACKTRACE,
        classify(ReaderCommand.QUERY, result(1, "", "java.io.IOException: x\n\tat a.b(C.java)\n")));
    assertEquals(
        Outcome.STACKTRACE,
        classify(
            ReaderCommand.QUERY,
            new CommandResult(-1, "", "", new TreeMap<>(), "uncaught OutOfMemoryError", 0)));
  }

  @Test
  void aDifferentAnswerWithNothingSaidIsSilentlyWrong() {
    assertEquals(Outcome.SILENT_WRONG, classify(ReaderCommand.QUERY, result(0, "other\n", "")));
    // Another exit code, and only the guest's stderr: nothing said either.
    assertEquals(
        Outcome.SILENT_WRONG, classify(ReaderCommand.REPLAY, result(3, "answer\n", "2 note 1f\n")));
    // A status line of its own that changed with the answer does not make it less silent.
    assertEquals(
        Outcome.SILENT_WRONG,
        classify(
            ReaderCommand.PARQUET,
            result(0, "answer\n", "wasitrace: exported 1 process to <out> (79 rows in 8 tables)")));
    TreeMap<String, String> files = new TreeMap<>();
    files.put("trace.json", "other");
    assertEquals(
        Outcome.SILENT_WRONG,
        classify(ReaderCommand.CODETRACER, new CommandResult(0, "answer\n", "", files, null, 0)));
  }
}
