package dev.wasitrace.cli.net;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real tshark on a pcap and reads what it prints. A machine without tshark skips the test
 * with the reason printed (never a silent pass); .ci/run installs it.
 */
final class Tshark {
  /** Checksum verification on for IP, TCP and UDP (Wireshark leaves it off by default). */
  static final List<String> CHECK_CHECKSUMS =
      List.of(
          "-o", "ip.check_checksum:TRUE",
          "-o", "tcp.check_checksum:TRUE",
          "-o", "udp.check_checksum:TRUE");

  private static final Path TSHARK = find();

  private final Path pcap;

  private Tshark(Path pcap) {
    this.pcap = pcap;
  }

  /** tshark over {@code pcap}; skips the calling test when tshark is not installed. */
  static Tshark on(Path pcap) {
    assumeInstalled();
    return new Tshark(pcap);
  }

  /** Skips the calling test, with the reason printed, when tshark is not installed. */
  static void assumeInstalled() {
    if (TSHARK == null) {
      String reason =
          "tshark is not installed (apt-get install tshark; .ci/run does): pcap checks skipped";
      System.err.println("SKIPPED: " + reason);
      Assumptions.assumeTrue(false, reason);
    }
  }

  private static Path find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "tshark");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** What tshark printed on stdout for {@code -r PCAP ARGS...}; fails on a non-zero exit. */
  String run(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(TSHARK.toString());
    command.add("-n"); // no name resolution: addresses as numbers, nothing looked up
    command.add("-r");
    command.add(pcap.toString());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread errReader =
        new Thread(
            () -> {
              try (InputStream in = process.getErrorStream()) {
                in.transferTo(err);
              } catch (IOException e) {
                // tshark is gone
              }
            },
            "tshark-stderr");
    errReader.start();
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("tshark still running after 2 minutes: " + command);
    }
    errReader.join();
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "tshark failed (" + process.exitValue() + "): " + command + "\n" + err);
    }
    return out;
  }

  String run(String... args) throws IOException, InterruptedException {
    return run(List.of(args));
  }

  /** {@code -T fields}: one list of values per packet (that the filter keeps). */
  List<List<String>> fields(List<String> options, String filter, String... fields)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(options);
    args.add("-2"); // two passes: values that depend on later packets (completeness) are final
    if (filter != null) {
      args.add("-Y");
      args.add(filter);
    }
    args.add("-T");
    args.add("fields");
    for (String field : fields) {
      args.add("-e");
      args.add(field);
    }
    List<List<String>> rows = new ArrayList<>();
    for (String line : run(args).split("\n")) {
      if (!line.isEmpty()) {
        rows.add(List.of(line.split("\t", -1)));
      }
    }
    return rows;
  }

  /**
   * {@code -qz follow,tcp,raw,STREAM}: the bytes each side sent, the client's (node 0, who sent the
   * first packet) first.
   */
  byte[][] follow(int stream) throws IOException, InterruptedException {
    ByteArrayOutputStream client = new ByteArrayOutputStream();
    ByteArrayOutputStream server = new ByteArrayOutputStream();
    String out = run("-qz", "follow,tcp,raw," + stream);
    boolean inData = false;
    for (String line : out.split("\n")) {
      if (line.startsWith("Node 1:")) {
        inData = true;
        continue;
      }
      if (!inData || line.startsWith("=====") || line.isEmpty()) {
        continue;
      }
      if (line.startsWith("\t")) {
        server.writeBytes(HexFormat.of().parseHex(line.substring(1).strip()));
      } else {
        client.writeBytes(HexFormat.of().parseHex(line.strip()));
      }
    }
    return new byte[][] {client.toByteArray(), server.toByteArray()};
  }

  /** The value of {@code tcp.completeness} of each TCP stream, by stream number. */
  Map<Integer, Integer> completeness() throws IOException, InterruptedException {
    Map<Integer, Integer> streams = new LinkedHashMap<>();
    for (List<String> row : fields(List.of(), "tcp", "tcp.stream", "tcp.completeness")) {
      streams.put(Integer.parseInt(row.get(0)), Integer.parseInt(row.get(1)));
    }
    return streams;
  }
}
