package dev.wasitrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RelativeTimeTest {
  private static final Instant NOW = Instant.parse("2023-06-29T06:49:32Z");

  private static String ago(Duration d) {
    return RelativeTime.ago(NOW.minus(d), NOW);
  }

  @Test
  void largestWholeUnit() {
    assertEquals("3s ago", ago(Duration.ofMillis(3_900)));
    assertEquals("59s ago", ago(Duration.ofSeconds(59)));
    assertEquals("1m ago", ago(Duration.ofSeconds(60)));
    assertEquals("17m ago", ago(Duration.ofMinutes(17).plusSeconds(40)));
    assertEquals("2h ago", ago(Duration.ofMinutes(179)));
    assertEquals("5d ago", ago(Duration.ofDays(5).plusHours(23)));
    assertEquals("3w ago", ago(Duration.ofDays(25)));
    assertEquals("2y ago", ago(Duration.ofDays(800)));
  }

  @Test
  void underASecondIsJustNow() {
    assertEquals("just now", ago(Duration.ZERO));
    assertEquals("just now", ago(Duration.ofMillis(999)));
  }

  @Test
  void aTimeInTheFutureIsNotNegative() {
    assertEquals("in 2m", RelativeTime.ago(NOW.plusSeconds(150), NOW));
  }

  @Test
  void withTheLocalDateLikeTimecraft() {
    Instant start = NOW.minus(Duration.ofMinutes(16));
    assertEquals(
        "16m ago, Thu, 29 Jun 2023 16:33:32 AEST",
        RelativeTime.agoWithDate(start, NOW, ZoneId.of("Australia/Sydney")));
    assertEquals(
        "16m ago, Thu, 29 Jun 2023 06:33:32 UTC",
        RelativeTime.agoWithDate(start, NOW, ZoneId.of("UTC")));
  }
}
