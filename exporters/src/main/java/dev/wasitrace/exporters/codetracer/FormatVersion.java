package dev.wasitrace.exporters.codetracer;

import dev.wasitrace.registry.UserError;

/**
 * Which release of CodeTracer's trace format a trace is written for. The JSON the two profiles
 * accept differs only in how a {@code Float} value is spelled (a JSON number up to runtime_tracing
 * 0.14, a string from codetracer_trace_types 0.16.2 on), in thread events and in {@code Char}
 * values; the writer avoids the last two, so the float spelling is the whole difference.
 */
public enum FormatVersion {
  /** runtime_tracing 0.12.2–0.14.x: CodeTracer releases 25.07.1 to 25.11.1. */
  V0_14("0.14"),
  /** codetracer_trace_types 0.16.2: runtime_tracing HEAD and CodeTracer since 2026-02. */
  V0_16("0.16");

  public static final FormatVersion DEFAULT = V0_16;

  private final String label;

  FormatVersion(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether a Float value's {@code f} is a JSON string (else a JSON number). */
  boolean floatsAsStrings() {
    return this == V0_16;
  }

  /** The profile named {@code 0.14} or {@code 0.16}. */
  public static FormatVersion parse(String label) {
    for (FormatVersion version : values()) {
      if (version.label.equals(label)) {
        return version;
      }
    }
    throw new UserError(
        "unknown CodeTracer format version " + label + " (expected 0.16, the default, or 0.14)");
  }
}
