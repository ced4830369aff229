package dev.wasitrace.recorder.net;

import dev.wasitrace.wasi.Errno;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One guest socket on Java NIO. Channels are always non-blocking underneath; a guest socket in
 * blocking mode waits on its own selector, so poll_oneoff can watch any socket at any time. A
 * stream socket becomes a client ({@link SocketChannel}) on connect and a listener ({@link
 * ServerSocketChannel}) on listen; until then a bind holds the address on a client channel.
 */
final class GuestSocket implements Closeable {
  enum Kind {
    STREAM,
    DATAGRAM
  }

  final int family;
  final Kind kind;
  private final NetworkPolicy policy;
  boolean nonBlocking;
  private SocketChannel stream;
  private ServerSocketChannel listener;
  private DatagramChannel datagram;
  private InetSocketAddress peer;
  // The local address a connect used, kept for the log when the connect fails and the channel
  // closes (the kernel had bound it, as on Linux).
  private InetSocketAddress connectedFrom;
  private boolean connectPending;
  private boolean readShut;
  private boolean writeShut;
  // Bytes read ahead by a MSG_PEEK receive, served first to the next receive.
  private ByteBuffer peeked;
  // An asynchronous connect's failure, for SO_ERROR and the next call.
  private int pendingError;
  private final Map<SocketOption<?>, Object> options = new LinkedHashMap<>();
  private Selector waiter;

  GuestSocket(int family, Kind kind, NetworkPolicy policy) throws SocketError {
    this.family = family;
    this.kind = kind;
    this.policy = policy;
    if (kind == Kind.DATAGRAM) {
      try {
        datagram = DatagramChannel.open(protocolFamily());
        datagram.configureBlocking(false);
      } catch (IOException e) {
        throw new SocketError(NetErrno.of(e));
      }
    }
  }

  /** Wraps a connection accepted by a listener. */
  GuestSocket(SocketChannel accepted, int family, NetworkPolicy policy, boolean nonBlocking)
      throws IOException {
    this.family = family;
    this.kind = Kind.STREAM;
    this.policy = policy;
    this.stream = accepted;
    this.nonBlocking = nonBlocking;
    accepted.configureBlocking(false);
    this.peer = (InetSocketAddress) accepted.getRemoteAddress();
  }

  String proto() {
    return kind == Kind.STREAM ? "TCP" : "UDP";
  }

  boolean isListener() {
    return listener != null;
  }

  // ---- addresses

  InetSocketAddress localAddress() {
    try {
      NetworkChannel channel = channel();
      InetSocketAddress local =
          channel == null || !channel.isOpen()
              ? null
              : (InetSocketAddress) channel.getLocalAddress();
      return local != null ? local : connectedFrom;
    } catch (IOException e) {
      return connectedFrom;
    }
  }

  /** The connected peer, or the target of a connect in progress or failed. */
  InetSocketAddress peerAddress() {
    return peer;
  }

  boolean isConnected() {
    return (stream != null && stream.isConnected()) || (datagram != null && datagram.isConnected());
  }

  // ---- lifecycle

  void bind(InetSocketAddress address) throws SocketError {
    checkFamily(address);
    if (localAddress() != null) {
      throw new SocketError(Errno.EINVAL);
    }
    try {
      if (kind == Kind.DATAGRAM) {
        datagram.bind(listenable(address));
      } else {
        stream = openStream();
        stream.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        stream.bind(address);
      }
    } catch (IOException e) {
      throw new SocketError(NetErrno.of(e));
    }
  }

