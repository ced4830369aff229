package dev.wasitrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasitrace.log.LogReader;
import dev.wasitrace.registry.ProcessInfo;
import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails inside wasitrace, after its process was created, is recorded as failed with its
 * reason, and its log is closed: never left "running", which readers show as killed.
 */
class FailedRunTest {
  @TempDir Path home;

  @Test
  void aFailureInsideWasitraceIsRecordedAsFailedWithItsReason() throws Exception {
    IllegalStateException bug = new IllegalStateException("a bug in a host layer");
    // A layer around the recording host that fails on the guest's first call, as a bug would.
    RunOptions options =
        RunOptions.builder(TestData.wasm("hello"))
            .tracing(
                recorder ->
                    (function, memory, args) -> {
                      throw bug;
                    })
            .stdio(
                new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(),
                new ByteArrayOutputStream())
            .build();
    Registry registry = Registry.openForWriting(home);
    assertSame(
        bug,
        assertThrows(IllegalStateException.class, () -> new ProcessRunner(registry).run(options)));

    List<ProcessInfo> processes = registry.processes(skipped -> fail(skipped));
    assertEquals(1, processes.size());
    ProcessInfo info = processes.get(0);
    assertEquals("failed", info.status().label());
    assertEquals("failed", info.effectiveStatus().label());
    assertEquals("internal error: a bug in a host layer", info.error());
    assertNull(info.exitCode());
    assertNotNull(info.endTime());
    try (LogReader log = new LogReader(registry.logPath(info.id()))) {
      while (log.next()) {
        // to the end
      }
      assertTrue(log.complete(), "the log was closed with its end-of-stream marker");
    }
  }
}
