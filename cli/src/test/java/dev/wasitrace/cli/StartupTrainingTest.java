package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.registry.Registry;
import dev.wasitrace.testing.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run must get through every command it trains, or no archive is made. */
class StartupTrainingTest {
  @Test
  void everyTrainedCommandSucceeds(@TempDir Path home) throws Exception {
    Path hello = TestData.wasm("hello");
    StartupTraining.main(new String[] {home.toString(), hello.toString()});
    assertEquals(1, Registry.open(home).processes(skipped -> {}).size());
  }
}
