package dev.wasitrace.analyzer.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A socket address as {@code network_events} prints it, {@code 127.0.0.1:8080} or {@code [::1]:80},
 * split into its IP address (bytes and text, without brackets) and port.
 *
 * @param host the address as text, {@code 127.0.0.1} or {@code ::1}
 * @param port the port
 * @param address the address bytes, 4 or 16
 */
public record Endpoint(String host, int port, byte[] address) {
  /** The endpoint of {@code text}, or null when it is null or not an IP address with a port. */
  public static Endpoint parse(String text) {
    if (text == null) {
      return null;
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      return null;
    }
    if (port < 0 || port > 0xffff) {
      return null;
    }
    String host = text.substring(0, colon);
    byte[] address;
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
      address = ipv6(host);
    } else {
      address = ipv4(host);
    }
    return address == null ? null : new Endpoint(host, port, address);
  }

  private static byte[] ipv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty()
          || parts[i].length() > 3
          || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      int value = Integer.parseInt(parts[i]);
      if (value > 255) {
        return null;
      }
      address[i] = (byte) value;
    }
    return address;
  }

  private static byte[] ipv6(String host) {
    // A literal with a colon never makes InetAddress look a name up.
    if (host.indexOf(':') < 0
        || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return null;
    }
    try {
      byte[] address = InetAddress.getByName(host).getAddress();
      if (address.length == 4) { // ::ffff:a.b.c.d comes back as IPv4
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address, 0, mapped, 12, 4);
        return mapped;
      }
      return address;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** The address as {@code network_events} prints it. */
  @Override
  public String toString() {
    return (address.length == 16 ? "[" + host + "]" : host) + ":" + port;
  }
}
