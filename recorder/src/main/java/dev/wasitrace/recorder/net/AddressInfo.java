package dev.wasitrace.recorder.net;

import dev.wasitrace.wasi.Errno;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import run.endive.runtime.Memory;

/**
 * sock_getaddrinfo: resolves a host and service and fills the records the guest pre-linked. Record
 * (28 bytes): {u16 flags; u8 family; u8 socktype; u32 protocol; u32 addrlen; u32 addr; u32
 * canonname; u32 canonname_len; u32 next}; {@code addr} points to {u32 family; u32 len; u32 data;
 * u32 pad} and the port (big-endian u16) then the address bytes go into {@code data}.
 */
final class AddressInfo {
  private static final int AI_PASSIVE = 1;
  private static final int SOCKTYPE_DGRAM = 1;
  private static final int SOCKTYPE_STREAM = 2;
  private static final int PROTOCOL_TCP = 6;
  private static final int PROTOCOL_UDP = 17;
  private static final Map<String, Integer> SERVICES =
      Map.of("http", 80, "https", 443, "ftp", 21, "ssh", 22, "smtp", 25, "dns", 53, "domain", 53);

  private AddressInfo() {}

  static int resolve(Memory memory, long[] a) throws SocketError {
    String node = cString(memory, (int) a[0], (int) a[1]);
    String service = cString(memory, (int) a[2], (int) a[3]);
    int hints = (int) a[4];
    int flags = hints == 0 ? 0 : memory.readShort(hints) & 0xFFFF;
    int family = hints == 0 ? 0 : memory.read(hints + 2) & 0xFF;
    int socktype = hints == 0 ? 0 : memory.read(hints + 3) & 0xFF;
    int port = port(service);
    List<InetAddress> addresses = new ArrayList<>();
    try {
      if (node.isEmpty()) {
        addresses.add(
            (flags & AI_PASSIVE) != 0
                ? InetAddress.getByAddress(new byte[4])
                : InetAddress.getLoopbackAddress());
      } else {
        for (InetAddress address : InetAddress.getAllByName(node)) {
          addresses.add(address);
        }
      }
    } catch (UnknownHostException e) {
      throw new SocketError(Errno.ENOENT);
    }
    int max = (int) a[6];
    int record = memory.readInt((int) a[5]);
    int written = 0;
    for (InetAddress address : addresses) {
      int addressFamily = GuestAddresses.family(address);
      if (family != 0 && family != addressFamily) {
        continue;
      }
      for (int type : socktype == 0 ? new int[] {SOCKTYPE_STREAM} : new int[] {socktype}) {
        if (written >= max || record == 0) {
          break;
        }
        write(memory, record, address, addressFamily, type, port);
        written++;
        record = memory.readInt(record + 24);
      }
    }
    memory.writeI32((int) a[7], written);
    return 0;
  }

  private static void write(
      Memory memory, int record, InetAddress address, int family, int type, int port) {
    memory.writeShort(record, (short) 0);
    memory.writeByte(record + 2, (byte) family);
    memory.writeByte(record + 3, (byte) type);
    memory.writeI32(record + 4, type == SOCKTYPE_DGRAM ? PROTOCOL_UDP : PROTOCOL_TCP);
    byte[] raw = address.getAddress();
    int sockaddr = memory.readInt(record + 12);
    if (sockaddr != 0) {
      memory.writeI32(sockaddr, family);
      int data = memory.readInt(sockaddr + 8);
      int room = memory.readInt(sockaddr + 4);
      if (data != 0 && room >= 2 + raw.length) {
        memory.writeByte(data, (byte) (port >> 8));
        memory.writeByte(data + 1, (byte) port);
        memory.write(data + 2, raw, 0, raw.length);
      }
    }
    memory.writeI32(record + 8, address instanceof Inet6Address ? 28 : 16);
  }

  private static int port(String service) throws SocketError {
    if (service.isEmpty()) {
      return 0;
    }
    try {
      int port = Integer.parseInt(service);
      if (port < 0 || port > 65535) {
        throw new SocketError(Errno.EINVAL);
      }
      return port;
    } catch (NumberFormatException e) {
      Integer known = SERVICES.get(service);
      if (known == null) {
        throw new SocketError(Errno.ENOENT);
      }
      return known;
    }
  }

  // WasmEdge guests pass lengths that may include the terminating NUL.
  private static String cString(Memory memory, int ptr, int len) {
    if (ptr == 0 || len <= 0) {
      return "";
    }
    byte[] bytes = memory.readBytes(ptr, len);
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
