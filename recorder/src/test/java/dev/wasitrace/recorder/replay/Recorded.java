package dev.wasitrace.recorder.replay;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.wasitrace.recorder.ProcessRunner;
import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.registry.Registry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Records runs into one registry and replays them, capturing what each printed. */
final class Recorded {
  /** What a run or a replay printed and returned. */
  record Output(int exitCode, byte[] out, byte[] err) {
    String outText() {
      return new String(out, UTF_8);
    }

    String errText() {
      return new String(err, UTF_8);
    }
  }

  /** A recorded run: its process ID and its output, without the process ID line. */
  record Run(String id, Output output) {}

  private final Registry registry;

  Recorded(Path home) {
    this.registry = Registry.openForWriting(home);
  }

  Registry registry() {
    return registry;
  }

  Path log(String id) {
    return registry.logPath(id);
  }

  Run record(RunOptions.Builder options) throws IOException {
    return record(options, new byte[0]);
  }

  Run record(RunOptions.Builder options, byte[] stdin) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProcessRunner.Result result =
        new ProcessRunner(registry)
            .run(options.stdio(new ByteArrayInputStream(stdin), out, err).build());
    String errText = err.toString(UTF_8);
    String idLine = result.processId() + "\n";
    if (!errText.startsWith(idLine)) {
      throw new AssertionError("run did not print its process ID first: " + errText);
    }
    byte[] errBytes = err.toByteArray();
    byte[] guestErr = java.util.Arrays.copyOfRange(errBytes, idLine.length(), errBytes.length);
    return new Run(result.processId(), new Output(result.exitCode(), out.toByteArray(), guestErr));
  }

  Output replay(String id) throws IOException {
    return replay(ReplayOptions.builder(id));
  }

  Output replay(ReplayOptions.Builder options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new ProcessReplayer(registry).replay(options.stdio(out, err).build());
    return new Output(code, out.toByteArray(), err.toByteArray());
  }
}
