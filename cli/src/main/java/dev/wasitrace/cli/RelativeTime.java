package dev.wasitrace.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Points in time as Timecraft shows them: how long ago, in the largest whole unit ({@code 3s ago},
 * {@code 17m ago}, {@code 2h ago}, {@code 5d ago}, {@code 3w ago}), optionally followed by the
 * local date in RFC 1123 style ({@code Thu, 29 Jun 2023 16:33:32 AEST}).
 */
final class RelativeTime {
  private static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.ENGLISH);

  private RelativeTime() {}

  static String ago(Instant then, Instant now) {
    Duration elapsed = Duration.between(then, now);
    if (elapsed.isNegative()) {
      // A clock that went back: say so rather than print a negative age.
      return "in " + largestUnit(elapsed.negated());
    }
    if (elapsed.getSeconds() == 0) {
      return "just now";
    }
    return largestUnit(elapsed) + " ago";
  }

  /** {@code 16m ago, Thu, 29 Jun 2023 16:33:32 AEST}. */
  static String agoWithDate(Instant then, Instant now, ZoneId zone) {
    return ago(then, now) + ", " + RFC_1123.format(then.atZone(zone));
  }

  private static String largestUnit(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + "h";
    }
    long days = seconds / 86_400;
    if (days < 7) {
      return days + "d";
    }
    if (days < 365) {
      return days / 7 + "w";
    }
    return days / 365 + "y";
  }
}
