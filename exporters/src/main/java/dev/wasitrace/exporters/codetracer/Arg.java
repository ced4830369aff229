package dev.wasitrace.exporters.codetracer;

import static java.util.Objects.requireNonNull;

/** One argument of a call: its parameter name and decoded value. */
record Arg(String name, TraceValue value) {
  Arg {
    requireNonNull(name);
    requireNonNull(value);
  }
}
