package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
  @Test
  void bytesBelowOneKibibyteAreWholeBytes() {
    assertEquals("0 B", ByteSize.format(0));
    assertEquals("72 B", ByteSize.format(72));
    assertEquals("1023 B", ByteSize.format(1023));
  }

  @Test
  void twoDecimalsBelowTen() {
    assertEquals("1 KiB", ByteSize.format(1024));
    assertEquals("2.43 KiB", ByteSize.format(2488)); // 2.4297
    assertEquals("2.36 KiB", ByteSize.format(2417));
    assertEquals("5.44 KiB", ByteSize.format(5571));
    assertEquals("1.5 KiB", ByteSize.format(1536)); // trailing zero dropped, as Timecraft
    assertEquals("9.99 KiB", ByteSize.format(10_229));
  }

  @Test
  void oneDecimalBelowAHundred() {
    assertEquals("10 KiB", ByteSize.format(10_240));
    assertEquals("56.7 KiB", ByteSize.format(58_061)); // 56.700
    assertEquals("56.7 KiB", ByteSize.format(58_030)); // 56.670
    assertEquals("99.9 KiB", ByteSize.format(102_297));
  }

  @Test
  void noDecimalsFromAHundredOn() {
    assertEquals("100 KiB", ByteSize.format(102_400));
    assertEquals("118 MiB", ByteSize.format(123_456_789));
  }

  @Test
  void largerUnits() {
    assertEquals("1.94 MiB", ByteSize.format(2_034_237)); // 1.94 MiB, the seed's module
    assertEquals("1 MiB", ByteSize.format(1L << 20));
    assertEquals("4 GiB", ByteSize.format(4L << 30));
    assertEquals("2 TiB", ByteSize.format(2L << 40));
  }

  @Test
  void roundingUpToTheNextUnitSaysThatUnit() {
    assertEquals("1 MiB", ByteSize.format((1L << 20) - 1)); // not "1024 KiB"
  }
}
