package dev.wasitrace.recorder.net;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.channels.UnsupportedAddressTypeException;

/** WASI errno values of the socket layer, and how Java's socket exceptions map to them. */
final class NetErrno {
  static final int EACCES = 2;
  static final int EADDRINUSE = 3;
  static final int EADDRNOTAVAIL = 4;
  static final int EAFNOSUPPORT = 5;
  static final int EAGAIN = 6;
  static final int EALREADY = 7;
  static final int EBADF = 8;
  static final int ECONNABORTED = 13;
  static final int ECONNREFUSED = 14;
  static final int ECONNRESET = 15;
  static final int EDESTADDRREQ = 17;
  static final int EFAULT = 21;
  static final int EHOSTUNREACH = 23;
  static final int EINPROGRESS = 26;
  static final int EINVAL = 28;
  static final int EIO = 29;
  static final int EISCONN = 30;
  static final int EMSGSIZE = 35;
  static final int ENETUNREACH = 40;
  static final int ENOENT = 44;
  static final int ENOPROTOOPT = 50;
  static final int ENOTCONN = 53;
  static final int ENOTSOCK = 57;
  static final int ENOTSUP = 58;
  static final int EPIPE = 64;
  static final int EPROTONOSUPPORT = 66;
  static final int EPROTOTYPE = 67;
  static final int ESPIPE = 70;
  static final int ETIMEDOUT = 73;

  private NetErrno() {}

  /** The errno a failed socket operation reports to the guest. */
  static int of(Exception e) {
    if (e instanceof SocketError error) {
      return error.errno;
    }
    if (e instanceof ConnectException) {
      String message = String.valueOf(e.getMessage());
      return message.contains("timed out") ? ETIMEDOUT : ECONNREFUSED;
    }
    if (e instanceof BindException) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("in use")) {
        return EADDRINUSE;
      }
      return message.contains("assign") ? EADDRNOTAVAIL : EACCES;
    }
    if (e instanceof NoRouteToHostException) {
      return EHOSTUNREACH;
    }
    if (e instanceof PortUnreachableException) {
      return ECONNREFUSED;
    }
    if (e instanceof NotYetConnectedException) {
      return ENOTCONN;
    }
    if (e instanceof AlreadyConnectedException) {
      return EISCONN;
    }
    if (e instanceof ConnectionPendingException) {
      return EALREADY;
    }
    if (e instanceof UnresolvedAddressException || e instanceof UnsupportedAddressTypeException) {
      return EAFNOSUPPORT;
    }
    if (e instanceof ClosedChannelException) {
      return EPIPE;
    }
    if (e instanceof IOException) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("reset")) {
        return ECONNRESET;
      }
      if (message.contains("Broken pipe")) {
        return EPIPE;
      }
      if (message.contains("refused")) {
        return ECONNREFUSED;
      }
      if (message.contains("unreachable")) {
        return ENETUNREACH;
      }
      if (message.contains("aborted")) {
        return ECONNABORTED;
      }
      return EIO;
    }
    return EINVAL;
  }
}
