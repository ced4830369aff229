package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PercentTest {
  @Test
  void twoDecimalsWithTrailingZerosDropped() {
    assertEquals("56.65%", Percent.format(0.56652));
    assertEquals("37.16%", Percent.format(1 - 1096.0 / 1744));
    assertEquals("33.33%", Percent.format(1.0 / 3));
    assertEquals("50%", Percent.format(0.5));
    assertEquals("0%", Percent.format(0));
  }
}
