package dev.wasitrace.analyzer.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The header fields of an HTTP message, in order, names as received. */
public record HttpHeaders(List<Field> fields) {
  /** One field; the value without the whitespace around it. */
  public record Field(String name, String value) {}

  public static final HttpHeaders NONE = new HttpHeaders(List.of());

  public HttpHeaders {
    fields = List.copyOf(fields);
  }

  /** The value of the first field named {@code name} (any case), or null. */
  public String first(String name) {
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return field.value();
      }
    }
    return null;
  }

  /**
   * The comma-separated elements of every field named {@code name}, trimmed and lowercased: {@code
   * Connection: keep-alive, Upgrade} gives {@code [keep-alive, upgrade]}.
   */
  public List<String> tokens(String name) {
    List<String> tokens = new ArrayList<>();
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        for (String token : field.value().split(",")) {
          String trimmed = token.strip().toLowerCase(Locale.ROOT);
          if (!trimmed.isEmpty()) {
            tokens.add(trimmed);
          }
        }
      }
    }
    return tokens;
  }

  /** Whether a field named {@code name} lists {@code token} (any case). */
  public boolean has(String name, String token) {
    return tokens(name).contains(token.toLowerCase(Locale.ROOT));
  }
}
