package dev.wasitrace.cli.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 that records every byte in each direction, for peers whose library hides
 * the wire (HttpServer, HttpClient). Each accepted connection gets its own upstream connection to
 * the target; an end of stream is passed on as a half close.
 */
final class RecordingProxy implements AutoCloseable {
  /** One relayed connection. */
  static final class Connection {
    final Socket client;
    final Socket upstream;
    private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    private final ByteArrayOutputStream fromUpstream = new ByteArrayOutputStream();
    private final CountDownLatch done = new CountDownLatch(2);

    Connection(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    /** The client's port: its address as the proxy saw it. */
    int clientPort() {
      return client.getPort();
    }

    /** The proxy's own port on the upstream connection: the peer port the target sees. */
    int upstreamLocalPort() {
      return upstream.getLocalPort();
    }

    /** Waits until both directions reached their end, then gives the client's bytes. */
    byte[] fromClient() throws InterruptedException {
      awaitDone();
      synchronized (fromClient) {
        return fromClient.toByteArray();
      }
    }

    /** Waits until both directions reached their end, then gives the target's bytes. */
    byte[] fromUpstream() throws InterruptedException {
      awaitDone();
      synchronized (fromUpstream) {
        return fromUpstream.toByteArray();
      }
    }

    private void awaitDone() throws InterruptedException {
      if (!done.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("proxied connection still open after 60 s");
      }
    }
  }

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  RecordingProxy(int targetPort) throws IOException {
    this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  List<Connection> connections() {
    return connections;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        Connection c = new Connection(client, upstream);
        connections.add(c);
        pump(c, client, upstream, c.fromClient, "proxy-up");
        pump(c, upstream, client, c.fromUpstream, "proxy-down");
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pump(
      Connection c, Socket from, Socket to, ByteArrayOutputStream record, String name) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[65536];
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                  synchronized (record) {
                    record.write(buf, 0, n);
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
                to.shutdownOutput();
              } catch (IOException e) {
                // The other side went away: nothing more crosses in this direction.
                closeQuietly(to);
              } finally {
                c.done.countDown();
                if (c.done.getCount() == 0) {
                  closeQuietly(from);
                  closeQuietly(to);
                }
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Connection c : connections) {
      closeQuietly(c.client);
      closeQuietly(c.upstream);
    }
  }
}
