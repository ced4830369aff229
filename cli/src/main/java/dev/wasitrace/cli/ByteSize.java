package dev.wasitrace.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Byte counts as people read them, the way Timecraft prints them: 1024-based units, two decimals
 * below 10, one below 100, none above, trailing zeros dropped ({@code 72 B}, {@code 2.43 KiB},
 * {@code 56.7 KiB}, {@code 118 MiB}).
 */
final class ByteSize {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private ByteSize() {}

  static String format(long bytes) {
    if (bytes < 0) {
      return "-" + format(-bytes);
    }
    int unit = 0;
    while (unit + 1 < UNITS.length && bytes >= 1L << (10 * (unit + 1))) {
      unit++;
    }
    if (unit == 0) {
      return bytes + " B";
    }
    BigDecimal value = scaled(bytes, unit);
    // 1023.7 KiB rounds to 1024 KiB: say 1 MiB instead.
    if (value.compareTo(BigDecimal.valueOf(1024)) >= 0 && unit + 1 < UNITS.length) {
      unit++;
      value = scaled(bytes, unit);
    }
    return value.stripTrailingZeros().toPlainString() + " " + UNITS[unit];
  }

  private static BigDecimal scaled(long bytes, int unit) {
    BigDecimal exact =
        BigDecimal.valueOf(bytes)
            .divide(BigDecimal.valueOf(2).pow(10 * unit), 20, RoundingMode.HALF_EVEN);
    int decimals =
        exact.compareTo(BigDecimal.TEN) < 0
            ? 2
            : exact.compareTo(BigDecimal.valueOf(100)) < 0 ? 1 : 0;
    return exact.setScale(decimals, RoundingMode.HALF_UP);
  }
}
