package com.dylibso.chicory.wasi;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;

/**
 * Puts sockets in Chicory's descriptor table, so files and sockets share one numbering as the guest
 * sees it. Lives in Chicory's package to reach the (package-private) table.
 */
public final class SocketDescriptors {
  private final Descriptors descriptors;
  // Sockets allocated and not freed here: while none are, no descriptor lookup can find one, and
  // a run without sockets skips the lookups each call would make. Chicory may close a socket
  // itself (fd_renumber over it), which leaves this too high: never too low.
  private int live;

  public SocketDescriptors(WasiPreview1 wasi) {
    this.descriptors = descriptorsOf(requireNonNull(wasi));
  }

  /** Chicory's descriptor table of a WASI instance (a private field, hence reflection). */
  static Descriptors descriptorsOf(WasiPreview1 wasi) {
    try {
      Field field = WasiPreview1.class.getDeclaredField("descriptors");
      field.setAccessible(true);
      return (Descriptors) field.get(wasi);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("unsupported Chicory version: " + e, e);
    }
  }

  /** Gives the socket the lowest free descriptor number. */
  public int allocate(Closeable socket) {
    int fd = descriptors.allocate(new SocketDescriptor(socket));
    live++;
    return fd;
  }

  /** The socket at fd, or null when fd is not a socket. */
  public Closeable socket(int fd) {
    if (live == 0) {
      return null;
    }
    return descriptors.get(fd) instanceof SocketDescriptor descriptor ? descriptor.socket : null;
  }

  /** Whether fd is open at all (file, directory, stdio or socket). */
  public boolean isOpen(int fd) {
    return descriptors.get(fd) != null;
  }

  /** Whether fd is stdin and has bytes to read now (for poll_oneoff). */
  public boolean stdinReady(int fd) {
    if (descriptors.get(fd) instanceof Descriptors.InStream in) {
      try {
        return in.available() > 0;
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  public void free(int fd) {
    if (descriptors.get(fd) instanceof SocketDescriptor) {
      live--;
    }
    descriptors.free(fd);
  }

  private static final class SocketDescriptor implements Descriptors.Descriptor, Closeable {
    final Closeable socket;

    SocketDescriptor(Closeable socket) {
      this.socket = socket;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
