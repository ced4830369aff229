package dev.wasitrace.exporters.pcap;

import dev.wasitrace.analyzer.net.Endpoint;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The two addresses a flow's packets carry, from the addresses the log has. A packet needs both, in
 * one address family, so:
 *
 * <ul>
 *   <li>a missing address becomes the unspecified one ({@code 0.0.0.0} or {@code ::}) with port 0;
 *   <li>a wildcard local address ({@code 0.0.0.0}, {@code ::}: an unbound socket that sent) becomes
 *       the loopback address when the peer is on loopback, as the kernel picks it; elsewhere the
 *       wildcard stays, since which interface sent is not known;
 *   <li>an IPv4 address beside an IPv6 one: both as IPv4 when the IPv6 one is IPv4-mapped or
 *       unspecified, else the IPv4 one as IPv4-mapped IPv6.
 * </ul>
 *
 * @param local the guest's side
 * @param peer the other side
 */
record FlowEndpoints(Endpoint local, Endpoint peer) {
  private static final byte[] MAPPED_PREFIX = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff
  };

  /** The endpoints of the log's {@code local} and {@code peer} texts; null when neither parses. */
  static FlowEndpoints of(String localText, String peerText) {
    Endpoint local = Endpoint.parse(localText);
    Endpoint peer = Endpoint.parse(peerText);
    if (local == null && peer == null) {
      return null;
    }
    if (local != null && peer != null && local.address().length != peer.address().length) {
      byte[] local4 = asIpv4(local.address());
      byte[] peer4 = asIpv4(peer.address());
      if (local4 != null && peer4 != null) {
        local = endpoint(local4, local.port());
        peer = endpoint(peer4, peer.port());
      } else {
        local = endpoint(asIpv6(local.address()), local.port());
        peer = endpoint(asIpv6(peer.address()), peer.port());
      }
    }
    int length = local != null ? local.address().length : peer.address().length;
    if (local == null) {
      local = endpoint(new byte[length], 0);
    }
    if (peer == null) {
      peer = endpoint(new byte[length], 0);
    }
    if (unspecified(local.address()) && loopback(peer.address())) {
      local = endpoint(loopbackOf(length), local.port());
    }
    return new FlowEndpoints(local, peer);
  }

  /** The endpoint of an address and port given apart, as {@code tcp_connections} has them. */
  static String text(String host, Integer port) {
    if (host == null) {
      return null;
    }
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + (port == null ? 0 : port);
  }

  private static byte[] asIpv4(byte[] address) {
    if (address.length == 4) {
      return address;
    }
    if (Arrays.equals(address, 0, 12, MAPPED_PREFIX, 0, 12)) {
      return Arrays.copyOfRange(address, 12, 16);
    }
    return unspecified(address) ? new byte[4] : null;
  }

  private static byte[] asIpv6(byte[] address) {
    if (address.length == 16) {
      return address;
    }
    byte[] mapped = Arrays.copyOf(MAPPED_PREFIX, 16);
    System.arraycopy(address, 0, mapped, 12, 4);
    return mapped;
  }

  private static boolean unspecified(byte[] address) {
    for (byte b : address) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean loopback(byte[] address) {
    if (address.length == 4) {
      return address[0] == 127;
    }
    return Arrays.equals(address, loopbackOf(16));
  }

  private static byte[] loopbackOf(int length) {
    byte[] address = new byte[length];
    if (length == 4) {
      address[0] = 127;
    }
    address[length - 1] = 1;
    return address;
  }

  static Endpoint endpoint(byte[] address, int port) {
    try {
      return new Endpoint(InetAddress.getByAddress(address).getHostAddress(), port, address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + address.length + " bytes", e);
    }
  }
}
