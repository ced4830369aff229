package dev.wasitrace.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** A fraction as a percentage with two decimals, trailing zeros dropped: {@code 56.65%}. */
final class Percent {
  private Percent() {}

  static String format(double fraction) {
    BigDecimal percent = BigDecimal.valueOf(fraction * 100).setScale(2, RoundingMode.HALF_UP);
    return percent.stripTrailingZeros().toPlainString() + "%";
  }
}
