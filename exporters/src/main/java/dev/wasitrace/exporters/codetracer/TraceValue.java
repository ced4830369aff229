package dev.wasitrace.exporters.codetracer;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A CodeTracer {@code ValueRecord} (FORMAT.md §1.4): the kinds wasitrace writes, with a type. */
sealed interface TraceValue {
  ValueType type();

  /** An integer that fits an i64. */
  record Int(long value, ValueType type) implements TraceValue {}

  /** An unsigned 64-bit integer above i64's range: CodeTracer's BigInt. */
  record BigUnsigned(long bits, ValueType type) implements TraceValue {}

  record Text(String text, ValueType type) implements TraceValue {
    public Text {
      requireNonNull(text);
    }
  }

  /** Shown as is: pointers the log cannot follow. */
  record Raw(String text, ValueType type) implements TraceValue {}

  record Real(double value, ValueType type) implements TraceValue {}

  record Sequence(List<TraceValue> elements, ValueType type) implements TraceValue {
    public Sequence {
      elements = List.copyOf(elements);
    }
  }

  /** A failed call's errno. */
  record Failure(String message) implements TraceValue {
    @Override
    public ValueType type() {
      return ValueType.ERRNO;
    }
  }

  /** No value: a function that returns nothing. */
  record Nothing() implements TraceValue {
    @Override
    public ValueType type() {
      return ValueType.NONE;
    }
  }

  TraceValue NOTHING = new Nothing();

  static TraceValue i32(long raw) {
    return new Int((int) raw, ValueType.I32);
  }

  static TraceValue u32(long raw) {
    return new Int(raw & 0xffffffffL, ValueType.U32);
  }

  static TraceValue i64(long value) {
    return new Int(value, ValueType.I64);
  }

  /** A u64 as the log stores it (in an i64): beyond i64's range it becomes a BigInt. */
  static TraceValue u64(long bits) {
    return bits >= 0 ? new Int(bits, ValueType.U64) : new BigUnsigned(bits, ValueType.U64);
  }

  static TraceValue fd(long raw) {
    return new Int((int) raw, ValueType.FD);
  }

  static TraceValue pointer(long raw) {
    return new Raw("0x" + Long.toHexString(raw & 0xffffffffL), ValueType.POINTER);
  }

  static TraceValue string(String text) {
    return new Text(text, ValueType.STRING);
  }

  static TraceValue flags(String text) {
    return new Text(text, ValueType.FLAGS);
  }

  static TraceValue bytes(String text) {
    return new Text(text, ValueType.BYTES);
  }

  static TraceValue strings(List<String> items) {
    return new Sequence(items.stream().map(TraceValue::string).toList(), ValueType.STRINGS);
  }
}
