package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ElapsedTimeTest {
  @Test
  void shortDurations() {
    assertEquals("0ns", ElapsedTime.format(Duration.ZERO));
    assertEquals("850µs", ElapsedTime.format(Duration.ofNanos(850_400)));
    assertEquals("4ms", ElapsedTime.format(Duration.ofNanos(4_900_000)));
    assertEquals("1.2s", ElapsedTime.format(Duration.ofMillis(1_290)));
    assertEquals("3s", ElapsedTime.format(Duration.ofMillis(3_010)));
    assertEquals("2m5s", ElapsedTime.format(Duration.ofSeconds(125)));
    assertEquals("1h2m", ElapsedTime.format(Duration.ofSeconds(3_725)));
  }
}
