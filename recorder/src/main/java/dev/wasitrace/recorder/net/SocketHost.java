package dev.wasitrace.recorder.net;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import run.endive.runtime.Memory;
import run.endive.wasi.DescriptorTable;

/**
 * The guest's sockets: the WasmEdge socket extension (v1 and v2) and preview1's sock_*, plus the
 * descriptor calls that also work on sockets (fd_read, fd_write, fd_close, fd_fdstat_*,
 * poll_oneoff). Sockets live in Endive's descriptor table, so numbers never clash with files. Every
 * output goes through the memory it is given, so the recorder sees each write.
 */
public final class SocketHost implements AutoCloseable {
  private static final int FDFLAG_NONBLOCK = 4;
  private static final int RIFLAG_PEEK = 1;
  private static final int ROFLAG_TRUNCATED = 1;
  private static final int FILETYPE_SOCKET_DGRAM = 5;
  private static final int FILETYPE_SOCKET_STREAM = 6;

  private final DescriptorTable descriptors;
  private final NetworkPolicy policy;
  private final SocketPoller poller;

  public SocketHost(DescriptorTable descriptors, NetworkPolicy policy) {
    this.descriptors = requireNonNull(descriptors);
    this.policy = requireNonNull(policy);
    this.poller = new SocketPoller(descriptors);
  }

  /** Releases the poller; the sockets themselves close with Endive's descriptor table. */
  @Override
  public void close() {
    poller.close();
  }

  /** The socket at fd, or null. */
  GuestSocket socket(int fd) {
    return descriptors.socket(fd) instanceof GuestSocket socket ? socket : null;
  }

  public boolean isSocket(int fd) {
    return socket(fd) != null;
  }

  /** What the log keeps about the socket at fd, or null when fd is no socket. */
  public SocketInfo info(int fd) {
    GuestSocket socket = socket(fd);
    if (socket == null) {
      return null;
    }
    return new SocketInfo(
        socket.proto(),
        GuestAddresses.format(socket.localAddress()),
        GuestAddresses.format(socket.peerAddress()));
  }

  /** Whether a poll_oneoff call involves sockets and so must be answered here. */
  public boolean pollInvolvesSockets(Memory memory, long[] a) {
    return poller.involvesSockets(memory, (int) a[0], (int) a[2]);
  }

  /** One socket-related call; returns the errno. */
  public int call(WasiFunction function, Memory memory, long[] a) {
    try {
      return dispatch(function, memory, a);
    } catch (SocketError e) {
      return e.errno;
    }
  }

