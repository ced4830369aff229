package dev.wasitrace.recorder.net;

import dev.wasitrace.wasi.Errno;
import dev.wasitrace.wasi.WasiFunction;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import run.endive.runtime.Memory;

/**
 * Socket addresses as guests pass them: a pointer to {@code {u32 buf_ptr, u32 buf_len}} whose
 * buffer holds, in WasmEdge v1, the raw 4 or 16 address bytes, and in v2, 128 bytes with a u16
 * family (1 inet, 2 inet6) at offset 0 and the address from offset 2. Ports travel separately.
 */
public final class GuestAddresses {
  static final int FAMILY_UNSPEC = 0;
  static final int FAMILY_INET = 1;
  static final int FAMILY_INET6 = 2;
  static final int FAMILY_UNIX = 3;
  static final int V2_BUFFER = 128;

  private GuestAddresses() {}

  /**
   * The address held in a guest address buffer (raw 4 or 16 bytes, or the 128-byte v2 layout), or
   * null when it holds no inet address.
   */
  public static InetSocketAddress parse(byte[] buffer, int port) {
    byte[] raw;
    if (buffer.length == 4 || buffer.length == 16) {
      raw = buffer;
    } else if (buffer.length == V2_BUFFER) {
      int family = (buffer[0] & 0xFF) | (buffer[1] & 0xFF) << 8;
      if (family == FAMILY_INET) {
        raw = java.util.Arrays.copyOfRange(buffer, 2, 6);
      } else if (family == FAMILY_INET6) {
        raw = java.util.Arrays.copyOfRange(buffer, 2, 18);
      } else {
        return null;
      }
    } else {
      return null;
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(raw), port & 0xFFFF);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Reads the address at {@code addrPtr}, with the given port. */
  static InetSocketAddress read(Memory memory, int addrPtr, int port) throws SocketError {
    int buf = memory.readInt(addrPtr);
    int len = memory.readInt(addrPtr + 4);
    byte[] raw;
    if (len == 4 || len == 16) {
      raw = memory.readBytes(buf, len);
    } else if (len == V2_BUFFER) {
      int family = memory.readShort(buf) & 0xFFFF;
      if (family == FAMILY_INET) {
        raw = memory.readBytes(buf + 2, 4);
      } else if (family == FAMILY_INET6) {
        raw = memory.readBytes(buf + 2, 16);
      } else {
        throw new SocketError(Errno.EAFNOSUPPORT);
      }
    } else {
      throw new SocketError(Errno.EINVAL);
    }
    if (port < 0 || port > 0xFFFF) {
      throw new SocketError(Errno.EINVAL);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(raw), port);
    } catch (UnknownHostException e) {
      throw new SocketError(Errno.EINVAL);
    }
  }

  /**
   * The other end of a datagram, for the log's peer column: where a successful {@code sock_send_to}
   * sent it (its address and port parameters), or where a successful v2 {@code sock_recv_from}
   * received it from (the address and port the host wrote back). An unconnected socket has no peer
   * of its own, so without this a datagram's address would be lost. Null for other calls, for v1's
   * {@code sock_recv_from} (it returns no port), and when memory does not hold an address.
   */
  public static String datagramPeer(WasiFunction function, Memory memory, long[] args) {
    try {
      InetSocketAddress address =
          switch (function) {
            case SOCK_SEND_TO -> read(memory, (int) args[3], (int) args[4]);
            case SOCK_RECV_FROM ->
                read(memory, (int) args[3], memory.readInt((int) args[5]) & 0xFFFF);
            default -> null;
          };
      return format(address);
    } catch (SocketError | RuntimeException e) {
      return null; // a wild pointer: the call failed with EFAULT, or wrote nothing readable
    }
  }

  /** Writes an address in v2 layout into the buffer described at {@code addrPtr}. */
  static void writeV2(Memory memory, int addrPtr, InetSocketAddress address) throws SocketError {
    int buf = memory.readInt(addrPtr);
    int len = memory.readInt(addrPtr + 4);
    if (len < V2_BUFFER) {
      throw new SocketError(Errno.EINVAL);
    }
    byte[] raw = address.getAddress().getAddress();
    memory.writeShort(buf, (short) family(address.getAddress()));
    writeBytes(memory, buf + 2, raw);
  }

  // Byte by byte on purpose: while recording a receive, bulk writes count as the bytes
  // received (see CapturingMemory), and an address is not part of those.
  private static void writeBytes(Memory memory, int at, byte[] raw) {
    for (int i = 0; i < raw.length; i++) {
      memory.writeByte(at + i, raw[i]);
    }
  }

  /** Writes the raw address bytes (v1 layout); returns the v1 address type, 4 or 6. */
  static int writeV1(Memory memory, int addrPtr, InetSocketAddress address) throws SocketError {
    int buf = memory.readInt(addrPtr);
    int len = memory.readInt(addrPtr + 4);
    byte[] raw = address.getAddress().getAddress();
    if (len < raw.length) {
      throw new SocketError(Errno.EINVAL);
    }
    writeBytes(memory, buf, raw);
    return raw.length == 4 ? 4 : 6;
  }

  static int family(InetAddress address) {
    return address instanceof Inet6Address ? FAMILY_INET6 : FAMILY_INET;
  }

  /** {@code 127.0.0.1:8080} or {@code [::1]:8080}, as trace network prints addresses. */
  public static String format(InetSocketAddress address) {
    if (address == null) {
      return null;
    }
    InetAddress ip = address.getAddress();
    if (ip instanceof Inet4Address) {
      return ip.getHostAddress() + ":" + address.getPort();
    }
    String text = ip.getHostAddress();
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone);
    }
    return "[" + compressIpv6(text) + "]:" + address.getPort();
  }

  // Java prints 0:0:0:0:0:0:0:1; users expect ::1.
  private static String compressIpv6(String text) {
    String[] groups = text.split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLength && j - i > 1) {
          bestStart = i;
          bestLength = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return text;
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail =
        String.join(
            ":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }
}
