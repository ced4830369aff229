package dev.wasitrace.exporters.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.analyzer.AnalysisSession;
import dev.wasitrace.analyzer.LoadListener;
import dev.wasitrace.analyzer.RecordedProcess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter over logs loaded into DuckDB: processes merged in time order, the filter, UDP, a
 * process without traffic. (Checked against tshark in the cli module's ExportPcapTest.)
 */
class PcapExporterTest {
  private static final long T0 = 1_700_000_000_000_000_000L;
  private static final String A_LOCAL = "127.0.0.1:40000";
  private static final String A_PEER = "127.0.0.1:8080";
  private static final String B_LOCAL = "127.0.0.1:40001";
  private static final String B_PEER = "127.0.0.1:9090";

  @TempDir Path dir;
  private AnalysisSession session;

  @BeforeEach
  void logs() throws Exception {
    // Two processes whose calls interleave: a's at T0 + 0, 20, 40 µs ..., b's 5 µs later each.
    try (SocketLog a = new SocketLog(dir.resolve("a.arrow"), T0)) {
      a.connect(3, A_LOCAL, A_PEER)
          .send(3, A_LOCAL, A_PEER, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")
          .recv(3, A_LOCAL, A_PEER, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
          .close(3, A_LOCAL, A_PEER);
    }
    try (SocketLog b = new SocketLog(dir.resolve("b.arrow"), T0 + 5_000)) {
      b.connect(4, B_LOCAL, B_PEER)
          .send(4, B_LOCAL, B_PEER, "hello b")
          .sendTo(5, "0.0.0.0:5353", "127.0.0.1:53", "query")
          .recvFrom(5, "0.0.0.0:5353", "127.0.0.1:53", "answer")
          .close(4, B_LOCAL, B_PEER);
    }
    try (SocketLog bulk = new SocketLog(dir.resolve("bulk.arrow"), T0)) {
      bulk.connect(3, A_LOCAL, A_PEER).send(3, A_LOCAL, A_PEER, "x".repeat(3000));
    }
    try (SocketLog quiet = new SocketLog(dir.resolve("quiet.arrow"), T0)) {
      quiet.print("no sockets here\n");
    }
    session = AnalysisSession.inMemory();
    session.load(
        List.of(
            RecordedProcess.ofLog("a", dir.resolve("a.arrow")),
            RecordedProcess.ofLog("b", dir.resolve("b.arrow")),
            RecordedProcess.ofLog("quiet", dir.resolve("quiet.arrow")),
            RecordedProcess.ofLog("bulk", dir.resolve("bulk.arrow"))),
        List.of(),
        LoadListener.NONE);
  }

  @org.junit.jupiter.api.AfterEach
  void close() {
    session.close();
  }

  private record Export(PcapExportResult result, List<PcapRecords.Frame> frames) {}

  private Export export(PcapExportOptions options, String... processes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapExportResult result =
        new PcapExporter(options).export(session.connection(), List.of(processes), out);
    assertEquals(out.size(), result.fileBytes());
    return new Export(result, PcapRecords.read(out.toByteArray()));
  }

  /** "SRCPORT>DSTPORT" of each frame. */
  private static List<String> ports(List<PcapRecords.Frame> frames) {
    List<String> ports = new ArrayList<>();
    for (PcapRecords.Frame frame : frames) {
      byte[] f = frame.bytes();
      int t = 14 + 20;
      ports.add(
          (((f[t] & 0xFF) << 8) | (f[t + 1] & 0xFF))
              + ">"
              + (((f[t + 2] & 0xFF) << 8) | (f[t + 3] & 0xFF)));
    }
    return ports;
  }

  @Test
  void processesAreMergedInTimeOrder() throws Exception {
    Export export = export(PcapExportOptions.DEFAULT, "a", "b");
    List<PcapRecords.Frame> frames = export.frames();
    for (int i = 1; i < frames.size(); i++) {
      assertTrue(frames.get(i - 1).timeNs() <= frames.get(i).timeNs(), "frame " + (i + 1));
    }
    List<String> ports = ports(frames);
    // a's SYN, then b's: the connects were 5 µs apart.
    assertEquals(List.of("40000>8080", "40001>9090"), List.of(ports.get(0), ports.get(3)));
    assertEquals(
        Map.of("a", 9L, "b", 9L), export.result().packetsByProcess(), String.join(" ", ports));
    assertEquals(3, export.result().flows(), "two connections and a UDP flow");
    long payload = 0;
    for (PcapRecords.Frame frame : frames) {
      payload += PcapRecords.payload(frame.bytes()).length;
    }
    assertEquals(payload, export.result().payloadBytes());
    assertEquals(27 + 38 + 7 + 5 + 6, payload);
  }

  @Test
  void aDatagramKeepsItsAddressesAndAWildcardSenderIsLoopback() throws Exception {
    Export export = export(PcapExportOptions.DEFAULT.withFilter("proto = 'udp'"), "a", "b");
    assertEquals(List.of("5353>53", "53>5353"), ports(export.frames()));
    byte[] query = export.frames().get(0).bytes();
    assertEquals(127, query[14 + 12], "source 127.0.0.1, not 0.0.0.0");
    assertEquals("query", new String(PcapRecords.payload(query), StandardCharsets.ISO_8859_1));
    assertEquals(17, query[14 + 9]);
  }

  @Test
  void theFilterKeepsTheConnectionsItSelects() throws Exception {
    Export only9090 = export(PcapExportOptions.DEFAULT.withFilter("resp_p = 9090"), "a", "b");
    assertTrue(ports(only9090.frames()).stream().allMatch(p -> p.contains("9090")));
    assertEquals(Map.of("a", 0L, "b", 7L), only9090.result().packetsByProcess());

    Export byBytes =
        export(PcapExportOptions.DEFAULT.withFilter("proto = 'tcp' AND orig_bytes > 10"), "a", "b");
    assertTrue(ports(byBytes.frames()).stream().allMatch(p -> p.contains("8080")));
    assertEquals(1, byBytes.result().flows());

    Export none = export(PcapExportOptions.DEFAULT.withFilter("false"), "a", "b");
    assertEquals(0, none.frames().size());
    assertEquals(0, none.result().flows());
  }

  @Test
  void aBadFilterIsOneLineFromDuckDb() {
    PcapExportException e =
        assertThrows(
            PcapExportException.class,
            () -> export(PcapExportOptions.DEFAULT.withFilter("no_such_column = 1"), "a"));
    assertTrue(e.getMessage().startsWith("bad --filter: "), e.getMessage());
    assertTrue(e.getMessage().contains("no_such_column"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aProcessWithoutTrafficGivesAnEmptyValidPcap() throws Exception {
    Export export = export(PcapExportOptions.DEFAULT, "quiet");
    assertEquals(0, export.frames().size());
    assertEquals(Map.of("quiet", 0L), export.result().packetsByProcess());
    assertEquals(PcapWriter.FILE_HEADER_BYTES, export.result().fileBytes());
  }

  @Test
  void theMtuSetsTheSegmentSize() throws Exception {
    assertEquals(List.of(1460, 1460, 80), segments(export(PcapExportOptions.DEFAULT, "bulk")));
    assertEquals(
        List.of(536, 536, 536, 536, 536, 320),
        segments(export(PcapExportOptions.DEFAULT.withMtu(576), "bulk")));
    assertThrows(PcapExportException.class, () -> PcapExportOptions.DEFAULT.withMtu(100));
  }

  private static List<Integer> segments(Export export) {
    return export.frames().stream()
        .map(f -> PcapRecords.payload(f.bytes()).length)
        .filter(length -> length > 0)
        .toList();
  }

  @Test
  void pcap4jFramesAreTheSameFile() throws Exception {
    Export direct = export(PcapExportOptions.DEFAULT, "a", "b");
    Export pcap4j = export(PcapExportOptions.DEFAULT.withPcap4j(true), "a", "b");
    assertEquals(direct.frames().size(), pcap4j.frames().size());
    for (int i = 0; i < direct.frames().size(); i++) {
      assertEquals(direct.frames().get(i).timeNs(), pcap4j.frames().get(i).timeNs());
      assertTrue(
          java.util.Arrays.equals(direct.frames().get(i).bytes(), pcap4j.frames().get(i).bytes()),
          "frame " + (i + 1));
    }
  }
}
