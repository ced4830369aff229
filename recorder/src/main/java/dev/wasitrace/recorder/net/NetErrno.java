package dev.wasitrace.recorder.net;

import dev.wasitrace.wasi.Errno;
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

/** How Java's socket exceptions map to WASI errno values. */
final class NetErrno {

  private NetErrno() {}

  /** The errno a failed socket operation reports to the guest. */
  static int of(Exception e) {
    if (e instanceof SocketError error) {
      return error.errno;
    }
    if (e instanceof ConnectException) {
      String message = String.valueOf(e.getMessage());
      return message.contains("timed out") ? Errno.ETIMEDOUT : Errno.ECONNREFUSED;
    }
    if (e instanceof BindException) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("in use")) {
        return Errno.EADDRINUSE;
      }
      return message.contains("assign") ? Errno.EADDRNOTAVAIL : Errno.EACCES;
    }
    if (e instanceof NoRouteToHostException) {
      return Errno.EHOSTUNREACH;
    }
    if (e instanceof PortUnreachableException) {
      return Errno.ECONNREFUSED;
    }
    if (e instanceof NotYetConnectedException) {
      return Errno.ENOTCONN;
    }
    if (e instanceof AlreadyConnectedException) {
      return Errno.EISCONN;
    }
    if (e instanceof ConnectionPendingException) {
      return Errno.EALREADY;
    }
    if (e instanceof UnresolvedAddressException || e instanceof UnsupportedAddressTypeException) {
      return Errno.EAFNOSUPPORT;
    }
    if (e instanceof ClosedChannelException) {
      return Errno.EPIPE;
    }
    if (e instanceof IOException) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("reset")) {
        return Errno.ECONNRESET;
      }
      if (message.contains("Broken pipe")) {
        return Errno.EPIPE;
      }
      if (message.contains("refused")) {
        return Errno.ECONNREFUSED;
      }
      if (message.contains("unreachable")) {
        return Errno.ENETUNREACH;
      }
      if (message.contains("aborted")) {
        return Errno.ECONNABORTED;
      }
      return Errno.EIO;
    }
    return Errno.EINVAL;
  }
}
