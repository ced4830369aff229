package dev.wasitrace.analyzer.net;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The time at the start of {@code trace network} and {@code trace request} lines: local time to the
 * microsecond, {@code 2023/06/30 08:13:20.463329}, as Timecraft prints it.
 */
public final class TraceTime {
  private final DateTimeFormatter format;

  /** Times in {@code zone} (the CLI passes the system's, tests a fixed one). */
  public TraceTime(ZoneId zone) {
    this.format =
        DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS").withZone(requireNonNull(zone));
  }

  /** {@code instant} as {@code yyyy/MM/dd HH:mm:ss.SSSSSS}, the nanoseconds cut off. */
  public String format(Instant instant) {
    return format.format(instant);
  }

  /** Appends {@code instant} formatted to {@code out}. */
  public void formatTo(Instant instant, StringBuilder out) {
    format.formatTo(instant, out);
  }
}
