package dev.wasitrace.recorder;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.recorder.net.NetworkPolicy;
import dev.wasitrace.registry.UserError;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Everything one {@code wasitrace run} needs. Built with {@link #builder(Path)}. */
public record RunOptions(
    Path module,
    List<String> args,
    Map<String, String> env,
    List<DirMount> dirs,
    Engine engine,
    UnaryOperator<WasiHost> tracing,
    InputStream stdin,
    OutputStream stdout,
    OutputStream stderr,
    Duration flushInterval,
    NetworkPolicy network,
    boolean quiet) {

  /** Which Endive engine runs the guest. */
  public enum Engine {
    COMPILER,
    INTERPRETER;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A preopened directory: the host folder and the path the guest sees. */
  public record DirMount(Path host, String guest) {
    /**
     * Parses {@code HOST::GUEST} (wasmtime's spelling), {@code HOST:GUEST} or {@code HOST}; the
     * guest path defaults to HOST as written.
     */
    public static DirMount parse(String spec) {
      int twoColons = spec.indexOf("::");
      if (twoColons >= 0) {
        String host = spec.substring(0, twoColons);
        String guest = spec.substring(twoColons + 2);
        if (host.isEmpty() || guest.isEmpty()) {
          throw new UserError("--dir " + spec + ": expected HOST::GUEST, HOST:GUEST or HOST");
        }
        return new DirMount(Path.of(host), guest);
      }
      int colon = spec.lastIndexOf(':');
      if (colon > 0 && colon < spec.length() - 1) {
        return new DirMount(Path.of(spec.substring(0, colon)), spec.substring(colon + 1));
      }
      return new DirMount(Path.of(spec), spec);
    }
  }

  public static Builder builder(Path module) {
    return new Builder(module);
  }

  /** Builder of run options; defaults: no args, no env, compiler engine, system streams. */
  public static final class Builder {
    private final Path module;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<DirMount> dirs = new ArrayList<>();
    private Engine engine = Engine.COMPILER;
    private UnaryOperator<WasiHost> tracing = UnaryOperator.identity();
    private InputStream stdin = System.in;
    private OutputStream stdout = System.out;
    private OutputStream stderr = System.err;
    private Duration flushInterval = Duration.ofSeconds(1);
    private NetworkPolicy network = NetworkPolicy.DEFAULT;
    private boolean quiet;

    private Builder(Path module) {
      this.module = requireNonNull(module);
    }

    public Builder args(List<String> values) {
      args.addAll(values);
      return this;
    }

    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    public Builder dir(DirMount mount) {
      dirs.add(mount);
      return this;
    }

    public Builder engine(Engine value) {
      engine = requireNonNull(value);
      return this;
    }

    /** A layer put around the recorded host, e.g. a tracer. */
    public Builder tracing(UnaryOperator<WasiHost> value) {
      tracing = requireNonNull(value);
      return this;
    }

    public Builder stdio(InputStream in, OutputStream out, OutputStream err) {
      stdin = requireNonNull(in);
      stdout = requireNonNull(out);
      stderr = requireNonNull(err);
      return this;
    }

    public Builder flushInterval(Duration value) {
      flushInterval = requireNonNull(value);
      return this;
    }

    /** What the guest may connect to and listen on. */
    public Builder network(NetworkPolicy value) {
      network = requireNonNull(value);
      return this;
    }

    /** No warnings or notes on stderr (errors and the process ID still). */
    public Builder quiet(boolean value) {
      quiet = value;
      return this;
    }

    public RunOptions build() {
      return new RunOptions(
          module,
          List.copyOf(args),
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env)),
          List.copyOf(dirs),
          engine,
          tracing,
          stdin,
          stdout,
          stderr,
          flushInterval,
          network,
          quiet);
    }
  }
}
