package dev.wasitrace.recorder.net;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.registry.UserError;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What a guest may connect to and listen on. By default it may connect anywhere the host can and
 * listen on loopback only. {@code --allow-connect} narrows connects to the listed networks, {@code
 * --deny-connect} removes networks, {@code --allow-listen} replaces loopback with the listed
 * networks. A refused call gets EACCES.
 */
public final class NetworkPolicy {
  /** A network (CIDR) with an optional port, e.g. {@code 10.0.0.0/8:443}, {@code [::1]:80}. */
  public record Rule(InetAddress network, int prefixLength, int port) {
    static final int ANY_PORT = -1;

    /** Parses {@code CIDR[:PORT]}; an IPv6 network with a port is written in brackets. */
    public static Rule parse(String spec) {
      String text = spec.trim();
      int port = ANY_PORT;
      String cidr = text;
      if (text.startsWith("[")) {
        int close = text.indexOf(']');
        if (close < 0) {
          throw bad(spec);
        }
        cidr = text.substring(1, close);
        String rest = text.substring(close + 1);
        if (!rest.isEmpty()) {
          if (!rest.startsWith(":")) {
            throw bad(spec);
          }
          port = parsePort(rest.substring(1), spec);
        }
      } else if (text.indexOf(':') == text.lastIndexOf(':') && text.contains(":")) {
        int colon = text.indexOf(':');
        cidr = text.substring(0, colon);
        port = parsePort(text.substring(colon + 1), spec);
      }
      int slash = cidr.indexOf('/');
      String host = slash < 0 ? cidr : cidr.substring(0, slash);
      InetAddress network;
      try {
        if (!host.matches("[0-9a-fA-F:.]+")) {
          throw bad(spec);
        }
        network = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw bad(spec);
      }
      int bits = network.getAddress().length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
          throw bad(spec);
        }
        if (prefix < 0 || prefix > bits) {
          throw bad(spec);
        }
      }
      return new Rule(network, prefix, port);
    }

    boolean matches(InetSocketAddress address) {
      if (port != ANY_PORT && port != address.getPort()) {
        return false;
      }
      byte[] a = address.getAddress().getAddress();
      byte[] n = network.getAddress();
      if (a.length != n.length) {
        return false;
      }
      int full = prefixLength / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != n[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (a[full] & mask) == (n[full] & mask);
    }

    private static int parsePort(String text, String spec) {
      try {
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65535) {
          throw bad(spec);
        }
        return port;
      } catch (NumberFormatException e) {
        throw bad(spec);
      }
    }

    private static UserError bad(String spec) {
      return new UserError(
          "bad network rule "
              + spec
              + ": expected CIDR[:PORT], e.g. 10.0.0.0/8, 127.0.0.1:8080"
              + " or [::1]:80");
    }
  }

  private static final List<Rule> LOOPBACK = List.of(Rule.parse("127.0.0.0/8"), Rule.parse("::1"));

  /** The default: connect anywhere, listen on loopback. */
  public static final NetworkPolicy DEFAULT = new NetworkPolicy(List.of(), List.of(), List.of());

  private final List<Rule> allowConnect;
  private final List<Rule> denyConnect;
  private final List<Rule> allowListen;

  public NetworkPolicy(List<Rule> allowConnect, List<Rule> denyConnect, List<Rule> allowListen) {
    this.allowConnect = List.copyOf(requireNonNull(allowConnect));
    this.denyConnect = List.copyOf(requireNonNull(denyConnect));
    this.allowListen = List.copyOf(requireNonNull(allowListen));
  }

  public boolean mayConnect(InetSocketAddress target) {
    boolean allowed = allowConnect.isEmpty() || anyMatches(allowConnect, target);
    return allowed && !anyMatches(denyConnect, target);
  }

  /** Listening (and receiving datagrams) on a local address. */
  public boolean mayListen(InetSocketAddress local) {
    return anyMatches(allowListen.isEmpty() ? LOOPBACK : allowListen, local);
  }

  private static boolean anyMatches(List<Rule> rules, InetSocketAddress address) {
    for (Rule rule : rules) {
      if (rule.matches(address)) {
        return true;
      }
    }
    return false;
  }
}
