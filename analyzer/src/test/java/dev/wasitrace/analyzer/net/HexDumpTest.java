package dev.wasitrace.analyzer.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hex dump of trace network -v, compared with Timecraft's documented output (seed 001). */
class HexDumpTest {
  @Test
  void seedRequest() {
    assertEquals(
        """
        00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  |GET / HTTP/1.1..|
        00000010  48 6f 73 74 3a 20 65 6f  33 71 68 32 6e 63 65 6c  |Host: eo3qh2ncel|
        00000020  70 63 39 71 30 2e 6d 2e  70 69 70 65 64 72 65 61  |pc9q0.m.pipedrea|
        00000030  6d 2e 6e 65 74 0d 0a 55  73 65 72 2d 41 67 65 6e  |m.net..User-Agen|
        00000040  74 3a 20 47 6f 2d 68 74  74 70 2d 63 6c 69 65 6e  |t: Go-http-clien|
        00000050  74 2f 31 2e 31 0d 0a 41  63 63 65 70 74 2d 45 6e  |t/1.1..Accept-En|
        00000060  63 6f 64 69 6e 67 3a 20  67 7a 69 70 0d 0a 0d 0a  |coding: gzip....|
        """,
        HexDump.of(SeedTraffic.REQUEST.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void seedResponseEndsWithAPaddedRow() {
    String dump = HexDump.of(SeedTraffic.RESPONSE.getBytes(StandardCharsets.US_ASCII));
    String[] rows = dump.split("\n");
    assertEquals(14, rows.length);
    assertEquals(
        "000000c0  0a 0d 0a 48 65 6c 6c 6f  2c 20 57 6f 72 6c 64 21  |...Hello, World!|", rows[12]);
    assertEquals("000000d0  0a                                                |.|", rows[13]);
  }

  @Test
  void rowsOfEightOrFewerBytesPadTheGapAfterTheEighth() {
    assertEquals(
        "00000000  00 01 7f 80 ff 20 7e 41                           |..... ~A|\n",
        HexDump.of(new byte[] {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, ' ', '~', 'A'}));
    assertEquals(
        "00000000  61 62 63 64 65 66 67 68  69                       |abcdefghi|\n",
        HexDump.of("abcdefghi".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void exactlySixteenBytesMakeOneRowAndNothingElse() {
    assertEquals(
        "00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n",
        HexDump.of("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void emptyIsNothing() {
    assertEquals("", HexDump.of(new byte[0]));
  }
}
