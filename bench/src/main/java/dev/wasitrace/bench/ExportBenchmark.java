package dev.wasitrace.bench;

import static dev.wasitrace.bench.Timing.median;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.LoadListener;
import dev.wasitrace.analyzer.RecordedProcess;
import dev.wasitrace.analyzer.net.TraceNetworkRenderer;
import dev.wasitrace.exporters.pcap.PcapExportOptions;
import dev.wasitrace.exporters.pcap.PcapExportResult;
import dev.wasitrace.exporters.pcap.PcapExporter;
import dev.wasitrace.registry.Registry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pcap exporter's figures, side by side from one invocation, on one recorded run of the stream
 * guest that moved MIB MiB (1 GiB by default) over one TCP connection to a Java sink:
 *
 * <ul>
 *   <li>the export's rate in MB/s of payload: the export step alone (the logs already loaded into
 *       DuckDB), with the direct frame writer and with Pcap4J's builders, and the whole {@code
 *       export pcap} (load, derive the tables, export);
 *   <li>{@code trace network} on the same run (load, derive, render) against {@code tshark -r FILE
 *       -qz conv,tcp} on the exported pcap, as a ratio (target: our view faster than tshark's).
 * </ul>
 *
 * <p>Usage: ExportBenchmark TESTDATA_DIR [MIB] [REPETITIONS]
 */
public final class ExportBenchmark {
  private ExportBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path testdata = Path.of(args[0]);
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path dir = TempDirs.create("wasitrace-exportbench");
    Registry registry = Registry.openForWriting(dir.resolve("home"));
    String id = record(registry, testdata.resolve("wasm/stream.wasm"), mib);
    RecordedProcess process = RecordedProcess.ofLog(id, registry.logPath(id));
    Path pcap = dir.resolve("stream.pcap");
    System.out.printf(
        "pcap export benchmark: the stream guest's %d MiB over one TCP connection, recorded;"
            + " median of %d runs after a warm-up%n",
        mib, reps);

    List<Double> step = new ArrayList<>();
    List<Double> stepPcap4j = new ArrayList<>();
    long payload = 0;
    long fileBytes = 0;
    long packets = 0;
    try (AnalysisSession session = load(process)) {
      for (int i = 0; i <= reps; i++) {
        PcapExportResult[] result = new PcapExportResult[1];
        double direct = Timing.time(() -> result[0] = export(session, id, pcap, false));
        double pcap4j = Timing.time(() -> export(session, id, pcap, true));
        if (i > 0) { // the first round warms the JIT up
          step.add(direct);
          stepPcap4j.add(pcap4j);
        }
        payload = result[0].payloadBytes();
        fileBytes = result[0].fileBytes();
        packets = result[0].packets();
      }
    }
    // The last export written is Pcap4J's; both are byte for byte the same file.

    List<Double> command = new ArrayList<>();
    List<Double> traceNetwork = new ArrayList<>();
    List<Double> tshark = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      command.add(
          Timing.time(
              () -> {
                try (AnalysisSession session = load(process)) {
                  export(session, id, pcap, false);
                }
              }));
      traceNetwork.add(
          Timing.time(
              () -> {
                try (AnalysisSession session = load(process);
                    Writer out = Writer.nullWriter()) {
                  new TraceNetworkRenderer(ZoneId.systemDefault(), false)
                      .render(session.connection(), id, out);
                } catch (SQLException e) {
                  throw new IOException(e);
                }
              }));
      tshark.add(Timing.time(() -> tsharkConversations(pcap)));
    }

    double mb = payload / 1e6;
    System.out.printf(
        Locale.ROOT,
        "  pcap: %,d packets, %,d bytes of payload, %,d bytes of file%n",
        packets,
        payload,
        fileBytes);
    System.out.printf(Locale.ROOT, "  export step, direct frames   %s%n", Timing.format(step));
    System.out.printf(
        Locale.ROOT, "  export step, Pcap4J builders %s%n", Timing.format(stepPcap4j));
    System.out.printf(Locale.ROOT, "  export pcap (load + export)  %s%n", Timing.format(command));
    System.out.printf(
        Locale.ROOT, "  trace network                %s%n", Timing.format(traceNetwork));
    System.out.printf(Locale.ROOT, "  tshark -qz conv,tcp          %s%n", Timing.format(tshark));
    System.out.println();
    System.out.printf("%-52s %10s %12s%n", "case", "time", "payload rate");
    row("export step, direct frames (logs already loaded)", median(step), mb);
    row("export step, Pcap4J builders (logs already loaded)", median(stepPcap4j), mb);
    row("export pcap: load the log, derive tables, export", median(command), mb);
    row("trace network: load the log, derive tables, render", median(traceNetwork), mb);
    row("tshark -r FILE -qz conv,tcp on the exported pcap", median(tshark), mb);
    System.out.printf(
        Locale.ROOT,
        "%-52s %9.2fx   (target: > 1, our view faster than tshark's)%n",
        "ratio: tshark time / trace network time",
        median(tshark) / median(traceNetwork));
    System.out.printf(
        Locale.ROOT,
        "%-52s %9.2fx%n",
        "ratio: Pcap4J builders / direct frames (export step)",
        median(stepPcap4j) / median(step));
  }

  private static void row(String what, double seconds, double mb) {
    System.out.printf(Locale.ROOT, "%-52s %8.2f s %7.0f MB/s%n", what, seconds, mb / seconds);
  }

  private static AnalysisSession load(RecordedProcess process) {
    AnalysisSession session = AnalysisSession.inMemory();
    session.load(List.of(process), List.of(), LoadListener.NONE);
    return session;
  }

  private static PcapExportResult export(AnalysisSession session, String id, Path pcap, boolean p4j)
      throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(pcap), 1 << 16)) {
      return new PcapExporter(PcapExportOptions.DEFAULT.withPcap4j(p4j))
          .export(session.connection(), List.of(id), out);
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  private static void tsharkConversations(Path pcap) throws IOException {
    Process tshark =
        new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-qz", "conv,tcp")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out;
    try (InputStream in = tshark.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (tshark.waitFor() != 0 || !out.contains("TCP Conversations")) {
        throw new IOException("tshark failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Records the stream guest sending MIB MiB to a Java sink; its process ID. */
  private static String record(Registry registry, Path module, int mib) throws Exception {
    try (ServerSocket sink = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Long> received =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket socket = sink.accept()) {
                  return socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      String id =
          GuestRun.recorded(
              registry,
              module,
              List.of("127.0.0.1", Integer.toString(sink.getLocalPort()), Integer.toString(mib)),
              false);
      long bytes = received.get(10, TimeUnit.MINUTES);
      if (bytes != mib * (1L << 20)) {
        throw new IllegalStateException("the sink received " + bytes + " bytes");
      }
      return id;
    }
  }
}
