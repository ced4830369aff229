package dev.wasitrace.recorder.replay;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.recorder.WasiHost;
import java.io.OutputStream;
import java.util.function.UnaryOperator;

/**
 * Everything one {@code wasitrace replay} needs. Built with {@link #builder(String)}.
 *
 * @param process the process ID, or a unique prefix of one
 * @param engine the engine to replay with, or null for the one that recorded the run
 * @param tracing a layer put around the replaying host, e.g. a tracer
 * @param lenient whether different bytes or paths in an otherwise identical call only warn
 * @param quiet whether notes (the compiled-code cache's) are left out of stderr
 */
public record ReplayOptions(
    String process,
    RunOptions.Engine engine,
    UnaryOperator<WasiHost> tracing,
    boolean lenient,
    OutputStream stdout,
    OutputStream stderr,
    boolean quiet) {

  public static Builder builder(String process) {
    return new Builder(process);
  }

  /**
   * Builder of replay options; defaults: the recorded engine, no tracing, strict, system streams.
   */
  public static final class Builder {
    private final String process;
    private RunOptions.Engine engine;
    private UnaryOperator<WasiHost> tracing = UnaryOperator.identity();
    private boolean lenient;
    private OutputStream stdout = System.out;
    private OutputStream stderr = System.err;
    private boolean quiet;

    private Builder(String process) {
      this.process = requireNonNull(process);
    }

    /** The engine to replay with; null (the default) for the one that recorded the run. */
    public Builder engine(RunOptions.Engine value) {
      engine = value;
      return this;
    }

    public Builder tracing(UnaryOperator<WasiHost> value) {
      tracing = requireNonNull(value);
      return this;
    }

    public Builder lenient(boolean value) {
      lenient = value;
      return this;
    }

    public Builder stdio(OutputStream out, OutputStream err) {
      stdout = requireNonNull(out);
      stderr = requireNonNull(err);
      return this;
    }

    public Builder quiet(boolean value) {
      quiet = value;
      return this;
    }

    public ReplayOptions build() {
      return new ReplayOptions(process, engine, tracing, lenient, stdout, stderr, quiet);
    }
  }
}
