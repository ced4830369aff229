package dev.wasitrace.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints what it found: for people (aligned columns) or for programs. */
enum OutputFormat {
  TABLE,
  CSV,
  JSON;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Accepts the lower-case names users type. */
  static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.label().equals(value.toLowerCase(Locale.ROOT))) {
          return format;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not an output format (expected table, csv or json)");
    }
  }

  /** The names listed in --help. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(OutputFormat::label).iterator();
    }
  }
}
