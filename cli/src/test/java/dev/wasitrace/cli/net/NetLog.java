package dev.wasitrace.cli.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.log.LogBatch;
import dev.wasitrace.log.LogReader;
import dev.wasitrace.registry.Registry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A recorded process log read back whole, with the socket views the network tests need. */
final class NetLog {
  /** Calls that put bytes on a socket. */
  static final Set<String> SENDS = Set.of("sock_send", "sock_send_to", "fd_write");

  /** Calls that take bytes off a socket. */
  static final Set<String> RECEIVES =
      Set.of("sock_recv", "sock_recv_from", "sock_recv_from_v1", "fd_read");

  /** One host call. */
  record Row(
      long seq,
      String func,
      long[] params,
      Integer errno,
      Long result,
      Integer fd,
      byte[] data,
      String proto,
      String localAddr,
      String peerAddr) {
    boolean ok() {
      return errno != null && errno == 0;
    }

    @Override
    public String toString() {
      return seq
          + " "
          + func
          + " fd="
          + fd
          + " errno="
          + errno
          + " result="
          + result
          + " proto="
          + proto
          + " local="
          + localAddr
          + " peer="
          + peerAddr
          + (data == null ? "" : " data=" + data.length + "B");
    }
  }

  /**
   * One socket descriptor's life: from the sock_open or sock_accept that made it to its fd_close.
   * Bytes are those of the successful send and receive calls on it, in call order.
   */
  static final class Socket {
    final int fd;
    final Row opened;
    final List<Row> rows = new ArrayList<>();
    final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    boolean closed;

    Socket(int fd, Row opened) {
      this.fd = fd;
      this.opened = opened;
    }

    byte[] sent() {
      return sent.toByteArray();
    }

    byte[] received() {
      return received.toByteArray();
    }

    /** The calls named func on this socket. */
    List<Row> calls(String func) {
      return rows.stream().filter(r -> r.func().equals(func)).toList();
    }

    /** Every address the log gave this socket's peer (one, for a connected socket). */
    Set<String> peerAddrs() {
      return rows.stream()
          .map(Row::peerAddr)
          .filter(a -> a != null)
          .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Every local address the log gave this socket. */
    Set<String> localAddrs() {
      return rows.stream()
          .map(Row::localAddr)
          .filter(a -> a != null)
          .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** The socket's calls that moved bytes, all of which must say which socket they were on. */
    List<Row> dataRows() {
      return rows.stream()
          .filter(r -> SENDS.contains(r.func()) || RECEIVES.contains(r.func()))
          .filter(Row::ok)
          .toList();
    }

    @Override
    public String toString() {
      return "socket fd " + fd + " opened at " + opened + ", " + rows.size() + " calls";
    }
  }

  final List<Row> rows;

  private NetLog(List<Row> rows) {
    this.rows = rows;
  }

  static NetLog read(Path home, String processId) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (LogReader reader = new LogReader(Registry.open(home).logPath(processId))) {
      while (reader.next()) {
        LogBatch b = reader.batch();
        for (int i = 0; i < b.rows(); i++) {
          rows.add(
              new Row(
                  b.seq(i),
                  b.func(i),
                  b.params(i),
                  b.hasErrno(i) ? b.errno(i) : null,
                  b.hasResult(i) ? b.result(i) : null,
                  b.hasFd(i) ? b.fd(i) : null,
                  b.data(i),
                  b.proto(i),
                  b.localAddr(i),
                  b.peerAddr(i)));
        }
      }
      assertTrue(reader.complete(), "log cut short: " + reader.truncation());
    }
    return new NetLog(rows);
  }

  List<Row> calls(String func) {
    return rows.stream().filter(r -> r.func().equals(func)).toList();
  }

  /**
   * The sockets in the order they were made. A row belongs to the socket its descriptor names at
   * the time of the call (numbers are reused after fd_close).
   */
  List<Socket> sockets() {
    List<Socket> all = new ArrayList<>();
    Map<Integer, Socket> open = new LinkedHashMap<>();
    for (Row row : rows) {
      String func = row.func();
      if ((func.equals("sock_open") || func.startsWith("sock_accept"))
          && row.ok()
          && row.result() != null) {
        int fd = row.result().intValue();
        Socket socket = new Socket(fd, row);
        socket.rows.add(row);
        open.put(fd, socket);
        all.add(socket);
        if (func.startsWith("sock_accept")) {
          // The accept row also belongs to the listener it was called on.
          Socket listener = open.get(row.fd());
          if (listener != null) {
            listener.rows.add(row);
          }
        }
        continue;
      }
      if (func.equals("sock_open") || func.equals("sock_getaddrinfo") || row.fd() == null) {
        continue;
      }
      Socket socket = open.get(row.fd());
      if (socket == null) {
        continue;
      }
      socket.rows.add(row);
      if (row.ok() && row.data() != null) {
        if (SENDS.contains(func)) {
          socket.sent.writeBytes(row.data());
        } else if (RECEIVES.contains(func)) {
          socket.received.writeBytes(row.data());
        }
      }
      if (func.equals("fd_close") && row.ok()) {
        socket.closed = true;
        open.remove(row.fd());
      }
    }
    return all;
  }

  /** The sockets made by accept (connections a guest server took), in order. */
  List<Socket> accepted() {
    return sockets().stream().filter(s -> s.opened.func().startsWith("sock_accept")).toList();
  }

  /** The sockets made by sock_open, in order. */
  List<Socket> opened() {
    return sockets().stream().filter(s -> s.opened.func().equals("sock_open")).toList();
  }

  /** The whole log, one call a line, for assertion messages. */
  String dump() {
    StringBuilder out = new StringBuilder();
    for (Row row : rows) {
      out.append(row).append('\n');
    }
    return out.toString();
  }
}
