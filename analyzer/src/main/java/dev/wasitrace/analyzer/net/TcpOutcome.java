package dev.wasitrace.analyzer.net;

import dev.wasitrace.wasi.Errno;

/**
 * What a socket call's result says happened on the wire of its TCP connection. One reading of the
 * errnos for every view built on the calls: Zeek's conn.log ({@link ConnectionSummarizer}) and the
 * synthesized packets of {@code export pcap}.
 */
public enum TcpOutcome {
  /** The connection is established (or already was). */
  ESTABLISHED,
  /** A SYN went out and had no answer yet: a non-blocking connect, a timeout, no route. */
  SYN_SENT,
  /** The peer answered the SYN with a RST. */
  REFUSED,
  /** The peer reset the connection. */
  RESET,
  /**
   * Nothing reached the network: the sandbox refused (EACCES), bad arguments, a would-block, or an
   * error the guest's own stack gave.
   */
  NONE;

  private static final int EALREADY = Errno.value("EALREADY");
  private static final int ECONNREFUSED = Errno.value("ECONNREFUSED");
  private static final int ECONNRESET = Errno.value("ECONNRESET");
  private static final int EHOSTUNREACH = Errno.value("EHOSTUNREACH");
  private static final int EINPROGRESS = Errno.value("EINPROGRESS");
  private static final int EISCONN = Errno.value("EISCONN");
  private static final int ENETUNREACH = Errno.value("ENETUNREACH");
  private static final int EPIPE = Errno.value("EPIPE");
  private static final int ETIMEDOUT = Errno.value("ETIMEDOUT");

  /** The outcome of a CONN (sock_connect) with this errno. */
  public static TcpOutcome ofConnect(int errno) {
    if (errno == 0 || errno == EISCONN) {
      return ESTABLISHED;
    }
    if (errno == ECONNREFUSED) {
      return REFUSED;
    }
    if (errno == EINPROGRESS
        || errno == EALREADY
        || errno == ETIMEDOUT
        || errno == EHOSTUNREACH
        || errno == ENETUNREACH) {
      return SYN_SENT;
    }
    return NONE;
  }

  /**
   * The outcome of a SEND or RECV with this errno. EPIPE after the guest shut its own sending side
   * is its own doing; before, the peer's reset.
   */
  public static TcpOutcome ofTransfer(int errno, boolean guestShutWriting) {
    if (errno == 0) {
      return ESTABLISHED;
    }
    if (errno == ECONNREFUSED) {
      return REFUSED;
    }
    if (errno == ECONNRESET || (errno == EPIPE && !guestShutWriting)) {
      return RESET;
    }
    return NONE;
  }
}
