package dev.wasitrace.recorder.trace;

import static java.util.Objects.requireNonNull;

import dev.wasitrace.registry.UserError;
import dev.wasitrace.wasi.WasiFunction;
import dev.wasitrace.wasi.WasiFunction.TraceClass;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which functions {@code --trace=FILTER} prints, after strace's {@code -e trace=}: a
 * comma-separated list of WASI function names and classes ({@code %file}, {@code %desc}, {@code
 * %clock}, {@code %process}, {@code %random}, {@code %net}) or {@code all}; a leading {@code !}
 * negates the whole set.
 */
public final class TraceFilter implements Predicate<WasiFunction> {
  private static final String CLASSES = "%file, %desc, %clock, %process, %random, %net";

  private final Set<WasiFunction> traced;

  private TraceFilter(Set<WasiFunction> traced) {
    this.traced = traced;
  }

  /** Every function. */
  public static TraceFilter all() {
    return new TraceFilter(EnumSet.allOf(WasiFunction.class));
  }

  /** Parses a filter; an unknown name or class is a {@link UserError}. */
  public static TraceFilter parse(String filter) {
    requireNonNull(filter);
    String spec = filter.strip();
    boolean negated = spec.startsWith("!");
    if (negated) {
      spec = spec.substring(1).strip();
    }
    if (spec.isEmpty()) {
      throw new UserError(
          "empty --trace filter: give function names or classes (" + CLASSES + ") or all");
    }
    EnumSet<WasiFunction> set = EnumSet.noneOf(WasiFunction.class);
    for (String item : spec.split(",", -1)) {
      set.addAll(functionsOf(item.strip()));
    }
    return new TraceFilter(negated ? EnumSet.complementOf(set) : set);
  }

  private static Set<WasiFunction> functionsOf(String item) {
    if (item.equals("all")) {
      return EnumSet.allOf(WasiFunction.class);
    }
    if (item.startsWith("%")) {
      TraceClass traceClass = traceClass(item.substring(1));
      if (traceClass != null) {
        EnumSet<WasiFunction> members = EnumSet.noneOf(WasiFunction.class);
        for (WasiFunction function : WasiFunction.values()) {
          if (function.classes().contains(traceClass)) {
            members.add(function);
          }
        }
        return members;
      }
    } else {
      WasiFunction function = WasiFunction.byName(item);
      if (function != null) {
        return EnumSet.of(function);
      }
    }
    throw new UserError(
        "unknown function or class in --trace filter: "
            + (item.isEmpty() ? "(empty item)" : item)
            + " (expected a WASI function name such as fd_write, a class "
            + CLASSES
            + ", or all)");
  }

  private static TraceClass traceClass(String name) {
    for (TraceClass traceClass : TraceClass.values()) {
      if (traceClass.name().toLowerCase(Locale.ROOT).equals(name)) {
        return traceClass;
      }
    }
    return null;
  }

  @Override
  public boolean test(WasiFunction function) {
    return traced.contains(function);
  }
}
