package dev.wasitrace.exporters.pcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapWriterTest {
  @Test
  void anEmptyFileIsTheHeaderAlone() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (PcapWriter writer = new PcapWriter(file)) {
      assertEquals(0, writer.records());
    }
    assertEquals(
        "4d3cb2a1" + "0200" + "0400" + "00000000" + "00000000" + "00000400" + "01000000",
        HexFormat.of().formatHex(file.toByteArray()));
  }

  @Test
  void recordsCarryNanosecondTimesAndBothParts() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    byte[] head = {1, 2, 3};
    byte[] payload = new byte[3 << 20]; // larger than the writer's buffer
    payload[payload.length - 1] = 9;
    try (PcapWriter writer = new PcapWriter(file)) {
      writer.record(1_700_000_000_999_999_999L, head, 2, payload, 10, 4);
      writer.record(1_700_000_001_000_000_000L, head, 3, payload, 0, payload.length);
      assertEquals(2, writer.records());
    }
    List<PcapRecords.Frame> frames = PcapRecords.read(file.toByteArray());
    assertEquals(2, frames.size());
    assertEquals(1_700_000_000_999_999_999L, frames.get(0).timeNs());
    assertArrayEquals(new byte[] {1, 2, 0, 0, 0, 0}, frames.get(0).bytes());
    assertEquals(1_700_000_001_000_000_000L, frames.get(1).timeNs());
    assertEquals(3 + payload.length, frames.get(1).bytes().length);
    assertEquals(9, frames.get(1).bytes()[3 + payload.length - 1]);
  }
}
