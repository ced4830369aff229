package dev.wasitrace.recorder.trace;

import dev.wasitrace.registry.UserError;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When tracing stops, after Erlang's redbug: after a number of printed events or a time, whichever
 * comes first. The program and its recording go on; only the trace lines stop.
 *
 * @param maxEvents lines to print at most, or 0 for no limit
 * @param maxTime how long to trace, counted from the first host call, or null for no limit
 */
public record TraceLimits(long maxEvents, Duration maxTime) {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  public static final TraceLimits NONE = new TraceLimits(0, null);

  public TraceLimits {
    if (maxEvents < 0) {
      throw new IllegalArgumentException("maxEvents < 0");
    }
    if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
      throw new IllegalArgumentException("maxTime must be positive");
    }
  }

  /** The limits given on the command line (either may be null); bad values are user errors. */
  public static TraceLimits of(Long maxEvents, String maxTime) {
    if (maxEvents != null && maxEvents < 1) {
      throw new UserError("--trace-max-events " + maxEvents + ": must be at least 1");
    }
    return new TraceLimits(
        maxEvents == null ? 0 : maxEvents, maxTime == null ? null : parseDuration(maxTime));
  }

  /** Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. */
  public static Duration parseDuration(String text) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw new UserError(
          "--trace-max-time " + text + ": expected a duration such as 500ms, 10s, 2m or 1h");
    }
    long amount = Long.parseLong(matcher.group(1));
    if (amount == 0) {
      throw new UserError("--trace-max-time " + text + ": must be more than 0");
    }
    return switch (matcher.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  /**
   * A duration the way it is written on the command line: {@code 1h}, {@code 2m}, {@code 500ms}.
   */
  public static String formatDuration(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }

  /** The line printed when the event limit stops tracing. */
  String eventsReached() {
    return "wasitrace: tracing stopped after "
        + maxEvents
        + (maxEvents == 1 ? " event" : " events")
        + " (--trace-max-events)";
  }

  /** The line printed when the time limit stops tracing. */
  String timeReached() {
    return "wasitrace: tracing stopped after " + formatDuration(maxTime) + " (--trace-max-time)";
  }
}
