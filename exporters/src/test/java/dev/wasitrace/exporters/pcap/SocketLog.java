package dev.wasitrace.exporters.pcap;

import dev.wasitrace.log.LogRow;
import dev.wasitrace.log.LogWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A process log of socket calls, written with arrow-schema's writer as the recorder would. */
final class SocketLog implements AutoCloseable {
  private static final List<String> FUNCTIONS =
      List.of(
          "sock_open",
          "sock_connect",
          "sock_accept",
          "sock_send",
          "sock_recv",
          "sock_shutdown",
          "fd_close",
          "sock_send_to",
          "sock_recv_from",
          "fd_write");

  private final LogWriter writer;
  private final LogRow row = new LogRow();
  private long seq;
  private long time;

  /** A log whose first call starts at {@code startNs}. */
  SocketLog(Path path, long startNs) throws IOException {
    this.writer =
        new LogWriter(
            path,
            FUNCTIONS,
            Map.of(),
            LogWriter.Options.DEFAULT.withFlushInterval(Duration.ofHours(1)));
    this.time = startNs;
  }

  /** Calls from now on start at {@code ns}. */
  SocketLog at(long ns) {
    time = ns;
    return this;
  }

  private LogRow call(String function, int fd, int errno, String proto, String local, String peer) {
    LogRow r =
        row.clear()
            .call(seq++, time, 1_000, FUNCTIONS.indexOf(function))
            .params(new long[] {fd, 2})
            .errno(errno)
            .fd(fd)
            .socket(proto, local, peer);
    time += 10_000;
    return r;
  }

  SocketLog connect(int fd, String local, String peer) {
    call("sock_connect", fd, 0, "TCP", local, peer);
    writer.append(row);
    return this;
  }

  SocketLog send(int fd, String local, String peer, String text) {
    return data("sock_send", fd, "TCP", local, peer, text);
  }

  SocketLog recv(int fd, String local, String peer, String text) {
    return data("sock_recv", fd, "TCP", local, peer, text);
  }

  SocketLog sendTo(int fd, String local, String peer, String text) {
    return data("sock_send_to", fd, "UDP", local, peer, text);
  }

  SocketLog recvFrom(int fd, String local, String peer, String text) {
    return data("sock_recv_from", fd, "UDP", local, peer, text);
  }

  private SocketLog data(
      String function, int fd, String proto, String local, String peer, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    call(function, fd, 0, proto, local, peer)
        .size(bytes.length)
        .result(bytes.length)
        .data(bytes, bytes.length);
    writer.append(row);
    return this;
  }

  /** fd_close of a connected TCP socket: both directions shut. */
  SocketLog close(int fd, String local, String peer) {
    call("fd_close", fd, 0, "TCP", local, peer);
    writer.append(row);
    return this;
  }

  /** A call that is no socket event: stdout. */
  SocketLog print(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    row.clear()
        .call(seq++, time, 1_000, FUNCTIONS.indexOf("fd_write"))
        .params(new long[] {1, 0, 1, 0})
        .errno(0)
        .fd(1)
        .size(bytes.length)
        .result(bytes.length)
        .data(bytes, bytes.length);
    time += 10_000;
    writer.append(row);
    return this;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