  private int dispatch(WasiFunction function, Memory memory, long[] a) throws SocketError {
    int fd = (int) a[0];
    return switch (function) {
      case SOCK_OPEN -> open(memory, (int) a[0], (int) a[1], (int) a[2]);
      case SOCK_BIND -> {
        stream(fd).bind(GuestAddresses.read(memory, (int) a[1], (int) a[2]));
        yield 0;
      }
      case SOCK_CONNECT -> {
        stream(fd).connect(GuestAddresses.read(memory, (int) a[1], (int) a[2]));
        yield 0;
      }
      case SOCK_LISTEN -> {
        stream(fd).listen((int) a[1]);
        yield 0;
      }
      case SOCK_ACCEPT -> accept(memory, fd, (int) a[1], (int) a[2]);
      case SOCK_ACCEPT_V1 -> accept(memory, fd, 0, (int) a[1]);
      case SOCK_RECV -> receive(memory, fd, a[1], a[2], (int) a[3], (int) a[4], (int) a[5], -1, -1);
      case SOCK_RECV_FROM ->
          receive(
              memory, fd, a[1], a[2], (int) a[4], (int) a[6], (int) a[7], (int) a[3], (int) a[5]);
      case SOCK_RECV_FROM_V1 ->
          receive(memory, fd, a[1], a[2], (int) a[4], (int) a[5], (int) a[6], (int) a[3], -2);
      case SOCK_SEND -> send(memory, fd, a[1], a[2], null, (int) a[4]);
      case SOCK_SEND_TO ->
          send(
              memory,
              fd,
              a[1],
              a[2],
              GuestAddresses.read(memory, (int) a[3], (int) a[4]),
              (int) a[6]);
      case SOCK_SHUTDOWN -> {
        int how = (int) a[1];
        if ((how & ~3) != 0 || how == 0) {
          throw new SocketError(Errno.EINVAL);
        }
        stream(fd).shutdown((how & 1) != 0, (how & 2) != 0);
        yield 0;
      }
      case SOCK_GETSOCKOPT -> {
        checkOptionLength((int) a[4]);
        memory.writeI32((int) a[3], stream(fd).getOption((int) a[1], (int) a[2]));
        yield 0;
      }
      case SOCK_SETSOCKOPT -> {
        checkOptionLength((int) a[4]);
        stream(fd).setOption((int) a[1], (int) a[2], memory.readInt((int) a[3]));
        yield 0;
      }
      case SOCK_GETLOCALADDR, SOCK_GETPEERADDR, SOCK_GETLOCALADDR_V1, SOCK_GETPEERADDR_V1 ->
          address(memory, function, fd, a);
      case SOCK_GETADDRINFO -> AddressInfo.resolve(memory, a);
      case FD_READ -> receive(memory, fd, a[1], a[2], 0, (int) a[3], -1, -1, -1);
      case FD_WRITE -> send(memory, fd, a[1], a[2], null, (int) a[3]);
      case FD_CLOSE -> {
        socket(fd).close();
        descriptors.freeSocket(fd);
        yield 0;
      }
      case FD_FDSTAT_GET -> fdstat(memory, fd, (int) a[1]);
      case FD_FDSTAT_SET_FLAGS -> {
        socket(fd).nonBlocking = ((int) a[1] & FDFLAG_NONBLOCK) != 0;
        yield 0;
      }
      case FD_FILESTAT_GET -> {
        int buf = (int) a[1];
        memory.write(buf, new byte[64], 0, 64);
        memory.writeByte(buf + 16, (byte) filetype(socket(fd)));
        memory.writeLong(buf + 24, 1);
        yield 0;
      }
      case FD_SEEK, FD_TELL, FD_PREAD, FD_PWRITE -> Errno.ESPIPE;
      case POLL_ONEOFF -> poller.poll(memory, (int) a[0], (int) a[1], (int) a[2], (int) a[3]);
      default -> Errno.EBADF;
    };
  }

  private int open(Memory memory, int family, int type, int fdPtr) throws SocketError {
    if (family != GuestAddresses.FAMILY_INET && family != GuestAddresses.FAMILY_INET6) {
      throw new SocketError(Errno.EAFNOSUPPORT);
    }
    GuestSocket.Kind kind =
        switch (type) {
          case 0, 2 -> GuestSocket.Kind.STREAM;
          case 1 -> GuestSocket.Kind.DATAGRAM;
          default -> throw new SocketError(Errno.EPROTOTYPE);
        };
    GuestSocket socket = new GuestSocket(family, kind, policy);
    int fd = descriptors.allocateSocket(socket);
    try {
      memory.writeI32(fdPtr, fd);
    } catch (RuntimeException e) {
      socket.close();
      descriptors.freeSocket(fd);
      throw e;
    }
    return 0;
  }

  private int accept(Memory memory, int fd, int fdflags, int fdPtr) throws SocketError {
    GuestSocket accepted = stream(fd).accept((fdflags & FDFLAG_NONBLOCK) != 0);
    int newFd = descriptors.allocateSocket(accepted);
    memory.writeI32(fdPtr, newFd);
    return 0;
  }

  /**
   * Receives into the iovecs. {@code addrPtr} receives the sender for recv_from ({@code portPtr} -1
   * for none, -2 for v1, which has no port pointer).
   */
  private int receive(
      Memory memory,
      int fd,
      long iovs,
      long iovsLen,
      int flags,
      int nreadPtr,
      int roflagsPtr,
      int addrPtr,
      int portPtr)
      throws SocketError {
    GuestSocket socket = stream(fd);
    checkIovecs(memory, iovs, iovsLen);
    byte[][] targets = new byte[(int) iovsLen][];
    ByteBuffer[] buffers = new ByteBuffer[(int) iovsLen];
    for (int i = 0; i < iovsLen; i++) {
      targets[i] = new byte[memory.readInt((int) iovs + i * 8 + 4)];
      buffers[i] = ByteBuffer.wrap(targets[i]);
    }
    GuestSocket.Received received = socket.receive(buffers, (flags & RIFLAG_PEEK) != 0);
    for (int i = 0; i < iovsLen; i++) {
      int filled = buffers[i].position();
      if (filled > 0) {
        memory.write(memory.readInt((int) iovs + i * 8), targets[i], 0, filled);
      }
    }
    if (addrPtr >= 0 && received.from() != null) {
      if (portPtr == -2) {
        GuestAddresses.writeV1(memory, addrPtr, received.from());
      } else {
        GuestAddresses.writeV2(memory, addrPtr, received.from());
        memory.writeI32(portPtr, received.from().getPort());
      }
    }
    memory.writeI32(nreadPtr, (int) received.bytes());
    if (roflagsPtr >= 0) {
      memory.writeI32(roflagsPtr, received.truncated() ? ROFLAG_TRUNCATED : 0);
    }
    return 0;
  }

