package dev.wasitrace.exporters.codetracer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceEventWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private interface Events {
    void write(TraceEventWriter writer) throws IOException;
  }

  private static String write(FormatVersion version, Events events) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TraceEventWriter writer = new TraceEventWriter(out, version)) {
      events.write(writer);
      writer.finish();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesOneExternallyTaggedEventPerLineInOneArray() throws IOException {
    String text =
        write(
            FormatVersion.V0_16,
            w -> {
              int path = w.path("/p/a.c");
              w.call(w.function(path, 1, "<toplevel>"), List.of());
              w.types();
              w.step(path, 3);
              w.call(
                  w.function(path, 3, "fd_write"),
                  List.of(new Arg("fd", TraceValue.fd(1)), new Arg("iovs", TraceValue.bytes("x"))));
              w.event(EventKind.WRITE, "{}", "x\n");
              w.ret(TraceValue.i64(1));
            });
    String[] lines = text.split("\n");
    assertEquals("[", lines[0]);
    assertEquals("]", lines[lines.length - 1]);
    JsonNode events = JSON.readTree(text);
    assertEquals(lines.length - 2, events.size());
    for (JsonNode event : events) {
      assertEquals(1, event.size(), event.toString());
    }
    assertEquals("/p/a.c", events.get(0).get("Path").asText());
    JsonNode call = events.get(events.size() - 3).get("Call");
    assertEquals(1, call.get("function_id").asInt());
    assertEquals(0, call.get("args").get(0).get("variable_id").asInt());
    assertEquals("Int", call.get("args").get(0).get("value").get("kind").asText());
    assertEquals(ValueType.FD.id(), call.get("args").get(0).get("value").get("type_id").asInt());
    assertEquals("x\n", events.get(events.size() - 2).get("Event").get("content").asText());
    assertEquals(0, events.get(events.size() - 2).get("Event").get("kind").asInt());
  }

  @Test
  void typesComeInValueTypeOrderWithNoneFirst() throws IOException {
    JsonNode events = JSON.readTree(write(FormatVersion.V0_16, TraceEventWriter::types));
    assertEquals(ValueType.values().length, events.size());
    assertEquals(30, events.get(0).get("Type").get("kind").asInt());
    for (ValueType type : ValueType.values()) {
      JsonNode written = events.get(type.id()).get("Type");
      assertEquals(type.langType(), written.get("lang_type").asText());
      assertEquals(type.kind(), written.get("kind").asInt());
    }
  }

  @Test
  void variableNamesAreDefinedOnceBeforeTheirFirstUse() throws IOException {
    JsonNode events =
        JSON.readTree(
            write(
                FormatVersion.V0_16,
                w -> {
                  int f = w.function(w.path("/a.c"), 1, "f");
                  w.call(f, List.of(new Arg("fd", TraceValue.fd(3))));
                  w.call(f, List.of(new Arg("fd", TraceValue.fd(4))));
                }));
    assertEquals(List.of("Path", "Function", "VariableName", "Call", "Call"), variants(events));
  }

  @Test
  void floatsAreStringsFrom016AndNumbersIn014() throws IOException {
    Events real =
        w -> {
          w.call(w.function(w.path("/a.c"), 1, "f"), List.of());
          w.ret(new TraceValue.Real(2.5, ValueType.F64));
          w.call(0, List.of());
          w.ret(new TraceValue.Real(Double.POSITIVE_INFINITY, ValueType.F64));
        };
    JsonNode v16 = JSON.readTree(write(FormatVersion.V0_16, real));
    JsonNode v14 = JSON.readTree(write(FormatVersion.V0_14, real));
    JsonNode f16 = v16.get(3).get("Return").get("return_value");
    JsonNode f14 = v14.get(3).get("Return").get("return_value");
    assertEquals("Float", f16.get("kind").asText());
    assertTrue(f16.get("f").isTextual(), f16.toString());
    assertEquals("2.5", f16.get("f").asText());
    assertTrue(f14.get("f").isNumber(), f14.toString());
    assertEquals(2.5, f14.get("f").asDouble());
    // JSON numbers cannot hold infinity: 0.14 shows it as raw text.
    assertEquals("Infinity", v16.get(5).get("Return").get("return_value").get("f").asText());
    assertEquals("Raw", v14.get(5).get("Return").get("return_value").get("kind").asText());
  }

  @Test
  void unsignedValuesAboveI64AreBigIntsWithTheirBigEndianMagnitude() throws IOException {
    JsonNode events =
        JSON.readTree(
            write(
                FormatVersion.V0_16,
                w -> {
                  w.call(w.function(w.path("/a.c"), 1, "f"), List.of());
                  w.ret(TraceValue.u64(-1L));
                }));
    JsonNode value = events.get(3).get("Return").get("return_value");
    assertEquals("BigInt", value.get("kind").asText());
    assertEquals(false, value.get("negative").asBoolean());
    byte[] magnitude = Base64.getDecoder().decode(value.get("b").asText());
    assertEquals(new BigInteger("18446744073709551615"), new BigInteger(1, magnitude));
    JsonNode max =
        JSON.readTree(
            write(
                FormatVersion.V0_16,
                w -> {
                  w.call(w.function(w.path("/a.c"), 1, "f"), List.of());
                  w.ret(TraceValue.u64(Long.MAX_VALUE));
                }));
    assertEquals("Int", max.get(3).get("Return").get("return_value").get("kind").asText());
  }

  @Test
  void errnoNoneAndSequenceValues() throws IOException {
    JsonNode events =
        JSON.readTree(
            write(
                FormatVersion.V0_16,
                w -> {
                  int f = w.function(w.path("/a.c"), 1, "f");
                  w.call(f, List.of(new Arg("argv", TraceValue.strings(List.of("a", "b")))));
                  w.ret(new TraceValue.Failure("ENOENT"));
                  w.call(f, List.of());
                  w.ret(TraceValue.NOTHING);
                }));
    JsonNode seq = events.get(3).get("Call").get("args").get(0).get("value");
    assertEquals("Sequence", seq.get("kind").asText());
    assertEquals("b", seq.get("elements").get(1).get("text").asText());
    assertEquals(false, seq.get("is_slice").asBoolean());
    JsonNode error = events.get(4).get("Return").get("return_value");
    assertEquals("Error", error.get("kind").asText());
    assertEquals("ENOENT", error.get("msg").asText());
    assertEquals(ValueType.ERRNO.id(), error.get("type_id").asInt());
    JsonNode none = events.get(6).get("Return").get("return_value");
    assertEquals("None", none.get("kind").asText());
    assertEquals(0, none.get("type_id").asInt());
  }

  @Test
  void textIsUtf8AndEscapedAsJsonRequires() throws IOException {
    String tricky = "tab\t quote\" nul\u0000 é 😀";
    String text =
        write(
            FormatVersion.V0_16,
            w -> {
              w.path("/a.c");
              w.event(EventKind.WRITE, "{}", tricky);
            });
    assertEquals(tricky, JSON.readTree(text).get(1).get("Event").get("content").asText());
    assertTrue(text.contains("é 😀"), "non-ASCII stays UTF-8: " + text);
  }

  @Test
  void aReturnWithoutAnOpenCallIsRefused() {
    assertThrows(
        IllegalStateException.class,
        () -> write(FormatVersion.V0_16, w -> w.ret(TraceValue.NOTHING)));
  }

  @Test
  void countsWhatItWrote() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TraceEventWriter w = new TraceEventWriter(out, FormatVersion.V0_16)) {
      int f = w.function(w.path("/a.c"), 1, "f");
      w.call(f, List.of());
      w.step(0, 1);
      w.call(f, List.of());
      w.event(EventKind.ERROR, "{}", "x");
      w.ret(TraceValue.NOTHING);
      assertEquals(2, w.calls());
      assertEquals(1, w.returns());
      assertEquals(1, w.openCalls());
      assertEquals(1, w.steps());
      assertEquals(1, w.events());
      assertEquals(List.of("/a.c"), w.paths());
    }
  }

  private static List<String> variants(JsonNode events) {
    List<String> names = new ArrayList<>();
    events.forEach(e -> names.add(e.fieldNames().next()));
    return names;
  }
}
