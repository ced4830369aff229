package dev.wasitrace.recorder.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.UserError;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {
  static InetSocketAddress at(String host, int port) {
    return new InetSocketAddress(host, port);
  }

  static List<NetworkPolicy.Rule> rules(String... specs) {
    return java.util.Arrays.stream(specs).map(NetworkPolicy.Rule::parse).toList();
  }

  @Test
  void byDefaultConnectAnywhereAndListenOnLoopbackOnly() {
    NetworkPolicy policy = NetworkPolicy.DEFAULT;
    assertTrue(policy.mayConnect(at("10.1.2.3", 443)));
    assertTrue(policy.mayConnect(at("127.0.0.1", 80)));
    assertTrue(policy.mayListen(at("127.0.0.1", 8080)));
    assertTrue(policy.mayListen(at("127.5.6.7", 8080)));
    assertTrue(policy.mayListen(at("::1", 8080)));
    assertFalse(policy.mayListen(at("0.0.0.0", 8080)));
    assertFalse(policy.mayListen(at("10.0.0.1", 8080)));
  }

  @Test
  void allowAndDenyNarrowConnects() {
    NetworkPolicy policy =
        new NetworkPolicy(rules("127.0.0.0/8", "10.0.0.0/8:443"), rules("127.0.0.1:25"), List.of());
    assertTrue(policy.mayConnect(at("127.0.0.1", 80)));
    assertFalse(policy.mayConnect(at("127.0.0.1", 25)), "denied port");
    assertTrue(policy.mayConnect(at("10.200.0.1", 443)));
    assertFalse(policy.mayConnect(at("10.200.0.1", 80)), "allowed only on 443");
    assertFalse(policy.mayConnect(at("192.168.1.1", 443)), "not in an allowed network");
    assertFalse(policy.mayConnect(at("::1", 80)), "no IPv6 network allowed");
  }

  @Test
  void allowListenReplacesLoopback() {
    NetworkPolicy policy = new NetworkPolicy(List.of(), List.of(), rules("0.0.0.0/0:8080"));
    assertTrue(policy.mayListen(at("0.0.0.0", 8080)));
    assertTrue(policy.mayListen(at("10.0.0.1", 8080)));
    assertFalse(policy.mayListen(at("127.0.0.1", 9090)));
  }

  @Test
  void rulesParseCidrsPortsAndBracketedIpv6() {
    assertEquals(8, NetworkPolicy.Rule.parse("10.0.0.0/8").prefixLength());
    assertEquals(443, NetworkPolicy.Rule.parse("10.0.0.0/8:443").port());
    assertEquals(32, NetworkPolicy.Rule.parse("1.2.3.4").prefixLength());
    assertEquals(128, NetworkPolicy.Rule.parse("::1").prefixLength());
    assertEquals(80, NetworkPolicy.Rule.parse("[::1]:80").port());
    assertEquals(32, NetworkPolicy.Rule.parse("[2001:db8::/32]:443").prefixLength());
    NetworkPolicy.Rule odd = NetworkPolicy.Rule.parse("192.168.1.0/23");
    assertTrue(odd.matches(at("192.168.0.77", 1)));
    assertFalse(odd.matches(at("192.168.2.1", 1)));
    for (String bad :
        new String[] {"example.com", "10.0.0.0/33", "1.2.3.4:99999", "[::1", "::1/129"}) {
      UserError e = assertThrows(UserError.class, () -> NetworkPolicy.Rule.parse(bad), bad);
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }
}