  private int send(
      Memory memory, int fd, long iovs, long iovsLen, InetSocketAddress to, int nwrittenPtr)
      throws SocketError {
    GuestSocket socket = stream(fd);
    checkIovecs(memory, iovs, iovsLen);
    ByteBuffer[] buffers = new ByteBuffer[(int) iovsLen];
    for (int i = 0; i < iovsLen; i++) {
      int base = (int) iovs + i * 8;
      buffers[i] =
          ByteBuffer.wrap(memory.readBytes(memory.readInt(base), memory.readInt(base + 4)));
    }
    long sent = socket.send(buffers, to);
    memory.writeI32(nwrittenPtr, (int) sent);
    return 0;
  }

  private int address(Memory memory, WasiFunction function, int fd, long[] a) throws SocketError {
    GuestSocket socket = stream(fd);
    boolean local =
        function == WasiFunction.SOCK_GETLOCALADDR || function == WasiFunction.SOCK_GETLOCALADDR_V1;
    InetSocketAddress address = local ? socket.localAddress() : connectedPeer(socket);
    if (address == null) {
      throw new SocketError(local ? Errno.EINVAL : Errno.ENOTCONN);
    }
    if (function.variant() == WasiFunction.Variant.WASMEDGE_V1) {
      int type = GuestAddresses.writeV1(memory, (int) a[1], address);
      memory.writeI32((int) a[2], type);
      memory.writeI32((int) a[3], address.getPort());
    } else {
      GuestAddresses.writeV2(memory, (int) a[1], address);
      memory.writeI32((int) a[2], address.getPort());
    }
    return 0;
  }

  private static InetSocketAddress connectedPeer(GuestSocket socket) {
    return socket.isConnected() ? socket.peerAddress() : null;
  }

  private int fdstat(Memory memory, int fd, int buf) {
    GuestSocket socket = socket(fd);
    memory.write(buf, new byte[24], 0, 24);
    memory.writeByte(buf, (byte) filetype(socket));
    memory.writeShort(buf + 2, (short) (socket.nonBlocking ? FDFLAG_NONBLOCK : 0));
    memory.writeLong(buf + 8, -1L);
    memory.writeLong(buf + 16, -1L);
    return 0;
  }

  private static int filetype(GuestSocket socket) {
    return socket.kind == GuestSocket.Kind.STREAM ? FILETYPE_SOCKET_STREAM : FILETYPE_SOCKET_DGRAM;
  }

  private GuestSocket stream(int fd) throws SocketError {
    GuestSocket socket = socket(fd);
    if (socket == null) {
      throw new SocketError(descriptors.isOpen(fd) ? Errno.ENOTSOCK : Errno.EBADF);
    }
    return socket;
  }

  /** Every iovec, and the buffer it points to, lies in guest memory: else EFAULT, no allocation. */
  private static void checkIovecs(Memory memory, long iovs, long count) throws SocketError {
    long size = (long) memory.pages() * Memory.PAGE_SIZE;
    long array = Integer.toUnsignedLong((int) iovs);
    if (count < 0 || count > 1024 || array + count * 8 > size) {
      throw new SocketError(count < 0 || count > 1024 ? Errno.EINVAL : Errno.EFAULT);
    }
    for (int i = 0; i < count; i++) {
      long buf = Integer.toUnsignedLong(memory.readInt((int) array + i * 8));
      long len = Integer.toUnsignedLong(memory.readInt((int) array + i * 8 + 4));
      if (buf + len > size) {
        throw new SocketError(Errno.EFAULT);
      }
    }
  }

  private static void checkOptionLength(int length) throws SocketError {
    if (length != 4) {
      throw new SocketError(Errno.EINVAL);
    }
  }
}
