package dev.wasitrace.bench;

import static dev.wasitrace.bench.Timing.median;

import dev.wasitrace.cli.WasitraceJvm;
import dev.wasitrace.recorder.EndiveWasiHost;
import dev.wasitrace.recorder.GuestInstance;
import dev.wasitrace.recorder.ProcessRunner;
import dev.wasitrace.recorder.RunOptions;
import dev.wasitrace.recorder.net.NetworkPolicy;
import dev.wasitrace.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;

/**
 * The network issue's figures, side by side from one invocation: a guest streaming 1 GiB over
 * loopback to a Java sink, recorded vs unrecorded (throughput and ratio), and requests/s of the
 * HTTP server guest under 10,000 requests from Java at concurrency 8, recorded vs unrecorded.
 * "Unrecorded" is the same host (wasitrace's sockets on Endive) without the recording layer.
 *
 * <p>Usage: NetworkBenchmark TESTDATA_DIR [MIB] [REQUESTS] [REPETITIONS]
 */
public final class NetworkBenchmark {
  private static final int CONCURRENCY = 8;

  private NetworkBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--child")) {
      child(args);
      return;
    }
    Path testdata = Path.of(args[0]);
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    System.out.printf(
        "wasitrace network benchmark (each variant in its own JVM: 2 warm-up runs, then the"
            + " median of %d, compiler engine)%n",
        reps);
    // Each variant in a fresh JVM, so one's JIT profile and heap cannot slow the other.
    String common = testdata + " " + mib + " " + requests + " " + reps;
    double plainSeconds = Double.parseDouble(childRun("stream plain " + common));
    double recordedSeconds = Double.parseDouble(childRun("stream recorded " + common));
    double plainRate = Double.parseDouble(childRun("server plain " + common));
    double recordedRate = Double.parseDouble(childRun("server recorded " + common));
    double mb = mib * 1.048576;
    System.out.println();
    System.out.printf(
        "%-46s %14s %14s %8s %8s%n", "case", "unrecorded", "recorded", "ratio", "target");
    System.out.printf(
        Locale.ROOT,
        "%-46s %10.0f MB/s %10.0f MB/s %7.2fx %8s%n",
        "stream " + mib + " MiB to a Java sink (time ratio)",
        mb / plainSeconds,
        mb / recordedSeconds,
        recordedSeconds / plainSeconds,
        "<= 1.3");
    System.out.printf(
        Locale.ROOT,
        "%-46s %9.0f req/s %9.0f req/s %7.2fx %8s%n",
        "http_server, " + requests + " requests, concurrency " + CONCURRENCY,
        plainRate,
        recordedRate,
        plainRate / recordedRate,
        "-");
  }

  /** Child: --child CASE VARIANT TESTDATA MIB REQUESTS REPS; prints the median as its last line. */
  private static void child(String[] args) throws Exception {
    String kind = args[1];
    boolean recorded = args[2].equals("recorded");
    Path testdata = Path.of(args[3]);
    int mib = Integer.parseInt(args[4]);
    int requests = Integer.parseInt(args[5]);
    int reps = Integer.parseInt(args[6]);
    Registry registry =
        recorded ? Registry.openForWriting(TempDirs.create("wasitrace-netbench")) : null;
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < reps + 2; i++) {
      double value =
          kind.equals("stream")
              ? streamSeconds(testdata.resolve("wasm/stream.wasm"), mib, registry)
              : requestsPerSecond(testdata.resolve("wasm/http_server.wasm"), requests, registry);
      if (i >= 2) {
        values.add(value);
      }
    }
    System.out.println("  " + kind + " " + args[2] + " " + values);
    System.out.println(median(values));
  }

  private static String childRun(String arguments) throws Exception {
    List<String> command = new ArrayList<>(WasitraceJvm.command());
    command.add("-Xmx2g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(NetworkBenchmark.class.getName());
    command.add("--child");
    command.addAll(List.of(arguments.split(" ")));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException("benchmark child failed: " + output);
    }
    String[] lines = output.split("\n");
    for (int i = 0; i < lines.length - 1; i++) {
      System.out.println(lines[i]);
    }
    return lines[lines.length - 1].trim();
  }

  /** Seconds for the guest to stream MIB MiB into a Java sink that counts every byte. */
  private static double streamSeconds(Path module, int mib, Registry registry) throws Exception {
    try (ServerSocket sink = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Long> received =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket socket = sink.accept();
                    InputStream in = socket.getInputStream()) {
                  byte[] buffer = new byte[1 << 16];
                  long total = 0;
                  for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                  }
                  return total;
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      List<String> guestArgs =
          List.of("127.0.0.1", Integer.toString(sink.getLocalPort()), Integer.toString(mib));
      System.gc();
      long start = System.nanoTime();
      int exit = runGuest(module, guestArgs, registry, OutputStream.nullOutputStream());
      long bytes = received.get(60, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (exit != 0 || bytes != mib * (1L << 20)) {
        throw new IllegalStateException("stream failed: exit " + exit + ", " + bytes + " bytes");
      }
      return seconds;
    }
  }

  /** Requests per second the server guest answers: REQUESTS over CONCURRENCY connections. */
  private static double requestsPerSecond(Path module, int requests, Registry registry)
      throws Exception {
    PortWatcher stdout = new PortWatcher();
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY + 1);
    try {
      Future<Integer> guest =
          pool.submit(
              () ->
                  runGuest(module, List.of("0", Integer.toString(CONCURRENCY)), registry, stdout));
      int port = stdout.port.get(60, TimeUnit.SECONDS);
      System.gc();
      long start = System.nanoTime();
      List<Future<Integer>> clients = new ArrayList<>();
      for (int c = 0; c < CONCURRENCY; c++) {
        int share = requests / CONCURRENCY + (c < requests % CONCURRENCY ? 1 : 0);
        clients.add(pool.submit(() -> client(port, share)));
      }
      int answered = 0;
      for (Future<Integer> client : clients) {
        answered += client.get(300, TimeUnit.SECONDS);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (guest.get(60, TimeUnit.SECONDS) != 0 || answered != requests) {
        throw new IllegalStateException("server run failed: " + answered + " answers");
      }
      return requests / seconds;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One keep-alive connection sending {@code count} GET /hello requests; returns the answers. */
  private static int client(int port, int count) throws IOException {
    byte[] request =
        "GET /hello HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      int answered = 0;
      for (int i = 0; i < count; i++) {
        out.write(request);
        out.flush();
        readResponse(in);
        answered++;
      }
      return answered;
    }
  }

  private static void readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("server closed the connection");
      }
      head.append((char) b);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
  }

  private static int runGuest(
      Path module, List<String> guestArgs, Registry registry, OutputStream stdout)
      throws IOException {
    if (registry != null) {
      RunOptions options =
          RunOptions.builder(module)
              .args(guestArgs)
              .stdio(InputStream.nullInputStream(), stdout, OutputStream.nullOutputStream())
              .build();
      return new ProcessRunner(registry).run(options).exitCode();
    }
    List<String> argv = new ArrayList<>();
    argv.add(module.toString());
    argv.addAll(guestArgs);
    try (WasiPreview1 wasi =
            WasiPreview1.builder()
                .withOptions(
                    WasiOptions.builder()
                        .withArguments(argv)
                        .withStdin(InputStream.nullInputStream())
                        .withStdout(stdout)
                        .withStderr(OutputStream.nullOutputStream())
                        .build())
                .build();
        EndiveWasiHost host = new EndiveWasiHost(wasi, NetworkPolicy.DEFAULT)) {
      GuestInstance guest = GuestInstance.load(Files.readAllBytes(module), module, null);
      return guest.run(host, RunOptions.Engine.COMPILER).exitCode();
    }
  }

  /** The server guest's stdout: finds "listening on 127.0.0.1:PORT", drops the rest. */
  private static final class PortWatcher extends OutputStream {
    final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final StringBuilder line = new StringBuilder();

    @Override
    public void write(int b) {
      if (port.isDone()) {
        return;
      }
      if (b == '\n') {
        String text = line.toString();
        port.complete(Integer.parseInt(text.substring(text.lastIndexOf(':') + 1).trim()));
      } else {
        line.append((char) b);
      }
    }
  }
}
