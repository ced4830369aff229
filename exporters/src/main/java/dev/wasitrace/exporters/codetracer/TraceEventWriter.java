package dev.wasitrace.exporters.codetracer;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code trace.json} event by event, as the array of externally tagged {@code
 * TraceLowLevelEvent}s CodeTracer reads (FORMAT.md §1.3), one event per line. Nothing is kept per
 * event, so a run of millions of calls streams in constant memory; only the interning tables
 * (paths, variable names) and counters live here.
 *
 * <p>Ids are positions in their tables, so the writer hands them out as it writes the defining
 * events, and refuses a Return without an open Call (CodeTracer's reader would panic on it).
 */
final class TraceEventWriter implements Closeable {
  // Characters beyond the BMP as 4-byte UTF-8, not as pairs of escaped surrogates.
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

  private final JsonGenerator json;
  private final FormatVersion version;
  private final List<String> paths = new ArrayList<>();
  private final Map<String, Integer> variables = new HashMap<>();
  private int functions;
  private long steps;
  private long calls;
  private long returns;
  private long events;
  private int openCalls;
  private boolean finished;

  TraceEventWriter(OutputStream out, FormatVersion version) throws IOException {
    this.version = requireNonNull(version);
    this.json = JSON.createGenerator(out, JsonEncoding.UTF8);
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    // Events are written as root values joined by ",\n" inside a hand-written [ ... ].
    json.setRootValueSeparator(new SerializedString(",\n"));
    json.writeRaw("[\n");
  }

  /** A Path event; returns its id. */
  int path(String path) throws IOException {
    json.writeStartObject();
    json.writeStringField("Path", path);
    json.writeEndObject();
    paths.add(path);
    return paths.size() - 1;
  }

  /** A Function event; returns its id. */
  int function(int pathId, long line, String name) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("Function");
    json.writeNumberField("path_id", pathId);
    json.writeNumberField("line", line);
    json.writeStringField("name", name);
    json.writeEndObject();
    json.writeEndObject();
    return functions++;
  }

  /** One Type event per {@link ValueType}, in order, so a type's id is its ordinal. */
  void types() throws IOException {
    for (ValueType type : ValueType.values()) {
      json.writeStartObject();
      json.writeObjectFieldStart("Type");
      json.writeNumberField("kind", type.kind());
      json.writeStringField("lang_type", type.langType());
      json.writeObjectFieldStart("specific_info");
      json.writeStringField("kind", "None");
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
    }
  }

  /** The id of a variable name, written as a VariableName event the first time. */
  int variable(String name) throws IOException {
    Integer id = variables.get(name);
    if (id != null) {
      return id;
    }
    json.writeStartObject();
    json.writeStringField("VariableName", name);
    json.writeEndObject();
    variables.put(name, variables.size());
    return variables.size() - 1;
  }

  void step(int pathId, long line) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("Step");
    json.writeNumberField("path_id", pathId);
    json.writeNumberField("line", line);
    json.writeEndObject();
    json.writeEndObject();
    steps++;
  }

  void call(int functionId, List<Arg> args) throws IOException {
    int[] ids = new int[args.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = variable(args.get(i).name()); // names are defined before the Call uses them
    }
    json.writeStartObject();
    json.writeObjectFieldStart("Call");
    json.writeNumberField("function_id", functionId);
    json.writeArrayFieldStart("args");
    for (int i = 0; i < ids.length; i++) {
      json.writeStartObject();
      json.writeNumberField("variable_id", ids[i]);
      json.writeFieldName("value");
      value(args.get(i).value());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
    calls++;
    openCalls++;
  }

  /** Closes the innermost open call. */
  void ret(TraceValue value) throws IOException {
    if (openCalls == 0) {
      throw new IllegalStateException("a Return without an open Call");
    }
    json.writeStartObject();
    json.writeObjectFieldStart("Return");
    json.writeFieldName("return_value");
    value(value);
    json.writeEndObject();
    json.writeEndObject();
    returns++;
    openCalls--;
  }

  void event(EventKind kind, String metadata, String content) throws IOException {
    json.writeStartObject();
    json.writeObjectFieldStart("Event");
    json.writeNumberField("kind", kind.number());
    json.writeStringField("metadata", metadata);
    json.writeStringField("content", content);
    json.writeEndObject();
    json.writeEndObject();
    events++;
  }

  private void value(TraceValue value) throws IOException {
    json.writeStartObject();
    if (value instanceof TraceValue.Int v) {
      json.writeStringField("kind", "Int");
      json.writeNumberField("i", v.value());
    } else if (value instanceof TraceValue.BigUnsigned v) {
      json.writeStringField("kind", "BigInt");
      json.writeStringField("b", Base64.getEncoder().encodeToString(magnitude(v.bits())));
      json.writeBooleanField("negative", false);
    } else if (value instanceof TraceValue.Text v) {
      json.writeStringField("kind", "String");
      json.writeStringField("text", v.text());
    } else if (value instanceof TraceValue.Raw v) {
      json.writeStringField("kind", "Raw");
      json.writeStringField("r", v.text());
    } else if (value instanceof TraceValue.Real v) {
      real(v.value());
    } else if (value instanceof TraceValue.Sequence v) {
      json.writeStringField("kind", "Sequence");
      json.writeArrayFieldStart("elements");
      for (TraceValue element : v.elements()) {
        value(element);
      }
      json.writeEndArray();
      json.writeBooleanField("is_slice", false);
    } else if (value instanceof TraceValue.Failure v) {
      json.writeStringField("kind", "Error");
      json.writeStringField("msg", v.message());
    } else {
      json.writeStringField("kind", "None");
    }
    json.writeNumberField("type_id", value.type().id());
    json.writeEndObject();
  }

  /**
   * A float: a string in Rust's f64 syntax from 0.16 on (Java's spelling of infinities and
   * exponents parses there too), a JSON number before, where infinities and NaN cannot be written
   * and become raw text.
   */
  private void real(double value) throws IOException {
    if (version.floatsAsStrings()) {
      json.writeStringField("kind", "Float");
      json.writeStringField("f", Double.toString(value));
    } else if (Double.isFinite(value)) {
      json.writeStringField("kind", "Float");
      json.writeNumberField("f", value);
    } else {
      json.writeStringField("kind", "Raw");
      json.writeStringField("r", Double.toString(value));
    }
  }

  /** The big-endian bytes of an unsigned 64-bit value whose top bit is set. */
  private static byte[] magnitude(long bits) {
    byte[] bytes = new byte[8];
    for (int i = 0; i < 8; i++) {
      bytes[i] = (byte) (bits >>> (56 - 8 * i));
    }
    return bytes;
  }

  /** Ends the array and flushes; the output stream stays open. */
  void finish() throws IOException {
    if (!finished) {
      finished = true;
      json.writeRaw("\n]\n");
      json.flush();
    }
  }

  @Override
  public void close() throws IOException {
    json.close();
  }

  /** The Path events written, in order: trace_paths.json. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  long steps() {
    return steps;
  }

  long calls() {
    return calls;
  }

  long returns() {
    return returns;
  }

  long events() {
    return events;
  }

  int openCalls() {
    return openCalls;
  }
}