  void listen(int backlog) throws SocketError {
    if (kind != Kind.STREAM) {
      throw new SocketError(Errno.ENOTSUP);
    }
    if (listener != null) {
      return;
    }
    if (stream != null && (stream.isConnected() || stream.isConnectionPending())) {
      throw new SocketError(Errno.EINVAL);
    }
    InetSocketAddress local = localAddress();
    if (local == null) {
      local = new InetSocketAddress(wildcard(), 0);
    }
    InetSocketAddress address = listenable(local);
    try {
      if (stream != null) {
        stream.close(); // it only held the bound address
        stream = null;
      }
      listener = ServerSocketChannel.open(protocolFamily());
      listener.configureBlocking(false);
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      applyOptions(listener);
      listener.bind(address, Math.max(backlog, 1));
    } catch (IOException e) {
      throw new SocketError(NetErrno.of(e));
    }
  }

  /**
   * The address to really listen on: allowed by the policy as it is, or — for a wildcard the policy
   * does not allow — loopback, so a server binding 0.0.0.0 works inside the sandbox.
   */
  private InetSocketAddress listenable(InetSocketAddress address) throws SocketError {
    if (policy.mayListen(address)) {
      return address;
    }
    if (address.getAddress().isAnyLocalAddress()) {
      InetSocketAddress loopback = new InetSocketAddress(loopback(), address.getPort());
      if (policy.mayListen(loopback)) {
        return loopback;
      }
    }
    throw new SocketError(Errno.EACCES);
  }

  GuestSocket accept(boolean acceptedNonBlocking) throws SocketError {
    if (listener == null) {
      throw new SocketError(Errno.EINVAL);
    }
    try {
      while (true) {
        SocketChannel accepted = listener.accept();
        if (accepted != null) {
          return new GuestSocket(accepted, family, policy, acceptedNonBlocking);
        }
        waitUntil(SelectionKey.OP_ACCEPT);
      }
    } catch (IOException e) {
      throw new SocketError(NetErrno.of(e));
    }
  }

  void connect(InetSocketAddress target) throws SocketError {
    checkFamily(target);
    if (!policy.mayConnect(target)) {
      peer = target;
      throw new SocketError(Errno.EACCES);
    }
    if (kind == Kind.DATAGRAM) {
      try {
        datagram.connect(target);
        peer = target;
        return;
      } catch (IOException e) {
        throw new SocketError(NetErrno.of(e));
      }
    }
    if (listener != null) {
      throw new SocketError(Errno.EINVAL);
    }
    if (connectPending) {
      throw new SocketError(Errno.EALREADY);
    }
    if (stream != null && stream.isConnected()) {
      throw new SocketError(Errno.EISCONN);
    }
    peer = target;
    try {
      if (stream == null) {
        stream = openStream();
      }
      if (stream.getLocalAddress() == null) {
        // Bound before connecting so the log has our address even when the connect is refused.
        InetAddress local = target.getAddress().isLoopbackAddress() ? loopback() : wildcard();
        stream.bind(new InetSocketAddress(local, 0));
      }
      connectedFrom = (InetSocketAddress) stream.getLocalAddress();
      boolean connected = stream.connect(target);
      if (connected) {
        return;
      }
      connectPending = true;
      if (nonBlocking) {
        throw new SocketError(Errno.EINPROGRESS);
      }
      waitUntil(SelectionKey.OP_CONNECT);
      finishConnect();
    } catch (IOException e) {
      connectPending = false;
      throw new SocketError(NetErrno.of(e));
    }
  }

  /** Completes an asynchronous connect if it is done; true when connected. */
  boolean finishConnect() throws SocketError {
    if (!connectPending) {
      return stream != null && stream.isConnected();
    }
    try {
      if (stream.finishConnect()) {
        connectPending = false;
        return true;
      }
      return false;
    } catch (IOException e) {
      connectPending = false;
      pendingError = NetErrno.of(e);
      throw new SocketError(pendingError);
    }
  }

  // ---- data

