package dev.wasitrace.exporters.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A pcap file read back: its header checked, its records listed. */
final class PcapRecords {
  /** One record: its time in ns since the epoch and the frame. */
  record Frame(long timeNs, byte[] bytes) {}

  private PcapRecords() {}

  static List<Frame> read(byte[] file) {
    ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0xa1b23c4d, in.getInt(), "nanosecond magic");
    assertEquals(2, in.getShort());
    assertEquals(4, in.getShort());
    in.getInt();
    in.getInt();
    assertEquals(PcapWriter.SNAPLEN, in.getInt());
    assertEquals(1, in.getInt(), "LINKTYPE_ETHERNET");
    List<Frame> frames = new ArrayList<>();
    while (in.hasRemaining()) {
      long seconds = Integer.toUnsignedLong(in.getInt());
      long nanos = Integer.toUnsignedLong(in.getInt());
      int captured = in.getInt();
      int length = in.getInt();
      assertEquals(length, captured, "frames are captured whole");
      byte[] bytes = new byte[captured];
      in.get(bytes);
      frames.add(new Frame(seconds * 1_000_000_000L + nanos, bytes));
    }
    return frames;
  }

  /** The TCP or UDP payload of an Ethernet/IP frame. */
  static byte[] payload(byte[] frame) {
    int ip = 14;
    boolean ipv6 = (frame[ip] >> 4) == 6;
    int protocol = ipv6 ? frame[ip + 6] : frame[ip + 9];
    int transport = ip + (ipv6 ? 40 : (frame[ip] & 0xF) * 4);
    int header = protocol == 6 ? ((frame[transport + 12] >> 4) & 0xF) * 4 : 8;
    return Arrays.copyOfRange(frame, transport + header, frame.length);
  }
}
