package dev.wasitrace.recorder.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class GuestAddressesTest {
  @Test
  void formatsAddressesAsTraceNetworkPrintsThem() {
    assertEquals("127.0.0.1:8080", GuestAddresses.format(new InetSocketAddress("127.0.0.1", 8080)));
    assertEquals("[::1]:80", GuestAddresses.format(new InetSocketAddress("::1", 80)));
    assertEquals(
        "[2001:db8::1:0:0:1]:443",
        GuestAddresses.format(new InetSocketAddress("2001:db8:0:0:1:0:0:1", 443)));
    assertEquals("[fe80::1]:9", GuestAddresses.format(new InetSocketAddress("fe80::1", 9)));
  }

  @Test
  void parsesV1AndV2Buffers() {
    assertEquals(
        new InetSocketAddress("127.0.0.1", 7), GuestAddresses.parse(new byte[] {127, 0, 0, 1}, 7));
    byte[] v2 = new byte[128];
    v2[0] = 1; // inet, little-endian u16
    v2[2] = 10;
    v2[5] = 9;
    assertEquals(new InetSocketAddress("10.0.0.9", 80), GuestAddresses.parse(v2, 80));
    v2[0] = 3; // unix: not an inet address
    assertNull(GuestAddresses.parse(v2, 80));
    assertNull(GuestAddresses.parse(new byte[7], 80));
  }
}
