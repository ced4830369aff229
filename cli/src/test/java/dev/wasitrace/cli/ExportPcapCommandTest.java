package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export pcap} on bad input: one clear line and exit code 1, and never a file (or a
 * temporary one) left behind; a process without traffic gives an empty but valid pcap and a note; a
 * log cut short exports up to its last whole batch with the analyzer's warning.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExportPcapCommandTest {
  /** The pcap file header alone: nanosecond magic, version 2.4, snaplen 262144, Ethernet. */
  private static final byte[] EMPTY_PCAP = {
    0x4d, 0x3c, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0
  };

  @TempDir Path home;
  @TempDir Path out;

  private Cli cli() {
    return new Cli(home);
  }

  private String hello() {
    Cli.Result run = cli().run("run", TestData.wasm("hello").toString());
    assertEquals(0, run.exitCode(), run.err());
    return run.processId();
  }

  private List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Exit code 1, one line on stderr (the one given), nothing on stdout. */
  private static void assertOneLineError(Cli.Result result, String line) {
    assertEquals(1, result.exitCode(), result.err());
    assertEquals(line + "\n", result.err());
    assertEquals("", result.out());
  }

  @Test
  void aProcessWithoutNetworkTrafficGivesAnEmptyPcapAndANote() throws IOException {
    String id = hello();
    Path pcap = out.resolve("quiet.pcap");
    Cli.Result result = cli().run("export", "pcap", id, "-o", pcap.toString());
    assertEquals(0, result.exitCode(), result.err());
    assertEquals(
        "wasitrace: note: process "
            + id
            + " has no TCP or UDP traffic; "
            + pcap
            + " holds no packets\n",
        result.err());
    assertArrayEquals(EMPTY_PCAP, Files.readAllBytes(pcap));
    assertEquals(List.of("quiet.pcap"), filesIn(out));
  }

  @Test
  void unknownIdsAreOneLineAndWriteNothing() throws IOException {
    String id = hello();
    Path pcap = out.resolve("x.pcap");
    assertOneLineError(
        cli().run("export", "pcap", "0000dead", "-o", pcap.toString()),
        "wasitrace: no process matches ID 0000dead");
    assertOneLineError(
        cli().run("export", "pcap", id, "ffffffff", "-o", pcap.toString()),
        "wasitrace: no process matches ID ffffffff");
    assertOneLineError(
        cli().run("export", "pcap", "-o", pcap.toString()),
        "wasitrace: give one or more process IDs, or --all");
    assertEquals(List.of(), filesIn(out));
  }

  @Test
  void anUnwritableOutputIsOneLineAndFailsBeforeLoading() throws IOException {
    String id = hello();
    Path missing = out.resolve("no/such/folder/x.pcap");
    assertOneLineError(
        cli().run("export", "pcap", id, "-o", missing.toString()),
        "wasitrace: cannot write " + missing + ": its folder does not exist");
    assertOneLineError(
        cli().run("export", "pcap", id, "-o", out.toString()),
        "wasitrace: cannot write " + out + ": it is a directory");
    Path file = Files.writeString(out.resolve("a-file"), "x");
    Path under = file.resolve("x.pcap");
    assertOneLineError(
        cli().run("export", "pcap", id, "-o", under.toString()),
        "wasitrace: cannot write " + under + ": Not a directory");
    assertEquals(List.of("a-file"), filesIn(out));
  }

  @Test
  void aFolderWithoutWritePermissionIsOneLine() throws IOException {
    if ("root".equals(System.getProperty("user.name"))) {
      String reason = "running as root, whom file permissions do not stop";
      System.err.println("SKIPPED: " + reason);
      Assumptions.assumeTrue(false, reason);
    }
    String id = hello();
    Path locked = Files.createDirectory(out.resolve("locked"));
    assertTrue(locked.toFile().setWritable(false, false));
    try {
      Path pcap = locked.resolve("x.pcap");
      assertOneLineError(
          cli().run("export", "pcap", id, "-o", pcap.toString()),
          "wasitrace: cannot write " + pcap + ": permission denied");
    } finally {
      locked.toFile().setWritable(true, false);
    }
  }

  @Test
  void aFailedExportLeavesTheFileThatWasThere() throws IOException {
    String id = hello();
    Path pcap = Files.writeString(out.resolve("keep.pcap"), "an earlier export");
    Cli.Result bad =
        cli().run("export", "pcap", id, "--filter", "no_such_column = 1", "-o", pcap.toString());
    assertEquals(1, bad.exitCode());
    assertTrue(
        bad.err()
            .startsWith(
                "wasitrace: bad --filter: Binder Error: Referenced column \"no_such_column\""),
        bad.err());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertEquals("an earlier export", Files.readString(pcap));
    assertEquals(List.of("keep.pcap"), filesIn(out), "no temporary file left behind");

    Cli.Result debug =
        cli().run("--debug", "export", "pcap", id, "--filter", "nonsense(", "-o", pcap.toString());
    assertEquals(1, debug.exitCode());
    assertTrue(debug.err().startsWith("wasitrace: bad --filter: Parser Error: "), debug.err());
    assertTrue(debug.err().contains("\tat dev.wasitrace."), "--debug shows the stack trace");
    assertEquals(List.of("keep.pcap"), filesIn(out));
  }

  @Test
  void badOptionsAreOneLine() {
    String id = hello();
    assertOneLineError(
        cli().run("export", "pcap", id, "--mtu", "100", "-o", out.resolve("x.pcap").toString()),
        "wasitrace: the MTU must be from 576 to 65535, not 100");
    Cli.Result noOutput = cli().run("export", "pcap", id);
    assertEquals(1, noOutput.exitCode());
    assertTrue(
        noOutput.err().startsWith("wasitrace: Missing required option: '--output=FILE'"),
        noOutput.err());
  }

  @Test
  void dashWritesThePcapToStdout() {
    String id = hello();
    Cli.Result result = cli().run("export", "pcap", id, "-o", "-");
    assertEquals(0, result.exitCode(), result.err());
    assertArrayEquals(EMPTY_PCAP, result.outBytes());
    assertEquals(
        "wasitrace: note: process "
            + id
            + " has no TCP or UDP traffic; the pcap holds no packets\n",
        result.err());
  }

  @Test
  void aLogCutShortExportsItsWholeBatchesWithAWarning() throws Exception {
    String id;
    try (ServerSocket sink = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Long> received =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = sink.accept()) {
                  return s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Cli.Result run =
          cli()
              .run(
                  "run",
                  TestData.wasm("stream").toString(),
                  "127.0.0.1",
                  "" + sink.getLocalPort(),
                  "12");
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(12L << 20, received.get(60, TimeUnit.SECONDS));
      id = run.processId();
    }
    String cut = "0123abcd-0000-4000-8000-000000000000";
    RegistryFiles.copyProcess(home, id, cut);
    RegistryFiles.markKilled(home, cut);
    // Half the log: its first batches (4 MiB of the stream each) stay whole.
    Path log = RegistryFiles.processDir(home, cut).resolve("log.arrow");
    RegistryFiles.truncateLog(home, cut, (int) (Files.size(log) / 2));
    Cli.Result sent =
        cli()
            .run(
                "query",
                "-o",
                "csv",
                "--process",
                cut,
                "SELECT coalesce(sum(size), 0) AS bytes FROM network_events WHERE type = 'SEND'");
    long loaded = Long.parseLong(sent.out().lines().toList().get(1));
    assertTrue(loaded > 0 && loaded < 12L << 20, "part of the stream is in the whole batches");

    Path pcap = out.resolve("cut.pcap");
    Cli.Result result = cli().run("export", "pcap", "0123abcd", "-o", pcap.toString());
    assertEquals(0, result.exitCode(), result.err());
    List<String> err = result.err().lines().toList();
    assertEquals(1, err.size(), result.err());
    assertTrue(
        err.get(0).startsWith("wasitrace: warning: process " + cut + ": the log is cut short"),
        err.get(0));
    assertEquals(loaded, tcpPayloadBytes(Files.readAllBytes(pcap)));
  }

  /** The TCP payload bytes of a pcap of Ethernet/IPv4 frames. */
  private static long tcpPayloadBytes(byte[] file) {
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    in.position(24);
    long payload = 0;
    while (in.hasRemaining()) {
      in.position(in.position() + 8);
      int length = in.getInt();
      in.getInt();
      int frame = in.position();
      int tcp = frame + 14 + 20;
      int header = ((file[tcp + 12] >> 4) & 0xF) * 4;
      payload += length - 14 - 20 - header;
      in.position(frame + length);
    }
    return payload;
  }
}
