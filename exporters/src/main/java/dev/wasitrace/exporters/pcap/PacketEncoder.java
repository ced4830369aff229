package dev.wasitrace.exporters.pcap;

import java.io.IOException;

/** Turns a {@link Packet} into an Ethernet frame and writes it as one pcap record. */
interface PacketEncoder {
  void write(Packet packet, PcapWriter out) throws IOException;
}
