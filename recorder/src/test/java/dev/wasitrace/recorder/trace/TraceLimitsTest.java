package dev.wasitrace.recorder.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasitrace.registry.UserError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TraceLimitsTest {
  @Test
  void parsesDurations() {
    assertEquals(Duration.ofMillis(500), TraceLimits.parseDuration("500ms"));
    assertEquals(Duration.ofSeconds(10), TraceLimits.parseDuration("10s"));
    assertEquals(Duration.ofMinutes(2), TraceLimits.parseDuration("2m"));
    assertEquals(Duration.ofHours(1), TraceLimits.parseDuration("1h"));
  }

  @Test
  void badDurationsAreUserErrors() {
    for (String bad : new String[] {"", "10", "s", "10x", "1.5s", "-1s", "10 s", "1d", "10S"}) {
      UserError error =
          assertThrows(UserError.class, () -> TraceLimits.parseDuration(bad), "'" + bad + "'");
      assertTrue(error.getMessage().startsWith("--trace-max-time " + bad), error.getMessage());
    }
    assertThrows(UserError.class, () -> TraceLimits.parseDuration("0s"));
  }

  @Test
  void formatsDurationsTheWayTheyAreWritten() {
    assertEquals("500ms", TraceLimits.formatDuration(Duration.ofMillis(500)));
    assertEquals("1500ms", TraceLimits.formatDuration(Duration.ofMillis(1500)));
    assertEquals("10s", TraceLimits.formatDuration(Duration.ofSeconds(10)));
    assertEquals("90s", TraceLimits.formatDuration(Duration.ofSeconds(90)));
    assertEquals("2m", TraceLimits.formatDuration(Duration.ofMinutes(2)));
    assertEquals("1h", TraceLimits.formatDuration(Duration.ofMinutes(60)));
  }

  @Test
  void fromTheCommandLine() {
    TraceLimits none = TraceLimits.of(null, null);
    assertEquals(0, none.maxEvents());
    assertNull(none.maxTime());
    TraceLimits both = TraceLimits.of(100L, "10s");
    assertEquals(100, both.maxEvents());
    assertEquals(Duration.ofSeconds(10), both.maxTime());
    assertThrows(UserError.class, () -> TraceLimits.of(0L, null));
    assertThrows(UserError.class, () -> TraceLimits.of(-5L, null));
  }

  @Test
  void stopLinesNameTheLimit() {
    assertEquals(
        "wasitrace: tracing stopped after 100 events (--trace-max-events)",
        TraceLimits.of(100L, null).eventsReached());
    assertEquals(
        "wasitrace: tracing stopped after 1 event (--trace-max-events)",
        TraceLimits.of(1L, null).eventsReached());
    assertEquals(
        "wasitrace: tracing stopped after 10s (--trace-max-time)",
        TraceLimits.of(null, "10s").timeReached());
  }
}
