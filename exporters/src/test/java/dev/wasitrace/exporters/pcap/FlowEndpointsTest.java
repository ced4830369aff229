package dev.wasitrace.exporters.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class FlowEndpointsTest {
  private static String text(FlowEndpoints e) {
    return e.local() + " " + e.peer();
  }

  @Test
  void knownAddressesStayAsTheGuestSawThem() {
    assertEquals(
        "10.0.0.2:40000 93.184.216.34:80",
        text(FlowEndpoints.of("10.0.0.2:40000", "93.184.216.34:80")));
    FlowEndpoints v6 = FlowEndpoints.of("[::1]:40000", "[::1]:8080");
    assertEquals(16, v6.local().address().length);
    assertEquals(8080, v6.peer().port());
  }

  @Test
  void aWildcardLocalAddressTalkingToLoopbackIsLoopback() {
    assertEquals(
        "127.0.0.1:5000 127.0.0.1:9", text(FlowEndpoints.of("0.0.0.0:5000", "127.0.0.1:9")));
    FlowEndpoints v6 = FlowEndpoints.of("[::]:5000", "[::1]:9");
    assertArrayEquals(v6.peer().address(), v6.local().address());
    // Elsewhere which interface sent is unknown: the wildcard stays.
    assertEquals("0.0.0.0:5000 10.0.0.9:9", text(FlowEndpoints.of("0.0.0.0:5000", "10.0.0.9:9")));
  }

  @Test
  void aMissingAddressIsTheUnspecifiedOneOfTheOtherFamily() {
    assertEquals("0.0.0.0:0 10.0.0.9:53", text(FlowEndpoints.of(null, "10.0.0.9:53")));
    FlowEndpoints v6 = FlowEndpoints.of("[2001:db8::2]:5353", null);
    assertArrayEquals(new byte[16], v6.peer().address());
    assertEquals(0, v6.peer().port());
    assertNull(FlowEndpoints.of(null, null));
    assertNull(FlowEndpoints.of("not an address", ""));
  }

  @Test
  void mixedFamiliesBecomeOne() {
    // An IPv4-mapped IPv6 address beside an IPv4 one: both IPv4.
    assertEquals(
        "127.0.0.1:1 127.0.0.1:2", text(FlowEndpoints.of("[::ffff:127.0.0.1]:1", "127.0.0.1:2")));
    // A real IPv6 address beside an IPv4 one: the IPv4 one, mapped.
    FlowEndpoints mixed = FlowEndpoints.of("[2001:db8::1]:1", "10.0.0.1:2");
    assertEquals(16, mixed.peer().address().length);
    assertEquals((byte) 0xff, mixed.peer().address()[11]);
    assertEquals(10, mixed.peer().address()[12]);
  }

  @Test
  void textJoinsHostAndPortAsTheLogWritesThem() {
    assertEquals("127.0.0.1:80", FlowEndpoints.text("127.0.0.1", 80));
    assertEquals("[::1]:80", FlowEndpoints.text("::1", 80));
    assertNull(FlowEndpoints.text(null, 80));
  }
}
