package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.assertSameBytes;
import static dev.wasitrace.cli.net.Net.bytes;
import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.wasitrace.cli.Cli;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasitrace export pcap} on recorded runs of the real test guests against Java peers on
 * loopback, checked by the real tshark: checksums, handshakes and closes ({@code
 * tcp.completeness}), each direction's bytes ({@code follow,tcp,raw}) against the log, HTTP against
 * {@code http_exchanges}, UDP addresses, resets, IPv6, and several processes in one file.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExportPcapTest {
  /** tcp.completeness: SYN 1, SYN-ACK 2, ACK 4, data 8, FIN 16, RST 32. */
  private static final int OPENED_AND_CLOSED = 31;

  @TempDir Path home;
  @TempDir Path files;

  @BeforeEach
  void tsharkInstalled() {
    Tshark.assumeInstalled(); // before recording anything
  }

  private Cli cli() {
    return new Cli(home);
  }

  /** {@code export pcap ARGS... -o FILE}, which must succeed silently; the file. */
  private Path export(String name, String... args) {
    Path pcap = files.resolve(name);
    List<String> command = new ArrayList<>(List.of("export", "pcap"));
    command.addAll(List.of(args));
    command.addAll(List.of("-o", pcap.toString()));
    Cli.Result result = cli().run(command);
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("", result.err());
    assertEquals("", result.out());
    return pcap;
  }

  /** Every packet's IP, TCP and UDP checksum verifies; tshark flags none as bad. */
  private static void assertChecksumsGood(Tshark tshark) throws Exception {
    List<List<String>> rows =
        tshark.fields(
            Tshark.CHECK_CHECKSUMS,
            null,
            "frame.number",
            "ip.checksum.status",
            "tcp.checksum.status",
            "udp.checksum.status");
    assertFalse(rows.isEmpty(), "no packets");
    for (List<String> row : rows) {
      boolean transport = false;
      for (int i = 1; i < row.size(); i++) {
        if (!row.get(i).isEmpty()) {
          assertEquals("1", row.get(i), "checksum status (1 = good) of frame " + row);
          transport |= i > 1;
        }
      }
      assertTrue(transport, "frame " + row.get(0) + " has no verified TCP or UDP checksum");
    }
    String expert = tshark.run(concat(Tshark.CHECK_CHECKSUMS, "-qz", "expert"));
    assertFalse(expert.toLowerCase(Locale.ROOT).contains("checksum"), expert);
  }

  /** No retransmission, lost segment, duplicate ACK, window trouble... on these streams. */
  private static void assertNoTcpAnalysisWarnings(Tshark tshark) throws Exception {
    List<List<String>> flagged =
        tshark.fields(
            List.of(), "tcp.analysis.flags && !tcp.analysis.window_update", "frame.number");
    assertEquals(List.of(), flagged, "frames tshark's TCP analysis flags");
  }

  private static List<String> concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all;
  }

  /** tshark's view of each direction of a stream equals the log's bytes. */
  private static void assertFollowEquals(
      Tshark tshark, int stream, byte[] fromClient, byte[] fromServer) throws Exception {
    byte[][] follow = tshark.follow(stream);
    assertSameBytes(fromClient, follow[0], "stream " + stream + " from its client");
    assertSameBytes(fromServer, follow[1], "stream " + stream + " from its server");
  }

  /** "CLIENT METHOD URI => CODE" of each exchange, as http_exchanges has them, by time. */
  private List<String> httpExchanges(String processId) {
    Cli.Result result =
        cli()
            .run(
                "query",
                "--process",
                processId,
                "-o",
                "csv",
                "SELECT client, method, uri, status_code FROM http_exchanges ORDER BY ts");
    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = result.out().lines().skip(1).toList();
    List<String> exchanges = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(",", -1);
      exchanges.add(f[0] + " " + f[1] + " " + f[2] + " => " + f[3]);
    }
    return exchanges;
  }

  /**
   * The same from tshark's HTTP dissector: requests in the order they were sent, each paired with
   * the next response on its connection (HTTP/1.1 answers in order). Several messages in one
   * segment (pipelined requests read at once) come as comma-separated values.
   */
  private static List<String> tsharkExchanges(Tshark tshark, int port) throws Exception {
    List<String> decode = List.of("-d", "tcp.port==" + port + ",http");
    Map<String, List<String>> responses = new LinkedHashMap<>();
    for (List<String> row :
        tshark.fields(decode, "http.response", "ip.dst", "tcp.dstport", "http.response.code")) {
      responses
          .computeIfAbsent(row.get(0) + ":" + row.get(1), k -> new ArrayList<>())
          .addAll(List.of(row.get(2).split(",")));
    }
    List<String> exchanges = new ArrayList<>();
    for (List<String> row :
        tshark.fields(
            decode,
            "http.request",
            "ip.src",
            "tcp.srcport",
            "http.request.method",
            "http.request.uri")) {
      String client = row.get(0) + ":" + row.get(1);
      String[] methods = row.get(2).split(",");
      String[] uris = row.get(3).split(",");
      assertEquals(methods.length, uris.length, row.toString());
      for (int i = 0; i < methods.length; i++) {
        List<String> answers = responses.getOrDefault(client, new ArrayList<>());
        String code = answers.isEmpty() ? "" : answers.remove(0);
        exchanges.add(client + " " + methods[i] + " " + uris[i] + " => " + code);
      }
    }
    return exchanges;
  }

  private static HttpServer httpServer() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback(), 0), 0);
    server.createContext("/hello", ex -> answer(ex, "hello, wasm"));
    server.createContext("/echo", ex -> answer(ex, null));
    server.createContext("/last", ex -> answer(ex, "bye"));
    server.createContext(
        "/chunked",
        ex -> {
          ex.getRequestBody().readAllBytes();
          ex.sendResponseHeaders(200, 0); // chunked
          try (OutputStream out = ex.getResponseBody()) {
            for (String part : List.of("one ", "two ", "three")) {
              out.write(part.getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        });
    server.start();
    return server;
  }

  private static void answer(com.sun.net.httpserver.HttpExchange ex, String text)
      throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    byte[] answer = text != null ? text.getBytes(StandardCharsets.UTF_8) : body;
    ex.sendResponseHeaders(200, answer.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(answer);
    }
  }

  /** http_client.wasm against a Java HttpServer; its process ID. */
  private String recordHttpClient(int port) {
    Cli.Result run =
        cli().run("run", TestData.wasm("http_client").toString(), "127.0.0.1", "" + port);
    assertEquals(0, run.exitCode(), run.err());
    return run.processId();
  }

  @Test
  void httpClientConnectionAsTsharkSeesIt() throws Exception {
    HttpServer server = httpServer();
    try {
      int port = server.getAddress().getPort();
      String id = recordHttpClient(port);
      Tshark tshark = Tshark.on(export("client.pcap", id.substring(0, 8)));

      assertChecksumsGood(tshark);
      assertNoTcpAnalysisWarnings(tshark);
      assertEquals(Map.of(0, OPENED_AND_CLOSED), tshark.completeness());
      NetLog.Socket socket = NetLog.read(home, id).opened().get(0);
      assertFollowEquals(tshark, 0, socket.sent(), socket.received());
      List<String> exchanges = httpExchanges(id);
      assertEquals(4, exchanges.size(), exchanges.toString());
      assertTrue(exchanges.get(0).endsWith(" GET /hello => 200"), exchanges.get(0));
      assertEquals(exchanges, tsharkExchanges(tshark, port));
      // The guest's addresses: the server's port, the guest's own ephemeral port.
      List<List<String>> syn =
          tshark.fields(
              List.of(),
              "tcp.flags.syn == 1 && tcp.flags.ack == 0",
              "tcp.dstport",
              "tcp.options.mss_val");
      assertEquals(List.of(List.of("" + port, "1460")), syn);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void httpServerConnectionsAsTsharkSeesThem() throws Exception {
    try (GuestProcess guest = GuestProcess.run(home, TestData.wasm("http_server"), "0", "3")) {
      int port = guest.awaitListeningPort();
      // 1: keep-alive, ended by the server (/bye); 2: "Connection: close"; 3: the client's EOF.
      exchange(
          port,
          "GET /hello HTTP/1.1\r\nHost: a\r\n\r\n"
              + "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
              + "GET /bye HTTP/1.1\r\nHost: a\r\n\r\n",
          false);
      exchange(port, "GET /nothing HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n", false);
      exchange(port, "GET /hello HTTP/1.1\r\nHost: c\r\n\r\n", true);
      assertEquals(0, guest.awaitExit(), guest.err());
      String id = guest.processId();
      Tshark tshark = Tshark.on(export("server.pcap", id));

      assertChecksumsGood(tshark);
      assertNoTcpAnalysisWarnings(tshark);
      assertEquals(
          Map.of(0, OPENED_AND_CLOSED, 1, OPENED_AND_CLOSED, 2, OPENED_AND_CLOSED),
          tshark.completeness());
      List<NetLog.Socket> accepted = NetLog.read(home, id).accepted();
      assertEquals(3, accepted.size());
      for (int i = 0; i < 3; i++) {
        // The client (node 0) sent what the guest received.
        assertFollowEquals(tshark, i, accepted.get(i).received(), accepted.get(i).sent());
      }
      List<String> exchanges = httpExchanges(id);
      assertEquals(5, exchanges.size(), exchanges.toString());
      assertTrue(exchanges.get(3).endsWith(" GET /nothing => 404"), exchanges.toString());
      assertEquals(exchanges, tsharkExchanges(tshark, port));
    }
  }

  /** Sends the requests on one connection and reads to the end; shuts its side first if asked. */
  private static void exchange(int port, String requests, boolean shutOutput) throws Exception {
    try (Socket s = new Socket(loopback(), port)) {
      OutputStream out = s.getOutputStream();
      out.write(bytes(requests));
      out.flush();
      if (shutOutput) {
        s.shutdownOutput();
      }
      InputStream in = s.getInputStream();
      assertTrue(in.readAllBytes().length > 0, "an answer");
    }
  }

  @Test
  void echoOverIpv6KeepsTheGuestsAddresses() throws Exception {
    InetAddress ipv6 = InetAddress.getByName("::1");
    ServerSocket server;
    try {
      server = new ServerSocket(0, 50, ipv6);
    } catch (IOException e) {
      Assumptions.assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
      return;
    }
    try (server) {
      int port = server.getLocalPort();
      Net.Peer<Net.Served> peer = Net.echoOnce(server);
      Cli.Result run =
          cli()
              .run(
                  "run",
                  TestData.wasm("echo_client").toString(),
                  "::1",
                  "" + port,
                  "over IPv6",
                  "x".repeat(3000));
      assertEquals(0, run.exitCode(), run.err());
      Net.Served served = peer.get();
      Tshark tshark = Tshark.on(export("v6.pcap", run.processId()));

      assertChecksumsGood(tshark);
      assertNoTcpAnalysisWarnings(tshark);
      assertEquals(Map.of(0, OPENED_AND_CLOSED), tshark.completeness());
      assertFollowEquals(tshark, 0, served.received(), served.sent());
      for (List<String> row : tshark.fields(List.of(), null, "ipv6.src", "ipv6.dst", "tcp.port")) {
        assertEquals("::1", row.get(0), row.toString());
        assertEquals("::1", row.get(1), row.toString());
        assertTrue(
            row.get(2).equals(served.clientPort() + "," + port)
                || row.get(2).equals(port + "," + served.clientPort()),
            row.toString());
      }
      // The guest's sends ("over IPv6\n", then 3001 bytes) in segments of at most 1440 bytes,
      // the MSS over IPv6 at an MTU of 1500.
      List<List<String>> sent =
          tshark.fields(List.of(), "tcp.len > 0 && tcp.dstport == " + port, "tcp.len");
      assertEquals(List.of(List.of("10"), List.of("1440"), List.of("1440"), List.of("121")), sent);
      List<List<String>> syn =
          tshark.fields(List.of(), "tcp.flags.syn == 1", "tcp.options.mss_val");
      assertEquals(List.of(List.of("1440"), List.of("1440")), syn);
    }
  }

  @Test
  void streamOfMebibytesIsCutAtTheMss() throws Exception {
    try (ServerSocket sink = new ServerSocket(0, 50, loopback())) {
      int port = sink.getLocalPort();
      Net.Peer<byte[]> reader =
          new Net.Peer<>(
              "sink",
              () -> {
                try (Socket s = sink.accept()) {
                  return s.getInputStream().readAllBytes();
                }
              });
      Cli.Result run =
          cli().run("run", TestData.wasm("stream").toString(), "127.0.0.1", "" + port, "4");
      assertEquals(0, run.exitCode(), run.err());
      byte[] received = reader.get();
      Tshark tshark = Tshark.on(export("stream.pcap", run.processId()));

      assertChecksumsGood(tshark);
      assertNoTcpAnalysisWarnings(tshark);
      assertEquals(Map.of(0, OPENED_AND_CLOSED), tshark.completeness());
      assertFollowEquals(tshark, 0, received, new byte[0]);
      long segments = 0;
      for (NetLog.Row send : NetLog.read(home, run.processId()).calls("sock_send")) {
        segments += (send.data().length + 1459) / 1460;
      }
      List<List<String>> data = tshark.fields(List.of(), "tcp.len > 0", "tcp.len");
      assertEquals(segments, data.size(), "segments of at most 1460 bytes, a send's bytes apart");
      assertTrue(data.stream().allMatch(row -> Integer.parseInt(row.get(0)) <= 1460));

      // A larger MTU: segments of up to 8960 bytes.
      Tshark jumbo = Tshark.on(export("jumbo.pcap", "--mtu", "9000", run.processId()));
      assertFollowEquals(jumbo, 0, received, new byte[0]);
      assertNoTcpAnalysisWarnings(jumbo);
      assertTrue(
          jumbo.fields(List.of(), "tcp.len > 0", "tcp.len").stream()
              .anyMatch(row -> row.get(0).equals("8960")));
    }
  }

  /** udp.wasm's datagram out and the reply; its process ID, and the peer's port. */
  private String recordUdp(DatagramSocket peer) throws Exception {
    Net.Peer<Integer> answering =
        new Net.Peer<>(
            "udp-peer",
            () -> {
              UdpGuestTest.Datagram got = UdpGuestTest.receive(peer);
              byte[] pong = bytes("pong");
              peer.send(new DatagramPacket(pong, pong.length, loopback(), got.fromPort()));
              return got.fromPort();
            });
    Cli.Result run =
        cli()
            .run(
                "run",
                TestData.wasm("udp").toString(),
                "send",
                "127.0.0.1",
                "" + peer.getLocalPort(),
                "ping");
    assertEquals(0, run.exitCode(), run.err());
    answering.get();
    return run.processId();
  }

  @Test
  void datagramsKeepTheirAddressesAndBytes() throws Exception {
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback(), 0))) {
      peer.setSoTimeout(60_000);
      String id = recordUdp(peer);
      Tshark tshark = Tshark.on(export("udp.pcap", id));
      assertChecksumsGood(tshark);
      String guestPort =
          NetLog.read(home, id).opened().get(0).localAddrs().iterator().next().split(":")[1];
      int port = peer.getLocalPort();
      assertEquals(
          List.of(
              List.of("127.0.0.1", guestPort, "127.0.0.1", "" + port, "70696e67"),
              List.of("127.0.0.1", "" + port, "127.0.0.1", guestPort, "706f6e67")),
          tshark.fields(
              List.of("-d", "udp.port==" + port + ",data"),
              "udp",
              "ip.src",
              "udp.srcport",
              "ip.dst",
              "udp.dstport",
              "data.data"));
    }
  }

  @Test
  void refusedClosedAndResetConnections() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, loopback())) {
      closedPort = s.getLocalPort();
    }
    try (ServerSocket closing = new ServerSocket(0, 50, loopback());
        ServerSocket resetting = new ServerSocket(0, 50, loopback())) {
      Net.Peer<Integer> closer =
          new Net.Peer<>(
              "closer",
              () -> {
                try (Socket s = closing.accept()) {
                  return s.getPort();
                }
              });
      Net.Peer<byte[]> resetter =
          new Net.Peer<>(
              "resetter",
              () -> {
                Socket s = resetting.accept();
                OutputStream out = s.getOutputStream();
                out.write(bytes("partial\n"));
                out.flush();
                byte[] ack = s.getInputStream().readNBytes(4);
                s.setSoLinger(true, 0);
                s.close();
                return ack;
              });
      Cli.Result run =
          cli()
              .run(
                  "run",
                  TestData.wasm("failures").toString(),
                  "" + closedPort,
                  "" + closing.getLocalPort(),
                  "" + resetting.getLocalPort());
      assertEquals(0, run.exitCode(), run.err());
      closer.get();
      resetter.get();
      Tshark tshark = Tshark.on(export("failures.pcap", run.processId()));

      assertChecksumsGood(tshark);
      // The refused connect: SYN, then the RST-ACK (its ACK flag counts as 4): no SYN-ACK.
      // The closing peer: handshake, its FIN, the guest's 1 KiB, then its RST (EPIPE).
      // The resetting peer: handshake, data both ways, its RST (ECONNRESET).
      assertEquals(Map.of(0, 1 + 4 + 32, 1, 63, 2, 1 + 2 + 4 + 8 + 32), tshark.completeness());
      List<List<String>> resets =
          tshark.fields(List.of(), "tcp.flags.reset == 1", "tcp.srcport", "tcp.flags.ack");
      assertEquals(
          List.of(
              List.of("" + closedPort, "1"),
              List.of("" + closing.getLocalPort(), "1"),
              List.of("" + resetting.getLocalPort(), "1")),
          resets,
          "each RST comes from the peer");
      NetLog.Socket reset = NetLog.read(home, run.processId()).opened().get(2);
      assertFollowEquals(tshark, 2, reset.sent(), reset.received());
    }
  }

  @Test
  void severalProcessesMergeInTimeOrderAndTheFilterChoosesConnections() throws Exception {
    HttpServer server = httpServer();
    try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(loopback(), 0));
        ServerSocket echo = new ServerSocket(0, 50, loopback())) {
      peer.setSoTimeout(60_000);
      int httpPort = server.getAddress().getPort();
      String http = recordHttpClient(httpPort);
      String udp = recordUdp(peer);
      Net.Peer<Net.Served> echoed = Net.echoOnce(echo);
      Cli.Result run =
          cli()
              .run(
                  "run",
                  TestData.wasm("echo_client").toString(),
                  "127.0.0.1",
                  "" + echo.getLocalPort(),
                  "merged");
      assertEquals(0, run.exitCode(), run.err());
      echoed.get();
      String echoId = run.processId();

      // Given in another order than they ran: the file is in time order all the same.
      Tshark all = Tshark.on(export("all.pcap", echoId, udp, http));
      assertChecksumsGood(all);
      List<List<String>> frames =
          all.fields(List.of(), null, "frame.time_epoch", "tcp.port", "udp.port");
      long single = 0;
      for (String id : List.of(http, udp, echoId)) {
        single +=
            Tshark.on(export(id + ".pcap", id)).fields(List.of(), null, "frame.number").size();
      }
      assertEquals(single, frames.size(), "every process's packets, once");
      for (int i = 1; i < frames.size(); i++) {
        assertTrue(
            new java.math.BigDecimal(frames.get(i - 1).get(0))
                    .compareTo(new java.math.BigDecimal(frames.get(i).get(0)))
                <= 0,
            "frame " + (i + 1) + " is earlier than the one before");
      }
      // In the order they ran: the HTTP connection, the datagrams, the echo connection.
      List<String> order = new ArrayList<>();
      for (List<String> frame : frames) {
        String what =
            frame.get(1).contains("" + httpPort)
                ? "http"
                : !frame.get(2).isEmpty() ? "udp" : "echo";
        if (order.isEmpty() || !order.get(order.size() - 1).equals(what)) {
          order.add(what);
        }
      }
      assertEquals(List.of("http", "udp", "echo"), order);
      assertEquals(2, all.completeness().size(), "two TCP streams");

      // --filter: only the connection to the echo server.
      Tshark filtered =
          Tshark.on(
              export(
                  "filtered.pcap",
                  "--filter",
                  "proto = 'tcp' AND resp_p = " + echo.getLocalPort(),
                  http,
                  udp,
                  echoId));
      List<List<String>> ports = filtered.fields(List.of(), null, "tcp.port", "udp.port");
      assertFalse(ports.isEmpty());
      for (List<String> frame : ports) {
        assertTrue(frame.get(0).contains("" + echo.getLocalPort()), frame.toString());
      }
      assertEquals(Map.of(0, OPENED_AND_CLOSED), filtered.completeness());
    } finally {
      server.stop(0);
    }
  }
}