  /** Sends from the buffers; returns the bytes sent. */
  long send(ByteBuffer[] buffers, InetSocketAddress to) throws SocketError {
    takePendingError();
    try {
      if (kind == Kind.DATAGRAM) {
        ByteBuffer datagramBytes = concat(buffers);
        InetSocketAddress target = to != null ? to : peer;
        if (target == null) {
          throw new SocketError(Errno.EDESTADDRREQ);
        }
        if (to != null && !policy.mayConnect(to)) {
          throw new SocketError(Errno.EACCES);
        }
        int size = datagramBytes.remaining();
        int sent =
            datagram.isConnected()
                ? datagram.write(datagramBytes)
                : datagram.send(datagramBytes, target);
        if (sent == 0 && size > 0) {
          throw new SocketError(Errno.EAGAIN);
        }
        return sent;
      }
      if (connectPending && !finishConnect()) {
        throw new SocketError(Errno.EAGAIN);
      }
      if (stream == null || !stream.isConnected()) {
        throw new SocketError(Errno.ENOTCONN);
      }
      if (writeShut) {
        throw new SocketError(Errno.EPIPE);
      }
      // Non-blocking: what fits now (EAGAIN if nothing). Blocking: all of it, as send(2) does.
      long total = remaining(buffers);
      long sent = 0;
      while (true) {
        sent += stream.write(buffers);
        if (sent == total || (nonBlocking && sent > 0)) {
          return sent;
        }
        if (nonBlocking) {
          throw new SocketError(Errno.EAGAIN);
        }
        waitUntil(SelectionKey.OP_WRITE);
      }
    } catch (IOException e) {
      throw new SocketError(NetErrno.of(e));
    }
  }

  /** A received datagram's sender, or the stream's peer. */
  record Received(long bytes, InetSocketAddress from, boolean truncated) {}

  Received receive(ByteBuffer[] buffers, boolean peek) throws SocketError {
    takePendingError();
    try {
      if (kind == Kind.DATAGRAM) {
        return receiveDatagram(buffers, peek);
      }
      if (connectPending && !finishConnect()) {
        throw new SocketError(Errno.EAGAIN);
      }
      if (stream == null || !stream.isConnected()) {
        throw new SocketError(Errno.ENOTCONN);
      }
      if (readShut) {
        return new Received(0, peer, false);
      }
      while (true) {
        long n = readStream(buffers, peek);
        if (n != 0 || remaining(buffers) == 0) {
          return new Received(Math.max(n, 0), peer, false);
        }
        if (nonBlocking) {
          throw new SocketError(Errno.EAGAIN);
        }
        waitUntil(SelectionKey.OP_READ);
      }
    } catch (IOException e) {
      throw new SocketError(NetErrno.of(e));
    }
  }

  // Returns the bytes read, 0 if nothing is there yet, -1 at end of stream.
  private long readStream(ByteBuffer[] buffers, boolean peek) throws IOException {
    if (peeked == null || !peeked.hasRemaining()) {
      if (!peek) {
        return stream.read(buffers);
      }
      ByteBuffer ahead = ByteBuffer.allocate((int) Math.min(remaining(buffers), 1 << 16));
      int n = stream.read(ahead);
      if (n <= 0) {
        return n;
      }
      ahead.flip();
      peeked = ahead;
    }
    ByteBuffer source = peek ? peeked.duplicate() : peeked;
    long copied = 0;
    for (ByteBuffer buffer : buffers) {
      while (buffer.hasRemaining() && source.hasRemaining()) {
        buffer.put(source.get());
        copied++;
      }
    }
    return copied;
  }

  private Received receiveDatagram(ByteBuffer[] buffers, boolean peek)
      throws IOException, SocketError {
    int capacity = (int) Math.min(remaining(buffers), 65_536);
    ByteBuffer packet = ByteBuffer.allocate(65_536);
    InetSocketAddress from;
    if (peeked != null) {
      packet = peeked.duplicate();
      from = peer;
    } else {
      while (true) {
        from = (InetSocketAddress) datagram.receive(packet);
        if (from != null) {
          break;
        }
        if (nonBlocking) {
          throw new SocketError(Errno.EAGAIN);
        }
        waitUntil(SelectionKey.OP_READ);
      }
      packet.flip();
      if (peek) {
        peeked = packet.duplicate();
      }
    }
    if (!peek) {
      peeked = null;
    }
    int size = packet.remaining();
    ByteBuffer source = packet.duplicate();
    long copied = 0;
    for (ByteBuffer buffer : buffers) {
      while (buffer.hasRemaining() && source.hasRemaining()) {
        buffer.put(source.get());
        copied++;
      }
    }
    return new Received(copied, from, size > capacity);
  }

