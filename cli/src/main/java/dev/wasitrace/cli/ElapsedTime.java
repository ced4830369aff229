package dev.wasitrace.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** How long something took, short: {@code 850µs}, {@code 4ms}, {@code 1.2s}, {@code 2m5s}. */
final class ElapsedTime {
  private ElapsedTime() {}

  static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long seconds = d.getSeconds();
    if (seconds >= 3600) {
      return seconds / 3600 + "h" + seconds % 3600 / 60 + "m";
    }
    if (seconds >= 60) {
      return seconds / 60 + "m" + seconds % 60 + "s";
    }
    long nanos = d.toNanos();
    if (nanos < 1_000) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return nanos / 1_000 + "µs";
    }
    if (nanos < 1_000_000_000) {
      return nanos / 1_000_000 + "ms";
    }
    BigDecimal tenths = BigDecimal.valueOf(nanos).movePointLeft(9).setScale(1, RoundingMode.DOWN);
    return tenths.stripTrailingZeros().toPlainString() + "s";
  }
}
