package dev.wasitrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One loader, one stream, one INSERT: logs one after the other, as {@link LogBatchStream} reads.
 */
class LogLoaderTest {
  @TempDir Path dir;

  /** The logs to load, in order, and what each gave. */
  private static final class Queue implements LogBatchStream.Logs {
    final Deque<RecordedProcess> pending;
    final List<String> loaded = new ArrayList<>();

    Queue(List<RecordedProcess> processes) {
      this.pending = new ArrayDeque<>(processes);
    }

    @Override
    public synchronized RecordedProcess next() {
      return pending.poll();
    }

    @Override
    public synchronized void loaded(RecordedProcess process, LogLoad load) {
      loaded.add(process.id() + "=" + load.records());
    }

    @Override
    public void read(long bytes) {}
  }

  private RecordedProcess log(String id, int rows, int batchRows) {
    Path path = dir.resolve(id + ".arrow");
    try (SyntheticLog log = new SyntheticLog(path, batchRows)) {
      for (int i = 0; i < rows; i++) {
        log.write(1, id + " " + i + "\n");
      }
    }
    return RecordedProcess.ofLog(id, path);
  }

  private static long count(AnalysisSession session, String sql) {
    return (Long) session.query(sql).rows().get(0).get(0);
  }

  @Test
  void oneStatementLoadsManyLogsEachRowWithItsProcess() throws Exception {
    List<RecordedProcess> processes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      processes.add(log("p" + i, 100 + i, 64));
    }
    processes.add(RecordedProcess.ofLog("no-log", dir.resolve("none.arrow")));
    Queue queue = new Queue(processes);
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(), List.of(), LoadListener.NONE);
      try (DuckDBConnection connection = session.connection().duplicate()) {
        new LogLoader(connection, "test_stream").load(queue);
      }
      assertEquals(31, queue.loaded.size());
      assertTrue(queue.loaded.contains("no-log=0"), queue.loaded.toString());
      for (int i = 0; i < 30; i++) {
        assertEquals(
            100 + i,
            count(
                session,
                "SELECT count(*) FROM syscalls WHERE process_id = 'p"
                    + i
                    + "' AND decode(data) LIKE 'p"
                    + i
                    + " %'"));
      }
      assertEquals(0, count(session, "SELECT count(*) FROM syscalls WHERE seq >= 100 + 30"));
    }
  }

  @Test
  void anUnreadableLogAfterGoodOnesFailsTheLoadWithItsName() throws Exception {
    Path bad = dir.resolve("bad.arrow");
    Files.writeString(bad, "no arrow here");
    Queue queue =
        new Queue(
            List.of(
                log("good1", 500, 64),
                log("good2", 500, 64),
                RecordedProcess.ofLog("bad", bad),
                log("good3", 10, 64)));
    try (AnalysisSession session = AnalysisSession.inMemory()) {
      session.load(List.of(), List.of(), LoadListener.NONE);
      try (DuckDBConnection connection = session.connection().duplicate()) {
        AnalysisException e =
            assertThrows(
                AnalysisException.class,
                () -> new LogLoader(connection, "test_stream").load(queue));
        assertTrue(
            e.getMessage().startsWith("cannot read the log of process bad: "), e.getMessage());
      }
      // The statement failed as a whole.
      assertEquals(0, count(session, "SELECT count(*) FROM syscalls"));
    }
  }
}
