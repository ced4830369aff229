package dev.wasitrace.exporters.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasitrace.analyzer.net.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The direct encoder writes exactly the frames Pcap4J's builders make, and its checksums verify
 * (the end-to-end tests have tshark check them too).
 */
class PacketEncoderTest {
  private static final Endpoint V4_A = FlowEndpoints.of("10.1.2.3:40000", null).local();
  private static final Endpoint V4_B = FlowEndpoints.of("192.168.255.1:443", null).local();
  private static final Endpoint V6_A = FlowEndpoints.of("[2001:db8::1]:40000", null).local();
  private static final Endpoint V6_B = FlowEndpoints.of("[fe80::abcd:1]:80", null).local();

  private static List<Packet> packets() {
    Random random = new Random(7);
    List<Packet> packets = new ArrayList<>();
    long time = 1_700_000_000_123_456_789L;
    for (int lengthChoice : new int[] {0, 1, 2, 7, 8, 9, 1439, 1440, 1460, 65_000}) {
      byte[] data = new byte[lengthChoice + 13];
      random.nextBytes(data);
      int offset = random.nextInt(14);
      for (boolean ipv6 : new boolean[] {false, true}) {
        Endpoint a = ipv6 ? V6_A : V4_A;
        Endpoint b = ipv6 ? V6_B : V4_B;
        int flags = random.nextInt(0x20);
        byte[] options = lengthChoice == 0 ? TcpConversation.synOptions(1460) : new byte[0];
        packets.add(
            Packet.tcp(
                time++,
                a,
                b,
                random.nextInt(0x10000),
                flags,
                random.nextInt(),
                random.nextInt(),
                random.nextInt(0x10000),
                options,
                data,
                offset,
                lengthChoice));
        if (lengthChoice <= 65_000) {
          packets.add(
              Packet.udp(time++, b, a, random.nextInt(0x10000), data, offset, lengthChoice));
        }
      }
    }
    return packets;
  }

  private static byte[] encode(PacketEncoder encoder, List<Packet> packets) throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (PcapWriter writer = new PcapWriter(file)) {
      for (Packet packet : packets) {
        encoder.write(packet, writer);
      }
    }
    return file.toByteArray();
  }

  @Test
  void directFramesEqualPcap4jFrames() throws IOException {
    List<Packet> packets = packets();
    List<PcapRecords.Frame> direct = PcapRecords.read(encode(new RawPacketEncoder(), packets));
    List<PcapRecords.Frame> pcap4j = PcapRecords.read(encode(new Pcap4jPacketEncoder(), packets));
    assertEquals(packets.size(), direct.size());
    assertEquals(packets.size(), pcap4j.size());
    for (int i = 0; i < packets.size(); i++) {
      assertArrayEquals(pcap4j.get(i).bytes(), direct.get(i).bytes(), packets.get(i).toString());
      assertEquals(packets.get(i).timeNs, direct.get(i).timeNs());
      assertEquals(packets.get(i).timeNs, pcap4j.get(i).timeNs());
    }
  }

  @Test
  void checksumsVerify() throws IOException {
    for (PcapRecords.Frame frame : PcapRecords.read(encode(new RawPacketEncoder(), packets()))) {
      byte[] f = frame.bytes();
      int ip = 14;
      boolean ipv6 = (f[ip] >> 4) == 6;
      int addresses = ipv6 ? ip + 8 : ip + 12;
      int addressLength = ipv6 ? 16 : 4;
      int transport = ip + (ipv6 ? 40 : 20);
      int protocol = f[ipv6 ? ip + 6 : ip + 9];
      if (!ipv6) {
        assertEquals(0, InternetChecksum.finish(InternetChecksum.add(0, f, ip, 20)), "IPv4");
        assertEquals(f.length - ip, ((f[ip + 2] & 0xFF) << 8) | (f[ip + 3] & 0xFF), "length");
      }
      int length = f.length - transport;
      long sum = InternetChecksum.add(0, f, addresses, 2 * addressLength) + protocol + length;
      sum = InternetChecksum.add(sum, f, transport, length);
      assertEquals(0, InternetChecksum.finish(sum), protocol == 6 ? "TCP" : "UDP");
    }
  }

  @Test
  void framesHaveEthernetHeadersOfZeroMacsAndTheRightType() throws IOException {
    List<PcapRecords.Frame> frames = PcapRecords.read(encode(new RawPacketEncoder(), packets()));
    for (PcapRecords.Frame frame : frames) {
      byte[] f = frame.bytes();
      for (int i = 0; i < 12; i++) {
        assertEquals(0, f[i]);
      }
      int type = ((f[12] & 0xFF) << 8) | (f[13] & 0xFF);
      assertEquals((f[14] >> 4) == 6 ? 0x86DD : 0x0800, type);
    }
  }
}
