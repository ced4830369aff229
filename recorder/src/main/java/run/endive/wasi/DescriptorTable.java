package run.endive.wasi;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * wasitrace's one adapter into Endive's internals: the WASI descriptor table of a {@link
 * WasiPreview1} (a private field of package-private types, hence this class in Endive's package and
 * one reflective read). Files and directories the sandbox opens and the sockets wasitrace serves go
 * into it, so Endive's own fd_* functions serve them and the guest sees one numbering. {@code
 * DescriptorTableTest} fails when an Endive release moves any of this.
 */
public final class DescriptorTable {
  private final Descriptors descriptors;
  // Sockets allocated and not freed here: while none are, no descriptor lookup can find one, and
  // a run without sockets skips the lookups each call would make. Endive may close a socket
  // itself (fd_renumber over it), which leaves this too high: never too low.
  private int liveSockets;

  public DescriptorTable(WasiPreview1 wasi) {
    try {
      Field field = WasiPreview1.class.getDeclaredField("descriptors");
      field.setAccessible(true);
      this.descriptors = (Descriptors) field.get(requireNonNull(wasi));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("unsupported Endive version: " + e, e);
    }
  }

  /** A preopened directory: its descriptor and the host path it was given. */
  public record Preopen(int fd, Path path) {}

  public List<Preopen> preopens() {
    List<Preopen> preopens = new ArrayList<>();
    for (int fd = 0; descriptors.get(fd) != null || fd < 3; fd++) {
      if (descriptors.get(fd) instanceof Descriptors.PreopenedDirectory preopen) {
        preopens.add(new Preopen(fd, preopen.path()));
      }
    }
    return preopens;
  }

  /** Makes Endive reach the preopen at fd through path from now on (same guest name). */
  public void rebindPreopen(int fd, Path path) {
    var preopen = (Descriptors.PreopenedDirectory) descriptors.get(fd);
    descriptors.set(fd, new Descriptors.PreopenedDirectory(preopen.name(), path));
  }

  /** Whether fd is open at all (file, directory, stdio or socket). */
  public boolean isOpen(int fd) {
    return descriptors.get(fd) != null;
  }

  public int allocateFile(Path path, FileChannel channel, int fdFlags, long rights) {
    return descriptors.allocate(new Descriptors.OpenFile(path, channel, fdFlags, rights));
  }

  public int allocateDirectory(Path path) {
    return descriptors.allocate(new Descriptors.OpenDirectory(path));
  }

  /** An open file's path, channel, flags and rights, or null when fd is not an open file. */
  public record OpenFile(Path path, FileChannel channel, int fdFlags, long rights) {}

  public OpenFile openFile(int fd) {
    if (descriptors.get(fd) instanceof Descriptors.OpenFile file) {
      return new OpenFile(file.path(), file.channel(), file.fdFlags(), file.rights());
    }
    return null;
  }

  /** The channel of the file at fd when it is open in append mode (WASI's APPEND), else null. */
  public FileChannel appendingChannel(int fd) {
    if (descriptors.get(fd) instanceof Descriptors.OpenFile file
        && (file.fdFlags() & WasiFdFlags.APPEND) != 0) {
      return file.channel();
    }
    return null;
  }

  /**
   * Endive's fd_pwrite on fd, given the offset to write at. On a file in append mode (which Endive
   * refuses with ENOTSUP) the write goes to the end of the file, as Linux's pwrite(2) does with
   * O_APPEND, and as node:wasi does.
   */
  public int positionalWrite(int fd, long offset, LongToIntFunction pwrite) throws IOException {
    if (!(descriptors.get(fd) instanceof Descriptors.OpenFile file)
        || (file.fdFlags() & WasiFdFlags.APPEND) == 0) {
      return pwrite.applyAsInt(offset);
    }
    descriptors.set(
        fd,
        new Descriptors.OpenFile(
            file.path(), file.channel(), file.fdFlags() & ~WasiFdFlags.APPEND, file.rights()));
    try {
      return pwrite.applyAsInt(file.channel().size());
    } finally {
      descriptors.set(fd, file);
    }
  }

  /** Replaces the open file at fd (same number) by one with this channel and these flags. */
  public void replaceFile(int fd, FileChannel channel, int fdFlags) {
    var file = (Descriptors.OpenFile) descriptors.get(fd);
    descriptors.set(fd, new Descriptors.OpenFile(file.path(), channel, fdFlags, file.rights()));
  }

  /**
   * The rights Endive's fd_fdstat_get reports for fd, base and inheriting (it tracks none of its
   * own: they follow from the kind of descriptor), or null when fd is not open.
   */
  public long[] reportedRights(int fd) {
    var descriptor = descriptors.get(fd);
    if (descriptor instanceof Descriptors.InStream) {
      return new long[] {WasiRights.FD_READ, 0};
    }
    if (descriptor instanceof Descriptors.OutStream) {
      return new long[] {WasiRights.FD_WRITE, 0};
    }
    if (descriptor instanceof Descriptors.Directory) {
      long base = WasiRights.DIRECTORY_RIGHTS_BASE;
      return new long[] {base, base | WasiRights.FILE_RIGHTS_BASE};
    }
    if (descriptor instanceof Descriptors.OpenFile file) {
      return new long[] {file.rights() & WasiRights.FILE_RIGHTS_BASE, 0};
    }
    return null;
  }

  /** Gives the socket the lowest free descriptor number. */
  public int allocateSocket(Closeable socket) {
    int fd = descriptors.allocate(new SocketDescriptor(socket));
    liveSockets++;
    return fd;
  }

  /** The socket at fd, or null when fd is not a socket. */
  public Closeable socket(int fd) {
    if (liveSockets == 0) {
      return null;
    }
    return descriptors.get(fd) instanceof SocketDescriptor descriptor ? descriptor.socket : null;
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

  /** Frees a socket's descriptor number (the socket is closed by its owner). */
  public void freeSocket(int fd) {
    if (descriptors.get(fd) instanceof SocketDescriptor) {
      liveSockets--;
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