  void shutdown(boolean read, boolean write) throws SocketError {
    if (kind != Kind.STREAM || stream == null || !stream.isConnected()) {
      throw new SocketError(Errno.ENOTCONN);
    }
    try {
      if (read && !readShut) {
        stream.shutdownInput();
        readShut = true;
      }
      if (write && !writeShut) {
        stream.shutdownOutput();
        writeShut = true;
      }
    } catch (IOException e) {
      throw new SocketError(NetErrno.of(e));
    }
  }

  boolean readShut() {
    return readShut;
  }

  boolean writeShut() {
    return writeShut;
  }

  // ---- options (SOL_SOCKET 0 and IPPROTO_TCP 6, as WasmEdge numbers them)

  int getOption(int level, int name) throws SocketError {
    if (level == 6 && name == 1) {
      return bool(option(StandardSocketOptions.TCP_NODELAY));
    }
    if (level != 0) {
      throw new SocketError(Errno.ENOPROTOOPT);
    }
    return switch (name) {
      case 0 -> bool(option(StandardSocketOptions.SO_REUSEADDR));
      case 1 -> kind == Kind.STREAM ? 2 : 1;
      case 2 -> {
        int error = pendingError;
        pendingError = 0;
        yield error;
      }
      case 4 -> bool(option(StandardSocketOptions.SO_BROADCAST));
      case 5 -> number(option(StandardSocketOptions.SO_SNDBUF));
      case 6 -> number(option(StandardSocketOptions.SO_RCVBUF));
      case 7 -> bool(option(StandardSocketOptions.SO_KEEPALIVE));
      case 13 -> listener != null ? 1 : 0;
      default -> throw new SocketError(Errno.ENOPROTOOPT);
    };
  }

  void setOption(int level, int name, int value) throws SocketError {
    if (level == 6 && name == 1) {
      setOption(StandardSocketOptions.TCP_NODELAY, value != 0);
      return;
    }
    if (level != 0) {
      throw new SocketError(Errno.ENOPROTOOPT);
    }
    switch (name) {
      case 0 -> setOption(StandardSocketOptions.SO_REUSEADDR, value != 0);
      case 4 -> setOption(StandardSocketOptions.SO_BROADCAST, value != 0);
      case 5 -> setOption(StandardSocketOptions.SO_SNDBUF, value);
      case 6 -> setOption(StandardSocketOptions.SO_RCVBUF, value);
      case 7 -> setOption(StandardSocketOptions.SO_KEEPALIVE, value != 0);
      default -> throw new SocketError(Errno.ENOPROTOOPT);
    }
  }

  private <T> void setOption(SocketOption<T> option, T value) throws SocketError {
    NetworkChannel channel = channel();
    try {
      if (channel != null && channel.supportedOptions().contains(option)) {
        channel.setOption(option, value);
      }
      options.put(option, value);
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new SocketError(Errno.EINVAL);
    }
  }

  private Object option(SocketOption<?> option) throws SocketError {
    NetworkChannel channel = channel();
    try {
      if (channel != null && channel.supportedOptions().contains(option)) {
        return channel.getOption(option);
      }
      return options.get(option);
    } catch (IOException | UnsupportedOperationException e) {
      throw new SocketError(Errno.ENOPROTOOPT);
    }
  }

  private static int bool(Object value) {
    return Boolean.TRUE.equals(value) ? 1 : 0;
  }

  private static int number(Object value) {
    return value instanceof Integer i ? i : 0;
  }

