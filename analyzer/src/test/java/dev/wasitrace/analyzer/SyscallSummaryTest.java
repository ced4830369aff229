package dev.wasitrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyscallSummaryTest {
  @TempDir Path dir;

  private static String print(QueryResult summary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SyscallSummary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), summary);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTimeCallsAndErrorsPerFunctionAsStraceDoes() {
    Path log = dir.resolve("log.arrow");
    try (SyntheticLog writer = new SyntheticLog(log, 100)) {
      // durations are 1000 ns + seq: fd_write 3003 ns, fd_read 2007 ns, proc_exit 1005 ns
      for (int i = 0; i < 3; i++) {
        writer.write(1, "x");
      }
      for (int i = 0; i < 2; i++) {
        writer.next("fd_read").fd(0).errno(i == 0 ? 0 : 8);
        writer.append();
      }
      writer.next("proc_exit"); // returns no errno: not an error
      writer.append();
    }
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(RecordedProcess.ofLog("p", log)), List.of(), LoadListener.NONE);
      assertEquals(
          String.join(
              "\n",
              "% time     seconds  usecs/call     calls    errors syscall",
              "------ ----------- ----------- --------- --------- ----------------",
              " 49.93    0.000003           1         3           fd_write",
              " 33.37    0.000002           1         2         1 fd_read",
              " 16.71    0.000001           1         1           proc_exit",
              "------ ----------- ----------- --------- --------- ----------------",
              "100.00    0.000006           1         6         1 total",
              ""),
          print(SyscallSummary.query(session)));
    }
  }

  @Test
  void anEmptySessionPrintsAZeroTotal() {
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(), List.of(), LoadListener.NONE);
      assertEquals(
          String.join(
              "\n",
              "% time     seconds  usecs/call     calls    errors syscall",
              "------ ----------- ----------- --------- --------- ----------------",
              "------ ----------- ----------- --------- --------- ----------------",
              "  0.00    0.000000           0         0           total",
              ""),
          print(SyscallSummary.query(session)));
    }
  }
}
