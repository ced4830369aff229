package dev.wasitrace.exporters.pcap;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV4Rfc1349Tos;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.IpV6SimpleFlowLabel;
import org.pcap4j.packet.IpV6SimpleTrafficClass;
import org.pcap4j.packet.TcpMaximumSegmentSizeOption;
import org.pcap4j.packet.TcpNoOperationOption;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.TcpSackPermittedOption;
import org.pcap4j.packet.TcpWindowScaleOption;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.UnknownPacket;
import org.pcap4j.packet.namednumber.EtherType;
import org.pcap4j.packet.namednumber.IpNumber;
import org.pcap4j.packet.namednumber.IpVersion;
import org.pcap4j.packet.namednumber.TcpPort;
import org.pcap4j.packet.namednumber.UdpPort;
import org.pcap4j.util.MacAddress;

/**
 * Builds each frame with Pcap4J's packet builders (pure Java: lengths and checksums filled in at
 * build time), then writes its bytes. The reference for {@link RawPacketEncoder}, which the export
 * uses because it is faster (bench/export.sh measures both).
 */
final class Pcap4jPacketEncoder implements PacketEncoder {
  private static final MacAddress ZERO_MAC = MacAddress.getByAddress(new byte[6]);
  private static final byte[] NONE = new byte[0];

  @Override
  public void write(Packet packet, PcapWriter out) throws IOException {
    InetAddress src = address(packet.src.address());
    InetAddress dst = address(packet.dst.address());
    UnknownPacket.Builder payload =
        packet.length == 0
            ? null
            : new UnknownPacket.Builder()
                .rawData(
                    Arrays.copyOfRange(
                        packet.payload, packet.offset, packet.offset + packet.length));
    org.pcap4j.packet.Packet.Builder transport;
    IpNumber protocol;
    if (packet.protocol == Packet.TCP) {
      protocol = IpNumber.TCP;
      transport =
          new TcpPacket.Builder()
              .srcPort(TcpPort.getInstance((short) packet.src.port()))
              .dstPort(TcpPort.getInstance((short) packet.dst.port()))
              .sequenceNumber(packet.seq)
              .acknowledgmentNumber(packet.ack)
              .reserved((byte) 0)
              .urg(false)
              .ack(packet.has(Packet.ACK))
              .psh(packet.has(Packet.PSH))
              .rst(packet.has(Packet.RST))
              .syn(packet.has(Packet.SYN))
              .fin(packet.has(Packet.FIN))
              .window((short) packet.window)
              .urgentPointer((short) 0)
              .options(options(packet.options))
              .padding(NONE)
              .srcAddr(src)
              .dstAddr(dst)
              .payloadBuilder(payload)
              .correctLengthAtBuild(true)
              .correctChecksumAtBuild(true)
              .paddingAtBuild(false);
    } else {
      protocol = IpNumber.UDP;
      transport =
          new UdpPacket.Builder()
              .srcPort(UdpPort.getInstance((short) packet.src.port()))
              .dstPort(UdpPort.getInstance((short) packet.dst.port()))
              .srcAddr(src)
              .dstAddr(dst)
              .payloadBuilder(payload)
              .correctLengthAtBuild(true)
              .correctChecksumAtBuild(true);
    }
    org.pcap4j.packet.Packet.Builder ip;
    EtherType type;
    if (packet.ipv6()) {
      type = EtherType.IPV6;
      ip =
          new IpV6Packet.Builder()
              .version(IpVersion.IPV6)
              .trafficClass(IpV6SimpleTrafficClass.newInstance((byte) 0))
              .flowLabel(IpV6SimpleFlowLabel.newInstance(0))
              .nextHeader(protocol)
              .hopLimit((byte) 64)
              .srcAddr((Inet6Address) src)
              .dstAddr((Inet6Address) dst)
              .payloadBuilder(transport)
              .correctLengthAtBuild(true);
    } else {
      type = EtherType.IPV4;
      ip =
          new IpV4Packet.Builder()
              .version(IpVersion.IPV4)
              .tos(IpV4Rfc1349Tos.newInstance((byte) 0))
              .identification((short) packet.ipId)
              .reservedFlag(false)
              .dontFragmentFlag(true)
              .moreFragmentFlag(false)
              .fragmentOffset((short) 0)
              .ttl((byte) 64)
              .protocol(protocol)
              .srcAddr((Inet4Address) src)
              .dstAddr((Inet4Address) dst)
              .payloadBuilder(transport)
              .correctLengthAtBuild(true)
              .correctChecksumAtBuild(true)
              .paddingAtBuild(false);
    }
    byte[] frame =
        new EthernetPacket.Builder()
            .dstAddr(ZERO_MAC)
            .srcAddr(ZERO_MAC)
            .type(type)
            .payloadBuilder(ip)
            .pad(NONE)
            .paddingAtBuild(false)
            .build()
            .getRawData();
    out.record(packet.timeNs, frame, frame.length, NONE, 0, 0);
  }

  /** An address of exactly these bytes (Java turns an IPv4-mapped IPv6 one into IPv4). */
  private static InetAddress address(byte[] bytes) throws UnknownHostException {
    return bytes.length == 16
        ? Inet6Address.getByAddress(null, bytes, -1)
        : InetAddress.getByAddress(bytes);
  }

  /** The options {@link TcpConversation} sends, as Pcap4J's option objects. */
  private static List<TcpPacket.TcpOption> options(byte[] raw) {
    List<TcpPacket.TcpOption> options = new ArrayList<>();
    for (int i = 0; i < raw.length; ) {
      switch (raw[i]) {
        case 1 -> {
          options.add(TcpNoOperationOption.getInstance());
          i += 1;
        }
        case 2 -> {
          options.add(
              new TcpMaximumSegmentSizeOption.Builder()
                  .maxSegSize((short) (((raw[i + 2] & 0xFF) << 8) | (raw[i + 3] & 0xFF)))
                  .correctLengthAtBuild(true)
                  .build());
          i += 4;
        }
        case 3 -> {
          options.add(
              new TcpWindowScaleOption.Builder()
                  .shiftCount(raw[i + 2])
                  .correctLengthAtBuild(true)
                  .build());
          i += 3;
        }
        case 4 -> {
          options.add(TcpSackPermittedOption.getInstance());
          i += 2;
        }
        default -> throw new IllegalArgumentException("TCP option kind " + raw[i]);
      }
    }
    return options;
  }
}
