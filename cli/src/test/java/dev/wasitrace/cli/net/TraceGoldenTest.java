package dev.wasitrace.cli.net;

import static dev.wasitrace.cli.net.Net.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wasitrace.cli.Cli;
import dev.wasitrace.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trace network and trace request over real recordings, against text written by hand from what the
 * Java peer saw on the wire (its ports, its bytes). Only the leading local time differs from run to
 * run: it is checked for its format, then cut.
 */
class TraceGoldenTest {
  private static final Pattern TIME =
      Pattern.compile("^(\\[\\d+\\] )?\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6} ");

  @TempDir Path home;

  /** Each line with its time checked and removed (the [seq] of -v stays). */
  static String withoutTimes(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      var matcher = TIME.matcher(line);
      if (matcher.find()) {
        line = (matcher.group(1) == null ? "" : matcher.group(1)) + line.substring(matcher.end());
      }
      out.append(line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  @Test
  void traceNetworkOfAnEchoClient() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, loopback())) {
      CompletableFuture<Integer> clientPort =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket socket = server.accept()) {
                  InputStream in = socket.getInputStream();
                  OutputStream out = socket.getOutputStream();
                  byte[] buffer = new byte[1024];
                  for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                  }
                  return socket.getPort();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      int port = server.getLocalPort();
      Cli cli = new Cli(home);
      Cli.Result run =
          cli.run("run", TestData.wasm("echo_client").toString(), "127.0.0.1", "" + port, "hello");
      assertEquals(0, run.exitCode(), run.err());
      int local = clientPort.get(60, TimeUnit.SECONDS);
      String us = "127.0.0.1:" + local;
      String them = "127.0.0.1:" + port;

      Cli.Result plain = cli.run("trace", "network", run.processId());
      assertEquals(0, plain.exitCode(), plain.err());
      assertTrue(TIME.matcher(plain.out()).find(), plain.out());
      assertEquals(
          "TCP "
              + us
              + " > "
              + them
              + ": CONN OK\n"
              + "TCP "
              + us
              + " > "
              + them
              + ": SEND OK 6\n"
              + "TCP "
              + them
              + " > "
              + us
              + ": RECV OK 6\n"
              + "TCP "
              + us
              + " > "
              + them
              + ": SHUT (w) OK\n"
              + "TCP "
              + them
              + " > "
              + us
              + ": RECV OK 0\n"
              + "TCP "
              + us
              + " > "
              + them
              + ": SHUT (r) OK\n",
          withoutTimes(plain.out()));

      // The connection table agrees with what the peer saw: 6 bytes each way, closed cleanly.
      Cli.Result connection =
          cli.run(
              "query",
              "-o",
              "csv",
              "SELECT orig_h, orig_p, resp_h, resp_p, orig_bytes, resp_bytes, conn_state"
                  + " FROM tcp_connections");
      assertEquals(
          "orig_h,orig_p,resp_h,resp_p,orig_bytes,resp_bytes,conn_state\n"
              + "127.0.0.1,"
              + local
              + ",127.0.0.1,"
              + port
              + ",6,6,SF\n",
          connection.out(),
          connection.err());

      Cli.Result verbose = cli.run("trace", "network", "-v", run.processId());
      String dump = "00000000  68 65 6c 6c 6f 0a                                 |hello.|\n";
      String text = withoutTimes(verbose.out());
      assertTrue(
          Pattern.compile(
                  "\\[\\d+\\] TCP "
                      + Pattern.quote(us + " > " + them)
                      + ": SEND OK 6\n\n"
                      + Pattern.quote(dump)
                      + "\n\\[\\d+\\] TCP "
                      + Pattern.quote(them + " > " + us)
                      + ": RECV OK 6\n\n"
                      + Pattern.quote(dump)
                      + "\n")
              .matcher(text)
              .find(),
          text);
    }
  }

  @Test
  void traceRequestOfAnHttpClient() throws Exception {
    CompletableFuture<Integer> clientPort = new CompletableFuture<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(loopback(), 0), 0);
    for (String path : List.of("/hello", "/echo", "/last", "/chunked")) {
      server.createContext(
          path,
          exchange -> {
            clientPort.complete(exchange.getRemoteAddress().getPort());
            answer(exchange, path);
          });
    }
    server.start();
    try {
      int port = server.getAddress().getPort();
      Cli cli = new Cli(home);
      Cli.Result run =
          cli.run("run", TestData.wasm("http_client").toString(), "127.0.0.1", "" + port);
      assertEquals(0, run.exitCode(), run.err());
      String pair = "127.0.0.1:" + clientPort.get(60, TimeUnit.SECONDS) + " > 127.0.0.1:" + port;

      Cli.Result lines = cli.run("trace", "request", run.processId());
      assertEquals(0, lines.exitCode(), lines.err());
      assertEquals(
          "HTTP "
              + pair
              + ": GET /hello => 200 OK\n"
              + "HTTP "
              + pair
              + ": GET /chunked => 200 OK\n"
              + "HTTP "
              + pair
              + ": POST /echo => 200 OK\n"
              + "HTTP "
              + pair
              + ": GET /last => 200 OK\n",
          withoutTimes(lines.out()));

      // One row per exchange, with the body sizes that crossed the wire (chunked: un-chunked).
      Cli.Result exchanges =
          cli.run(
              "query",
              "-o",
              "csv",
              "SELECT method, uri, status_code, request_body_len, response_body_len"
                  + " FROM http_exchanges ORDER BY trans_depth");
      assertEquals(
          "method,uri,status_code,request_body_len,response_body_len\n"
              + "GET,/hello,200,0,11\n"
              + "GET,/chunked,200,0,13\n"
              + "POST,/echo,200,14,14\n"
              + "GET,/last,200,0,3\n",
          exchanges.out(),
          exchanges.err());

      Cli.Result verbose = cli.run("trace", "request", "-v", run.processId());
      String text = withoutTimes(verbose.out());
      assertTrue(
          text.contains(
              "HTTP "
                  + pair
                  + "\n"
                  + "> POST /echo HTTP/1.1\n"
                  + "> Host: 127.0.0.1:"
                  + port
                  + "\n"
                  + "> User-Agent: wasitrace-test\n"
                  + "> Content-Type: text/plain\n"
                  + "> Content-Length: 14\n"
                  + ">\n"
                  + "ping from wasm\n"
                  + "< HTTP/1.1 200 OK\n"),
          text);
      assertTrue(text.contains("\none two three\n"), "the chunked body, un-chunked: " + text);
    } finally {
      server.stop(0);
    }
  }

  private static void answer(HttpExchange exchange, String path) throws IOException {
    byte[] request = exchange.getRequestBody().readAllBytes();
    if (path.equals("/chunked")) {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (String part : List.of("one ", "two ", "three")) {
          out.write(part.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
      return;
    }
    byte[] body =
        path.equals("/echo")
            ? request
            : (path.equals("/hello") ? "hello, wasm" : "bye").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
