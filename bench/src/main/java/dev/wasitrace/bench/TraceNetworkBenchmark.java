package dev.wasitrace.bench;

import static dev.wasitrace.bench.Timing.median;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.LoadListener;
import dev.wasitrace.analyzer.RecordedProcess;
import dev.wasitrace.analyzer.net.TraceNetworkRenderer;
import dev.wasitrace.log.LogRow;
import dev.wasitrace.log.LogWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code trace network} over a log of 1,000,000 socket events (a keep-alive exchange of 100-byte
 * sends and receives on one connection): the time to load the log and derive the tables, and the
 * time to render the trace, plain and with {@code -v} hex dumps, to a discarding writer.
 *
 * <p>Usage: TraceNetworkBenchmark [EVENTS] [REPETITIONS]
 */
public final class TraceNetworkBenchmark {
  private static final List<String> FUNCTIONS = List.of("sock_send", "sock_recv");

  private TraceNetworkBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path log = TempDirs.create("wasitrace-tracebench").resolve("log.arrow");
    write(log, events);
    System.out.printf("trace network benchmark: %,d socket events, %d repetitions%n", events, reps);
    List<Double> load = new ArrayList<>();
    List<Double> derive = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    List<Double> verbose = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      long start = System.nanoTime();
      try (AnalysisSession session = AnalysisSession.inMemory()) {
        session.load(List.of(RecordedProcess.ofLog("p", log)), List.of(), LoadListener.NONE);
        load.add((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        session.deriveNetworkTables();
        derive.add((System.nanoTime() - start) / 1e9);
        plain.add(render(session, false));
        verbose.add(render(session, true));
      }
    }
    System.out.printf(Locale.ROOT, "  load                  %s s%n", load);
    System.out.printf(Locale.ROOT, "  derive (tcp, http)    %s s%n", derive);
    System.out.printf(Locale.ROOT, "  render                %s s%n", plain);
    System.out.printf(Locale.ROOT, "  render -v             %s s%n", verbose);
    System.out.printf(
        Locale.ROOT,
        "trace network wall time (median): load %.2f s + render %.2f s = %.2f s (deriving the"
            + " tables it does not read, as before: %.2f s more); -v render %.2f s"
            + " (%.1f M events/s rendered)%n",
        median(load),
        median(plain),
        median(load) + median(plain),
        median(derive),
        median(verbose),
        events / median(plain) / 1e6);
  }

  private static double render(AnalysisSession session, boolean verbose) throws Exception {
    long start = System.nanoTime();
    try (Writer out = Writer.nullWriter()) {
      new TraceNetworkRenderer(ZoneId.systemDefault(), verbose)
          .render(session.connectionToLoadedTables(), "p", out);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void write(Path log, int events) throws IOException {
    byte[] data = new byte[100];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    LogWriter.Options options = LogWriter.Options.DEFAULT.withFlushInterval(Duration.ofHours(1));
    try (LogWriter writer = new LogWriter(log, FUNCTIONS, Map.of(), options)) {
      LogRow row = new LogRow();
      long ts = 1_700_000_000_000_000_000L;
      for (int i = 0; i < events; i++) {
        int function = i % 2;
        row.clear()
            .call(i, ts + i * 2_000L, 500, function)
            .params(new long[] {3, 1024, 1, 0, 2048})
            .errno(0)
            .fd(3)
            .size(data.length)
            .result(data.length)
            .data(data, data.length)
            .socket("TCP", "127.0.0.1:40000", "127.0.0.1:8080");
        writer.append(row);
      }
    }
  }
}