  @SuppressWarnings("unchecked")
  private void applyOptions(NetworkChannel channel) throws IOException {
    for (Map.Entry<SocketOption<?>, Object> entry : options.entrySet()) {
      if (channel.supportedOptions().contains(entry.getKey())) {
        channel.setOption((SocketOption<Object>) entry.getKey(), entry.getValue());
      }
    }
  }

  // ---- readiness, for poll_oneoff

  /** The selectable channel and the interest ops for a read or write subscription. */
  SelectableChannel selectable() {
    if (listener != null) {
      return listener;
    }
    return kind == Kind.DATAGRAM ? datagram : stream;
  }

  int readInterest() {
    return listener != null ? SelectionKey.OP_ACCEPT : SelectionKey.OP_READ;
  }

  int writeInterest() {
    return connectPending ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
  }

  /** Readable without asking the selector: peeked bytes, a shut read side, a failed connect. */
  boolean readableNow() {
    return (peeked != null && peeked.hasRemaining()) || readShut || pendingError != 0;
  }

  /** A socket that cannot be waited on (unconnected stream) reports ready at once, like Linux. */
  boolean hasNothingToWaitFor() {
    return selectable() == null;
  }

  /** After the selector said the connect finished: complete it, keeping any error for later. */
  void connectReady() {
    try {
      finishConnect();
    } catch (SocketError e) {
      // kept in pendingError: SO_ERROR and the next call report it
    }
  }

  private void takePendingError() throws SocketError {
    if (pendingError != 0 && !connectPending) {
      int error = pendingError;
      pendingError = 0;
      throw new SocketError(error);
    }
  }

  private void waitUntil(int ops) throws IOException {
    if (waiter == null) {
      waiter = Selector.open();
    }
    SelectableChannel channel = selectable();
    SelectionKey key = channel.keyFor(waiter);
    if (key == null) {
      key = channel.register(waiter, ops);
    } else {
      key.interestOps(ops);
    }
    waiter.select();
    waiter.selectedKeys().clear();
  }

  @Override
  public void close() {
    for (Closeable closeable : new Closeable[] {stream, listener, datagram, waiter}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (IOException e) {
          // closing: nothing left to report to
        }
      }
    }
  }

  // ---- helpers

  private NetworkChannel channel() {
    if (listener != null) {
      return listener;
    }
    return kind == Kind.DATAGRAM ? datagram : stream;
  }

  private SocketChannel openStream() throws IOException {
    SocketChannel channel = SocketChannel.open(protocolFamily());
    channel.configureBlocking(false);
    applyOptions(channel);
    return channel;
  }

  private ProtocolFamily protocolFamily() {
    return family == GuestAddresses.FAMILY_INET6
        ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
  }

  private void checkFamily(InetSocketAddress address) throws SocketError {
    boolean v6 = address.getAddress() instanceof Inet6Address;
    if (v6 != (family == GuestAddresses.FAMILY_INET6)) {
      throw new SocketError(Errno.EAFNOSUPPORT);
    }
  }

  private InetAddress wildcard() {
    try {
      return InetAddress.getByAddress(new byte[family == GuestAddresses.FAMILY_INET6 ? 16 : 4]);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private InetAddress loopback() {
    return family == GuestAddresses.FAMILY_INET6 ? ipv6Loopback() : ipv4Loopback();
  }

  private static InetAddress ipv4Loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InetAddress ipv6Loopback() {
    byte[] bytes = new byte[16];
    bytes[15] = 1;
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static long remaining(ByteBuffer[] buffers) {
    long total = 0;
    for (ByteBuffer buffer : buffers) {
      total += buffer.remaining();
    }
    return total;
  }

  private static ByteBuffer concat(ByteBuffer[] buffers) {
    if (buffers.length == 1) {
      return buffers[0];
    }
    ByteBuffer all = ByteBuffer.allocate((int) remaining(buffers));
    for (ByteBuffer buffer : buffers) {
      all.put(buffer.duplicate());
    }
    return all.flip();
  }
}
