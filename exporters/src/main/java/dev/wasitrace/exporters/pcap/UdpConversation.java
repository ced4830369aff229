package dev.wasitrace.exporters.pcap;

import dev.wasitrace.analyzer.net.Endpoint;
import java.util.function.Consumer;

/**
 * The datagrams of one UDP flow: each successful SEND is a datagram from the guest when the call
 * starts, each successful RECV one from the peer when the call returns (an empty datagram is a
 * datagram, not an end of stream). Datagrams are written whole, never fragmented, whatever the MTU:
 * the log has no sign of how the kernel cut them.
 */
final class UdpConversation {
  /** The most an IPv4 datagram carries (65,535 minus the IP and UDP headers); IPv6: 20 more. */
  static final int MAX_IPV4_PAYLOAD = 65_507;

  static final int MAX_IPV6_PAYLOAD = 65_527;

  private final Endpoint local;
  private final Endpoint peer;
  private final Consumer<Packet> out;
  private int localIpId;
  private int peerIpId;

  UdpConversation(Flow flow, Consumer<Packet> out) {
    this.local = flow.endpoints().local();
    this.peer = flow.endpoints().peer();
    this.out = out;
    this.localIpId = TcpConversation.isn(flow.uid(), 1) >>> 16;
    this.peerIpId = TcpConversation.isn(flow.uid(), 2) >>> 16;
  }

  void accept(SocketEvent event) {
    if (!event.ok()) {
      return;
    }
    byte[] data = event.data();
    int max = local.address().length == 4 ? MAX_IPV4_PAYLOAD : MAX_IPV6_PAYLOAD;
    int length = Math.min(data.length, max); // longer is impossible on the wire
    if (event.type().equals(SocketEvent.SEND)) {
      out.accept(Packet.udp(event.startNs(), local, peer, localIpId++, data, 0, length));
    } else if (event.type().equals(SocketEvent.RECV)) {
      out.accept(Packet.udp(event.endNs(), peer, local, peerIpId++, data, 0, length));
    }
  }
}
